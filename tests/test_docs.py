"""docs/bad-input.md stays true: every test it names exists, and every test of the bad-input
files is named there."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "bad-input.md"
BAD_INPUT_FILES = ("tests/ingest/test_rawfile.py", "tests/test_bad_input.py",
                   "tests/test_hostile_content.py", "tests/pipeline/test_store_csv.py",
                   "tests/test_bad_input_r3.py", "tests/test_hostile_data_docs.py")


def _tests(file: str) -> set[str]:
    tree = ast.parse((ROOT / file).read_text(encoding="utf-8"))
    return {node.name for node in tree.body
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}


def test_bad_input_page_names_real_tests_and_all_of_them():
    named = set(re.findall(r"`(tests/[\w/]+\.py)::(test_\w+)`", PAGE.read_text("utf-8")))
    assert named
    missing = sorted(f"{f}::{t}" for f, t in named if t not in _tests(f))
    assert not missing, f"docs/bad-input.md names tests that do not exist: {missing}"
    unnamed = sorted(f"{f}::{t}" for f in BAD_INPUT_FILES for t in _tests(f)
                     if (f, t) not in named)
    assert not unnamed, f"tests not listed in docs/bad-input.md: {unnamed}"


def test_readme_links_the_page():
    assert "docs/bad-input.md" in (ROOT / "README.md").read_text(encoding="utf-8")
