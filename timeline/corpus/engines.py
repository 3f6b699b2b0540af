"""Where documents are extracted: in this process, in worker processes, or on a Dask cluster;
results come back in input order, as they are ready (streaming).

``stream(items, work, context, ...)`` calls ``work(batch, context)`` on batches of the items that
need work (``needs_work(item)``) and yields ``(item, result)`` for every item in input order
(``None`` for an item that needed no work). At most ``window`` batches are out at a time, so
memory holds a bounded number of documents in flight, whatever the size of the input.
``work`` is a module-level function (sent to other processes by reference) returning one result
per item of its batch; ``context`` (the run's settings) is sent once to each worker.

Engines:

* ``local`` with ``jobs == 1``, or fewer than ``PARALLEL_FROM`` items to work on: in this
  process, one item at a time;
* ``local`` with ``jobs > 1``: a ``concurrent.futures.ProcessPoolExecutor`` of ``jobs``
  processes (started by ``forkserver`` where there is one, else ``spawn``: no fork of a process
  with threads). A task runs in the worker's main thread, so a per-document time budget
  (``timeline.budget``, SIGALRM) interrupts it there as it would here;
* ``dask``: ``distributed.Client.submit`` of each batch to the scheduler at ``scheduler``
  (``tcp://host:8786``), or to a ``LocalCluster`` of ``jobs`` single-threaded worker processes
  when no address is given. Dask is an optional extra (``pip install 'timeline[dask]'``),
  imported only here and only then. A Dask task runs in a worker thread: the time budget is
  checked between stages there, not interrupted.

A batch whose worker fails as a whole (a worker process that died, a lost Dask worker) is run
again one item a batch on a fresh pool, so that only the item at fault fails: its result is the
exception, which ``stream`` yields in place of a result.
"""
from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from typing import Any

__all__ = ["stream", "EngineError", "ENGINES", "PARALLEL_FROM", "OVERLAP_FROM", "default_jobs"]

log = logging.getLogger(__name__)

ENGINES = ("local", "dask")
PARALLEL_FROM = 32
"""Below this many documents to extract, the local engine stays in this process: starting
worker processes (and loading the rule tables and the name model in each) costs more than it
saves. Measured on 2 cores (`timeline build DIR --jobs 1` against `--jobs 2`, fresh output): 10
real articles 1.7 s against 1.9 s, 26 articles 2.1 s both, 78 articles 3.0–4.0 s against 2.9–3.2 s."""
OVERLAP_FROM = 2000
"""With ``read_ahead``, this many items needing no work (documents read back from the store,
about 0.3 ms each in this process) keep this process busy long enough to hide a worker
process's start-up (1-2 s with its rule tables): the few items that need work go to workers."""
DASK_HINT = "pip install 'timeline[dask]'"
CONNECT_SECONDS = 20
"""How long ``--engine dask`` waits for the scheduler at ``--scheduler`` to answer."""


class EngineError(Exception):
    """An engine that cannot start: Dask missing, a scheduler that does not answer."""


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


# --------------------------------------------------------------------------- engines

class _InProcess:
    """Runs a batch at once, here."""

    def __init__(self, work: Callable, context: Any) -> None:
        self.work, self.context = work, context

    def submit(self, batch: list) -> Future:
        f: Future = Future()
        try:
            f.set_result(self.work(batch, self.context))
        except Exception as exc:  # noqa: BLE001 - handed to the caller through the future
            f.set_exception(exc)
        return f

    def close(self, wait: bool = True) -> None:
        pass


_WORK: Callable | None = None
_CONTEXT: Any = None


def _init_worker(work: Callable, context: Any) -> None:
    global _WORK, _CONTEXT
    _WORK, _CONTEXT = work, context


def _run_batch(batch: list) -> Any:
    assert _WORK is not None, "worker not initialised"
    return _WORK(batch, _CONTEXT)


