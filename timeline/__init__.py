"""timeline: news articles in, TIMEX3-dated events and organisation graphs out.

Public API::

    import timeline
    result = timeline.extract("2014年，区工商联成立了服务中心。", dct="2019-06-03")
    result.to_dict()          # the JSON of shared/eval/README.md
    timeline.extract_files(["seeds/000_b0a8ce1bfdd55632.txt"])

Heavy libraries (plotly, dateparser, trafilatura) are imported lazily by the stages that use them.
"""
__version__ = "0.1.0"

from .pipeline import extract, extract_files  # noqa: E402

__all__ = ["extract", "extract_files", "__version__"]
