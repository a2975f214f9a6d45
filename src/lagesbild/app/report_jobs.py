"""Report builds in the web app as queued jobs: a bounded pool, a bounded queue, progress, kept files.

A job builds one nulägesanalys — kommun, year, format, language — for one generation of the
store. :meth:`ReportJobs.submit` creates it, or gives back the identical job already queued,
running or done (a finished file is served to everyone without counting); at most ``slots``
jobs run at once on a thread pool, the others wait in a queue of at most ``max_queue`` jobs
with their place in it. A visitor who is not logged in may start one build per
``anon_interval_s`` seconds from one address (:class:`~lagesbild.app.report_gate.ReportGate`).
A running job reports its steps through the ``progress`` callback of
:func:`lagesbild.services.report.build_report`. Finished files are kept in memory, least
recently used first out, at most ``keep_files`` of them and ``keep_bytes`` bytes in all; job
records are forgotten oldest first beyond ``keep_jobs``. A failed job keeps the error's message
in both languages.

The registry knows nothing of HTTP; the routes are in :mod:`lagesbild.app.report_pages`.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from lagesbild.app.report_gate import ReportGate
from lagesbild.errors import ConflictError, LagesbildError
from lagesbild.i18n import choose, pair

__all__ = ["FORMATS", "MEDIA", "QUEUED", "RUNNING", "DONE", "FAILED", "Job", "QueueFullError", "ReportJobs",
           "BuildFn"]

log = logging.getLogger("lagesbild.app")

#: The formats a job can build.
FORMATS = ("html", "pdf", "docx")
#: Media type of each format's file.
MEDIA = {"html": "text/html; charset=utf-8", "pdf": "application/pdf",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
#: The values of a job's ``status`` (stable; the JSON of a job carries them).
QUEUED, RUNNING, DONE, FAILED = "köad", "pågår", "klar", "fel"

#: ``build(kommun, year, format, lang, progress) -> bytes``; ``progress(step, total, label)``.
BuildFn = Callable[[str, int, str, str, Callable[[int, int, str], None]], bytes]


class QueueFullError(ConflictError):
    """The queue of report builds is full; ``retry_after`` seconds is a fair wait."""

    def __init__(self, sv: str, en: str, retry_after: int) -> None:
        super().__init__(sv, en)
        self.retry_after = retry_after


@dataclass
class Job:
    """One report build and how far it has come (fields change under the registry's lock)."""

    id: str
    kommun: str
    year: int
    format: str
    lang: str
    generation: Hashable
    seq: int
    status: str = QUEUED
    step: int = 0
    total: int = 0
    label: str = ""
    error: tuple[str, str] | None = None
    size: int = 0
    created: float = field(default_factory=time.monotonic)
    finished: float | None = None

    @property
    def key(self) -> tuple:
        return (self.kommun, self.year, self.format, self.lang, self.generation)


class ReportJobs:
    """The report jobs of one app (thread-safe).

    Parameters
    ----------
    build : callable
        ``build(kommun, year, format, lang, progress) -> bytes`` (see :data:`BuildFn`).
    slots : int
        Builds running at once.
    max_queue : int
        Jobs waiting at most; one more is refused with :class:`QueueFullError`.
    anon_interval_s : float
        Seconds between two builds started by one anonymous address.
    keep_files, keep_bytes : int
        Finished files kept in memory (count and total size; least recently used out first).
    keep_jobs : int
        Finished and failed job records kept (oldest forgotten first).
    generation : callable, optional
        The store's current generation (a new one makes new jobs; files of older ones age out).
    """

    def __init__(self, build: BuildFn, *, slots: int = 2, max_queue: int = 20, anon_interval_s: float = 120.0,
                 keep_files: int = 32, keep_bytes: int = 256 * 1024 * 1024, keep_jobs: int = 1000,
                 generation: Callable[[], Hashable] | None = None) -> None:
        self.build_fn = build
        self.slots = max(1, int(slots))
        self.max_queue = max(0, int(max_queue))
        self.keep_files, self.keep_bytes, self.keep_jobs = keep_files, keep_bytes, keep_jobs
        self.gate = ReportGate(anon_interval_s=anon_interval_s)
        self._generation = generation or (lambda: None)
        self._pool: ThreadPoolExecutor | None = None  # made on the first job (again after shutdown)
        self._lock = threading.Lock()
        self._jobs: OrderedDict[str, Job] = OrderedDict()  # by id, oldest first
        self._by_key: dict[tuple, str] = {}
        self._queue: list[Job] = []  # waiting, in order
        self._files: OrderedDict[tuple, bytes] = OrderedDict()  # by job key, least recently used first
        self._seq = 0
        self._durations: list[float] = []  # seconds of the last builds (for Retry-After)

    # ------------------------------------------------------------------ starting
    def submit(self, kommun: str, year: int, fmt: str, lang: str, *, logged_in: bool, address: str) -> Job:
        """The job that builds this report: an identical one when there is one, else a new one.

        Raises
        ------
        QueueFullError
            ``max_queue`` jobs are already waiting.
        PermissionDeniedError
            An anonymous address started a build less than ``anon_interval_s`` seconds ago.
        """
        key = (kommun, int(year), fmt, lang, self._generation())
        with self._lock:
            same = self._reusable(key)
            if same is not None:
                return same
            if len(self._queue) >= self.max_queue:
                wait = self._retry_after()
                raise QueueFullError(*pair("app.report_queue_full", n=len(self._queue), seconds=wait), wait)
            if not logged_in:
                self.gate.admit_anonymous(address)
            self._seq += 1
            job = Job(id=secrets.token_urlsafe(12), kommun=kommun, year=int(year), format=fmt, lang=lang,
                      generation=key[-1], seq=self._seq)
            self._jobs[job.id] = job
            self._by_key[key] = job.id
            self._queue.append(job)
            self._forget_old()
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=self.slots, thread_name_prefix="lagesbild-report")
            self._pool.submit(self._run, job)
        return job

    def _reusable(self, key: tuple) -> Job | None:
        job = self._jobs.get(self._by_key.get(key, ""))
        if job is None or job.status == FAILED:  # a failed build may be tried again
            return None
        if job.status == DONE and key not in self._files:  # its file has aged out
            return None
        return job

    def _retry_after(self) -> int:
        """A fair wait before trying again: the queue's length times a recent build's duration."""
        typical = sorted(self._durations)[len(self._durations) // 2] if self._durations else 10.0
        return max(5, min(600, int(typical * (len(self._queue) + 1) / self.slots) + 1))

    def _forget_old(self) -> None:
        ended = [j for j in self._jobs.values() if j.status in (DONE, FAILED)]
        for job in ended[: max(0, len(ended) - self.keep_jobs)]:
            del self._jobs[job.id]
            if self._by_key.get(job.key) == job.id:
                del self._by_key[job.key]

    # ------------------------------------------------------------------ running
    def _run(self, job: Job) -> None:
        with self._lock:
            if job not in self._queue:  # failed by shutdown before it started
                return
            self._queue.remove(job)
            job.status = RUNNING
        t0 = time.monotonic()

        def progress(step: int, total: int, label: str) -> None:
            with self._lock:
                if step >= job.step:  # monotone whatever the caller does
                    job.step, job.total, job.label = step, total, label

        try:
            data = self.build_fn(job.kommun, job.year, job.format, job.lang, progress)
        except LagesbildError as exc:
            self._end(job, FAILED, error=(exc.message("sv"), exc.message("en")))
        except Exception:  # never internals to the visitor; the log has them
            log.exception("report build %s failed", job.key)
            self._end(job, FAILED, error=pair("app.server_error"))
        else:
            with self._lock:
                self._durations = (self._durations + [time.monotonic() - t0])[-20:]
                self._files[job.key] = data
                self._files.move_to_end(job.key)
                self._trim_files()
            self._end(job, DONE, size=len(data))

    def _end(self, job: Job, status: str, error: tuple[str, str] | None = None, size: int = 0) -> None:
        with self._lock:
            job.status, job.error, job.size, job.finished = status, error, size, time.monotonic()
            if status == DONE:
                job.step = job.total = max(job.total, job.step, 1)

    def _trim_files(self) -> None:
        total = sum(len(b) for b in self._files.values())
        while self._files and (len(self._files) > self.keep_files or total > self.keep_bytes):
            _, gone = self._files.popitem(last=False)
            total -= len(gone)

    # ------------------------------------------------------------------ reading
    def get(self, job_id: str) -> Job | None:
        """The job with this id (None when unknown or forgotten)."""
        with self._lock:
            return self._jobs.get(job_id)

    def position(self, job: Job) -> int | None:
        """Place in the queue (1: next to start); None unless the job is waiting."""
        with self._lock:
            return self._queue.index(job) + 1 if job in self._queue else None

    def file(self, job: Job) -> bytes | None:
        """The finished file of ``job`` (None when not done or no longer kept)."""
        with self._lock:
            data = self._files.get(job.key)
            if data is not None:
                self._files.move_to_end(job.key)
            return data

    def finished(self, kommun: str, year: int, fmt: str, lang: str) -> bytes | None:
        """A file already built for these choices in the current generation, or None."""
        key = (kommun, int(year), fmt, lang, self._generation())
        with self._lock:
            data = self._files.get(key)
            if data is not None:
                self._files.move_to_end(key)
            return data

    def counts(self) -> dict[str, int]:
        """Jobs per status, files kept and their bytes (for tests and monitoring)."""
        with self._lock:
            out = {s: sum(j.status == s for j in self._jobs.values()) for s in (QUEUED, RUNNING, DONE, FAILED)}
            out |= {"filer": len(self._files), "byte": sum(len(b) for b in self._files.values())}
            return out

    def state(self, job: Job, lang: str, url: str | None = None) -> dict:
        """The job as JSON-ready data (stable keys; documented in docs/app.md).

        ``status`` (köad, pågår, klar, fel), ``position`` (place in the queue, else None),
        ``steg`` and ``steg_totalt`` (steps done of all; 0 before the first), ``text`` (what
        is happening, in ``lang``), ``url`` (the file; only when done), plus ``id``,
        ``kommun``, ``year`` and ``format``.
        """
        from lagesbild.i18n import t

        position = self.position(job)
        with self._lock:
            status, step, total, label, error = job.status, job.step, job.total, job.label, job.error
        if status == QUEUED:
            text = t("app.report_job_queued", lang, position=position or 1)
        elif status == RUNNING:
            text = (t("app.report_job_step", lang, step=step, total=total, label=label) if step
                    else t("app.report_job_started", lang))
        elif status == DONE:
            text = t("app.report_job_done", lang)
        else:
            sv, en = error or pair("app.server_error")
            text = t("app.report_job_failed", lang, message=choose(sv, en, lang))
        out = {"id": job.id, "kommun": job.kommun, "year": job.year, "format": job.format, "status": status,
               "position": position, "steg": step, "steg_totalt": total, "text": text}
        if status == DONE and url is not None:
            out["url"] = url
        return out

    def shutdown(self) -> None:
        """When the server stops: waiting jobs fail (they never start), running ones finish.

        A later :meth:`submit` starts a new pool."""
        with self._lock:
            pool, self._pool = self._pool, None
            waiting, self._queue = self._queue, []
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        for job in waiting:
            self._end(job, FAILED, error=pair("app.request_failed"))
