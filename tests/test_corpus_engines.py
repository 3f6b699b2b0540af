"""The engines (``timeline.corpus.engines``): results in input order whatever finishes first, the
per-document time budget interrupting a worker process's main thread (SIGALRM), a worker that dies
costing only its own document."""
from __future__ import annotations

import os
import signal
import time

import pytest

from timeline import budget
from timeline.corpus import engines


def _work(batch: list, context: str) -> list:
    """Module-level (workers import it by name): ``hang`` loops in pure Python until the budget
    interrupts it, ``die`` kills its worker, ``slow`` sleeps; the others answer at once."""
    out = []
    for item in batch:
        if item == "hang":
            try:
                with budget.limit(0.3):
                    while True:      # no check() here: only a signal can end this loop
                        pass
            except budget.DocumentTimeout:
                out.append(("timed out", os.getpid()))
                continue
        if item == "die":
            os.kill(os.getpid(), signal.SIGKILL)
        if item == "slow":
            time.sleep(0.5)
        out.append((f"{context}:{item}", os.getpid()))
    return out


def _run(items: list, jobs: int, batch_size: int = 2, **kw) -> list:
    return list(engines.stream(items, lambda item: item != "skip", _work, "ctx", jobs=jobs, batch_size=batch_size,
                               **kw))


def test_results_come_in_input_order():
    items = ["slow", "a", "skip", "b", "slow", "c", "d", "e", "f", "g", "h", "skip"]
    items += [f"x{n}" for n in range(engines.PARALLEL_FROM)]   # enough to start worker processes
    out = _run(items, jobs=2, batch_size=8)
    assert [item for item, _ in out] == items
    assert [r[0] if r else None for _, r in out] == [None if i == "skip" else f"ctx:{i}" for i in items]
    assert {r[1] for _, r in out if r} - {os.getpid()}           # some ran in worker processes


def test_few_documents_stay_in_this_process():
    out = _run(["a", "b"], jobs=2)
    assert {r[1] for _, r in out} == {os.getpid()}


def test_reading_ahead_sends_a_few_items_after_many_without_work_to_workers(monkeypatch):
    monkeypatch.setattr(engines, "OVERLAP_FROM", 5)
    items = ["skip"] * 6 + ["a", "b", "c"]
    seen: list[str] = []

    def needs_work(item: str) -> bool:
        seen.append(item)
        return item != "skip"

    out = []
    for item, result in engines.stream(items, needs_work, _work, "ctx", jobs=2, batch_size=2, read_ahead=True):
        if not out:
            assert seen == items        # every item read before the first is handed back
        out.append((item, result))
    assert [item for item, _ in out] == items
    assert [r[0] if r else None for _, r in out] == [None] * 6 + ["ctx:a", "ctx:b", "ctx:c"]
    assert {r[1] for _, r in out if r} - {os.getpid()}            # in worker processes
    few = list(engines.stream(["skip"] * 4 + ["a"], needs_work, _work, "ctx", jobs=2, read_ahead=True))
    assert [r[1] for _, r in few if r] == [os.getpid()]           # below OVERLAP_FROM: here


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="SIGALRM needs a POSIX system")
def test_the_time_budget_interrupts_a_worker_process():
    items = ["hang"] + [f"x{n}" for n in range(engines.PARALLEL_FROM)] + ["hang"]
    out = _run(items, jobs=2)
    hung = [r for item, r in out if item == "hang"]
    assert [r[0] for r in hung] == ["timed out", "timed out"]
    assert all(pid != os.getpid() for _, pid in hung)
    assert [r[0] for item, r in out if item != "hang"] == [f"ctx:x{n}" for n in range(engines.PARALLEL_FROM)]


def test_a_worker_that_dies_costs_only_its_document():
    items = [f"x{n}" for n in range(engines.PARALLEL_FROM)] + ["die"] + ["y0", "y1", "y2"]
    out = _run(items, jobs=2)
    died = [r for item, r in out if item == "die"]
    assert len(died) == 1 and isinstance(died[0], Exception)
    assert [r[0] for item, r in out if item != "die"] == [f"ctx:{i}" for i in items if i != "die"]
