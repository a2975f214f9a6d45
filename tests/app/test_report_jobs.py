"""Report builds as queued jobs: the bounded pool and queue, positions, reuse, progress, kept files,
the routes' error contract (anonymous rate limit, CSRF, full queue) and one real build end to end."""

from __future__ import annotations

import re
import threading
import time

import pytest

from lagesbild.app.report_jobs import DONE, FAILED, QUEUED, RUNNING, QueueFullError, ReportJobs
from lagesbild.errors import NotFoundError, PermissionDeniedError
from lagesbild.i18n import pair, t

CSRF_SV = "Ogiltig eller saknad CSRF-token; ladda om sidan och försök igen."


class Gates:
    """A fake build per job that waits until the test lets it finish (``release(kommun)``)."""

    def __init__(self, steps: int = 3) -> None:
        self.steps = steps
        self.events: dict[str, threading.Event] = {}
        self.started: list[str] = []
        self.lock = threading.Lock()

    def event(self, kommun: str) -> threading.Event:
        with self.lock:
            return self.events.setdefault(kommun, threading.Event())

    def __call__(self, kommun, year, fmt, lang, progress):
        with self.lock:
            self.started.append(kommun)
        for i in range(1, self.steps + 1):
            progress(i, self.steps, f"steg {i}")
        if not self.event(kommun).wait(10):
            raise RuntimeError("never released")
        return f"{kommun}-{year}-{fmt}-{lang}".encode()

    def release(self, kommun: str) -> None:
        self.event(kommun).set()


