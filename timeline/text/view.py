"""The view of a document the stages read: its text as written and the same-length copy every
stage matches on (the simplified copy of a traditional-Chinese text, ``documents.matching_text``).

The pipeline makes one ``TextView`` a document and hands it to every stage: the stages match
rules on ``match``; what a reader sees (a trigger, a title, a sentence) is read from ``written``
at the same offsets.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["TextView"]


@dataclass(frozen=True)
class TextView:
    """``written``: the text as written (``Document.text``, what every span indexes); ``match``:
    the copy the rules match on, of the same length (``written`` itself for most documents).
    Raises ``ValueError`` when the lengths differ."""

    written: str
    match: str

    def __post_init__(self) -> None:
        if len(self.match) != len(self.written):
            raise ValueError(f"the matching text has {len(self.match)} code points, the text as written "
                             f"{len(self.written)}")

    @classmethod
    def plain(cls, text: str) -> TextView:
        """The view of a text matched as written."""
        return cls(text, text)
