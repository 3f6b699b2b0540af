"""The ``timeline`` command line: ``build``, ``extract``, ``graph``, ``render``, ``evaluate``,
``evaluate-ner``.

The commands only parse arguments and call the library's public stages (``timeline.settings``,
``timeline.pipeline``, ``timeline.graph``, ``timeline.export``, ``timeline.render``,
``timeline.evaluate``); heavy
modules are imported inside the command functions so that ``timeline --help`` starts fast.

Exit codes (documented in README.md, "Exit codes"):

* ``0``: every document was processed;
* ``1``: bad input: some document could not be read or processed (each is reported and
  skipped, the others are processed and written), or nothing could be processed;
* ``2``: usage: a bad option value, a missing path (alone; among other inputs: 1), a folder
  with no documents, an unknown output format (nothing is read or written).

``render`` reads an ``events.json`` instead of documents (``export.read_events_json``); a file that
fails its checks is one line naming the file and the key, exit code 1.

Every error is one line on stderr, ``timeline: <path>: <reason>``; ``--debug`` adds the
traceback of an unexpected failure.
"""
from __future__ import annotations

import contextlib
import json
import logging
import sys
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Optional, cast

import typer

from ._version import __version__

app = typer.Typer(
    name="timeline",
    help="Turn news articles (Chinese and English) into TIMEX3-dated event timelines and "
         "organisation graphs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2
DEFAULT_MAX_SIZE = "16M"
"""``--max-size`` default (``timeline.budget.DEFAULT_MAX_SIZE``)."""
DEFAULT_TIMEOUT = 120.0
"""``--timeout`` default in seconds (``timeline.budget.DEFAULT_SECONDS``)."""
DEFAULT_MIN_CONFIDENCE = 0.5
"""``--min-confidence`` default (``timeline.settings.DEFAULT_MIN_CONFIDENCE``)."""
PROGRESS_MIN_DOCUMENTS = 4
"""A progress bar is shown from this many input files on (on a terminal, without ``--quiet``)."""

_LIBRARY_LOGGERS = ("trafilatura", "htmldate", "charset_normalizer", "readability", "justext")

# --------------------------------------------------------------------------- shared options
# Defined once, used by every command.

Inputs = Annotated[list[str], typer.Argument(
    help="Files, folders (read recursively) or - for standard input. Read: .txt .md .html "
         ".htm .jsonl (one {\"id\",\"text\",\"dct\"} object a line).",
    metavar="INPUT...", show_default=False)]
DctOpt = Annotated[Optional[str], typer.Option(
    "--dct", metavar="YYYY-MM-DD",
    help="Document creation time for every document (ISO 8601 date); overrides the date found "
         "in the page. Relative dates such as 'this April' are resolved on it.")]
LangOpt = Annotated[str, typer.Option(
    "--lang", metavar="auto|zh|en", help="Language of the documents; auto detects it per document.")]
EncodingOpt = Annotated[Optional[str], typer.Option(
    "--encoding", metavar="NAME",
    help="Decode every input with this encoding (utf-8, gb18030, big5 ...) instead of detecting it.")]
GlobOpt = Annotated[Optional[str], typer.Option(
    "--glob", metavar="PATTERN",
    help="In folders, read the files whose path matches PATTERN (e.g. '*.txt'); default: "
         "the supported suffixes.")]
GazetteerOpt = Annotated[Optional[str], typer.Option(
    "--gazetteer", metavar="FILE", help="A gazetteer of known organisations, people and places "
                                        "to recognise besides the built-in rules: UTF-8 text, one "
                                        "entry a line, NAME[<TAB>ORG|PER|LOC[<TAB>ALIAS|ALIAS...]].")]
MaxSizeOpt = Annotated[str, typer.Option(
    "--max-size", metavar="SIZE",
    help="Largest document read, in bytes or with K, M, G (a file, standard input or one "
         "JSON Lines record); a larger one is reported and skipped. 0: no limit.")]
TimeoutOpt = Annotated[float, typer.Option(
    "--timeout", metavar="SECONDS",
    help="Time budget of one document (reading it, then extracting from it); a document that "
         "takes longer is reported and skipped, the others go on. 0: no budget.")]
JobsOpt = Annotated[int, typer.Option(
    "--jobs", "-j", metavar="N",
    help="Extract N documents at once, in worker processes (or N Dask workers of a local cluster); "
         "0: one a core; 1: in this process. The results are the same.")]
EngineOpt = Annotated[str, typer.Option(
    "--engine", metavar="local|dask",
    help="Where documents are extracted: local (this machine) or dask (a Dask cluster; needs "
         "pip install 'timeline\\[dask]').")]
SchedulerOpt = Annotated[Optional[str], typer.Option(
    "--scheduler", metavar="ADDRESS",
    help="With --engine dask: the address of a running Dask scheduler (tcp://host:8786); "
         "default: a local cluster of --jobs workers.")]
MinConfidenceOpt = Annotated[float, typer.Option(
    "--min-confidence", metavar="0..1",
    help="Leave out events whose confidence (from how the event is told: its verb, the "
         "precision of its date, who takes part ...) is below this; 0 keeps every event.")]
QuietOpt = Annotated[bool, typer.Option(
    "--quiet", "-q", help="Print errors only: no progress bar, summary or warnings.")]
DebugOpt = Annotated[bool, typer.Option(
    "--debug", help="Show tracebacks and library log messages.")]
TitleOpt = Annotated[Optional[str], typer.Option(
    "--title", metavar="TEXT", help="Title of the page (default: the headline of a single article; for "
                                    "several, their count, years and main organisations).")]


@dataclass
class Common:
    """The options every command shares; ``settings`` is made (and so validated) once, by
    ``_run``, before the command body runs."""

    inputs: list[str]
    dct: str | None = None
    lang: str = "auto"
    encoding: str | None = None
    glob: str | None = None
    gazetteer: str | None = None
    quiet: bool = False
    debug: bool = False
    max_size: str = DEFAULT_MAX_SIZE
    timeout: float = DEFAULT_TIMEOUT
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    jobs: int = 0
    engine: str = "local"
    scheduler: str | None = None
    settings: Any = None
    errors_reported: int = 0   # documents reported as failed so far (the exit code of a cut pipe)

    def check(self) -> None:
        """Make ``settings`` from the options; raises ``UsageError`` naming the bad option."""
        from .settings import Settings, SettingsError

        try:
            self.settings = Settings(dct=self.dct, lang=self.lang, encoding=self.encoding, glob=self.glob,
                                     gazetteer=self.gazetteer, max_size=self.max_size, timeout=self.timeout,
                                     min_confidence=self.min_confidence, jobs=self.jobs, engine=self.engine,
                                     scheduler=self.scheduler)
        except SettingsError as exc:
            raise UsageError(str(exc) if exc.names_file else f"--{exc.option}: {exc}") from None


class UsageError(Exception):
    """A bad option value or argument: reported on one line, exit code 2."""


class Failure(Exception):
    """A failure reported on one line with exit code 1 (e.g. an output that cannot be written)."""


# --------------------------------------------------------------------------- reporting


def _say(message: str) -> None:
    typer.echo(f"timeline: {' '.join(str(message).split())}", err=True)


def _setup_logging(common: Common) -> None:
    if common.debug:
        logging.basicConfig(level=logging.DEBUG, stream=sys.stderr,
                            format="%(levelname)s %(name)s: %(message)s")
    else:
        for name in _LIBRARY_LOGGERS:
            logging.getLogger(name).setLevel(logging.ERROR)


GC_THRESHOLD = 100_000
"""The garbage collector's first-generation threshold in a command (Python's default: 700). A
build holds millions of small objects that live to its end; with the default threshold the
collector keeps walking them (a third of the time of graph building and reading the store
back, measured on 1,000 articles). Cycles are still collected, less often."""


def _run(common: Common, body: Callable[[], int]) -> None:
    """Run a command body and turn its outcome into one-line messages and an exit code."""
    import gc

    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    _setup_logging(common)
    from .pipeline import InputError

    try:
        common.check()
        code = body()
    except (InputError, UsageError) as exc:
        if common.debug:
            traceback.print_exc()
        _say(str(exc))
        code = EXIT_USAGE
    except Failure as exc:
        if common.debug:
            traceback.print_exc()
        _say(str(exc))
        code = EXIT_BAD_INPUT
    except KeyboardInterrupt:
        _say("interrupted")
        code = 130
    except BrokenPipeError:
        # The reader of standard output went away (``timeline extract ... | head``): stop
        # quietly with the code of what was done so far (1 when a document had failed), and
        # keep Python from complaining when it flushes stdout at exit.
        _silence_stdout()
        code = EXIT_BAD_INPUT if common.errors_reported else EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the one place that turns a crash into a message
        if common.debug:
            traceback.print_exc()
        _say(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)")
        code = EXIT_BAD_INPUT
    raise typer.Exit(code)


def _silence_stdout() -> None:
    """Point standard output at the null device (what is still buffered goes nowhere)."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _emit(text: str) -> None:
    """Print one result on standard output; a write that fails (a full disk: ``> /dev/full``)
    is a one-line ``Failure``, not an internal error. ``BrokenPipeError`` passes through."""
    try:
        typer.echo(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _silence_stdout()
        raise Failure(f"standard output: cannot write: {exc.strerror or exc}") from None


class _Reporter:
    """Per-document callback for ``pipeline.extract_files``: a progress bar (rich, on stderr,
    only on a terminal, from ``PROGRESS_MIN_DOCUMENTS`` input files or any ``.jsonl``),
    warnings and errors as they happen."""

    def __init__(self, common: Common, sources: list[str]) -> None:
        self.common = common
        self.reported: set[int] = set()
        self.progress = None
        self.task = None
        lines = any(s.lower().endswith(".jsonl") for s in sources)
        if not common.quiet and (len(sources) >= PROGRESS_MIN_DOCUMENTS or lines) and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.progress = Progress(TextColumn("{task.description}"), BarColumn(),
                                     MofNCompleteColumn(), console=Console(stderr=True),
                                     transient=True)
            # A .jsonl file holds an unknown number of documents: no total then.
            self.task = self.progress.add_task("documents", total=None if lines else len(sources))
            self.progress.start()

    def __call__(self, item: Any) -> None:
        """Report one ``Extraction`` (one document) or ``DocumentError``."""
        from .model import DocumentError

        if isinstance(item, DocumentError):
            self.error(item)
        elif not self.common.quiet:
            doc = item.documents[0]
            for note in doc.warnings:
                self.warn(_where(doc), f"warning: {note}")
            if doc.dct is None:
                self.warn(_where(doc), "warning: no document date (DCT) found; relative dates "
                                       "stay underspecified (give one with --dct YYYY-MM-DD)")
        if self.progress is not None and self.task is not None:
            self.progress.advance(self.task)

    def line(self, message: str) -> None:
        """Print the warning ``timeline: <message>`` unless ``--quiet``."""
        if not self.common.quiet:
            where, _, rest = message.partition(": ")
            self.warn(where, rest)

    def warn(self, where: str, message: str) -> None:
        """Print ``timeline: <where>: <message>`` (above the progress bar when there is one)."""
        if self.progress is not None:
            self.progress.console.print(f"timeline: {where}: {message}", markup=False, highlight=False)
        else:
            _say(f"{where}: {message}")

    def error(self, err: Any) -> None:
        if id(err) in self.reported:
            return
        self.reported.add(id(err))
        self.common.errors_reported += 1
        self.warn(err.path, err.reason)

    def skipped(self, entries: list[Any]) -> list[Any]:
        """Report the folder entries that were not read; returns those that are errors (a
        folder that cannot be listed) as ``DocumentError``s."""
        from .model import DocumentError

        errors = []
        for s in entries:
            if s.error:
                err = DocumentError(s.path, s.reason)
                self.error(err)
                errors.append(err)
            elif not self.common.quiet:
                self.warn(s.path, f"warning: {s.reason}")
        return errors

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


def _where(doc: Any) -> str:
    """How a message names a document: its path (``file:line`` for a line of a ``.jsonl``)."""
    return doc.path or doc.id


def _extract(common: Common, *, store: Path | None = None, stats: Any = None) -> Any:
    """Run ``pipeline.extract_files`` with reporting (documents read back from ``store`` when
    given, ``stats`` filled); returns the ``Extraction``. Raises ``Failure`` when no document at
    all could be processed."""
    from . import pipeline

    skipped: list[Any] = []
    sources = pipeline.find_sources(common.inputs, common.settings, skipped=skipped)
    reporter = _Reporter(common, sources)
    try:
        walk_errors = reporter.skipped(skipped)
        # The listed files, not the inputs again: folders are walked once.
        result = pipeline.extract_files(sources, settings=common.settings, on_document=reporter, store=store,
                                        warn=reporter.line, stats=stats)
        result.errors[:0] = walk_errors
        for err in result.errors:
            reporter.error(err)
    finally:
        reporter.close()
    if not common.quiet:
        dated = {t.doc for t in result.timexes}
        for doc in result.documents:
            if doc.id not in dated:
                _say(f"{_where(doc)}: warning: no dates found, so no dated events")
    if not result.documents:
        raise Failure("no document could be processed")
    return result


def _exit_code(result: Any) -> int:
    return EXIT_BAD_INPUT if result.errors or not result.documents else EXIT_OK


def summary(result: Any) -> str:
    """One line: documents, events, organisations and the span of the dated events, e.g.
    ``3 documents, 25 events, 12 organisations, 2014 to 2017-08-28; 1 failed``."""
    dated = [e.date for e in result.events if e.date and e.date.get("start")]
    if dated:
        first = min(dated, key=lambda d: (d["start"], d.get("end") or ""))
        last = max(dated, key=lambda d: (d.get("end") or d["start"], d["start"]))
        span = f"{first.get('value')} to {last.get('value')}"
    else:
        span = "no dated events"
    orgs = sum(1 for e in result.entities if e.type == "ORG")
    parts = [_plural(len(result.documents), "document"), _plural(len(result.events), "event"),
             _plural(orgs, "organisation"), span]
    text = ", ".join(parts)
    if result.errors:
        text += f"; {len(result.errors)} failed"
    return text


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# --------------------------------------------------------------------------- commands


def _version(value: bool) -> None:
    if value:
        typer.echo(f"timeline {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Turn news articles (Chinese and English) into TIMEX3-dated event timelines and
    organisation graphs. Exit codes: 0 ok, 1 bad input (some document failed), 2 usage."""


@app.command()
def build(
    inputs: Inputs,
    outdir: Annotated[str, typer.Option("--output", "-o", metavar="OUTDIR",
                                        help="Folder to write timeline.html, graph.graphml and "
                                             "events.json into (created if missing; other files "
                                             "in it are kept), and the store timeline.db that "
                                             "the next build reads unchanged documents back from.")],
    open_page: Annotated[bool, typer.Option("--open", help="Open timeline.html in a browser.")] = False,
    cdn: Annotated[bool, typer.Option("--cdn", help="Load plotly.js from its CDN instead of "
                                                    "inlining it (smaller page, needs a network).")] = False,
    title: TitleOpt = None,
    timings: Annotated[bool, typer.Option("--timings", help="Print the seconds each stage took and the "
                                                            "peak memory, as one JSON line on stderr.")] = False,
    dct: DctOpt = None, lang: LangOpt = "auto", encoding: EncodingOpt = None, glob: GlobOpt = None,
    gazetteer: GazetteerOpt = None, max_size: MaxSizeOpt = DEFAULT_MAX_SIZE,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT, min_confidence: MinConfidenceOpt = DEFAULT_MIN_CONFIDENCE,
    jobs: JobsOpt = 0, engine: EngineOpt = "local", scheduler: SchedulerOpt = None,
    quiet: QuietOpt = False, debug: DebugOpt = False,
) -> None:
    """Extract, then write OUTDIR/timeline.html (interactive page), OUTDIR/graph.graphml and
    OUTDIR/events.json; print a one-line summary. Documents unchanged since the last build into
    OUTDIR are read back from OUTDIR/timeline.db instead of extracted again."""
    common = Common(inputs, dct, lang, encoding, glob, gazetteer, quiet, debug, max_size, timeout, min_confidence,
                    jobs=jobs, engine=engine, scheduler=scheduler)

    def body() -> int:
        with _collector_paused():
            return build_body()

    def build_body() -> int:
        import gc
        import time

        from . import export, graph, pipeline, render

        out = Path(outdir)
        if out.exists() and not out.is_dir():
            raise UsageError(f"{outdir}: exists and is not a folder")
        clock = _Clock()
        stats = pipeline.RunStats()
        result = _extract(common, store=out / pipeline.STORE_NAME, stats=stats)
        gc.freeze()     # the extraction lives to the end: the collector need not walk it again
        clock.lap("extract")
        # The three files are written to temporary files, then replace their old versions
        # together: a failure leaves OUTDIR as it was. With more than one job the two large ones
        # are written by a child process while this one works (events.json while the graph is
        # built, then the GraphML while the page is made), one child at a time (memory).
        try:
            with export.Outputs(concurrent=cast(int, common.settings.jobs) > 1) as files:
                files.add(out / "events.json", lambda: export.events_json_chunks(result), "events_json")
                g = graph.build_graph(result)
                clock.lap("graph")
                files.add(out / "graph.graphml", lambda: export.graphml_chunks(g), "graphml")
                page = out / "timeline.html"
                html = render.render_html(result, g, cdn=cdn, title=title, base=out)
                clock.lap("page")
                files.add(page, lambda: html, "page_write", here=True)
                files.commit()
        except OSError as exc:
            raise Failure(f"{exc.filename or outdir}: cannot write: {exc.strerror or exc}") from None
        clock.lap("write")
        clock.writers(files)
        _keep_until_exit(result, g, html)
        if timings:
            _say(f"timings: {clock.report(stats, len(result.documents), time)}")
        if not quiet:
            _emit(f"{summary(result)} -> {out} ({stats.reused} reused, {stats.extracted} extracted)")
        if open_page:
            import webbrowser

            webbrowser.open(Path(page).resolve().as_uri())
        return _exit_code(result)

    _run(common, body)


_HELD: list[Any] | None = None
"""Set by ``run`` (the process ends with ``os._exit``): a build's large objects are held here
rather than freed one by one when the command returns (3 s after 10,000 documents)."""


def _keep_until_exit(*objects: Any) -> None:
    if _HELD is not None:
        _HELD.extend(objects)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off within the block: a build's extraction, graph and page
    live to its end and hold next to no reference cycles (extraction leaves 27 unreachable
    objects for 100 documents), and the collector's walks over their millions of objects cost
    a third of the time of reading stored extractions back and of building the graph."""
    import gc

    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()     # what was made meanwhile is not walked by the first collection after
        if was:
            gc.enable()


class _Clock:
    """Seconds of each stage of ``build`` (``--timings``)."""

    def __init__(self) -> None:
        import time

        self.start = self.last = time.perf_counter()
        self.laps: dict[str, float] = {}
        self.files: dict[str, float] = {}
        self.writer_kib = self.writer_private_kib = 0

    def lap(self, name: str) -> None:
        import time

        now = time.perf_counter()
        self.laps[name] = now - self.last
        self.last = now

    def writers(self, files: Any) -> None:
        """Note the seconds each output file took (``export.Outputs``) and its writers' peak memory."""
        self.files = {name: round(seconds, 3) for name, seconds in files.seconds.items()}
        self.writer_kib = files.peak_kib
        self.writer_private_kib = files.private_kib

    def report(self, stats: Any, documents: int, time: Any) -> str:
        """One JSON object: the stages' seconds in this process (``write``: writing the output
        files, or waiting for the processes writing them), the seconds each output file took to
        make and write (``files_seconds``: side by side with the stages when written by other
        processes), the documents reused and extracted, the CPU seconds of this process and of
        extraction (in the workers, or here), per extracted document too, peak memory (MiB) of
        this process, of its largest extraction worker and of its largest file writer (``own``:
        what the writer did not share with this process)."""
        laps = {name: round(seconds, 3) for name, seconds in self.laps.items()}
        laps["merge"] = round(stats.merge, 3)
        laps["extract"] = round(self.laps.get("extract", 0.0) - stats.merge, 3)
        extracted = max(stats.extracted, 1)
        return json.dumps({
            "documents": documents, "reused": stats.reused, "extracted": stats.extracted, "failed": stats.failed,
            "seconds": laps, "files_seconds": self.files,
            "total_seconds": round(time.perf_counter() - self.start, 3),
            "main_cpu_seconds": round(time.process_time(), 3),
            "extract_cpu_seconds": round(stats.extract_cpu, 3),
            "extract_cpu_ms_per_document": round(1000 * stats.extract_cpu / extracted, 2),
            "peak_mib": {"main": round(_peak_kib() / 1024, 1), "largest_worker": round(stats.worker_rss / 1024, 1),
                         "largest_writer": round(self.writer_kib / 1024, 1),
                         "largest_writer_own": round(self.writer_private_kib / 1024, 1)},
        })


def _peak_kib() -> int:
    """Peak resident memory of this process in KiB (0 where ``resource`` is missing)."""
    try:
        import resource
    except ImportError:
        return 0
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


@app.command()
def extract(
    inputs: Inputs,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="json|jsonl",
                                     help="json: one object for all documents (ids d2/t4 ...); "
                                          "jsonl: one object a document, a line each.")] = "json",
    dct: DctOpt = None, lang: LangOpt = "auto", encoding: EncodingOpt = None, glob: GlobOpt = None,
    gazetteer: GazetteerOpt = None, max_size: MaxSizeOpt = DEFAULT_MAX_SIZE,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT, min_confidence: MinConfidenceOpt = DEFAULT_MIN_CONFIDENCE,
    jobs: JobsOpt = 0, engine: EngineOpt = "local", scheduler: SchedulerOpt = None,
    quiet: QuietOpt = False, debug: DebugOpt = False,
) -> None:
    """Print the extraction (documents, TIMEX3 time expressions, entities, events) as JSON on
    standard output, in the format shared/eval/score.py reads."""
    common = Common(inputs, dct, lang, encoding, glob, gazetteer, quiet, debug, max_size, timeout, min_confidence,
                    jobs=jobs, engine=engine, scheduler=scheduler)

    def body() -> int:
        if fmt not in ("json", "jsonl"):
            raise UsageError(f"--format: unknown format {fmt!r}: expected json or jsonl")
        if fmt == "jsonl":
            return _extract_jsonl(common)
        result = _extract(common)
        _emit(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str))
        return _exit_code(result)

    _run(common, body)


