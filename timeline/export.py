"""Write results to disk: events JSON, graph files (GraphML, GEXF, node-link JSON), tables.

Every file is written to a temporary file in the target folder and renamed over the target
(``os.replace``), so a crash never leaves a half-written output and an existing file is only
replaced by a complete one.

Graph files are written from a sanitised **copy** of the graph (the caller's graph is never
changed), because the XML formats take far fewer value types than networkx holds:

* GraphML (http://graphml.graphdrawing.org/specification.html) declares every attribute once
  as a ``<key>`` of type ``boolean``, ``int``, ``long``, ``float``, ``double`` or ``string``;
  networkx's writer refuses ``None``, lists, dicts and dates. Keys are written with their
  names as ids (``named_key_ids=True``) so that Gephi and yEd show ``label`` rather than ``d3``.
* GEXF 1.2 (https://gexf.net/schema.html) reads ``start``/``end`` on a node as its lifetime,
  which makes Gephi's timeline play; lists there mean *dynamic* values, so they are serialised.
* Both are XML 1.0, which cannot hold most C0 control characters even escaped
  (https://www.w3.org/TR/xml/#charsets): they are removed.

The conversion (``sanitize_graph``):

========================  ====================================================================
value                     written as
========================  ====================================================================
``None``                  dropped (the attribute is absent on that node/edge)
``str``                   itself, XML-invalid characters removed
``bool``/``int``/``float``  itself (``int`` outside 64-bit range, NaN/inf: as a string)
``date``/``datetime``     ISO 8601 string (``2018-04-02``, ``2018-04-02T09:00:00``)
``list``/``tuple``/``set``/``dict``  compact JSON string (``ensure_ascii=False``)
anything else             ``str(value)``
========================  ====================================================================

If one attribute name ends up with several types across nodes, edges and the graph (``int``
here, ``str`` there), every value of that name is widened to one type (``int`` + ``float`` →
``float``, otherwise ``str``), because a GraphML key has exactly one type and named key ids
are shared by name.
"""
from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as _dt
import io
import json
import math
import os
import re
import signal
import tempfile
import threading
import time
from collections.abc import Container, Iterable, Iterator
from pathlib import Path
from typing import Any, cast

__all__ = [
    "atomic_write", "atomic_write_many", "Outputs", "graph_bytes", "events_json", "clean_text", "sanitize_graph",
    "write_graph",
    "write_events_json", "write_events_table", "event_rows", "GRAPH_FORMATS", "TABLE_FORMATS",
    "events_json_chunks", "graphml_chunks", "read_events_json", "merge_same_as", "EventsFileError",
]

GRAPH_FORMATS = (".graphml", ".gexf", ".json")
"""Suffixes ``write_graph`` understands."""

TABLE_FORMATS = (".csv", ".jsonl")
"""Suffixes ``write_events_table`` understands."""

# Characters XML 1.0 cannot carry (section 2.2, production [2] Char): C0 controls other than
# TAB, LF, CR; lone surrogates; U+FFFE and U+FFFF.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_INT64 = (-(2 ** 63), 2 ** 63 - 1)


Payload = str | bytes | Iterable[str | bytes]
"""What a file is written from: text (UTF-8), bytes, or an iterable of either, written as it is
produced (an output of many megabytes need never be held whole)."""


def atomic_write(path: str | os.PathLike, data: Payload) -> Path:
    """Write ``data`` (str as UTF-8, whatever the platform default; or an iterable of str or
    bytes chunks) to ``path`` atomically.

    Creates missing parent folders. Returns the path. Raises ``OSError`` naming ``path`` on
    failure, leaving any previous file at ``path`` untouched.
    """
    (target,) = atomic_write_many({path: data})
    return target


