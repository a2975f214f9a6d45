"""The report page and its builds as jobs: start, follow (JSON and a page that works without script), download.

* ``GET /rapport/{kommun}`` — the page: a form per format (HTML, PDF, Word) that starts a build;
  ``?format=&year=`` serves a report already built, or starts (or joins) its build and sends the
  visitor to the build's page.
* ``POST /kommun/{kommun}/rapport/bygg`` — ``year``, ``format``, ``lang``, ``csrf`` (form fields;
  or the ``X-CSRF-Token`` header): starts or joins a job (:mod:`lagesbild.app.report_jobs`). A
  request that accepts JSON gets the job's JSON (202); a plain form post is sent on (303) to the
  build's page.
* ``GET /kommun/{kommun}/rapport/jobb/{id}`` — the job as JSON (keys in docs/app.md).
* ``GET /kommun/{kommun}/rapport/jobb/{id}/sida`` — the build's page, drawn on the server; it
  refreshes itself (``<meta http-equiv="refresh">``) until the report is done, unless
  ``?uppdatera=0``.
* ``GET /kommun/{kommun}/rapport/jobb/{id}/fil`` — the finished file.

The handlers are plain functions (run in the thread pool) except the form post, which reads its
body on the event loop first.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from lagesbild.app import errors
from lagesbild.app import validate as v
from lagesbild.app._render import render
from lagesbild.app.i18n import LANGS, get_lang, t
from lagesbild.app.report_jobs import DONE, FAILED, FORMATS, MEDIA, BuildFn, Job, QueueFullError, ReportJobs
from lagesbild.errors import NotFoundError
from lagesbild.i18n import pair
from lagesbild.i18n import t as ct

__all__ = ["router", "WRITE_PATHS", "jobs_for", "report_build"]

router = APIRouter(include_in_schema=False)
#: Path prefixes of the writes here (the build form's POST), for the security middleware.
WRITE_PATHS = ("/kommun/",)
#: Seconds between two refreshes of the build's page without script.
REFRESH_S = 2
_FORMAT_NAMES = {"html": "HTML", "pdf": "PDF", "docx": "Word"}
Year = Query(None, ge=v.YEAR_MIN, le=v.YEAR_MAX)


def report_build(data) -> BuildFn:
    """The real build: :func:`lagesbild.services.report.build_report` in a temporary folder, its bytes.

    HTML is built self-contained (the chart scripts inside the file), so that one file is the report.
    """

    def build(kommun: str, year: int, fmt: str, lang: str, progress: Callable[[int, int, str], None]) -> bytes:
        from lagesbild.services.report import build_report

        with tempfile.TemporaryDirectory() as tmp:
            res = build_report(data.store, data.settings, kommun, year, lang=lang, formats=[fmt], out=tmp,
                               progress=progress, self_contained=True if fmt == "html" else None)
            return Path(res["paths"][fmt]).read_bytes()

    return build


def jobs_for(data, settings) -> ReportJobs:
    """The app's report jobs on its store (limits from ``report_slots`` and ``report_queue``)."""
    store = data.store
    return ReportJobs(report_build(data), slots=settings.report_slots, max_queue=settings.report_queue,
                      generation=lambda: getattr(store, "generation", None))


def _jobs(request: Request) -> ReportJobs:
    return request.app.state.report_jobs


def _logged_in(request: Request) -> bool:
    return request.app.state.current_user(request) is not None


def _address(request: Request) -> str:
    return request.client.host if request.client else "?"


def _csrf_token(request: Request) -> tuple[str, str | None]:
    """The CSRF token of the build forms, and a new anonymous session cookie when one is needed."""
    from lagesbild.app.insatser.auth import ANON_COOKIE, get_sessions, viewer_of

    viewer = viewer_of(request)
    if viewer.sid:
        return viewer.csrf(), None
    sessions = get_sessions(request)
    cookie: str | None = request.cookies.get(ANON_COOKIE)
    sid = sessions.load_anonymous(cookie)
    new = None
    if sid is None:
        new = cookie = sessions.anonymous_id()
        sid = sessions.load_anonymous(cookie)
    assert sid is not None  # an id just made always loads
    return sessions.csrf(sid), new


def _check_csrf(request: Request, token: str | None) -> None:
    from lagesbild.app.insatser.auth import anonymous_sid, check_csrf, viewer_of

    viewer = viewer_of(request)
    check_csrf(viewer.sessions, viewer.sid or anonymous_sid(request), token)


def _format(value: str | None) -> str:
    if value not in FORMATS:
        raise v._bad("format", "html, pdf eller docx", "html, pdf or docx", value)
    return value


def _job_of(request: Request, kommun: str, job_id: str) -> Job:
    job = _jobs(request).get(job_id)
    if job is None or job.kommun != kommun:
        raise NotFoundError(*pair("app.report_job_missing", id=job_id[:40]))
    return job


def _base(kommun: str, job: Job) -> str:
    return f"/kommun/{kommun}/rapport/jobb/{job.id}"


def _file_name(job: Job) -> str:
    stem = ct("common.lang_file_stem", job.lang, stem=f"nulagesanalys_{job.kommun}_{job.year}")
    return f"{stem}.{job.format}"