def _extract_jsonl(common: Common) -> int:
    """Stream one JSON line per document (local ids ``t1``, ``e1``), reporting bad ones."""
    from . import pipeline
    from .model import DocumentError

    skipped: list[Any] = []
    sources = pipeline.find_sources(common.inputs, common.settings, skipped=skipped)
    reporter = _Reporter(common, sources)
    processed = failed = 0
    try:
        failed += len(reporter.skipped(skipped))
        for item in pipeline.iter_extractions(sources, settings=common.settings):
            if isinstance(item, DocumentError):
                failed += 1
            else:
                _emit(json.dumps(item.to_dict(), ensure_ascii=False, default=str))
                processed += 1
            reporter(item)
    finally:
        reporter.close()
    if not processed:
        raise Failure("no document could be processed")
    return EXIT_BAD_INPUT if failed else EXIT_OK


@app.command("graph")
def graph_cmd(
    inputs: Inputs,
    output: Annotated[str, typer.Option("--output", "-o", metavar="FILE",
                                        help="Graph file; its suffix picks the format: .graphml "
                                             "(GraphML), .gexf (GEXF 1.2, dynamic by date), .json "
                                             "(networkx node-link).")],
    dct: DctOpt = None, lang: LangOpt = "auto", encoding: EncodingOpt = None, glob: GlobOpt = None,
    gazetteer: GazetteerOpt = None, max_size: MaxSizeOpt = DEFAULT_MAX_SIZE,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT, min_confidence: MinConfidenceOpt = DEFAULT_MIN_CONFIDENCE,
    jobs: JobsOpt = 0, engine: EngineOpt = "local", scheduler: SchedulerOpt = None,
    quiet: QuietOpt = False, debug: DebugOpt = False,
) -> None:
    """Write the graph of documents, events, organisations, people and places to FILE."""
    common = Common(inputs, dct, lang, encoding, glob, gazetteer, quiet, debug, max_size, timeout, min_confidence,
                    jobs=jobs, engine=engine, scheduler=scheduler)

    def body() -> int:
        from . import export, graph

        suffix = Path(output).suffix.lower()
        formats = getattr(export, "GRAPH_FORMATS", (".graphml", ".gexf", ".json"))
        if suffix not in formats:
            raise UsageError(f"{output}: unknown graph format {suffix or '(no suffix)'!r}; "
                             f"use one of {', '.join(formats)}")
        if Path(output).is_dir():
            raise UsageError(f"{output}: is a folder; give a file name")
        result = _extract(common)
        try:
            export.write_graph(graph.build_graph(result), output)
        except OSError as exc:
            raise Failure(f"{output}: cannot write: {exc.strerror or exc}") from None
        if not quiet:
            typer.echo(f"{summary(result)} -> {output}", err=True)
        return _exit_code(result)

    _run(common, body)