class _Terminated(BaseException):
    """SIGTERM or SIGHUP arrived while files were being written."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _termination_cleans_up() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise ``_Terminated`` (so that ``finally`` and
    ``except`` clauses run and remove temporary files) instead of killing the process at
    once; afterwards the signal is delivered again to the handler that was there before
    (by default: the process ends, killed by that signal). A signal the caller ignores stays
    ignored; outside the main thread nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    old = {}

    def stop(signum, frame):  # noqa: ARG001 - signal handler signature
        raise _Terminated(signum)

    for sig in wanted:
        if signal.getsignal(sig) is not signal.SIG_IGN:
            old[sig] = signal.signal(sig, stop)
    try:
        yield
    except _Terminated as exc:
        for sig, handler in old.items():
            signal.signal(sig, handler)
        old.clear()
        signal.raise_signal(exc.signum)
        raise SystemExit(128 + exc.signum) from None   # the old handler returned
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)


def atomic_write_many(files: dict[str | os.PathLike, Payload]) -> list[Path]:
    """Write several files as one step: every payload goes to a temporary file beside its
    target first, and only when all are written are they renamed over their targets
    (``os.replace``), so a failure leaves every previous file as it was (``Outputs``, in this
    process).

    ``files`` maps a path to its data (str as UTF-8, bytes, or an iterable of str or bytes
    chunks, consumed while its temporary file is written). Returns the paths in order. Raises
    ``OSError`` whose ``filename`` is the target that could not be written. Interrupted
    (Ctrl-C, SIGTERM, SIGHUP), it removes its temporary files first (``.NAME.*.tmp``).
    """
    with Outputs(concurrent=False) as out:
        for path, data in files.items():
            out.add(path, lambda data=data: data, str(path))
        return out.commit()


class Outputs:
    """Files written side by side and replaced together: ``add(path, make, name)`` writes the
    payload ``make()`` returns (see ``Payload``) to a temporary file beside ``path``, at once in
    a forked child process when ``concurrent`` (POSIX, no other thread running; one child at a
    time), else here when ``commit()`` is called; ``commit()`` waits for every file, then renames
    all over their targets (``os.replace``). A failure, an interruption or leaving the ``with``
    block without ``commit`` removes every temporary file (children stopped), so OUTDIR keeps
    its previous files.

    ``seconds[name]`` is the time each file took to make and write (in its child when forked);
    ``peak_kib`` the largest child's peak resident memory (KiB; 0 when none was forked), shared
    pages included: a child shares the parent's memory until either writes to a page (copy on
    write; Python's reference counts write to every object read); ``private_kib`` the most
    memory a child held of its own at its end (Linux: ``/proc/self/smaps_rollup``, else 0).
    ``commit`` raises ``OSError`` whose ``filename`` is the target that could not be written,
    ``RuntimeError`` for a child that failed otherwise."""

    def __init__(self, concurrent: bool = True) -> None:
        self.concurrent = concurrent and hasattr(os, "fork") and threading.active_count() == 1
        self.seconds: dict[str, float] = {}
        self.peak_kib = 0
        self.private_kib = 0
        self._files: list[tuple[str, Path]] = []          # (temporary file, target)
        self._children: list[tuple[int, int, Path, str]] = []    # (pid, pipe to read, target, name)
        self._later: list[tuple[int, str, Path, Any, str]] = []  # (fd, temporary file, target, make, name)
        self._cleanup = _termination_cleans_up()

    def __enter__(self) -> Outputs:
        self._cleanup.__enter__()
        return self

    def __exit__(self, *exc: Any) -> bool | None:
        if exc[0] is not None or self._files:
            self._abandon()
        return self._cleanup.__exit__(*exc)

    def add(self, path: str | os.PathLike, make: Any, name: str, *, here: bool = False) -> None:
        """``here``: written in this process when ``commit`` is called (a small file: not worth
        a process). A child is forked once the previous one has ended (at most one at a time:
        each copies the pages it touches, up to the size of what it writes from)."""
        target = Path(path)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_dir():
                raise IsADirectoryError(21, "Is a directory")
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror or str(exc), str(target)) from None
        self._files.append((tmp, target))
        if here or not self.concurrent:
            self._later.append((fd, tmp, target, make, name))
            return
        failure = self._wait()
        if failure is not None:
            os.close(fd)
            raise failure
        try:
            read, write = os.pipe()
        except OSError:             # no descriptor left: written here instead
            self._later.append((fd, tmp, target, make, name))
            return
        try:
            pid = os.fork()
        except OSError:             # no process left (EAGAIN, ENOMEM): written here instead
            os.close(read)
            os.close(write)
            self._later.append((fd, tmp, target, make, name))
            return
        if pid == 0:                    # the child: write, say how it went, end at once
            os.close(read)
            _child_writes(fd, tmp, make, write)
        os.close(write)
        os.close(fd)
        self._children.append((pid, read, target, name))

    def commit(self) -> list[Path]:
        failure = self._wait()
        if failure is not None:
            raise failure
        while self._later:
            fd, tmp, target, make, name = self._later.pop(0)
            t0 = time.perf_counter()
            try:
                _write_file(fd, tmp, make)
            except OSError as exc:
                raise OSError(exc.errno, exc.strerror or str(exc), str(target)) from None
            self.seconds[name] = time.perf_counter() - t0
        for tmp, target in self._files:
            os.replace(tmp, target)
        done = [target for _, target in self._files]
        self._files = []
        return done

    def _wait(self) -> BaseException | None:
        """Wait for every child; the first failure as the exception to raise."""
        failure: BaseException | None = None
        children, self._children = self._children, []
        for pid, read, target, name in children:
            with os.fdopen(read, "rb") as fh:
                report = fh.read()
            _, status, usage = os.wait4(pid, 0)
            self.peak_kib = max(self.peak_kib, int(usage.ru_maxrss))
            try:
                said = json.loads(report) if report else {}
            except ValueError:
                said = {}
            if "seconds" in said and os.waitstatus_to_exitcode(status) == 0:
                self.seconds[name] = said["seconds"]
                self.private_kib = max(self.private_kib, said.get("private_kib") or 0)
            elif failure is None:
                if said.get("errno") is not None or said.get("kind") == "OSError":
                    failure = OSError(said.get("errno") or 0, said.get("error") or "write failed", str(target))
                elif said:
                    failure = RuntimeError(f"{target}: {said.get('kind')}: {said.get('error')}")
                else:
                    code = os.waitstatus_to_exitcode(status)
                    failure = RuntimeError(f"{target}: writer process " + (
                        f"killed by signal {-code}" if code < 0 else f"ended with status {code}"))
        return failure

    def _abandon(self) -> None:
        for pid, read, _, _ in self._children:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.close(read)
            with contextlib.suppress(OSError):
                os.waitpid(pid, 0)
        self._children = []
        for fd, *_ in self._later:
            with contextlib.suppress(OSError):
                os.close(fd)
        self._later = []
        for tmp, _ in self._files:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        self._files = []


def _write_file(fd: int, tmp: str, make: Any) -> None:
    """Write the payload ``make()`` to the open temporary file ``fd`` (``tmp``), flushed to
    disk, mode 0644; ``fd`` is closed."""
    with os.fdopen(fd, "wb", buffering=1 << 20) as fh:
        data = make()
        chunks = [data] if isinstance(data, (str, bytes, bytearray)) else data
        for chunk in chunks:
            fh.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
        fh.flush()
        os.fsync(fh.fileno())
    os.chmod(tmp, 0o644)


def _private_kib() -> int:
    """Memory this process does not share (``Private_Clean`` + ``Private_Dirty``, KiB; 0 where
    ``/proc`` does not tell)."""
    try:
        with open("/proc/self/smaps_rollup", encoding="ascii") as fh:
            return sum(int(line.split()[1]) for line in fh if line.startswith(("Private_Clean:", "Private_Dirty:")))
    except (OSError, ValueError, IndexError):
        return 0


def _child_writes(fd: int, tmp: str, make: Any, pipe: int) -> None:  # pragma: no cover - runs in a child
    """In a forked child: write ``make()`` to ``tmp``, report on ``pipe`` as one JSON object
    (``seconds``, or ``kind``, ``errno``, ``error``) and end the process without cleaning up
    (the parent's objects are not the child's to free, its buffers not its to flush)."""
    code = 1
    report: dict[str, Any]
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)    # the parent stops its children itself
        for sig in ("SIGTERM", "SIGHUP"):
            if hasattr(signal, sig):
                signal.signal(getattr(signal, sig), signal.SIG_DFL)
        t0 = time.perf_counter()
        _write_file(fd, tmp, make)
        report = {"seconds": time.perf_counter() - t0, "private_kib": _private_kib()}
        code = 0
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
        report = {"kind": type(exc).__name__, "errno": getattr(exc, "errno", None),
                  "error": getattr(exc, "strerror", None) or str(exc)}
    try:
        os.write(pipe, json.dumps(report).encode())
    finally:
        os._exit(code)


# --------------------------------------------------------------------------- sanitising

def clean_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (``'第一\\x0b段\\x00'`` → ``'第一段'``)."""
    return _XML_INVALID.sub("", text)


