"""A pool of query worker processes that are killed and replaced when a query passes its deadline.

pyoxigraph cannot stop a running query, so each worker is a process of its own holding the store
open read-only (``pyoxigraph.Store.read_only``); a query past its deadline costs the pool that one
process, which is killed and replaced, while the other workers keep answering. Workers are started
with ``spawn`` (never ``fork`` from a threaded server).
"""
from __future__ import annotations

import asyncio
import multiprocessing
import threading

import anyio

from kg.errors import KgError
from kg.server import worker as worker_module

START_TIMEOUT = 120.0  # seconds for a new worker to open the store (import + open)


class _Proc:
    def __init__(self, store_path: str):
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=worker_module.main, args=(child, store_path), daemon=True,
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
    """``size`` worker processes over the store at ``store_path``; ``await pool.run(job)``."""

    def __init__(self, store_path: str, *, size: int = 2, timeout: float = 30.0):
        self.store_path, self.size, self.timeout = str(store_path), max(1, size), timeout
        self._idle: asyncio.Queue[_Proc] | None = None
        self._all: set[_Proc] = set()
        self._lock = threading.Lock()
        self._tasks: set[asyncio.Task] = set()
        self.killed = 0  # workers killed on a deadline, for the tests and logs

    def _spawn(self) -> _Proc:
        p = _Proc(self.store_path)
        with self._lock:
            self._all.add(p)
        return p

    async def start(self) -> None:
        self._idle = asyncio.Queue()
        procs = await asyncio.gather(*(anyio.to_thread.run_sync(self._spawn) for _ in range(self.size)))
        for p in procs:
            self._idle.put_nowait(p)

    async def run(self, job: dict, *, timeout: float | None = None) -> tuple:
        """Run ``job`` in an idle worker; a deadline error reply when it takes longer than ``timeout``."""
        if self._idle is None:
            raise RuntimeError("WorkerPool.start() was not awaited")
        deadline = self.timeout if timeout is None else timeout
        proc = await self._idle.get()
        try:
            reply = await anyio.to_thread.run_sync(proc.call, job, deadline)
        finally:
            # give the worker back, or a fresh one in its place; done in the background so a
            # cancelled request (client gone) still returns the pool to its size
            self._release(proc)
        if reply is None:
            self.killed += 1
            reply = ("error", 503, "E705", f"the query ran past its {deadline:g} s deadline and was stopped; "
                                           "add a LIMIT, narrow its patterns, or ask the operator to raise "
                                           "`kg serve --timeout`")
        return reply

    def _release(self, proc: _Proc) -> None:
        if proc.alive:
            self._idle.put_nowait(proc)
            return
        with self._lock:
            self._all.discard(proc)
        task = asyncio.get_running_loop().create_task(self._replace())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _replace(self) -> None:
        self._idle.put_nowait(await anyio.to_thread.run_sync(self._spawn))

    def close(self) -> None:
        with self._lock:
            procs, self._all = list(self._all), set()
        for p in procs:
            p.kill()
