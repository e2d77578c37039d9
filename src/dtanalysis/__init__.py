"""dtanalysis: Vietnam's provincial digital transformation (DTI), cleaned, validated and
compared, every number with its source.

    >>> import dtanalysis
    >>> dtanalysis.province("TP.HCM").code
    '79'
    >>> dti = dtanalysis.load("dti")
"""

__version__ = "0.1.0"

__all__ = ["__version__", "load", "province"]


def __getattr__(name):
    # Lazy, so `dtanalysis --help` and `import dtanalysis` stay fast.
    if name == "load":
        from .store import load
        return load
    if name == "province":
        from .registry import province
        return province
    raise AttributeError(name)
