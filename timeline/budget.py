"""Limits per document: a time budget and a maximum size; a pathological document becomes a one-line
error, the batch goes on.

``limit(seconds)`` bounds a block of work. How it is enforced:

* in the main thread of a POSIX system (Linux CI, macOS), a real-time interval timer
  (``signal.setitimer(ITIMER_REAL)``) whose ``SIGALRM`` handler raises ``DocumentTimeout``
  wherever the block is: in a stage's Python loop, inside a regular-expression match (CPython's
  ``re`` checks for signals while it backtracks) or in a blocking ``open``/``read`` of a FIFO.
  A stage cannot hang the batch, and needs no check of its own;
* elsewhere (another thread, Windows) the deadline is only checked where ``check()`` is called:
  the pipeline calls it between stages.

``DocumentTimeout`` derives from ``BaseException`` (like ``KeyboardInterrupt``), so that a
stage's ``except Exception`` cannot swallow it and carry on past the deadline. An interval
timer the caller had set (pytest-timeout, say) is put back with the time it had left.
"""
from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["DocumentTimeout", "limit", "check", "DEFAULT_SECONDS", "DEFAULT_MAX_SIZE"]

DEFAULT_SECONDS = 120.0
"""The default budget of one document, in seconds (``--timeout``): an ordinary news article
takes well under a second; 0 or ``None`` means no budget."""

DEFAULT_MAX_SIZE = 16 * 1024 * 1024
"""The default maximum size of one document, in bytes (``--max-size``): a file, standard input,
or one record (line) of a JSON Lines file. 16 MiB is some 5 million Chinese characters, a
hundred times a long report; 0 or ``None`` means no limit."""

_local = threading.local()


class DocumentTimeout(BaseException):
    """The time budget of a document ran out; ``seconds`` is the budget."""

    def __init__(self, seconds: float):
        super().__init__(f"took longer than the time budget of {seconds:g} s")
        self.seconds = seconds


def _can_interrupt() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def limit(seconds: float | None) -> Iterator[None]:
    """Run the block within ``seconds`` (``None`` or ``<= 0``: no limit); raises
    ``DocumentTimeout`` when it runs out. Nested limits keep the tighter deadline."""
    if not seconds or seconds <= 0:
        yield
        return
    now = time.monotonic()
    outer = getattr(_local, "deadline", None)
    deadline = now + seconds if outer is None else min(outer[0], now + seconds)
    _local.deadline = (deadline, seconds if outer is None or now + seconds <= outer[0] else outer[1])
    if not _can_interrupt():
        try:
            yield
        finally:
            _local.deadline = outer
        return
    budget = _local.deadline[1]

    def ring(signum, frame):  # noqa: ARG001 - signal handler signature
        raise DocumentTimeout(budget)

    old_handler = signal.signal(signal.SIGALRM, ring)
    old_delay, old_interval = signal.setitimer(signal.ITIMER_REAL, max(deadline - now, 1e-3))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)
        _local.deadline = outer
        if old_delay > 0:  # put back the caller's timer with what it had left
            left = old_delay - (time.monotonic() - now)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3), old_interval)


def check() -> None:
    """Raise ``DocumentTimeout`` when the innermost ``limit`` of this thread has run out."""
    current = getattr(_local, "deadline", None)
    if current is not None and time.monotonic() >= current[0]:
        raise DocumentTimeout(current[1])
