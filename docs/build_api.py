"""`make docs`: the API reference of dtanalysis's public API, built offline with pdoc into
docs/site/ (git-ignored): every name of `dtanalysis.__all__` (load, scores, indices, province,
build, the error base class, and any name added there later, such as `compare`) and the
errors module (`dtanalysis.errors`: every expected error). A warning from pdoc (a name of
`__all__` that does not resolve, a docstring it cannot read) fails the build: exit 1, the
warnings on stderr.

    .venv/bin/python docs/build_api.py [--out DIR]
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

MODULES = ("dtanalysis", "dtanalysis.errors")


def build(out: Path) -> list[str]:
    """Write the reference into `out`; the warnings pdoc gave, as text."""
    import pdoc
    import pdoc.render

    import dtanalysis

    # `dtanalysis` loads its public names on first use (`__getattr__`): pdoc reads a module's
    # __dict__, so each name of __all__ is looked up once here and put there.
    for name in dtanalysis.__all__:
        vars(dtanalysis)[name] = getattr(dtanalysis, name)
    pdoc.render.configure(docformat="markdown", footer_text=f"dtanalysis {dtanalysis.__version__}",
                          search=True, show_source=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pdoc.pdoc(*MODULES, output_directory=out)
    return [f"{w.category.__name__}: {w.message}" for w in caught]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "site")
    args = parser.parse_args(argv)
    problems = build(args.out)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"API reference: {args.out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
