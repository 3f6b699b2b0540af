"""Hostile inputs (issue 11): text no encoder accepts, file names that are not UTF-8, endless and
huge inputs, JSON Lines with Unicode line separators, folders holding what is not a file. Each
case asserts the right answer for the bad input AND that the rest of the batch was written."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from advkit import GOOD, good_text, read_outputs, stderr_lines, timeline

from timeline import documents
from timeline.model import Document, DocumentError

# --------------------------------------------------------------------------- lone surrogates

CUT_EMOJI = "2019年3月5日，南山区商会召开会员大会。\ud83d"   # an emoji cut in half by a scraper


def _surrogate_jsonl(path: Path) -> None:
    rows = [{"id": "cut", "text": CUT_EMOJI}, {"id": "ok", "text": GOOD}]
    # json.dumps writes the lone surrogate as the escape \ud83d: legal JSON.
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


@pytest.mark.parametrize("command", ["build", "extract", "graph"])
def test_a_lone_surrogate_in_a_json_line_is_replaced_and_reported_and_nothing_is_lost(tmp_path, command):
    _surrogate_jsonl(tmp_path / "in.jsonl")
    args = {"build": ["build", "in.jsonl", "-o", "out"], "extract": ["extract", "in.jsonl"],
            "graph": ["graph", "in.jsonl", "-o", "g.json"]}[command]
    proc = timeline(*args, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (f"timeline: in.jsonl:1: warning: 1 lone surrogate (half of a UTF-16 pair, e.g. an emoji cut "
            f"in two) replaced by U+FFFD, the first at character {len(CUT_EMOJI) - 1}") in stderr_lines(proc)
    if command == "build":
        out = read_outputs(tmp_path / "out")
        docs = out["events"]["documents"]
    elif command == "extract":
        docs = json.loads(proc.stdout.decode("utf-8"))["documents"]
    else:
        graph = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
        docs = [n for n in graph["nodes"] if n.get("type") == "document"]
        assert len(docs) == 2
        return
    assert [d["id"] for d in docs] == ["cut", "ok"]
    assert docs[0]["text"] == CUT_EMOJI[:-1] + "\ufffd", "same length: every offset still holds"


def test_the_api_replaces_lone_surrogates_keeping_offsets():
    import timeline

    result = timeline.extract(CUT_EMOJI + "\udc00西川县商会成立。", dct="2020-01-01")
    (doc,) = result.documents
    assert "\ud83d" not in doc.text and len(doc.text) == len(CUT_EMOJI) + len("\udc00西川县商会成立。")
    assert doc.warnings and "2 lone surrogates" in doc.warnings[0]
    for t in result.timexes:
        assert doc.text[t.start:t.end] == t.text
    json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")   # encodes


# --------------------------------------------------------------------------- file names


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_is_escaped_and_read(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    gbk_name = "商会新闻.txt".encode("gbk")
    with open(os.path.join(os.fsencode(folder), gbk_name), "w", encoding="utf-8") as fh:
        fh.write(good_text(1))
    (folder / "ok.txt").write_text(GOOD, encoding="utf-8")
    proc = timeline("build", "in", "-o", "out", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    stderr_lines(proc)
    out = read_outputs(tmp_path / "out")
    paths = [d["path"] for d in out["events"]["documents"]]
    shown = os.path.join("in", gbk_name.decode("utf-8", "backslashreplace"))
    assert sorted(paths) == sorted([os.path.join("in", "ok.txt"), shown])
    assert "\\x" in shown
    assert len(out["events"]["documents"][1]["text"]) > 0


def test_display_path_escapes_only_undecodable_bytes():
    raw = os.fsdecode(b"in/\xc9\xcc.txt")
    assert documents.display_path(raw) == "in/\\xc9\\xcc.txt"
    assert documents.display_path("in/商会.txt") == "in/商会.txt"


# --------------------------------------------------------------------------- endless and huge inputs


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_dev_zero_is_a_one_line_error_and_the_batch_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    proc = timeline("build", "/dev/zero", "good.txt", "-o", "out", "--max-size", "64K", cwd=tmp_path, timeout=60)
    assert proc.returncode == 1
    assert "timeline: /dev/zero: larger than the maximum input size of 64 KiB (--max-size)" in stderr_lines(proc)
    out = read_outputs(tmp_path / "out")
    assert [d["path"] for d in out["events"]["documents"]] == ["good.txt"]
    assert out["events"]["errors"] == [{"path": "/dev/zero", "reason": "larger than the maximum input size "
                                                                       "of 64 KiB (--max-size)"}]


def test_a_file_over_the_maximum_size_is_skipped_by_name(tmp_path):
    (tmp_path / "big.txt").write_text(GOOD * 200, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    proc = timeline("extract", "big.txt", "good.txt", "--max-size", "4K", cwd=tmp_path)
    assert proc.returncode == 1
    assert "timeline: big.txt: larger than the maximum input size of 4 KiB (--max-size)" in stderr_lines(proc)
    assert [d["path"] for d in json.loads(proc.stdout)["documents"]] == ["good.txt"]


def test_standard_input_over_the_maximum_size_is_an_error(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    proc = timeline("extract", "-", "good.txt", "--max-size", "1K", cwd=tmp_path, input=b"x" * 5000)
    assert proc.returncode == 1
    assert "timeline: <stdin>: larger than the maximum input size of 1 KiB (--max-size)" in stderr_lines(proc)
    assert [d["path"] for d in json.loads(proc.stdout)["documents"]] == ["good.txt"]


def test_a_json_lines_record_over_the_maximum_size_is_skipped_alone(tmp_path):
    rows = [{"id": "big", "text": GOOD * 100}, {"id": "small", "text": GOOD}]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                       encoding="utf-8")
    proc = timeline("extract", "in.jsonl", "--max-size", "2K", cwd=tmp_path)
    assert proc.returncode == 1
    assert "timeline: in.jsonl:1: record larger than the maximum input size of 2 KiB (--max-size)" \
        in stderr_lines(proc)
    assert [d["id"] for d in json.loads(proc.stdout)["documents"]] == ["small"]


def test_the_size_option_is_validated():
    assert documents.parse_size("16M") == 16 << 20
    assert documents.parse_size("1.5K") == 1536
    assert documents.parse_size("０") is None
    with pytest.raises(ValueError, match="invalid size"):
        documents.parse_size("lots")


# --------------------------------------------------------------------------- JSON Lines separators


def test_json_lines_are_split_at_newline_only(tmp_path):
    texts = ["第一段\u2028第二段，2019年3月5日，东湖区商会成立。", "段落\u20292019年3月6日，西川县商会成立。\u0085尾",
             "回车\r在中间，2019年3月7日，南山区商会成立。"]
    (tmp_path / "in.jsonl").write_bytes(
        "".join(json.dumps({"id": f"r{i}", "text": t}, ensure_ascii=False) + "\r\n" for i, t in enumerate(texts))
        .encode("utf-8"))
    proc = timeline("extract", "in.jsonl", "--dct", "2020-01-01", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    docs = json.loads(proc.stdout)["documents"]
    assert [d["text"] for d in docs] == texts
    assert [d["path"] for d in docs] == ["in.jsonl:1", "in.jsonl:2", "in.jsonl:3"]


# --------------------------------------------------------------------------- folders


def _folder_with_strangers(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(good_text(1), encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(good_text(2), encoding="utf-8")
    os.symlink(tmp_path / "nowhere.txt", folder / "dangling.txt")
    os.mkfifo(folder / "pipe.txt")
    if os.path.exists("/dev/null"):
        os.symlink("/dev/null", folder / "device.txt")
    return folder


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_folder_with_a_dangling_link_a_fifo_and_a_device_is_read_with_warnings(tmp_path):
    _folder_with_strangers(tmp_path)
    proc = timeline("build", "in", "-o", "out", cwd=tmp_path, timeout=60)   # a FIFO read would hang
    assert proc.returncode == 0, proc.stderr
    lines = stderr_lines(proc)
    assert f"timeline: {os.path.join('in', 'dangling.txt')}: warning: skipped: symbolic link to nowhere" in lines
    assert (f"timeline: {os.path.join('in', 'pipe.txt')}: warning: skipped: a FIFO (named pipe), "
            "not a regular file") in lines
    if os.path.exists("/dev/null"):
        assert (f"timeline: {os.path.join('in', 'device.txt')}: warning: skipped: a character device, "
                "not a regular file") in lines
    out = read_outputs(tmp_path / "out")
    assert [d["path"] for d in out["events"]["documents"]] == [os.path.join("in", "a.txt"),
                                                               os.path.join("in", "sub", "b.txt")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_quiet_silences_the_skipped_entries(tmp_path):
    _folder_with_strangers(tmp_path)
    proc = timeline("extract", "in", "-q", cwd=tmp_path, timeout=60)
    assert proc.returncode == 0 and stderr_lines(proc) == []


def test_an_unreadable_subfolder_is_an_error_and_the_rest_is_read(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "c.txt").write_text(good_text(3), encoding="utf-8")
    (folder / "a.txt").write_text(good_text(1), encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path=".", *a, **k):   # as root, chmod 000 does not keep anyone out
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path, *a, **k)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(documents.load_documents([str(folder)]))
    errors = [x for x in items if isinstance(x, DocumentError)]
    docs = [x for x in items if isinstance(x, Document)]
    assert [(e.path, e.reason) for e in errors] == [(str(folder / "locked"), "cannot read this folder: "
                                                                             "Permission denied")]
    assert [d.path for d in docs] == [str(folder / "a.txt")]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a user that permissions stop")
def test_an_unreadable_subfolder_on_the_command_line_gives_exit_1(tmp_path):
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "c.txt").write_text(good_text(3), encoding="utf-8")
    (folder / "a.txt").write_text(good_text(1), encoding="utf-8")
    os.chmod(folder / "locked", 0)
    try:
        proc = timeline("build", "in", "-o", "out", cwd=tmp_path)
    finally:
        os.chmod(folder / "locked", 0o755)
    assert proc.returncode == 1
    assert (f"timeline: {os.path.join('in', 'locked')}: cannot read this folder: Permission denied"
            in stderr_lines(proc))
    assert [d["path"] for d in read_outputs(tmp_path / "out")["events"]["documents"]] == [os.path.join("in", "a.txt")]


# --------------------------------------------------------------------------- ids


def test_json_lines_ids_differing_only_by_xml_invalid_characters_stay_apart(tmp_path):
    rows = [{"id": "a\u000b", "text": good_text(1)}, {"id": "a\u000c", "text": good_text(2)},
            {"id": "a", "text": good_text(3)}, {"id": "\u0001", "text": good_text(4)}]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    proc = timeline("build", "in.jsonl", "-o", "out", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = read_outputs(tmp_path / "out")
    assert [d["id"] for d in out["events"]["documents"]] == ["a", "a-2", "a-3", "d1"]
    doc_nodes = [n for n, a in out["graph"].nodes(data=True) if a.get("type") == "document"]
    assert len(doc_nodes) == 4


def test_sanitize_graph_keeps_ids_that_clean_to_the_same_string_apart():
    import networkx as nx

    from timeline import export

    g = nx.MultiDiGraph()
    g.add_node("a\x0b", label="one")
    g.add_node("a\x0c", label="two")
    g.add_node("a", label="three")
    g.add_edge("a\x0b", "a")
    h = export.sanitize_graph(g)
    assert len(h) == 3
    assert sorted(d["label"] for _, d in h.nodes(data=True)) == ["one", "three", "two"]
    assert h.number_of_edges() == 1
    import io

    nx.read_graphml(io.BytesIO(export.graph_bytes(g, "g.graphml")))
