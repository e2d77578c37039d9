"""No module of the package uses another module's private names (`_name`): a helper two modules
share is public where it lives (issue "The house, local fixes", part 4). Beside the import
contracts (`test_layers.py`): read from the source with `ast`, so a lazy import inside a function
counts too, and so does `module._name` on a module of the package taken by `from . import x`."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Names still taken across modules while their fix is pending: none (the ingest header words
# are the one public vocabulary of `ingest.headers`). Each entry must still be there (a stale
# one fails), so the set only shrinks.
PENDING: set[tuple[str, str, str]] = set()


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _module(path: Path, src: Path) -> tuple[str, str]:
    """The dotted name of the module at `path` and of the package its relative imports start
    from."""
    parts = list(path.relative_to(src).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
        return ".".join(parts), ".".join(parts)
    return ".".join(parts), ".".join(parts[:-1])


def _target(node: ast.ImportFrom, package: str) -> str:
    if not node.level:
        return node.module or ""
    base = package.split(".")
    base = base[:len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _is_module(name: str, src: Path) -> bool:
    path = src.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def private_uses(src: Path) -> set[tuple[str, str, str]]:
    """(module, other module, private name) for every private name a module of `src/dtanalysis`
    takes from another module of the package."""
    found = set()
    for path in sorted((src / "dtanalysis").rglob("*.py")):
        module, package = _module(path, src)
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        modules: dict[str, str] = {}  # local name → a module of the package it stands for
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                target = _target(node, package)
                if target.split(".")[0] != "dtanalysis":
                    continue
                for alias in node.names:
                    if _is_module(f"{target}.{alias.name}", src):
                        modules[alias.asname or alias.name] = f"{target}.{alias.name}"
                    if _private(alias.name) and target != module:
                        found.add((module, target, alias.name))
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == "dtanalysis" and alias.asname:
                        modules[alias.asname] = alias.name
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in modules and _private(node.attr)
                    and modules[node.value.id] != module):
                found.add((module, modules[node.value.id], node.attr))
    return found


def test_no_module_takes_another_modules_private_names():
    found = private_uses(ROOT / "src")
    assert found - PENDING == set(), sorted(found - PENDING)
    assert PENDING - found == set(), f"no longer used, remove from PENDING: {PENDING - found}"


def test_a_private_import_or_attribute_across_modules_is_caught(tmp_path):
    """The check can fail: a lazy `from .x import _y` in a function and a `module._y` on a
    module taken by `from .. import x` are both found."""
    shutil.copytree(ROOT / "src" / "dtanalysis", tmp_path / "dtanalysis")
    briefing = tmp_path / "dtanalysis" / "report" / "sections" / "briefing.py"
    briefing.write_text(briefing.read_text(encoding="utf-8") + (
        "\n\ndef _spoiled():\n    from .targets import _helper\n    return _helper\n"),
        encoding="utf-8")
    maps = tmp_path / "dtanalysis" / "analysis" / "maps.py"
    maps.write_text(maps.read_text(encoding="utf-8") + (
        "\nfrom . import indices as ix  # noqa\n\n\ndef _spoiled():\n"
        "    return ix._build_catalogue\n"), encoding="utf-8")
    found = private_uses(tmp_path) - PENDING
    assert found == {
        ("dtanalysis.report.sections.briefing", "dtanalysis.report.sections.targets", "_helper"),
        ("dtanalysis.analysis.maps", "dtanalysis.analysis.indices", "_build_catalogue"),
    }
