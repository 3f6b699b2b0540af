"""Read inputs into ``Document`` objects: files, folders, standard input, JSON Lines, HTML, Markdown.

The first stage of the pipeline (see ``docs/architecture.md``). It decides what text every
later offset indexes, finds the document creation time (DCT, TimeML's ``DCT``), the language
and the script of each document.

What ``Document.text`` is, by input kind:

* ``.txt`` (and any file of an unknown suffix, or ``-`` for standard input): the decoded file
  exactly, less a leading byte order mark (BOM). Offsets index the text *without* the BOM: a
  span ``(0, 2)`` is the first two characters after it. A YAML front matter at its top stays in
  the text and gives the DCT and the title.
* ``.md``: the decoded file after its YAML front matter (the block between a first line ``---``
  and the next ``---`` line); ``date:`` and ``title:`` of the front matter give the DCT and the
  title.
* ``.html``/``.htm``: the main text extracted by trafilatura (page chrome dropped); the DCT
  evidence is read from the visible page and its metadata (htmldate). Offsets index this
  extracted text, which ``events.json`` keeps in ``documents[].text``.
* ``.jsonl`` (JSON Lines, https://jsonlines.org): one object ``{"id", "text", "dct"?,
  "title"?, "lang"?}`` a line (lines end at ``\n`` only); each line is a document.

The DCT is the best-ranked evidence (``EVIDENCE_RANKS``, ``dct_evidence``), recorded in
``Document.dct_source``. Bytes are decoded as UTF-8 (with or without BOM), UTF-16/32 with a BOM, or,
failing UTF-8, as the encoding charset-normalizer detects (GB18030 for the GB2312/GBK family,
Big5); an ``encoding`` argument forces one. Decoding is always strict: a text never contains
U+FFFD introduced by decoding (a lone surrogate of a JSON string is replaced by one, with a
warning). Inputs are only ever opened for reading, and bounded: ``max_size`` bytes and
``timeout`` seconds a document (``timeline.budget``); folders yield regular files only.

Language knowledge (DCT labels, front-matter keys, page-chrome markers, how to recognise a
language and its traditional script) is data: ``timeline/resources/<lang>/documents.yaml``; the
letters of a language's script and its sentence ends are its text table's
(``timeline.text``, ``timeline/resources/<lang>/text.yaml``).

The package by job (data flows down the list; each module imports only those above it):
``tables`` (``documents.yaml`` checked), ``decode`` (bytes to text), ``language`` (language,
script, the matching copy), ``dates`` (dates as written), ``page`` (lines, chrome, related lists,
front matter, headline), ``dct`` (the DCT evidence), ``document`` (a ``Document`` of a text),
``sources`` (inputs listed, sizes, paths), ``units`` (a document before decoding, ids),
``html_page`` and ``jsonl`` (those formats), ``read`` (inputs to documents). This module is the
face: every public name is re-exported here.
"""
from __future__ import annotations

from ..model import STORY_EVIDENCE
from .dates import validate_dct
from .dct import EVIDENCE_RANKS, DctEvidence, dct_evidence, find_dct
from .decode import DecodingError, decode, validate_encoding
from .document import document_from_text
from .html_page import extract_html, visible_lines
from .language import convert_script, detect_language, detect_script, matching_text
from .page import FRONT_MATTER_URL_KEYS, article_url, find_title, front_matter_spans, related_spans, split_front_matter
from .read import iter_units, load_documents, read_sources, read_unit
from .sources import (
    DEFAULT_MAX_SIZE,
    STDIN,
    SUPPORTED_SUFFIXES,
    InputError,
    Skipped,
    display_path,
    find_sources,
    parse_size,
    size_text,
)
from .tables import known_languages, validate_lang
from .units import UNREAD_ID, DocumentIds, Unit

__all__ = [
    "load_documents", "read_sources", "document_from_text", "matching_text", "convert_script", "find_sources", "decode",
    "detect_language", "detect_script", "find_dct", "find_title", "split_front_matter",
    "extract_html", "validate_dct", "validate_lang", "validate_encoding", "known_languages",
    "InputError", "DecodingError", "SUPPORTED_SUFFIXES", "STDIN",
    "dct_evidence", "DctEvidence", "EVIDENCE_RANKS", "STORY_EVIDENCE", "visible_lines", "display_path", "parse_size",
    "size_text", "Skipped", "DEFAULT_MAX_SIZE", "Unit", "iter_units", "read_unit", "DocumentIds", "UNREAD_ID",
    "front_matter_spans", "related_spans", "article_url", "FRONT_MATTER_URL_KEYS",
]