class _Processes:
    """A pool of ``jobs`` worker processes, each given ``work`` and ``context`` once."""

    def __init__(self, work: Callable, context: Any, jobs: int) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        self.pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker,
                                        initargs=(work, context))

    def submit(self, batch: list) -> Future:
        return self.pool.submit(_run_batch, batch)

    def close(self, wait: bool = True) -> None:
        self.pool.shutdown(wait=wait, cancel_futures=True)


class _Dask:
    """Batches submitted to a Dask scheduler (``distributed.Client``); ``context`` scattered to
    every worker once."""

    def __init__(self, work: Callable, context: Any, jobs: int, scheduler: str | None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise EngineError(f"--engine dask needs Dask and its distributed scheduler: {DASK_HINT}") from None
        self.cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout=f"{CONNECT_SECONDS}s")
            else:
                self.cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                            dashboard_address=None)
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as exc:
            where = scheduler or "a local Dask cluster"
            raise EngineError(f"--scheduler {where}: cannot connect to the Dask scheduler: {exc}") from None
        self.work = work
        self.context = self.client.scatter(context, broadcast=True)

    def submit(self, batch: list) -> Any:
        return self.client.submit(self.work, batch, self.context, pure=False)

    def close(self, wait: bool = True) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _start(engine: str, work: Callable, context: Any, jobs: int, scheduler: str | None) -> Any:
    if engine == "dask":
        return _Dask(work, context, jobs, scheduler)
    if jobs > 1:
        return _Processes(work, context, jobs)
    return _InProcess(work, context)


# --------------------------------------------------------------------------- streaming

class _Batch:
    def __init__(self) -> None:
        self.items: list = []
        self.future: Any = None
        self.results: list | None = None


class _Slot:
    __slots__ = ("item", "batch", "index")

    def __init__(self, item: Any, batch: _Batch | None, index: int) -> None:
        self.item, self.batch, self.index = item, batch, index


def stream(items: Iterable[Any], needs_work: Callable[[Any], bool], work: Callable, context: Any, *,
           unit: Callable[[Any], Any] = lambda item: item, engine: str = "local", jobs: int = 1,
           scheduler: str | None = None, batch_size: int = 8, window: int | None = None,
           read_ahead: bool = False) -> Iterator[tuple[Any, Any]]:
    """Yield ``(item, result)`` for each of ``items`` in order (see the module docstring);
    ``unit(item)`` is what a batch carries for an item that needs work. ``read_ahead``: while
    fewer than ``PARALLEL_FROM`` items need work, read on before yielding anything, so that
    the work of a few items (new documents after thousands read back from a store) is out
    while the caller deals with the items before them: the local engine then starts worker
    processes for as few as one item when ``OVERLAP_FROM`` items or more need none.
    Raises ``EngineError`` when the engine cannot start."""
    run = _Stream(needs_work, work, context, unit, engine, max(1, jobs), scheduler, batch_size,
                  window or max(2, 2 * jobs), read_ahead)
    try:
        for item in items:
            yield from run.add(item)
        yield from run.finish()
    except BaseException:           # Ctrl-C, an error, a consumer that stopped: do not wait for the workers
        run.close(wait=False)
        raise
    finally:
        run.close()


