"""A pool of query worker processes that are killed and replaced when a query passes its deadline.

pyoxigraph cannot stop a running query, so each worker is a process of its own holding the store
open read-only (``pyoxigraph.Store.read_only``); a query past its deadline costs the pool that one
process, which is killed and replaced, while the other workers keep answering. Workers are started
with ``spawn`` (never ``fork`` from a threaded server).
"""
from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import multiprocessing
import os
import threading

import anyio

from kg.errors import KgError
from kg.server import worker as worker_module

START_TIMEOUT = 120.0  # seconds for a new worker to open the store (import + open)
REGULAR_NICE = 5  # regular workers yield the CPU to the quick lane and the server, so runaways cannot starve them


class _Proc:
    def __init__(self, store_path: str, nice: int = 0):
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=worker_module.main, args=(child, store_path, nice, os.getpid()), daemon=True,
                                   name="kg-query-worker")
        self.process.start()
        child.close()
        if not self.conn.poll(START_TIMEOUT):
            self.kill()
            raise KgError("E709", f"a query worker did not open the store {store_path} within {START_TIMEOUT:.0f} s")
        try:
            reply = self.conn.recv()
        except EOFError as exc:
            raise KgError("E709", f"a query worker died while opening the store {store_path}") from exc
        if reply[0] != "ok":
            self.kill()
            raise KgError("E709", f"a query worker cannot open the store: {reply[3]}")

    def call(self, job: dict, timeout: float) -> tuple | None:
        """The reply, or None when the deadline passed (the process is then killed)."""
        try:
            self.conn.send(job)
            if self.conn.poll(timeout):
                return self.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self.kill()
            return ("error", 500, "E707", "the query worker died while answering (out of memory?); "
                                          "it has been replaced, simplify the query or retry")
        self.kill()
        return None

    @property
    def alive(self) -> bool:
        return self.process.is_alive()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """``size`` worker processes over the store at ``store_path``, and one more for quick queries;
    ``await pool.run(job)``.

    Runaway queries cannot stall everyone: when every regular worker is busy, a query runs in the quick lane
    with a short deadline (``quick``); one that passes it is stopped there and waits for a regular worker, and
    its text is not sent to the lane again. At most ``max_waiting`` queries wait; past that a query is answered
    503 at once with Retry-After.
    """

    def __init__(self, store_path: str, *, size: int = 2, timeout: float = 30.0, quick: float = 1.0,
                 max_waiting: int | None = None):
        self.store_path, self.size, self.timeout = str(store_path), max(1, size), timeout
        self.quick = min(quick, timeout)
        self.max_waiting = 32 * self.size if max_waiting is None else max_waiting
        self._idle: list[_Proc] | None = None
        self._lane: _Proc | None = None
        self._lane_ready = False
        self._waiters: collections.deque[asyncio.Future] = collections.deque()
        self._slow: collections.OrderedDict[str, None] = collections.OrderedDict()  # texts stopped in the lane
        self._all: set[_Proc] = set()
        self._spawner = concurrent.futures.ThreadPoolExecutor(self.size + 1, thread_name_prefix="kg-spawner")
        self._lock = threading.Lock()
        self._tasks: set[asyncio.Task] = set()
        self.killed = 0  # workers killed on a deadline, for the tests and logs

    def _spawn(self, nice: int = REGULAR_NICE) -> _Proc:
        p = _Proc(self.store_path, nice)
        with self._lock:
            self._all.add(p)
        return p

    async def start(self) -> None:
        procs = await asyncio.gather(*(self._in_spawner(REGULAR_NICE) for _ in range(self.size)),
                                     self._in_spawner(0))
        self._idle = list(procs[:-1])
        self._lane, self._lane_ready = procs[-1], True

    async def _acquire(self, lane_ok: bool) -> tuple[_Proc, bool] | None:
        """(worker, is the quick lane): an idle regular worker, else the lane if allowed, else the first of the
        two to come free; None when too many already wait."""
        if self._idle:
            return self._idle.pop(), False
        if lane_ok and self._lane_ready:
            self._lane_ready = False
            return self._lane, True
        if len(self._waiters) >= self.max_waiting:
            return None
        fut = asyncio.get_running_loop().create_future()
        fut.lane_ok = lane_ok
        self._waiters.append(fut)
        try:
            return await fut
        except asyncio.CancelledError:
            if fut.done() and not fut.cancelled():  # handed a worker just as the client left
                proc, is_lane = fut.result()
                self._lane_back() if is_lane else self._give_back(proc)
            raise
        finally:
            if fut in self._waiters:
                self._waiters.remove(fut)

    def _give_back(self, proc: _Proc) -> None:
        for w in list(self._waiters):
            if not w.done():
                self._waiters.remove(w)
                w.set_result((proc, False))
                return
        self._idle.append(proc)

    def _lane_back(self) -> None:
        for w in list(self._waiters):
            if not w.done() and w.lane_ok:
                self._waiters.remove(w)
                w.set_result((self._lane, True))
                return
        self._lane_ready = True

    async def run(self, job: dict, *, timeout: float | None = None) -> tuple:
        """Run ``job`` in a worker; a deadline error reply when it takes longer than ``timeout``."""
        if self._idle is None:
            raise RuntimeError("WorkerPool.start() was not awaited")
        deadline = self.timeout if timeout is None else timeout
        key = repr(sorted(job.items()))
        got = await self._acquire(lane_ok=key not in self._slow)
        if got is not None and got[1]:
            try:
                reply = await anyio.to_thread.run_sync(got[0].call, job, min(self.quick, deadline))
            finally:
                self._release_lane(got[0])
            if reply is not None:
                return reply
            self._slow[key] = None  # a long query: it waits for a regular worker, now and next time
            while len(self._slow) > 1024:
                self._slow.popitem(last=False)
            deadline -= self.quick
            got = await self._acquire(lane_ok=False)
        if got is None:
            return ("error", 503, "E714", f"the server is busy: every query worker is taken and "
                                          f"{self.max_waiting} queries wait; retry in a few seconds", {"Retry-After": "5"})
        proc = got[0]
        try:
            reply = await anyio.to_thread.run_sync(proc.call, job, deadline)
        finally:
            # give the worker back, or a fresh one in its place; done in the background so a
            # cancelled request (client gone) still returns the pool to its size
            self._release(proc)
        if reply is None:
            self.killed += 1
            reply = ("error", 503, "E705", f"the query ran past its {self.timeout:g} s deadline and was stopped; "
                                           "add a LIMIT, narrow its patterns, or ask the operator to raise "
                                           "`kg serve --timeout`")
        return reply

    def _release(self, proc: _Proc) -> None:
        if proc.alive:
            self._give_back(proc)
            return
        with self._lock:
            self._all.discard(proc)
        self._background(self._replace())

    def _release_lane(self, proc: _Proc) -> None:
        if proc.alive:
            self._lane_back()
            return
        self.killed += 1
        with self._lock:
            self._all.discard(proc)
        self._background(self._replace_lane())

    def _background(self, coro) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _replace(self) -> None:
        self._give_back(await self._in_spawner(REGULAR_NICE))

    async def _replace_lane(self) -> None:
        self._lane = await self._in_spawner(0)
        self._lane_back()

    async def _in_spawner(self, nice: int) -> _Proc:
        # Workers die with the thread that started them (PR_SET_PDEATHSIG): these threads live as long as the
        # pool, so a server that is killed takes its workers with it instead of leaving runaways burning the CPU.
        return await asyncio.get_running_loop().run_in_executor(self._spawner, self._spawn, nice)

    def close(self) -> None:
        with self._lock:
            procs, self._all = list(self._all), set()
        for p in procs:
            p.kill()
        self._spawner.shutdown(wait=False)
