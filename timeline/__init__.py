"""timeline: news articles in, TIMEX3-dated events and organisation graphs out.

Public API::

    import timeline
    result = timeline.extract("2014年，区工商联成立了服务中心。", dct="2019-06-03")
    result.to_dict()          # the JSON of shared/eval/README.md
    timeline.extract_files(["seeds/000_b0a8ce1bfdd55632.txt"])
    timeline.extract_files(["tests/genre"], settings=timeline.Settings(dct="2019-06-03", lang="zh"))

Heavy libraries (plotly, dateparser, trafilatura) are imported lazily by the stages that use them.
"""
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .pipeline import extract, extract_files
    from .settings import Settings, SettingsError

__all__ = ["extract", "extract_files", "Settings", "SettingsError", "__version__"]

_LAZY = {"extract": "pipeline", "extract_files": "pipeline", "Settings": "settings", "SettingsError": "settings"}


def __getattr__(name: str) -> Any:
    """The public API, imported on first use, so that ``timeline --help`` (and any
    ``timeline.<module>`` import) does not load every stage."""
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