@app.command("render")
def render_cmd(
    events_file: Annotated[str, typer.Argument(metavar="EVENTS_JSON", help="An events.json written by "
                                               "timeline build, perhaps edited (an event deleted, a date "
                                               "fixed, an entity merged with attributes.same_as).")],
    output: Annotated[str, typer.Option("--output", "-o", metavar="FILE", help="The page to write (.html).")],
    cdn: Annotated[bool, typer.Option("--cdn", help="Load plotly.js from its CDN instead of inlining it.")] = False,
    title: TitleOpt = None, quiet: QuietOpt = False, debug: DebugOpt = False,
) -> None:
    """Draw the page of an events.json (after corrections by hand) without extracting again."""
    common = Common([events_file], quiet=quiet, debug=debug)

    def body() -> int:
        from . import export, graph, render

        if Path(output).is_dir():
            raise UsageError(f"{output}: is a folder; give a file name")
        try:
            result = export.read_events_json(events_file)
        except FileNotFoundError:
            raise UsageError(f"{events_file}: no such file") from None
        except export.EventsFileError as exc:
            raise Failure(str(exc)) from None
        except OSError as exc:
            raise Failure(f"{events_file}: cannot read: {exc.strerror or exc}") from None
        page = render.render_html(result, graph.build_graph(result), cdn=cdn, title=title,
                                  base=Path(output).resolve().parent)
        try:
            export.atomic_write(output, page)
        except OSError as exc:
            raise Failure(f"{output}: cannot write: {exc.strerror or exc}") from None
        if not quiet:
            typer.echo(f"{summary(result)} -> {output}", err=True)
        return EXIT_OK

    _run(common, body)


