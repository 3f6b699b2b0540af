"""Corpus mode: many documents into one timeline and graph (issue 16).

Modules:

* ``resolve``: cross-document resolution (``merge_extractions``): organisations merged by
  canonical name and unambiguous alias, never on a relative short form; events several
  documents report merged with their sources (``timeline.pipeline.merge`` calls it);
* ``store``: the embedded store of per-document extractions (SQLite, ``OUTDIR/timeline.db``)
  keyed by the document's content, the tool and the settings that change outputs;
* ``engines``: where documents are extracted: in this process, in worker processes
  (``--jobs N``) or on a Dask cluster (``--engine dask``), results streamed back in input order.

The pipeline (``timeline.pipeline``) drives them; nothing here imports it.
"""
from .resolve import merge_extractions

__all__ = ["merge_extractions"]
