"""The room's one writer: contributions queue, and each burst is written in ONE transaction.

Why: sixty phones pressing "send" together must cost one fsync'd write, not sixty, and a phone
may only be told "received" once its contribution is on disk. Request handlers put a change on
the queue and wait; this task takes everything queued, applies it inside `Session.batch()`
(one atomic write), and only then answers every waiting handler. A change that breaks a rule is
refused alone; a failed save fails the whole burst (nothing of it is on disk) and the writer keeps
going. It runs on the caller's event loop (Textual's in the app), so the store stays
single-writer and single-threaded.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from workshop.errors import WorkshopError
from workshop.store import Session

log = logging.getLogger(__name__)

Change = Callable[[], list[str]]  # applies itself to the session; returns the record ids touched


@dataclass
class _Job:
    change: Change
    done: asyncio.Future[list[str]] = field(default_factory=lambda: _future())


def _future() -> asyncio.Future[list[str]]:
    """A job's outcome; read even when its phone went away (no "never retrieved" noise)."""
    future: asyncio.Future[list[str]] = asyncio.get_running_loop().create_future()
    future.add_done_callback(lambda f: f.cancelled() or f.exception())
    return future


class Writer:
    """Group commit for one session. `on_commit(ids)` runs after each batch is on disk."""

    def __init__(self, session: Session, on_commit: Callable[[list[str]], None]) -> None:
        self.session = session
        self.on_commit = on_commit
        self._queue: asyncio.Queue[_Job] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None
        self.batches = 0  # how many writes were made (tests and the benchmark read it)
        self.changes = 0

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="room-writer")

    async def stop(self) -> None:
        """Finish what is queued, then stop."""
        if self._task is None:
            return
        task, self._task = self._task, None
        await self._queue.join()
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    async def submit(self, change: Change) -> list[str]:
        """Queue `change`; return its record ids once it is on disk (or raise its refusal)."""
        if self._task is None:
            raise WorkshopError("the room is closed")
        job = _Job(change)
        await self._queue.put(job)
        return await asyncio.shield(job.done)  # a phone leaving mid-request changes nothing

    async def _run(self) -> None:
        while True:
            jobs = [await self._queue.get()]
            await asyncio.sleep(0)  # let requests that arrived together join this burst
            while not self._queue.empty():
                jobs.append(self._queue.get_nowait())
            try:
                await self._write(jobs)
            finally:
                for _ in jobs:
                    self._queue.task_done()

    async def _write(self, jobs: list[_Job]) -> None:
        results: list[tuple[_Job, list[str] | BaseException]] = []
        try:
            with self.session.batch(defer=True) as pending:
                for job in jobs:
                    try:
                        results.append((job, job.change()))
                    except WorkshopError as refused:  # checked before any write: refuse it alone
                        results.append((job, refused))
            for write in pending:  # the disk syncs in a thread; the loop keeps serving
                await asyncio.to_thread(write)
        except Exception as error:  # the save failed: this burst is not known to be on disk
            log.warning("room: could not save a burst of %d: %s", len(jobs), error)
            failure = error if isinstance(error, WorkshopError) else WorkshopError(
                f"could not save: {error}")
            for job in jobs:
                if not job.done.done():
                    job.done.set_exception(failure)
            return
        self.batches += 1 if pending else 0
        ids: list[str] = []
        for job, outcome in results:
            if isinstance(outcome, BaseException):
                job.done.set_exception(outcome)
            else:
                self.changes += 1
                ids.extend(outcome)
                job.done.set_result(outcome)
        if ids:
            try:
                self.on_commit(ids)
            except Exception:  # a listener's bug must not stop the room
                log.exception("room: a change listener failed")