@app.command("evaluate")
def evaluate_cmd(
    gold_dir: Annotated[str, typer.Argument(
        metavar="GOLD_DIR", help="A folder of TempEval-3 TimeML files (*.tml; their DCT is the "
                                 "input) or of eval gold files (*.gold.json, the article beside "
                                 "them or in ../articles/).", show_default=False)],
    fmt: Annotated[Optional[str], typer.Option(
        "--format", "-f", metavar="timeml|eval-json",
        help="Gold format; default: detected from the files.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object.")] = False,
    errors: Annotated[bool, typer.Option(
        "--errors", help="Also list, per file, missed and spurious time expressions and wrong values.")] = False,
    limit: Annotated[Optional[int], typer.Option("--limit", metavar="N", min=1,
                                                 help="Score only the first N gold files.")] = None,
    lang: LangOpt = "auto", quiet: QuietOpt = False, debug: DebugOpt = False,
) -> None:
    """Run the pipeline on gold documents and print TempEval-3 figures (strict and relaxed
    P/R/F1, type and value accuracy, value F1) per file and overall; for eval gold also the
    figures of shared/eval/score.py (organisations, events, participants)."""
    common = Common([gold_dir], lang=lang, quiet=quiet, debug=debug)

    def body() -> int:
        from . import evaluate

        if fmt is not None and fmt not in evaluate.FORMATS:
            raise UsageError(f"--format: unknown format {fmt!r}: expected {' or '.join(evaluate.FORMATS)}")
        folder = Path(gold_dir)
        if not folder.exists():
            raise UsageError(f"{gold_dir}: no such file or directory")
        if not folder.is_dir():
            raise UsageError(f"{gold_dir}: not a folder")
        try:
            report = evaluate.evaluate(folder, fmt, settings=common.settings, limit=limit)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        if as_json:
            typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        else:
            typer.echo(evaluate.format_report(report, errors=errors))
        for f in report.files:
            if f.failure:
                _say(f"{f.name}: {f.failure}")
        return EXIT_BAD_INPUT if any(f.failure for f in report.files) else EXIT_OK

    _run(common, body)


