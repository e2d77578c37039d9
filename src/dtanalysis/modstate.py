"""Module state of dtanalysis inside a warm report kernel: taken once after the warm-up
(`snapshot`) and put back before every report (`restore`), so that a notebook which rebinds a
module attribute (`dtanalysis.report.X = …`), changes a module-level dict, list or set in place
(`STATUS_COLOURS["official"] = …`) cannot pass it on to the next province's report.
dtanalysis modules first imported after the snapshot are dropped, to be imported afresh. The
package's caches are not looked for here: they have one owner, `dtanalysis.caches`, which the
reset clears by name after `restore`.

Runs inside the kernel (see runner.kernels.RESET); imports nothing from the package.
"""

from __future__ import annotations

import copy
import os
import sys
import warnings
from types import ModuleType

PREFIX = "dtanalysis"
_PLAIN = (str, bytes, int, float, bool, type(None))
_saved: dict[str, tuple[ModuleType, dict, dict]] = {}  # module → (module, names, containers)
_process: dict[str, object] = {}  # the kernel's environ, working folder and pandas options


def _ours(name: str) -> bool:
    return name == PREFIX or name.startswith(PREFIX + ".")


def _plain(value, depth: int = 0) -> bool:
    """Plain data (safe to deep-copy and compare): str, numbers, and containers of them."""
    if isinstance(value, _PLAIN):
        return True
    if depth > 6:
        return False
    if isinstance(value, dict):
        return all(_plain(k, depth + 1) and _plain(v, depth + 1) for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return all(_plain(v, depth + 1) for v in value)
    return False


def snapshot() -> int:
    """Remember every loaded dtanalysis module's names and plain mutable containers, and the
    kernel's `os.environ`, working folder and pandas options."""
    _process.clear()
    _process.update(environ=dict(os.environ), cwd=os.getcwd())
    if "pandas" in sys.modules:
        _process["pandas"] = _pandas_options()
    _saved.clear()
    for name, module in list(sys.modules.items()):
        if module is None or not _ours(name):
            continue
        names = dict(vars(module))
        containers = {k: copy.deepcopy(v) for k, v in names.items()
                      if isinstance(v, (dict, list, set)) and not k.startswith("__")
                      and _plain(v)}
        _saved[name] = (module, names, containers)
    return len(_saved)


def restore() -> None:
    """Put every snapshotted module back as it was; drop dtanalysis modules loaded since."""
    _restore_process()
    if not _saved:
        return
    for name in [n for n in sys.modules if _ours(n) and n not in _saved]:
        del sys.modules[name]
        parent, _, child = name.rpartition(".")
        if parent in sys.modules and getattr(sys.modules[parent], child, None) is not None:
            try:
                delattr(sys.modules[parent], child)
            except AttributeError:
                pass
    for name, (module, names, containers) in _saved.items():
        sys.modules[name] = module
        space = vars(module)
        for key in [k for k in space if k not in names]:
            del space[key]
        for key, value in names.items():
            if space.get(key, _MISSING) is not value:
                space[key] = value
        for key, saved in containers.items():
            current = space[key]
            if current != saved:
                fresh = copy.deepcopy(saved)
                if isinstance(current, dict):
                    current.clear()
                    current.update(fresh)
                elif isinstance(current, list):
                    current[:] = fresh
                else:
                    current.clear()
                    current.update(fresh)


_MISSING = object()


def _restore_process() -> None:
    """`os.environ`, the working folder and pandas' options as `snapshot` found them (a
    notebook's `os.environ[...] = …`, `os.chdir(…)` or `pd.set_option(…)` must not reach the
    next report)."""
    environ = _process.get("environ")
    if isinstance(environ, dict):
        for key in [k for k in os.environ if k not in environ]:
            del os.environ[key]
        for key, value in environ.items():
            if os.environ.get(key) != value:
                os.environ[key] = value
    cwd = _process.get("cwd")
    if isinstance(cwd, str):
        try:
            os.chdir(cwd)
        except OSError:  # the folder is gone: the runner sees it (WarmKernel.at_home)
            pass
    saved = _process.get("pandas")
    if isinstance(saved, dict) and "pandas" in sys.modules:
        from pandas._config import config

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for key, value in saved.items():
                try:
                    if config.get_option(key) != value:
                        config.set_option(key, value)
                except (KeyError, ValueError, TypeError):  # an option pandas no longer has
                    continue


def _pandas_options() -> dict[str, object]:
    from pandas._config import config

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {key: config.get_option(key) for key in config._registered_options
                if key not in config._deprecated_options}
