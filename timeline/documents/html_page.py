"""HTML pages: the main text extracted by trafilatura (``extract_html``), the visible text a line
per block element (``visible_lines``), and the ``Document`` of a page with the DCT evidence of its
metadata and of its visible head.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import cast

from ..model import Document
from .dates import _as_iso_date
from .dct import DctEvidence, dct_evidence
from .decode import _SUPERSETS, DecodingError, decode, validate_encoding
from .document import _make_document
from .language import convert_script, detect_language, detect_script, matching_text
from .page import article_url
from .tables import _rules
from .units import UNREAD_ID

_HTML_MIN_EXTRACTED = 40
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


def _html_document(data: bytes, path: str, *, encoding: str | None, dct: str | None,
                   lang: str | None) -> Document:
    declared = None
    if encoding is None:
        m = _META_CHARSET.search(data[:4096])
        if m:
            try:
                name = cast(str, validate_encoding(m.group(1).decode("ascii")))
                declared = _SUPERSETS.get(name.replace("_", ""), name)
            except ValueError:
                declared = None
    html, used = None, None
    if declared:
        try:
            html, used = decode(data, encoding=declared)
        except DecodingError:
            html = None
    if html is None:
        html, used = decode(data, encoding=encoding)
    try:
        text, meta_title, meta_date, page_text, meta_url = extract_html(html)
    except Exception as exc:  # noqa: BLE001 - lxml/trafilatura failures on odd markup
        raise DecodingError(f"cannot parse the HTML page: {type(exc).__name__}: {exc}") from None
    if not text.strip():
        raise DecodingError("no main text found in the HTML page")
    evidence: list[DctEvidence] = []
    if meta_date:
        evidence.append(DctEvidence("html_metadata", meta_date, meta_date))
    if dct is None and page_text:
        # The visible page (the main text and the chrome trafilatura drops, e.g. a newspaper's
        # "publication date" bar) is read for evidence; a span is kept when the main text
        # holds the same words.
        language = lang or detect_language(text)
        page_doc = Document(id="", text=page_text, language=language,
                            script=detect_script(page_text, language))
        title_in_match = meta_title
        opencc = _rules(language).opencc
        if meta_title and page_doc.script and opencc:
            title_in_match = convert_script(meta_title, opencc)
        for ev in dct_evidence(matching_text(page_doc), language, title=title_in_match):
            written = page_text[ev.start:ev.end] if ev.start is not None else ev.text
            at = text.find(written) if written else -1
            evidence.append(replace(ev, text=written, start=at if at >= 0 else None,
                                    end=at + len(written) if at >= 0 and written else None))
    return _make_document(text, doc_id=UNREAD_ID, dct=dct, dct_kind="option", lang=lang,
                          path=path, title=meta_title or None, encoding=used, evidence=evidence,
                          search_text=not page_text, url=meta_url)


@lru_cache(maxsize=1)
def _trafilatura_config():
    from trafilatura.settings import use_config

    config = use_config()
    # trafilatura falls back to its whole-page baseline (navigation included) below 250
    # extracted characters; a short Chinese news item says much in fewer code points.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(_HTML_MIN_EXTRACTED))
    return config


_MIN_PAGE_TEXT = 40
"""Code points (white space excluded) below which a page's main text counts as not found."""


def extract_html(html: str) -> tuple[str, str | None, str | None, str, str | None]:
    """Main text, title, publication date (``YYYY-MM-DD`` or ``None``), all visible text and
    address (the canonical ``<link>`` or ``og:url``, read by trafilatura; ``None`` when it is no
    absolute http(s) URL) of an HTML page.

    Uses trafilatura's ``bare_extraction`` (comments excluded; its ``MIN_EXTRACTED_SIZE``
    lowered to 40 code points for short items; the date through htmldate from the page's
    structured metadata only, ``extensive_search=False``, since its free-text search turns a
    copyright line ``© 2016-2024`` into ``2024-01-01``) and ``html2txt`` for the visible text,
    which stands in for a main text shorter than ``_MIN_PAGE_TEXT`` code points when it is
    itself longer (a navigation-only page has no main text). The
    returned main text is what offsets will index. The visible text returned keeps a line a
    block element (``visible_lines``), so that the page head can be read line by line.
    """
    import trafilatura

    result = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True,
        config=_trafilatura_config(),
        date_extraction_params={"extensive_search": False, "original_date": True,
                                "outputformat": "%Y-%m-%d"},
    )
    text, title, date, url = "", None, None, None
    if result is not None:
        meta = result.as_dict() if hasattr(result, "as_dict") else dict(result)
        text = meta.get("text") or ""
        title = meta.get("title") or None
        date = _as_iso_date(meta.get("date"))
        url = article_url(meta.get("url"))
    page_text = trafilatura.html2txt(html) or ""
    if len("".join(text.split())) < _MIN_PAGE_TEXT:
        text = page_text if len("".join(page_text.split())) >= _MIN_PAGE_TEXT else ""
    return text, title, date, visible_lines(html) or page_text, url


_BLOCK_TAGS = frozenset(
    "address article aside blockquote br caption dd details div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol option p pre section summary table "
    "tbody td tfoot th thead title tr ul".split())
_HIDDEN_TAGS = frozenset("script style noscript template svg canvas iframe object".split())


def visible_lines(html: str) -> str:
    """The visible text of an HTML page, a line per block element (``<p>``, ``<div>``, ``<li>``,
    ``<br>``, ``<title>`` …), white space collapsed inside a line; ``""`` when lxml cannot parse
    it. Scripts, styles and embedded objects are left out. Iterative, so a
    deeply nested page cannot exhaust the stack."""
    from lxml import etree  # type: ignore[import-untyped]
    from lxml import html as lxml_html  # type: ignore[import-untyped]

    try:
        root = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError, TypeError):
        return ""
    parts: list[str] = []
    hidden = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else None
        opening = event == "start"
        if tag in _HIDDEN_TAGS:
            hidden += 1 if opening else -1
            if not opening and hidden == 0 and el.tail:
                parts.append(el.tail)
            continue
        if hidden:
            continue
        if opening:
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if tag is not None and el.text:
                parts.append(el.text)
        else:
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if el.tail:
                parts.append(el.tail)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)