def _queue_full(request: Request, exc: QueueFullError):
    return errors.error_response(request, 409, exc.message("sv"), exc.message("en"), code="conflict",
                                 headers={"Retry-After": str(exc.retry_after)})


# ---------------------------------------------------------------------- the page
@router.get("/rapport/{kommun}", response_class=HTMLResponse)
def report(request: Request, kommun: str, year: int | None = Year, format: str | None = Query(None)):
    d = request.app.state.data
    lang = get_lang(request)
    v.kommun_code(kommun)
    k = d.kommun(kommun)
    year = year or d.default_year()
    if format is not None:
        fmt = _format(format)
        jobs = _jobs(request)
        data = jobs.finished(kommun, year, fmt, lang)
        if data is not None:
            name = ct("common.lang_file_stem", lang, stem=f"nulagesanalys_{kommun}_{year}")
            return Response(data, media_type=MEDIA[fmt],
                            headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})
        try:
            job = jobs.submit(kommun, year, fmt, lang, logged_in=_logged_in(request), address=_address(request))
        except QueueFullError as exc:
            return _queue_full(request, exc)
        return RedirectResponse(_base(kommun, job) + "/sida", status_code=303)
    token, cookie = _csrf_token(request)
    resp = render(request, "report.html", {
        "k": k, "year": year, "years": d.types_years(), "available": True, "title": t("report", lang),
        "formats": [(f, t("report_build", lang, format=_FORMAT_NAMES[f]),
                     t("report_download", lang, format=_FORMAT_NAMES[f])) for f in FORMATS], "csrf": token,
        "lang_code": lang})
    if cookie is not None:
        from lagesbild.app.insatser.auth import ANON_COOKIE, set_cookie

        set_cookie(request, resp, ANON_COOKIE, cookie)
    return resp


# ---------------------------------------------------------------------- starting a build
@router.post("/kommun/{kommun}/rapport/bygg")
async def start(request: Request, kommun: str):
    form = await request.form()  # the body is read on the event loop, the rest runs in the thread pool
    token = request.headers.get("x-csrf-token") or form.get("csrf")
    fields = {name: form.get(name) for name in ("year", "format", "lang")}
    return await run_in_threadpool(_start, request, kommun, None if token is None else str(token), fields)


def _start(request: Request, kommun: str, token: str | None, fields: dict):
    _check_csrf(request, token)
    d = request.app.state.data
    v.kommun_code(kommun)
    d.kommun(kommun)
    year = v.year(fields["year"]) if fields["year"] is not None else d.default_year()
    fmt = _format(None if fields["format"] is None else str(fields["format"]))
    lang = str(fields["lang"]) if fields["lang"] in LANGS else get_lang(request)
    try:
        job = _jobs(request).submit(kommun, year, fmt, lang, logged_in=_logged_in(request),
                                    address=_address(request))
    except QueueFullError as exc:
        return _queue_full(request, exc)
    base = _base(kommun, job)
    accept = request.headers.get("accept", "")
    if "application/json" in accept and "text/html" not in accept:
        return JSONResponse(_state(request, kommun, job), status_code=202, headers={"Location": base})
    return RedirectResponse(base + "/sida", status_code=303)


# ---------------------------------------------------------------------- following a build
def _state(request: Request, kommun: str, job: Job) -> dict:
    return _jobs(request).state(job, get_lang(request), url=_base(kommun, job) + "/fil")


@router.get("/kommun/{kommun}/rapport/jobb/{job_id}")
def job_json(request: Request, kommun: str, job_id: str):
    v.kommun_code(kommun)
    return JSONResponse(_state(request, kommun, _job_of(request, kommun, job_id)),
                        headers={"Cache-Control": "no-store"})


@router.get("/kommun/{kommun}/rapport/jobb/{job_id}/sida", response_class=HTMLResponse)
def job_page(request: Request, kommun: str, job_id: str, uppdatera: int = Query(1, ge=0, le=1)):
    v.kommun_code(kommun)
    k = request.app.state.data.kommun(kommun)
    job = _job_of(request, kommun, job_id)
    state = _state(request, kommun, job)
    base = _base(kommun, job)
    refresh = bool(uppdatera) and state["status"] not in (DONE, FAILED)
    lang = get_lang(request)
    name = _FORMAT_NAMES[job.format]
    return render(request, "report_job.html", {
        "k": k, "job": state, "title": t("report_job_title", lang), "refresh": refresh, "refresh_s": REFRESH_S,
        "page_url": base + "/sida", "format_name": name, "download_text": t("report_download", lang, format=name),
        "refreshing_text": t("report_refreshing", lang, seconds=REFRESH_S)},
        headers={"Cache-Control": "no-store"})


@router.get("/kommun/{kommun}/rapport/jobb/{job_id}/fil")
def job_file(request: Request, kommun: str, job_id: str):
    v.kommun_code(kommun)
    job = _job_of(request, kommun, job_id)
    if job.status != DONE:
        return RedirectResponse(_base(kommun, job) + "/sida", status_code=303)
    data = _jobs(request).file(job)
    if data is None:
        raise NotFoundError(*pair("app.report_file_gone"))
    return Response(data, media_type=MEDIA[job.format],
                    headers={"Content-Disposition": f'attachment; filename="{_file_name(job)}"'})