def wait_for(cond, timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > end:
            raise AssertionError("condition not reached")
        time.sleep(0.01)


def submit(jobs, kommun, *, year=2023, fmt="pdf", lang="sv", logged_in=True, address="10.0.0.1"):
    return jobs.submit(kommun, year, fmt, lang, logged_in=logged_in, address=address)


# ---------------------------------------------------------------------- the registry
def test_positions_when_more_jobs_than_slots():
    build = Gates()
    jobs = ReportJobs(build, slots=2, max_queue=10)
    a, b, c, d = (submit(jobs, k) for k in ("0114", "0115", "0117", "0120"))
    wait_for(lambda: a.status == RUNNING and b.status == RUNNING)
    assert (jobs.position(a), jobs.position(b)) == (None, None)
    assert (c.status, jobs.position(c), d.status, jobs.position(d)) == (QUEUED, 1, QUEUED, 2)
    st = jobs.state(d, "sv")
    assert st["status"] == "köad" and st["position"] == 2 and st["text"] == t("app.report_job_queued", "sv", position=2)
    assert sorted(build.started) == ["0114", "0115"]  # never more than two at once
    build.release("0114")
    wait_for(lambda: a.status == DONE and c.status == RUNNING)
    assert (jobs.position(c), jobs.position(d)) == (None, 1)
    for k in ("0115", "0117", "0120"):
        build.release(k)
    wait_for(lambda: d.status == DONE)
    assert jobs.file(d) == b"0120-2023-pdf-sv"
    assert jobs.state(d, "sv", url="/x")["url"] == "/x"


def test_the_queue_is_bounded_and_a_full_queue_says_when_to_retry():
    build = Gates()
    jobs = ReportJobs(build, slots=1, max_queue=2)
    running = submit(jobs, "0114")
    wait_for(lambda: running.status == RUNNING)
    waiting = [submit(jobs, "0115"), submit(jobs, "0117")]
    with pytest.raises(QueueFullError) as exc:
        submit(jobs, "0120")
    assert exc.value.message("sv") == t("app.report_queue_full", "sv", n=2, seconds=exc.value.retry_after)
    assert 5 <= exc.value.retry_after <= 600
    assert submit(jobs, "0115") is waiting[0]  # an identical job is still given out when the queue is full
    assert jobs.counts()[QUEUED] == 2
    for k in ("0114", "0115", "0117"):
        build.release(k)
    wait_for(lambda: waiting[1].status == DONE)
    assert submit(jobs, "0120").status in (QUEUED, RUNNING)  # room again
    build.release("0120")


def test_an_identical_job_is_reused_until_its_file_is_gone_or_the_store_changes():
    calls = []
    generation = ["g1"]

    def build(kommun, year, fmt, lang, progress):
        calls.append((kommun, year, fmt, lang))
        return b"x" * 100

    jobs = ReportJobs(build, slots=1, keep_files=2, generation=lambda: generation[0])
    first = submit(jobs, "0114", logged_in=False)
    wait_for(lambda: first.status == DONE)
    # the same report again, anonymously from the same address: the same job, no new build, no rate limit
    assert submit(jobs, "0114", logged_in=False) is first
    assert calls == [("0114", 2023, "pdf", "sv")]
    assert jobs.finished("0114", 2023, "pdf", "sv") == b"x" * 100
    # another format, language or year is another job
    assert submit(jobs, "0114", fmt="docx") is not first
    assert submit(jobs, "0114", lang="en") is not first
    wait_for(lambda: jobs.counts()[DONE] == 3)
    # at most two files are kept: the first one (least recently used) is gone, its job is built again
    assert jobs.file(first) is None and jobs.counts()["filer"] == 2
    again = submit(jobs, "0114")
    assert again is not first
    wait_for(lambda: again.status == DONE)
    # a new generation of the store: a new job, even for a file still kept
    generation[0] = "g2"
    assert submit(jobs, "0114") is not again
    wait_for(lambda: len(calls) == 5)


def test_files_are_bounded_by_bytes():
    jobs = ReportJobs(lambda k, y, f, lang, p: b"y" * 600, slots=1, keep_bytes=1000)
    a = submit(jobs, "0114")
    wait_for(lambda: a.status == DONE)
    b = submit(jobs, "0115")
    wait_for(lambda: b.status == DONE)
    assert jobs.file(a) is None and jobs.file(b) == b"y" * 600
    assert jobs.counts()["byte"] == 600


def test_anonymous_builds_are_rate_limited_per_address_logged_in_users_are_not():
    jobs = ReportJobs(lambda k, y, f, lang, p: b"r", slots=1, anon_interval_s=120)
    submit(jobs, "0114", logged_in=False, address="10.0.0.1")
    with pytest.raises(PermissionDeniedError) as exc:
        submit(jobs, "0115", logged_in=False, address="10.0.0.1")
    assert exc.value.message("sv") == t("app.report_rate_limited", "sv", seconds=120)
    submit(jobs, "0115", logged_in=False, address="10.0.0.2")  # another address
    for k in ("0117", "0120", "0123"):
        submit(jobs, k, logged_in=True, address="10.0.0.1")


def test_a_failed_build_keeps_the_swedish_message_and_may_be_tried_again():
    tries = []

    def build(kommun, year, fmt, lang, progress):
        tries.append(1)
        if len(tries) == 1:
            raise NotFoundError("Det finns inga uppgifter för Upplands Väsby år 1999.", "No data for 1999.")
        raise ValueError("an internal detail")

    jobs = ReportJobs(build, slots=1)
    job = submit(jobs, "0114")
    wait_for(lambda: job.status == FAILED)
    st = jobs.state(job, "sv", url="/x")
    assert st["status"] == "fel" and "url" not in st
    assert st["text"] == "Rapporten kunde inte byggas: Det finns inga uppgifter för Upplands Väsby år 1999."
    again = submit(jobs, "0114")
    assert again is not job
    wait_for(lambda: again.status == FAILED)
    text = jobs.state(again, "sv")["text"]
    assert text == t("app.report_job_failed", "sv", message=pair("app.server_error")[0])
    assert "internal" not in text


def test_progress_is_monotone_and_done_means_all_steps():
    def build(kommun, year, fmt, lang, progress):
        for i in (1, 2, 3, 2, 4):  # a step reported twice out of order is not shown going back
            progress(i, 5, f"steg {i}")
        return b"ok"

    jobs = ReportJobs(build, slots=1)
    job = submit(jobs, "0114")
    wait_for(lambda: job.status == DONE)
    st = jobs.state(job, "sv")
    assert (st["steg"], st["steg_totalt"], st["text"]) == (5, 5, t("app.report_job_done", "sv"))


# ---------------------------------------------------------------------- the routes
@pytest.fixture(scope="module")
def app(cli_store_path):
    pytest.importorskip("fastapi")
    from lagesbild._config import resolve_settings
    from lagesbild.app import create_app

    s = resolve_settings(config_file=None, env={}, store=str(cli_store_path), app_warmup_pages=False)
    application = create_app(settings=s)
    real = application.state.report_jobs
    yield application
    real.shutdown()
    application.state.data.store.close()


@pytest.fixture
def fresh(app):
    """Give the app a new job registry per test (``fresh(build, **limits)``); the real one after."""
    real = app.state.report_jobs
    made = []

    def make(build, **kw):
        jobs = ReportJobs(build, generation=lambda: "g", **kw)
        made.append(jobs)
        app.state.report_jobs = jobs
        return jobs

    yield make
    app.state.report_jobs = real
    for jobs in made:
        jobs.shutdown()


@pytest.fixture(scope="module")
def module_client(app):
    # one client with the app's lifespan per module: leaving it closes the store the app opened
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def web(module_client):
    """The client as a new visitor (no cookies)."""
    module_client.cookies.clear()
    yield module_client
    module_client.cookies.clear()


def csrf_of(web, kommun="1480") -> str:
    r = web.get(f"/rapport/{kommun}")
    assert r.status_code == 200
    return re.search(r'name="csrf" value="([^"]+)"', r.text).group(1)


JSON = {"accept": "application/json"}


def test_a_build_without_or_with_a_forged_csrf_token_is_refused(web, fresh):
    fresh(lambda *a: b"r")
    for data in ({"year": "2023", "format": "pdf"}, {"year": "2023", "format": "pdf", "csrf": "forged"}):
        r = web.post("/kommun/1480/rapport/bygg", data=data, headers=JSON)
        assert r.status_code == 403
        assert r.json()["error"] == {"status": 403, "code": "forbidden", "message": CSRF_SV, "message_sv": CSRF_SV,
                                     "message_en": "Invalid or missing CSRF token; reload the page and try again."}
    # a token of another visitor's anonymous session does not do either
    from fastapi.testclient import TestClient

    other = TestClient(web.app)  # without its lifespan: the app's store stays open
    token = csrf_of(other)
    r = web.post("/kommun/1480/rapport/bygg", data={"year": "2023", "format": "pdf", "csrf": token}, headers=JSON)
    assert r.status_code == 403 and r.json()["error"]["message"] == CSRF_SV


def test_anonymous_visitors_get_403_with_the_swedish_message(web, fresh):
    fresh(lambda *a: b"r")
    token = csrf_of(web)
    r = web.post("/kommun/1480/rapport/bygg", data={"year": "2023", "format": "pdf", "csrf": token}, headers=JSON)
    assert r.status_code == 202 and r.headers["location"] == f"/kommun/1480/rapport/jobb/{r.json()['id']}"
    r = web.post("/kommun/1480/rapport/bygg", data={"year": "2023", "format": "docx", "csrf": token}, headers=JSON)
    assert r.status_code == 403
    sv, en = pair("app.report_rate_limited", seconds=120)
    assert r.json()["error"] == {"status": 403, "code": "forbidden", "message": sv, "message_sv": sv,
                                 "message_en": en}
    # the same report again is not a new build: it is given out
    r = web.post("/kommun/1480/rapport/bygg", data={"year": "2023", "format": "pdf", "csrf": token}, headers=JSON)
    assert r.status_code == 202


def test_a_full_queue_answers_409_with_retry_after(web, fresh):
    build = Gates()
    jobs = fresh(build, slots=1, max_queue=1)
    jobs.submit("0180", 2023, "pdf", "sv", logged_in=True, address="x")
    wait_for(lambda: build.started == ["0180"])
    jobs.submit("0180", 2023, "docx", "sv", logged_in=True, address="x")
    token = csrf_of(web)
    r = web.post("/kommun/1480/rapport/bygg", data={"year": "2023", "format": "pdf", "csrf": token}, headers=JSON)
    assert r.status_code == 409
    wait = int(r.headers["retry-after"])
    sv, en = pair("app.report_queue_full", n=1, seconds=wait)
    assert r.json()["error"] == {"status": 409, "code": "conflict", "message": sv, "message_sv": sv, "message_en": en}
    build.release("0180")


def test_invalid_format_year_and_unknown_job(web, fresh):
    fresh(lambda *a: b"r")
    token = csrf_of(web)
    r = web.post("/kommun/1480/rapport/bygg", data={"year": "2023", "format": "exe", "csrf": token}, headers=JSON)
    assert r.status_code == 422 and "format" in r.json()["error"]["message"]
    r = web.post("/kommun/1480/rapport/bygg", data={"year": "20x3", "format": "pdf", "csrf": token}, headers=JSON)
    assert r.status_code == 422 and "year" in r.json()["error"]["message"]
    r = web.get("/kommun/1480/rapport/jobb/nosuchjob", headers=JSON)
    assert r.status_code == 404
    assert r.json()["error"]["message"] == t("app.report_job_missing", "sv", id="nosuchjob")
    assert web.get("/rapport/1480", params={"format": "exe"}).status_code == 422


def test_without_script_the_form_leads_to_a_page_that_refreshes_until_the_link(web, fresh):
    build = Gates(steps=4)
    fresh(build, slots=1)
    token = csrf_of(web)
    r = web.post("/kommun/1480/rapport/bygg", data={"year": "2023", "format": "docx", "csrf": token},
                 follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("/sida")
    page_url = r.headers["location"]
    wait_for(lambda: build.started)
    page = web.get(page_url).text
    assert '<meta http-equiv="refresh" content="2">' in page
    assert '<progress id="report-progress" max="4" value="4">' in page
    assert "Steg 4 av 4: steg 4 …" in page and 'role="status"' in page
    assert "<meta http-equiv" not in web.get(page_url + "?uppdatera=0").text  # the refresh can be turned off
    build.release("1480")
    job_url = page_url.removesuffix("/sida")
    wait_for(lambda: web.get(job_url, headers=JSON).json()["status"] == "klar")
    page = web.get(page_url).text
    assert "<meta http-equiv" not in page and f'href="{job_url}/fil"' in page
    assert "Ladda ner rapporten (Word)" in page
    f = web.get(job_url + "/fil")
    assert f.status_code == 200 and f.content == b"1480-2023-docx-sv"
    assert f.headers["content-disposition"] == 'attachment; filename="nulagesanalys_1480_2023.docx"'
    # a link with ?format= serves the built file at once
    f = web.get("/rapport/1480?year=2023&format=docx")
    assert f.status_code == 200 and f.content == b"1480-2023-docx-sv"


def test_a_link_with_format_starts_the_build_and_a_job_of_another_kommun_is_not_found(web, fresh):
    build = Gates()
    fresh(build, slots=1)
    r = web.get("/rapport/1480?year=2022&format=pdf", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/kommun/1480/rapport/jobb/")
    job_id = r.headers["location"].split("/")[-2]
    assert web.get(f"/kommun/0180/rapport/jobb/{job_id}", headers=JSON).status_code == 404
    r = web.get(f"/kommun/1480/rapport/jobb/{job_id}/fil", follow_redirects=False)  # not done: to its page
    assert r.status_code == 303 and r.headers["location"].endswith("/sida")
    build.release("1480")


def test_a_real_build_end_to_end_with_monotone_progress(app, web, fresh):
    """One real nulägesanalys (Göteborg, HTML) through the job queue: progress 1…total, the file's content."""
    from lagesbild.app.report_pages import report_build
    from lagesbild.services.report import STEPS

    real = report_build(app.state.data)
    calls: list[tuple[int, int, str]] = []

    def recording(kommun, year, fmt, lang, progress):
        def both(step, total, label):
            calls.append((step, total, label))
            progress(step, total, label)

        return real(kommun, year, fmt, lang, both)

    fresh(recording, slots=1)
    year = app.state.data.default_year()
    token = csrf_of(web)
    r = web.post("/kommun/1480/rapport/bygg", data={"year": str(year), "format": "html", "csrf": token}, headers=JSON)
    assert r.status_code == 202
    job_url = r.headers["location"]
    seen = []
    end = time.monotonic() + 120
    while time.monotonic() < end:
        st = web.get(job_url, headers=JSON).json()
        seen.append(st["steg"])
        if st["status"] in ("klar", "fel"):
            break
        time.sleep(0.05)
    assert st["status"] == "klar", st["text"]
    total = len(STEPS) + 1
    assert [c[0] for c in calls] == list(range(1, total + 1)) and {c[1] for c in calls} == {total}
    assert calls[1][2] == "Områdestyper" and calls[-1][2] == "Skriver HTML"
    assert seen == sorted(seen) and seen[-1] == st["steg_totalt"] == total
    html = web.get(st["url"]).content.decode("utf-8")
    assert "Nulägesanalys" in html and "Göteborg" in html and str(year) in html
    assert re.search(r"<h2[^>]*>[^<]*Områdestyper", html)
    assert '<script src="assets/' not in html  # one self-contained file


def test_a_year_without_data_fails_with_the_swedish_message(app, web, fresh):
    from lagesbild.app.report_pages import report_build

    fresh(report_build(app.state.data), slots=1)
    token = csrf_of(web)
    r = web.post("/kommun/1480/rapport/bygg", data={"year": "1995", "format": "pdf", "csrf": token}, headers=JSON)
    job_url = r.headers["location"]
    wait_for(lambda: web.get(job_url, headers=JSON).json()["status"] == "fel", timeout=60)
    st = web.get(job_url, headers=JSON).json()
    assert st["text"].startswith("Rapporten kunde inte byggas: Det finns inga uppgifter för Göteborg (1480) år 1995")
    assert "url" not in st
