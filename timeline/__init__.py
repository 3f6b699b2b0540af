"""timeline: news articles in, TIMEX3-dated events and organisation graphs out.

Public API::

    import timeline
    result = timeline.extract("2014年，区工商联成立了服务中心。", dct="2019-06-03")
    result.to_dict()          # the JSON of shared/eval/README.md
    timeline.extract_files(["seeds/000_b0a8ce1bfdd55632.txt"])
    timeline.extract_files(["tests/genre"], settings=timeline.Settings(dct="2019-06-03", lang="zh"))

Heavy libraries (plotly, dateparser, trafilatura) are imported lazily by the stages that use them.
"""
from ._version import __version__
from .pipeline import extract, extract_files
from .settings import Settings, SettingsError

__all__ = ["extract", "extract_files", "Settings", "SettingsError", "__version__"]
