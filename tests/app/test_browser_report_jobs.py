"""The report page in Chromium: "Bygg PDF" starts a job, the progress element moves, the live status
line follows, the download link appears; axe finds nothing serious; the build page drawn on the
server (for visitors without script) passes axe too."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from lagesbild.app.report_jobs import ReportJobs


def slow_build(kommun, year, fmt, lang, progress):
    """A stand-in for the real build: eight steps of 0.3 s, then a small 'file'."""
    for i in range(1, 9):
        progress(i, 8, f"Delsteg {i}")
        time.sleep(0.3)
    return f"%PDF-1.4 {kommun} {year}".encode()


@pytest.fixture
def jobs(app):
    real = app.state.report_jobs
    app.state.report_jobs = fake = ReportJobs(slow_build, slots=1)
    yield fake
    app.state.report_jobs = real
    fake.shutdown()


def test_build_button_shows_progress_and_the_link(page, jobs):
    page.goto("/rapport/1480")
    page.get_by_role("button", name="Bygg PDF").click()
    bar = page.locator("progress#report-progress")
    bar.wait_for(state="visible")
    assert page.get_by_label("Rapportens förlopp").count() == 1  # the progress element has its label
    values, texts = [], []
    link = page.locator("#report-link a")
    for _ in range(200):
        values.append(float(bar.evaluate("e => e.value")))
        texts.append(page.locator("#report-text").inner_text())
        if link.is_visible():
            break
        time.sleep(0.1)
    assert link.is_visible()
    assert values == sorted(values) and len({v for v in values if v > 0}) >= 3  # it moved, never back
    assert float(bar.evaluate("e => e.value")) == float(bar.evaluate("e => e.max")) == 8
    assert any(re.fullmatch(r"Steg [1-8] av 8: Delsteg [1-8] …", x) for x in texts)
    assert page.locator("#report-text").get_attribute("aria-live") == "polite"
    assert page.locator("#report-text").inner_text() == "Klar: rapporten kan laddas ner."
    assert link.inner_text() == "Ladda ner rapporten (PDF)"
    with page.expect_download() as dl:
        link.click()
    assert dl.value.suggested_filename == "nulagesanalys_1480_2023.pdf"
    assert Path(dl.value.path()).read_bytes() == b"%PDF-1.4 1480 2023"
    page.check_page("report_jobs_done")


def test_build_page_without_script_passes_axe(page, jobs):
    job = jobs.submit("1480", 2023, "docx", "sv", logged_in=True, address="x")
    for _ in range(100):
        if job.status == "klar":
            break
        time.sleep(0.1)
    page.goto(f"/kommun/1480/rapport/jobb/{job.id}/sida")
    assert page.locator("progress#report-progress").get_attribute("value") == "8"
    assert page.get_by_role("link", name="Ladda ner rapporten (Word)").is_visible()
    page.check_page("report_job_page")