@app.command("evaluate-ner")
def evaluate_ner_cmd(
    file: Annotated[str, typer.Argument(
        help="An annotated corpus: BIO in the MSRA format (char<TAB>tag lines, a blank line after "
             "each sentence) or CLUENER JSON lines.", metavar="FILE", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as one JSON object.")] = False,
    lang: Annotated[str, typer.Option("--lang", metavar="zh|en", help="Language of the corpus.")] = "zh",
    gazetteer: GazetteerOpt = None, debug: DebugOpt = False,
) -> None:
    """Score the recogniser (model, lexicons, rules and --gazetteer together) on an annotated
    corpus: precision, recall and F1 per type (PER, LOC, ORG) and overall, exact spans."""
    common = Common([file], lang=lang, gazetteer=gazetteer, debug=debug)

    def body() -> int:
        from . import pipeline

        try:
            scores = pipeline.evaluate_ner(file, lang=lang, settings=common.settings)
        except pipeline.CorpusError as exc:
            raise Failure(str(exc)) from None
        if as_json:
            _emit(json.dumps(scores, ensure_ascii=False))
            return EXIT_OK
        rows = [f"{'type':<8} {'precision':>9} {'recall':>7} {'F1':>7} {'correct':>8} {'found':>7} {'gold':>7}"]
        for typ in ("PER", "LOC", "ORG", "overall"):
            v = scores[typ]
            rows.append(f"{typ:<8} {v['precision']:>9.4f} {v['recall']:>7.4f} {v['f1']:>7.4f} "
                        f"{v['tp']:>8} {v['predicted']:>7} {v['gold']:>7}")
        rows.append(f"{scores['file']}: {scores['texts']} texts, {scores['chars']} characters, exact spans")
        _emit("\n".join(rows))
        return EXIT_OK

    _run(common, body)


def run() -> None:  # pragma: no cover - the process ends here
    """The ``timeline`` command: ``app``, then the process ends at once (``os._exit``, output
    flushed): freeing a large build's objects one by one at interpreter exit takes seconds
    (3 s after 10,000 documents) and serves nothing."""
    import logging
    import os

    global _HELD
    _HELD = []
    try:
        app()
        code: Any = 0
    except SystemExit as exc:
        code = exc.code
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code or 0)


if __name__ == "__main__":  # pragma: no cover
    run()
