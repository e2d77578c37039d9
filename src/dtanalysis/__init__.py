"""dtanalysis: Vietnam's provincial digital transformation (DTI), cleaned, validated and
compared, every number with its source.

    >>> import dtanalysis
    >>> dtanalysis.province("TP.HCM").code
    '79'
    >>> dti = dtanalysis.load("dti")
    >>> dtanalysis.indices()                   # the national indices: DTI, PCI, PAPI, …
    >>> dtanalysis.scores("pci", province="Hải Phòng")   # one index's values, with sources
    >>> result = dtanalysis.build()            # clean → validate → reports → index

`dtanalysis.builder.report(...)` runs chosen province reports; `dtanalysis.report` is the
package of report sections the notebooks display.
"""

__version__ = "0.5.0"

# Loaded on first use, so `dtanalysis --help` and `import dtanalysis` stay fast.
_API = {
    "load": ("dtanalysis.pipeline.store", "load"),
    "indices": ("dtanalysis.pipeline.store", "indices"),
    "scores": ("dtanalysis.pipeline.store", "scores"),
    "province": ("dtanalysis.domain.registry", "province"),
    "build": ("dtanalysis.builder", "build"),
    "DtanalysisError": ("dtanalysis.errors", "DtanalysisError"),
}

__all__ = ["DtanalysisError", "__version__", "build", "indices", "load", "province", "scores"]


def __getattr__(name: str):
    if name in _API:
        from importlib import import_module  # `import dtanalysis` stays instant

        module, attribute = _API[name]
        return getattr(import_module(module), attribute)
    raise AttributeError(f"module 'dtanalysis' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
