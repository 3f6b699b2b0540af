"""A ``Document`` made of a text: language, script, title, article address and DCT, the evidence
found outside the text competing by rank with the evidence the text holds.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..model import Document
from .dates import validate_dct
from .dct import EVIDENCE_RANKS, DctEvidence, _front_matter_evidence, dct_evidence, url_evidence
from .decode import _without_surrogates
from .language import convert_script, detect_language, detect_script, matching_text
from .page import FRONT_MATTER_URL_KEYS, _front_value, _title_span, article_url, split_front_matter
from .tables import _rules, validate_lang


def document_from_text(text: str, *, doc_id: str, dct: str | None = None, lang: str | None = None,
                       path: str | None = None, title: str | None = None) -> Document:
    """Make a ``Document`` of a text, finding what it says about itself.

    * ``dct``: ``YYYY-MM-DD`` overrides (evidence ``option``); else the best evidence of the
      text (``EVIDENCE_RANKS``: a front-matter ``date:``, a labelled date, a byline date, a date
      line under the headline …); else ``None``. ``dct_source`` is the chosen evidence
      (``DctEvidence.to_dict``).
    * ``lang``: a known language overrides; ``None``/``auto`` detects it (``detect_language``).
    * script: ``Hant`` for traditional Chinese (``detect_script``), matched through
      ``matching_text``.
    * ``title``: overrides; else the front-matter title, else ``find_title``.

    The text is kept exactly, so offsets into it are offsets into the input; a lone surrogate
    (half of a UTF-16 pair, which no encoder accepts) is replaced by U+FFFD, one code point for
    one, and noted in ``Document.warnings``.
    Raises ``ValueError`` for a malformed ``dct`` or an unknown ``lang``.
    """
    return _make_document(text, doc_id=doc_id, dct=dct, dct_kind="option", lang=lang, path=path,
                          title=title)


def _make_document(text: str, *, doc_id: str, dct: str | None, dct_kind: str, lang: str | None,
                   path: str | None, title: str | None, encoding: str | None = None,
                   evidence: Sequence[DctEvidence] = (), search_text: bool = True,
                   url: str | None = None) -> Document:
    """A ``Document`` of ``text``: ``dct`` (evidence ``dct_kind``) and ``evidence`` found outside
    the text compete by rank with the evidence the text holds (front matter, then
    ``dct_evidence`` unless ``search_text`` is false)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    warnings: list[str] = []
    text = _without_surrogates(text, warnings)
    if dct is not None:
        dct = validate_dct(dct)
    language = validate_lang(lang) or detect_language(text)
    script = detect_script(text, language)
    doc = Document(id=doc_id, text=text, path=path, language=language, script=script,
                   encoding=encoding, url=article_url(url))
    doc.warnings.extend(warnings)
    match = matching_text(doc)
    try:
        meta, body_at = split_front_matter(text)
    except ValueError:
        meta, body_at = None, 0
    rules = _rules(language)
    found = list(evidence)
    if dct is not None:
        found.insert(0, DctEvidence(dct_kind, dct, dct))
    if meta:
        ev = _front_matter_evidence(text, meta, body_at, rules, in_text=True)
        if ev is not None:
            found.append(ev)
    if title is None and meta:
        value = _front_value(meta, rules.front_title)
        title = str(value).strip() if value is not None else None
    if doc.url is None and meta:
        doc.url = article_url(_front_value(meta, FRONT_MATTER_URL_KEYS))
    title_in_match = None
    if title is None:
        span = _title_span(match, language)
        if span is not None:
            title = text[span[0]:span[1]].strip().lstrip("#").strip()
            title_in_match = match[span[0]:span[1]]
    elif script and rules.opencc:
        title_in_match = convert_script(title, rules.opencc)
    else:
        title_in_match = title
    if search_text and min((e.rank for e in found), default=99) > EVIDENCE_RANKS["label"]:
        page = dct_evidence(match, language, title=title_in_match)
        found += [replace(e, text=text[e.start:e.end]) if e.start is not None else e for e in page]
    if not found:
        from_url = url_evidence(doc.url, language)
        found += [from_url] if from_url is not None else []
    best = min(found, key=lambda e: e.rank) if found else None
    doc.dct = best.date if best else None
    doc.dct_source = best.to_dict() if best else None
    doc.title = title
    return doc
