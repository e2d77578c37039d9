"""The package's caches, each registered here by name: one owner that can list and clear them.

    @caches.cached("domain.registry", maxsize=8)       # an lru_cache, registered
    def _registry_at(path: str, mtime: float) -> Registry: ...

    caches.register("analysis.data", _LOADED.clear)    # any other cache: its clear function
    caches.clear("domain.registry"); caches.clear_all(keep=("analysis.data",))

A warm report kernel clears them by name before every report (`runner.kernels.RESET`), keeping
only the loaded `Data` (the tables of an unchanged folder and what analyses derived from them):
nothing a report cached can reach the next one, and the module state snapshot
(`dtanalysis.modstate`) need not look for caches. A cache is a function of its arguments (a
path with its modification time, a file's digest): clearing one costs time, never a result.

Imports nothing from the package (every layer registers here).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable

_CLEARS: dict[str, Callable[[], None]] = {}  # name → the function that empties the cache
_LOCK = threading.Lock()


def register(name: str, clear: Callable[[], None]) -> None:
    """Own the cache `name`, emptied by `clear()`. A module imported again (a warm kernel drops
    modules first imported by a report) registers its new cache under the same name."""
    with _LOCK:
        _CLEARS[name] = clear


def cached(name: str, maxsize: int | None = 128):
    """`functools.lru_cache(maxsize)` registered as `name` (`maxsize=None`: unbounded)."""

    def decorate(function):
        wrapped = functools.lru_cache(maxsize=maxsize)(function)
        register(name, wrapped.cache_clear)
        return wrapped

    return decorate


def names() -> tuple[str, ...]:
    """The registered caches, sorted."""
    with _LOCK:
        return tuple(sorted(_CLEARS))


def clear(*names_: str) -> None:
    """Empty the caches named; KeyError for a name nobody registered (a cache renamed in one
    place only must not be silently kept)."""
    with _LOCK:
        unknown = [n for n in names_ if n not in _CLEARS]
        if unknown:
            raise KeyError(f"no cache registered as {', '.join(map(repr, unknown))}")
        clears = [_CLEARS[n] for n in names_]
    for function in clears:
        function()


def clear_all(keep: Iterable[str] = ()) -> tuple[str, ...]:
    """Empty every registered cache but those in `keep`; the names emptied."""
    kept = set(keep)
    emptied = tuple(n for n in names() if n not in kept)
    clear(*emptied)
    return emptied