def _json_default(value: Any) -> Any:
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return str(value)


def _compact_json(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, default=_json_default, separators=(",", ":"))``
    by one encoder made once."""
    return _COMPACT_JSON(value)


_COMPACT_JSON = json.JSONEncoder(ensure_ascii=False, default=_json_default, separators=(",", ":")).encode


def _xml_value(value: Any) -> Any:
    """One attribute value as a GraphML/GEXF scalar, or ``None`` to drop it."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value if _INT64[0] <= value <= _INT64[1] else str(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        if isinstance(value, (set, frozenset)):
            value = sorted(value, key=str)
        return clean_text(_compact_json(value))
    if hasattr(value, "item") and callable(value.item):  # numpy scalars
        return _xml_value(value.item())
    return clean_text(str(value))


def _clean_attrs(data: dict[Any, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in data.items():
        v = _xml_value(v)
        if v is not None:
            out[clean_text(str(k))] = v
    return out


def _widen(values: Iterable[Any]) -> type | None:
    kinds = {type(v) for v in values}
    if len(kinds) <= 1:
        return None
    if kinds <= {int, float}:
        return float
    return str


def _json_scalar_text(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _node_id(node: Any, taken: Container[str]) -> str:
    """The node's id with XML-invalid characters dropped; when that id is ``taken``, the
    characters written as ``\\uXXXX`` instead (then ``#2``, ``#3`` … added while still taken)."""
    nid = clean_text(str(node))
    if nid in taken:
        nid = _XML_INVALID.sub(lambda m: f"\\u{ord(m.group()):04x}", str(node))
        base, copy_no = nid, 1
        while nid in taken:
            copy_no += 1
            nid = f"{base}#{copy_no}"
    return nid


def sanitize_graph(graph: Any) -> Any:
    """A copy of ``graph`` whose ids and attributes GraphML and GEXF writers accept.

    ``graph``: any networkx graph. Returns a new graph of the same class: node ids as cleaned
    strings, every attribute converted by the table of this module's docstring, a non-empty
    string ``label`` on every node (the node id when it has none), one type per attribute
    name, and (for multigraphs) edge keys unique over the whole graph (Gephi rejects repeated
    edge ids: networkx issue #4347), keeping the original key where it already is. The input
    is not modified. Two node ids that differ only by XML-invalid characters (``a\\x0b`` and
    ``a\\x0c``) stay two nodes: the second one's forbidden characters are written as ``\\uXXXX``
    (then, if that is taken too, ``#2``, ``#3`` … is added).
    """
    out = graph.__class__()
    out.graph.update(_clean_attrs(graph.graph))
    ids: dict[Any, str] = {}
    for node, data in graph.nodes(data=True):
        nid = _node_id(node, out)
        ids[node] = nid
        attrs = _clean_attrs(data)
        label = _json_scalar_text(attrs["label"]) if "label" in attrs else ""
        attrs["label"] = label if label.strip() else nid   # Gephi and yEd show it: never empty
        out.add_node(nid)
        out.nodes[nid].update(attrs)
    if graph.is_multigraph():
        seen: set[str] = set()
        for n, (u, v, key, data) in enumerate(graph.edges(keys=True, data=True)):
            base = k = clean_text(str(key))
            suffix = n
            while k in seen:
                k, suffix = f"{base}#{suffix}", suffix + 1
            seen.add(k)
            out.add_edge(ids[u], ids[v], key=k)
            out.edges[ids[u], ids[v], k].update(_clean_attrs(data))
    else:
        for u, v, data in graph.edges(data=True):
            out.add_edge(ids[u], ids[v])
            out.edges[ids[u], ids[v]].update(_clean_attrs(data))
    # One type per attribute name across graph, nodes and edges.
    holders: list[dict[str, Any]] = [out.graph]
    holders += [d for _, d in out.nodes(data=True)]
    holders += [d for *_, d in out.edges(data=True)]
    by_name: dict[str, list[Any]] = {}
    for h in holders:
        for k, v in h.items():
            by_name.setdefault(k, []).append(v)
    for name, values in by_name.items():
        wide = _widen(values)
        if wide is None:
            continue
        for h in holders:
            if name in h:
                h[name] = float(h[name]) if wide is float else _json_scalar_text(h[name])
    return out


# --------------------------------------------------------------------------- graphs



def _graphml_bytes(graph: Any) -> bytes:
    """``graphml_chunks(graph)`` joined."""
    return "".join(graphml_chunks(graph)).encode("utf-8")


_GRAPHML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_GRAPHML_HEAD = ("<?xml version='1.0' encoding='utf-8'?>\n"
                 '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                 'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                 'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
_XML_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_XML_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;",
                           "\n": "&#10;", "\t": "&#9;"})


def _xml_type(value: Any) -> type | None:
    """The type ``_xml_value(value)`` has (``None``: dropped), found without converting."""
    t = type(value)
    if value is None:
        return None
    if t is str or t is bool:
        return t
    if t is int:
        return int if _INT64[0] <= value <= _INT64[1] else str
    if t is float:
        return float if math.isfinite(value) else str
    if t in (list, tuple, set, frozenset, dict, _dt.date, _dt.datetime, _dt.time):
        return str                      # written as JSON or ISO 8601 text: not converted twice
    v = _xml_value(value)
    return None if v is None else type(v)


_XML_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""A character element text must lose (``_XML_INVALID``) or have escaped (``_XML_TEXT``)."""
_ATTR_SPECIAL = re.compile("[&<>\"\r\n\t]")
_PLAIN_TYPES = frozenset({str, bool, type(None), list, tuple, set, frozenset, dict, _dt.date, _dt.datetime,
                          _dt.time})
"""Types whose GraphML type does not depend on the value (``_xml_type``)."""
_STR, _BOOL, _INT, _INT_AS_FLOAT, _FLOAT, _JSON, _LABEL, _OTHER = range(8)
_CHUNK = 2000
"""Elements a piece of ``graphml_chunks`` holds."""


def _xml_text(text: str) -> str:
    """``text`` as element text: XML-invalid characters dropped, ``& < > CR`` escaped."""
    return _escaped(text) if _XML_SPECIAL.search(text) else text


def _escaped(text: str) -> str:
    return clean_text(text).translate(_XML_TEXT)


def _xml_attr(text: str) -> str:
    """``text`` (already clean) as an attribute value: ``& < > " CR LF TAB`` escaped."""
    return text.translate(_XML_ATTR) if _ATTR_SPECIAL.search(text) else text


class _GraphmlPlan:
    """What a GraphML file of ``graph`` declares: one type an attribute name (``sanitize_graph``'s
    widening), the key ids (an edge or graph key sharing its name with another domain's gets the
    id ``edge.<name>`` / ``graph.<name>``), in order of first use. One pass over the graph.

    Elements whose attributes have the same names and value types (a *shape*: every event node
    of ``timeline.graph`` has one) are planned and written by the shape's precomputed steps;
    only the values of ``int`` and ``float`` are looked at one by one (a value out of 64-bit
    range or not finite is written as a string)."""

    def __init__(self, graph: Any) -> None:
        self.kinds: dict[str, set[type]] = {}
        self.keys: dict[tuple[str, str], None] = {}
        self.names: dict[Any, str] = {}         # attribute key as held -> as written
        self._see("graph", graph.graph)
        seen: dict[tuple, Any] = {}
        for _, data in graph.nodes(data=True):
            self._see_shape("node", data, seen)
            self.keys[("node", "label")] = None
            self.kinds.setdefault("label", set()).add(str)
        seen = {}
        for *_, data in graph.edges(data=True):
            self._see_shape("edge", data, seen)
        self.type: dict[str, type] = {}
        for name, kinds in self.kinds.items():
            self.type[name] = next(iter(kinds)) if len(kinds) == 1 else float if kinds <= {int, float} else str
        domains: dict[str, set[str]] = {}
        for domain, name in self.keys:
            domains.setdefault(name, set()).add(domain)
        self.ids = {(d, n): f"{d}.{n}" if d != "node" and len(domains[n]) > 1 else n for d, n in self.keys}
        self.tags = {(d, n): f'<data key="{i.translate(_XML_ATTR)}">' for (d, n), i in self.ids.items()}
        self.steps: dict[tuple, list[tuple[int, str, int, str]] | None] = {}

    def name(self, key: Any) -> str:
        name = self.names.get(key)
        if name is None:
            name = self.names[key] = clean_text(str(key))
        return name

    def _see(self, domain: str, data: dict) -> None:
        keys, kinds = self.keys, self.kinds
        for k, v in data.items():
            t = _xml_type(v)
            if t is None:
                continue
            name = self.name(k)
            if (domain, name) not in keys:
                keys[(domain, name)] = None
            kinds.setdefault(name, set()).add(t)

    def _see_shape(self, domain: str, data: dict, seen: dict[tuple, Any]) -> None:
        """``_see``, once a shape: afterwards only its numbers are checked."""
        values = tuple(data.values())
        shape = (tuple(data), tuple(map(type, values)))
        numbers = seen.get(shape, False)
        if numbers is False:
            self._see(domain, data)
            if shape not in seen:
                plain = all(t in _PLAIN_TYPES or t is int or t is float for t in shape[1])
                seen[shape] = tuple(i for i, t in enumerate(shape[1]) if t is int or t is float) if plain else None
            return
        if numbers is None:             # a type whose GraphML type depends on the value
            self._see(domain, data)
            return
        for i in numbers:
            v = values[i]
            if not (_INT64[0] <= v <= _INT64[1] if type(v) is int else math.isfinite(v)):
                self.kinds[self.name(shape[0][i])].add(str)

    def attrs(self, data: dict) -> dict[str, Any]:
        """``_clean_attrs(data)``, with the attribute names cached."""
        out: dict[str, Any] = {}
        for k, v in data.items():
            t = type(v)
            v = clean_text(v) if t is str else v if t is bool else _xml_value(v)
            if v is not None:
                out[self.name(k)] = v
        return out

    def data(self, domain: str, attrs: dict[str, Any], indent: str) -> str:
        out = []
        for name, v in attrs.items():
            out.append(f"{indent}{self.tags[(domain, name)]}{self._text(name, v)}</data>\n")
        return "".join(out)

    def _text(self, name: str, v: Any) -> str:
        """The element text of the converted value ``v`` of attribute ``name``."""
        want = self.type[name]
        if type(v) is not want:
            v = float(v) if want is float else _json_scalar_text(v)
        text = ("true" if v else "false") if want is bool else str(v)
        return text.translate(_XML_TEXT)

    def element(self, domain: str, data: dict, indent: str, label: str | None = None) -> str:
        """The ``<data>`` lines of an element (a node: with ``label``, its id, for a missing or
        blank label)."""
        values = tuple(data.values())
        shape = (domain, tuple(data), tuple(map(type, values)))
        if shape not in self.steps:
            self.steps[shape] = self._steps(shape, indent, label is not None)
        steps = self.steps[shape]
        if steps is None:
            attrs = self.attrs(data)
            if label is not None:
                given = _json_scalar_text(attrs["label"]) if "label" in attrs else ""
                attrs["label"] = given if given.strip() else label
            return self.data(domain, attrs, indent)
        search, out = _XML_SPECIAL.search, []
        for i, tag, how, name in steps:
            if how == _STR:
                text = values[i]
                if search(text):
                    text = _escaped(text)
            elif how == _INT or how == _FLOAT:
                text = str(values[i])
            elif how == _JSON:
                text = _COMPACT_JSON(values[i])
                if search(text):
                    text = _escaped(text)
            elif how == _BOOL:
                text = "true" if values[i] else "false"
            elif how == _LABEL:         # the node's id, for a label it lacks
                text = _xml_text(cast(str, label))
            elif how == _INT_AS_FLOAT:
                v = values[i]
                text = str(float(v)) if _INT64[0] <= v <= _INT64[1] else str(v)
            else:
                other = self._other(name, values[i], label)
                if other is None:
                    continue
                text = other
            out.append(f"{tag}{text}</data>\n")
        return "".join(out)

    def _other(self, name: str, v: Any, label: str | None) -> str | None:
        """The text of a value converted one by one: a list or a date, or a node's label."""
        conv = _xml_value(v)
        if label is not None and name == "label":
            text = _json_scalar_text(conv)
            return _xml_text(text if text.strip() else label)
        if conv is None:
            return None
        return _xml_text(conv) if type(conv) is str and self.type[name] is str else self._text(name, conv)

    def _steps(self, shape: tuple, indent: str, node: bool) -> list[tuple[int, str, int, str]] | None:
        """``(position, tag, how)`` for each value of an element of ``shape`` that is written
        (position -1: a node's label it lacks); ``None`` when two attribute names clean to one."""
        domain, keys, types = shape
        names = [self.name(k) for k in keys]
        if len(set(names)) < len(names):
            return None
        steps: list[tuple[int, str, int, str]] = []
        labelled = False
        for i, (name, t) in enumerate(zip(names, types, strict=True)):
            if t is type(None):
                continue
            want = self.type.get(name)
            how = (_OTHER if want is None or (node and name == "label") else _STR if t is str
                   else _BOOL if t is bool else _FLOAT if t is float
                   else (_INT_AS_FLOAT if want is float else _INT) if t is int
                   else _JSON if t is list or t is tuple or t is dict else _OTHER)
            tag = f"{indent}{self.tags[(domain, name)]}" if (domain, name) in self.tags else ""
            steps.append((i, tag, how, name))
            labelled = labelled or name == "label"
        if node and not labelled:
            steps.append((-1, f"{indent}{self.tags[('node', 'label')]}", _LABEL, "label"))
        return steps


def graphml_chunks(graph: Any) -> Iterator[str]:
    """The GraphML text of ``graph``, in pieces, written straight from the graph (no copy): the
    nodes, edges and attributes ``sanitize_graph(graph)`` would hold, named key ids (Gephi and
    yEd show ``label`` rather than ``d3``), reading back with ``networkx.read_graphml`` with
    every attribute typed (``long``, ``double``, ``boolean``, ``string``). Two passes over the
    graph, linear in its size."""
    plan = _GraphmlPlan(graph)
    yield _GRAPHML_HEAD
    for (domain, name), key_id in plan.ids.items():
        yield (f'  <key id="{key_id.translate(_XML_ATTR)}" for="{domain}" attr.name="{name.translate(_XML_ATTR)}" '
               f'attr.type="{_GRAPHML_TYPES[plan.type[name]]}"/>\n')
    yield f'  <graph edgedefault="{"directed" if graph.is_directed() else "undirected"}">\n'
    yield plan.data("graph", plan.attrs(graph.graph), "    ")
    ids: dict[Any, str] = {}
    taken: set[str] = set()
    out: list[str] = []
    for node, data in graph.nodes(data=True):
        nid = _node_id(node, taken)
        taken.add(nid)
        ids[node] = _xml_attr(nid)
        out.append(f'    <node id="{ids[node]}">\n{plan.element("node", data, "      ", nid)}    </node>\n')
        if len(out) >= _CHUNK:
            yield "".join(out)
            out.clear()
    seen: set[str] = set()
    edges = (graph.edges(keys=True, data=True) if graph.is_multigraph()
             else ((u, v, None, d) for u, v, d in graph.edges(data=True)))
    for n, (u, v, key, data) in enumerate(edges):
        head = f'    <edge source="{ids[u]}" target="{ids[v]}"'
        if key is not None:
            base = k = clean_text(str(key))
            suffix = n
            while k in seen:
                k, suffix = f"{base}#{suffix}", suffix + 1
            seen.add(k)
            head += f' id="{_xml_attr(k)}"'
        out.append(f'{head}>\n{plan.element("edge", data, "      ")}    </edge>\n')
        if len(out) >= _CHUNK:
            yield "".join(out)
            out.clear()
    out.append("  </graph>\n</graphml>\n")
    yield "".join(out)


def _gexf_day(value: str, *, end: bool) -> str | None:
    """An ISO 8601 start or half-open end as the GEXF ``date`` of its first or last day.

    ``2016-04-01`` → ``2016-04-01`` as a start; ``2016-05-01`` → ``2016-04-30`` as an end (GEXF
    intervals include their end); a date-time keeps its day (``2020-01-08T12:00`` →
    ``2020-01-08``). ``None`` for a value that is not ISO 8601.
    """
    try:
        day = _dt.date.fromisoformat(value[:10])
    except (TypeError, ValueError):
        return None
    if end and len(value) <= 10:
        day -= _dt.timedelta(days=1)
    return day.isoformat()


def _gexf_bytes(graph: Any) -> bytes:
    import networkx as nx

    g = graph.copy()
    for _, data in g.nodes(data=True):
        # ``start``/``end`` are GEXF lifetimes (dates), never code-point offsets.
        data.pop("start", None)
        data.pop("end", None)
        s = _gexf_day(data.get("date_start"), end=False)
        e = _gexf_day(data.get("date_end"), end=True)
        if s is not None and e is not None and e < s:
            e = s
        if s is not None:
            data["start"] = s
        if e is not None:
            data["end"] = e
    edges = g.edges(keys=True, data=True) if g.is_multigraph() else ((u, v, None, d) for u, v, d in g.edges(data=True))
    for _, _, key, data in edges:
        if key is not None:
            data.setdefault("id", str(key))   # sanitize_graph made multigraph keys unique
        data.pop("start", None)
        data.pop("end", None)
        # GEXF's edge ``type`` is directed/undirected/mutual: keep ours as ``relation``.
        if "type" in data:
            data["relation"] = data.pop("type")
    buf = io.BytesIO()
    nx.write_gexf(g, buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()


def _json_ready(value: Any) -> Any:
    """``value`` with what strict JSON (RFC 8259) cannot hold converted: NaN and infinities as
    strings, dates as ISO strings, tuples and sets as lists, other objects as strings."""
    if isinstance(value, dict):
        return {str(k): _json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return [_json_ready(v) for v in items]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return _json_ready(_json_default(value))


def _node_link_bytes(graph: Any) -> bytes:
    import networkx as nx

    data = _json_ready(nx.node_link_data(graph, edges="edges"))
    return (json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")


def write_graph(graph: Any, path: str | os.PathLike) -> Path:
    """Write ``graph`` to ``path`` in the format its suffix names; returns the path.

    * ``.graphml``: GraphML with named key ids, from ``sanitize_graph(graph)``; reads back with
      ``networkx.read_graphml`` with every attribute typed (``long``, ``double``, ``boolean``,
      ``string``).
    * ``.gexf``: GEXF 1.2 from ``sanitize_graph(graph)``; nodes with ``date_start``/``date_end``
      (event dates, ISO 8601, half-open) get GEXF ``start``/``end`` as days (inclusive: the last
      day of a date end is ``date_end`` minus one day; a date-time keeps its day; an open end
      stays open) so Gephi's timeline plays; the graph is then ``dynamic`` with
      ``timeformat="date"``. GEXF reserves an edge's ``type`` (directed/undirected/mutual),
      so an edge attribute ``type`` is written as ``relation``.
    * ``.json``: networkx node-link JSON (``{"nodes": [...], "edges": [...]}``), UTF-8,
      lists and dicts kept as JSON, dates as ISO strings, NaN/infinity as strings (strict
      JSON).

    Raises ``ValueError`` for another suffix, ``OSError`` when the file cannot be written.
    The caller's graph is never modified.
    """
    return atomic_write(path, graph_bytes(graph, path))


def graph_bytes(graph: Any, path: str | os.PathLike) -> bytes:
    """The bytes ``write_graph`` writes for ``path`` (format by its suffix, see there).

    Raises ``ValueError`` for a suffix not in ``GRAPH_FORMATS``.
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".graphml":
        return _graphml_bytes(graph)
    if suffix == ".gexf":
        return _gexf_bytes(sanitize_graph(graph))
    if suffix == ".json":
        return _node_link_bytes(graph)
    raise ValueError(f"{path}: unknown graph format {suffix!r}; use one of {', '.join(GRAPH_FORMATS)}")


# --------------------------------------------------------------------------- events

def write_events_json(extraction: Any, path: str | os.PathLike) -> Path:
    """Write ``extraction.to_dict()`` (the JSON of ``shared/eval/README.md``) to ``path``.

    UTF-8, ``ensure_ascii=False`` (Chinese stays readable), one record a line (see
    ``events_json_chunks``), ending in a newline. Returns the path; raises ``OSError`` when it
    cannot be written.
    """
    return atomic_write(path, events_json_chunks(extraction))


def events_json(extraction: Any) -> str:
    """The text ``write_events_json`` writes (``events_json_chunks`` joined)."""
    return "".join(events_json_chunks(extraction))


_EVENTS_LISTS = ("documents", "timexes", "entities", "events", "errors")


def events_json_chunks(extraction: Any) -> Iterator[str]:
    """``extraction.to_dict()`` as JSON text, in pieces, a record at a time: the top-level keys
    one a line, each record of the lists ``documents``, ``timexes``, ``entities``, ``events`` and
    ``errors`` on a line of its own (indented by 4), as compact JSON (``", "``, ``": "``). The
    whole is never held in memory; linear in the extraction (the records are encoded by the
    json module's C encoder, which ``indent`` would turn off)."""
    from ._version import __version__
    from .model import SCHEMA_VERSION

    encode = json.JSONEncoder(ensure_ascii=False, default=_json_default).encode
    yield '{\n  "generator": ' + encode({"name": "timeline", "version": __version__})
    yield f',\n  "schema_version": {SCHEMA_VERSION}'
    as_dict = _record_dict()
    for name in _EVENTS_LISTS:
        records = getattr(extraction, name)
        if not records:
            yield f',\n  "{name}": []'
            continue
        for i in range(0, len(records), _CHUNK):
            text = ",\n    ".join([encode(as_dict(r)) for r in records[i:i + _CHUNK]])
            yield (f',\n  "{name}": [\n    ' if i == 0 else ",\n    ") + text
        yield "\n  ]"
    yield "\n}\n"


def _record_dict() -> Any:
    """``record.to_dict()``; for a time expression its attribute dict itself and for an event a
    shallow copy, when they hold the dataclass fields in order (the JSON is the same, without
    a ``getattr`` a field or the deep copy)."""
    from .model import Event, Timex

    timex_fields = tuple(f.name for f in dataclasses.fields(Timex))
    event_fields = tuple(f.name for f in dataclasses.fields(Event))

    def as_dict(record: Any) -> dict[str, Any]:
        t = type(record)
        if t is Timex:
            d = vars(record)
            return d if tuple(d) == timex_fields else record.to_dict()
        if t is not Event or tuple(vars(record)) != event_fields:
            return record.to_dict()
        d = dict(vars(record))
        d["participants"] = [{"entity": p.entity, "role": p.role} for p in record.participants]
        d["trigger_span"] = list(record.trigger_span) if record.trigger_span else None
        return d

    return as_dict


TABLE_COLUMNS = (
    "id", "doc", "date_value", "date_mod", "granularity", "date_start", "date_end",
    "timex", "timex_text", "trigger", "kind", "title", "participants", "amounts",
    "start", "end", "text", "confidence",
)
"""Columns of the events table, in order."""


def event_rows(extraction: Any) -> list[dict[str, Any]]:
    """One flat dict an event, keys ``TABLE_COLUMNS``, in the extraction's event order.

    ``participants`` is a list of ``{"entity", "name", "type", "role"}``; ``amounts`` the
    event's amounts as stored; ``text`` the source span ``document.text[start:end]``;
    ``confidence`` the event's (``None`` when not scored).
    """
    timexes = extraction.timex_by_id()
    ents = extraction.entity_by_id()
    docs = extraction.document_by_id()
    rows = []
    for ev in extraction.events:
        date = ev.date or {}
        tx = timexes.get(ev.timex) if ev.timex else None
        doc = docs.get(ev.doc)
        parts = []
        for p in ev.participants:
            e = ents.get(p.entity)
            parts.append({"entity": p.entity, "name": e.name if e else None,
                          "type": e.type if e else None, "role": p.role})
        rows.append({
            "id": ev.id, "doc": ev.doc, "date_value": date.get("value"), "date_mod": date.get("mod"),
            "granularity": date.get("granularity"), "date_start": date.get("start"),
            "date_end": date.get("end"), "timex": ev.timex, "timex_text": tx.text if tx else None,
            "trigger": ev.trigger, "kind": ev.kind, "title": ev.title, "participants": parts,
            "amounts": list(ev.amounts), "start": ev.start, "end": ev.end,
            "text": doc.text[ev.start:ev.end] if doc is not None else ev.sentence,
            "confidence": ev.confidence,
        })
    return rows


def _csv_cell(name: str, value: Any) -> Any:
    if value is None:
        return ""
    if name == "participants":
        return "; ".join(f"{p['name'] or p['entity']} ({p['role']})" for p in value)
    if name == "amounts":
        return "; ".join(str(a.get("text", "")) for a in value)
    return value


def write_events_table(extraction: Any, path: str | os.PathLike) -> Path:
    """Write one row an event (``event_rows``) as ``.csv`` or ``.jsonl``; returns the path.

    CSV (RFC 4180, ``\\r\\n`` line ends) is UTF-8 with a byte-order mark so that spreadsheet
    programs detect the encoding; participants are ``name (role); …`` and amounts their written
    forms joined by ``; ``. JSONL has one JSON object a line (UTF-8, no BOM) with participants
    and amounts as lists. Raises ``ValueError`` for another suffix.
    """
    suffix = Path(path).suffix.lower()
    rows = event_rows(extraction)
    if suffix == ".csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=TABLE_COLUMNS, lineterminator="\r\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: _csv_cell(k, r[k]) for k in TABLE_COLUMNS})
        return atomic_write(path, "\ufeff" + buf.getvalue())
    if suffix == ".jsonl":
        text = "".join(json.dumps(r, ensure_ascii=False, default=_json_default) + "\n" for r in rows)
        return atomic_write(path, text)
    raise ValueError(f"{path}: unknown table format {suffix!r}; use one of {', '.join(TABLE_FORMATS)}")


# --------------------------------------------------------------------------- reading events.json

class EventsFileError(ValueError):
    """An ``events.json`` that cannot be read: ``<file>: <key path>: <reason>``, one line."""

    def __init__(self, file: str, where: str, reason: str) -> None:
        self.file, self.where, self.reason = file, where, reason
        super().__init__(f"{file}: {where}: {reason}" if where else f"{file}: {reason}")


def _events_schema() -> Any:
    """The schema of ``events.json`` (``timeline.resources.schema`` nodes), keys from the model's
    dataclasses: a key the model does not know is an error, a field added to the model is read."""
    import dataclasses

    from .model import Document, Entity, Event, Extraction, Timex
    from .resources import schema as s

    class Nullable(s.Node):
        def __init__(self, node: Any) -> None:
            self.node = node

        def check(self, value, where, ctx, label=None):
            return None if value is None else self.node.check(value, where, ctx, label)

    class Offset(s.Int):
        pass

    def fields(cls: Any, known: dict[str, Any], required: tuple[str, ...]) -> Any:
        names = [f.name for f in dataclasses.fields(cls) if f.name != "warnings"]
        return s.Map({n: known.get(n, s.Any()) for n in names}, required=required)

    span = s.List(s.Int(min=0))
    date = s.Map({"value": s.Any(), "mod": Nullable(s.Str()), "granularity": Nullable(s.Str()),
                  "start": s.Any(), "end": s.Any()})
    document = fields(Document, {"id": s.Str(), "text": s.Str(empty=True), "path": Nullable(s.Str(empty=True)),
                                 "dct": Nullable(s.Str()), "dct_source": Nullable(s.Dict(s.Any())),
                                 "language": s.Str(), "script": Nullable(s.Str()),
                                 "title": Nullable(s.Str(empty=True)), "url": Nullable(s.Str(empty=True)),
                                 "encoding": Nullable(s.Str())}, ("id", "text"))
    timex = fields(Timex, {"id": s.Str(), "doc": s.Str(), "text": s.Str(empty=True), "start": Offset(min=0),
                           "end": Offset(min=0), "type": s.Str(), "value": s.Str(empty=True),
                           "mod": Nullable(s.Str())}, ("id", "doc", "text", "start", "end", "type", "value"))
    mention = s.Map({"doc": s.Str(), "start": Offset(min=0), "end": Offset(min=0), "text": s.Str(empty=True)},
                    required=("doc", "start", "end", "text"))
    entity = fields(Entity, {"id": s.Str(), "type": s.Str(), "name": s.Str(), "aliases": s.List(s.Str()),
                             "mentions": s.List(mention), "attributes": s.Dict(s.Any())}, ("id", "type", "name"))
    participant = s.Map({"entity": s.Str(), "role": s.Str()}, required=("entity", "role"))
    event = fields(Event, {"id": s.Str(), "doc": s.Str(), "timex": Nullable(s.Str()), "date": Nullable(date),
                           "trigger": s.Str(empty=True), "title": s.Str(empty=True), "start": Offset(min=0),
                           "end": Offset(min=0), "participants": s.List(participant), "kind": Nullable(s.Str()),
                           "trigger_span": Nullable(span), "amounts": s.List(s.Dict(s.Any())),
                           "mentions": s.List(s.Dict(s.Any())), "sentence": Nullable(s.Str(empty=True)),
                           "sources": s.List(s.Dict(s.Any())), "confidence": Nullable(s.Num())},
                   ("id", "doc", "date", "trigger", "title", "start", "end"))
    top = {"generator": s.Dict(s.Any()), "schema_version": s.Int(min=1), "documents": s.List(document, label="id"),
           "timexes": s.List(timex, label="id"), "entities": s.List(entity, label="id"),
           "events": s.List(event, label="id"),
           "errors": s.List(s.Map({"path": s.Str(empty=True), "reason": s.Str(empty=True)}))}
    extra = [f.name for f in dataclasses.fields(Extraction) if f.name not in top]
    top.update({n: s.Any() for n in extra})
    return s.Map(top, required=("schema_version", "documents", "events"))


def read_events_json(path: str | os.PathLike, *, merge: bool = True) -> Any:
    """Read an ``events.json`` (``write_events_json``; perhaps edited by hand) as an ``Extraction``.

    Checked on read: UTF-8 JSON, ``schema_version`` (``timeline.model.SCHEMA_VERSION``; a newer
    one is refused), every key known to the model and of its type, ids unique, every reference
    (``events[].doc``, ``.timex``, ``.participants[].entity``, ``timexes[].doc``, mentions)
    naming a record of the file, every span inside its document and ``text == document.text[start:end]``
    for time expressions and mentions. A date edited by hand may leave out ``start`` and ``end``
    (and ``granularity``): they are computed from ``value`` and ``mod`` (``timeline.temporal.interval``),
    so a date is fixed by writing its value alone.  With ``merge`` (default) an entity whose
    ``attributes.same_as`` names another entity is merged into it (:func:`merge_same_as`).
    Unedited, ``events_json(read_events_json(p)) == p``'s text (the same ``generator`` version).
    Raises :class:`EventsFileError` (``<file>: <key path>: <reason>``) or ``OSError``.
    """
    from .model import SCHEMA_VERSION, Extraction
    from .resources import schema as s

    name = str(path)
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EventsFileError(name, "", f"not UTF-8 (byte {exc.start})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise EventsFileError(name, "", f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise EventsFileError(name, "", "invalid JSON: nested too deeply") from None
    if not isinstance(data, dict):
        raise EventsFileError(name, "", "expected a JSON object with documents and events (an events.json)")
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise EventsFileError(name, "schema_version", f"{version} is newer than this timeline reads "
                                                      f"({SCHEMA_VERSION}); upgrade timeline")
    if "schema_version" not in data:
        raise EventsFileError(name, "schema_version", "missing: not an events.json of timeline "
                                                      "(rebuild it with timeline build)")

    def error_class(file: str, where: str, reason: str) -> EventsFileError:
        return EventsFileError(name, where, reason)

    s.check(data, _events_schema(), name, error=cast(Any, error_class))
    _check_references(data, name)
    _complete_dates(data, name)
    extraction = Extraction.from_dict(data)
    return merge_same_as(extraction) if merge else extraction


def _check_references(data: dict[str, Any], name: str) -> None:  # noqa: C901 - one check a reference
    docs: dict[str, str] = {}
    for i, d in enumerate(data.get("documents", [])):
        if d["id"] in docs:
            raise EventsFileError(name, f"documents[{i}].id", f"{d['id']!r} is given twice")
        docs[d["id"]] = d["text"]

    def span(where: str, rec: dict[str, Any], doc: str, text: str | None = None) -> None:
        if doc not in docs:
            raise EventsFileError(name, f"{where}.doc", f"no document {doc!r} in this file")
        n = len(docs[doc])
        if not rec["start"] <= rec["end"] <= n:
            raise EventsFileError(name, f"{where}.start", f"span {rec['start']}..{rec['end']} is not inside "
                                                          f"document {doc!r} ({n} characters)")
        if text is not None and docs[doc][rec["start"]:rec["end"]] != text:
            raise EventsFileError(name, f"{where}.text", f"{text!r} is not the document's text at "
                                                         f"{rec['start']}..{rec['end']}")

    def unique(where: str, seen: set[str], rec: dict[str, Any]) -> None:
        if rec["id"] in seen:
            raise EventsFileError(name, f"{where}.id", f"{rec['id']!r} is given twice")
        seen.add(rec["id"])

    timexes: set[str] = set()
    for i, t in enumerate(data.get("timexes", [])):
        unique(f"timexes[{i}]", timexes, t)
        span(f"timexes[{i}]", t, t["doc"], t["text"])
    entities: set[str] = set()
    for i, e in enumerate(data.get("entities", [])):
        unique(f"entities[{i}]", entities, e)
        for j, m in enumerate(e.get("mentions", [])):
            span(f"entities[{i}].mentions[{j}]", m, m["doc"], m["text"])
    for i, e in enumerate(data.get("entities", [])):
        same = (e.get("attributes") or {}).get("same_as")
        if same is not None and (same not in entities or same == e["id"]):
            raise EventsFileError(name, f"entities[{i}].attributes.same_as",
                                  f"{same!r} is not another entity of this file")
    events: set[str] = set()
    for i, ev in enumerate(data.get("events", [])):
        unique(f"events[{i}]", events, ev)
        span(f"events[{i}]", ev, ev["doc"])
        if ev.get("timex") is not None and ev["timex"] not in timexes:
            raise EventsFileError(name, f"events[{i}].timex", f"no time expression {ev['timex']!r} in this file")
        for j, p in enumerate(ev.get("participants", [])):
            if p["entity"] not in entities and p["entity"] not in events:
                raise EventsFileError(name, f"events[{i}].participants[{j}].entity",
                                      f"no entity {p['entity']!r} in this file")
        conf = ev.get("confidence")
        if conf is not None and not 0 <= conf <= 1:
            raise EventsFileError(name, f"events[{i}].confidence", f"expected a number from 0 to 1, got {conf!r}")


def _complete_dates(data: dict[str, Any], name: str) -> None:
    """Fill ``start``/``end``/``granularity`` of dates edited by hand (both bounds left out) from
    the value; given bounds are kept (the events stage computes some from more than the value: a
    range's end, a duration counted back from the DCT)."""
    from .temporal import interval

    for ev in data.get("events", []):
        date = ev.get("date")
        if not isinstance(date, dict):
            continue
        value = date.get("value")
        value = None if value is None else str(value)
        start, end, gran = interval(value, date.get("mod"))
        if "start" not in date and "end" not in date:
            date.update({"start": start, "end": end})
            date.setdefault("granularity", gran)
            date.setdefault("mod", None)
            # keys in the order the events stage writes them
            ev["date"] = {k: date.get(k) for k in ("value", "mod", "granularity", "start", "end")} | date


def merge_same_as(extraction: Any) -> Any:
    """The extraction with every entity whose ``attributes["same_as"]`` names another entity
    merged into that one (a chain is followed): its name and aliases become aliases of the
    target, its mentions the target's, its participations the target's (one per event and
    role). How a journalist merges two organisations in ``events.json``. Linear."""
    from dataclasses import replace

    ents = {e.id: e for e in extraction.entities}

    def target(eid: str) -> str:
        seen = set()
        while eid in ents and ents[eid].attributes.get("same_as") in ents and eid not in seen:
            seen.add(eid)
            eid = ents[eid].attributes["same_as"]
        return eid

    into = {e.id: target(e.id) for e in extraction.entities if e.attributes.get("same_as") in ents}
    if not into:
        return extraction
    merged = {}
    for e in extraction.entities:
        if e.id in into:
            continue
        merged[e.id] = replace(e, aliases=list(e.aliases), mentions=list(e.mentions))
    for e in extraction.entities:
        if e.id in into and into[e.id] in merged:
            t = merged[into[e.id]]
            for alias in [e.name, *e.aliases]:
                if alias != t.name and alias not in t.aliases:
                    t.aliases.append(alias)
            t.mentions.extend(e.mentions)
    for t in merged.values():
        t.mentions.sort(key=lambda m: (m.doc, m.start, m.end))
    events = []
    for ev in extraction.events:
        parts, seen = [], set()
        for p in ev.participants:
            q = replace(p, entity=into.get(p.entity, p.entity))
            if (q.entity, q.role) not in seen:
                seen.add((q.entity, q.role))
                parts.append(q)
        events.append(replace(ev, participants=parts))
    return replace(extraction, entities=list(merged.values()), events=events)