class _Stream:  # the state of one ``stream`` call
    def __init__(self, needs_work, work, context, unit, engine, jobs, scheduler, batch_size, window,
                 read_ahead=False) -> None:
        self.needs_work, self.work, self.context, self.unit = needs_work, work, context, unit
        self.kind, self.jobs, self.scheduler = engine, jobs, scheduler
        self.batch_size = batch_size if (engine == "dask" or jobs > 1) else 1
        self.window = window
        self.engine: Any = None
        self.pending: deque[_Slot] = deque()
        self.filling = _Batch()
        self.out = 0                          # batches submitted and not yet read back
        self.held: list[_Batch] = []          # full batches held until the engine is chosen
        self.to_work = 0
        self.no_work = 0                      # items that needed none
        self.read_ahead = read_ahead
        self.worked = False                   # some batch came back from the engine

    def add(self, item: Any) -> Iterator[tuple[Any, Any]]:
        if not self.needs_work(item):
            self.no_work += 1
            self.pending.append(_Slot(item, None, 0))
        else:
            self.to_work += 1
            self.pending.append(_Slot(item, self.filling, len(self.filling.items)))
            self.filling.items.append(self.unit(item))
            if len(self.filling.items) >= self.batch_size:
                batch, self.filling = self.filling, _Batch()
                self._send(batch)
        if self.read_ahead and self.engine is None and self.to_work < PARALLEL_FROM:
            return
        yield from self._drain()

    def finish(self) -> Iterator[tuple[Any, Any]]:
        if self.engine is None:
            self._choose()
        if self.filling.items:                  # the last batch goes out now, not when its turn comes
            batch, self.filling = self.filling, _Batch()
            self._send(batch)
        yield from self._drain(final=True)

    def close(self, wait: bool = True) -> None:
        if self.engine is not None:
            self.engine.close(wait)
            self.engine = None

    def _full(self) -> bool:
        """Too much out: wait for the first item rather than read on."""
        return self.out >= self.window or len(self.pending) > 4 * self.window * self.batch_size

    def _choose(self) -> None:
        """Start the engine (in this process while there is little work) and send what waited."""
        small = self.kind == "local" and (self.jobs == 1 or self.to_work < PARALLEL_FROM and not (
            self.read_ahead and self.no_work >= OVERLAP_FROM))
        self.engine = _InProcess(self.work, self.context) if small else _start(
            self.kind, self.work, self.context, self.jobs, self.scheduler)
        held, self.held = self.held, []
        for b in held:
            self._send(b)

    def _send(self, batch: _Batch) -> None:
        if self.engine is None:
            if self.kind == "local" and self.jobs > 1 and self.to_work < PARALLEL_FROM:
                self.held.append(batch)
                return
            self._choose()
        batch.future = self.engine.submit(batch.items)
        self.out += 1

    def _force(self, batch: _Batch) -> None:
        """Send ``batch`` now (it is the one the first pending item waits for)."""
        if batch is self.filling:
            self.filling = _Batch()
        if self.engine is None:
            self._choose()
        if batch.future is None:
            if batch in self.held:
                self.held.remove(batch)
            self._send(batch)

    def _results(self, batch: _Batch) -> list:
        try:
            results = list(batch.future.result())
            self.worked = True
        except Exception as exc:  # noqa: BLE001 - a worker failed as a whole: run again one a batch
            log.debug("a batch failed (%s); running its documents one at a time", exc, exc_info=True)
            results = self._one_by_one(batch.items)
        self.out -= 1
        return results

    def _one_by_one(self, units: list) -> list:
        out = []
        for u in units:
            try:
                out.append(self.engine.submit([u]).result()[0])
                self.worked = True
            except Exception as exc:  # noqa: BLE001 - the document at fault
                if isinstance(self.engine, _Processes) and not self.worked:
                    # no worker ever returned anything: they cannot start; work here instead
                    log.warning("worker processes failed (%s: %s); extracting in this process",
                                type(exc).__name__, exc)
                    self.engine.close()
                    self.engine = _InProcess(self.work, self.context)
                    out.append(self._here(u))
                    continue
                out.append(exc)
                if isinstance(self.engine, _Processes):
                    self.engine.close()       # a broken pool takes no more work: start a fresh one
                    self.engine = _Processes(self.work, self.context, self.jobs)
        return out

    def _here(self, u: Any) -> Any:
        try:
            return self.engine.submit([u]).result()[0]
        except Exception as exc:  # noqa: BLE001 - the document at fault
            return exc

    def _drain(self, final: bool = False) -> Iterator[tuple[Any, Any]]:
        """Yield the first pending items whose results are in; wait for them when ``final`` or
        when too much is out."""
        while self.pending:
            slot = self.pending[0]
            batch = slot.batch
            if batch is not None and batch.results is None:
                wait = final or self._full()
                if batch.future is None:
                    if not wait:
                        return
                    self._force(batch)
                if not (wait or batch.future.done()):
                    return
                batch.results = self._results(batch)
            self.pending.popleft()
            yield slot.item, (batch.results[slot.index] if batch is not None and batch.results is not None
                              else None)
