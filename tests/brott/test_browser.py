"""Browser test of EST incident reporting: intake → review → weekly lägesbild, with axe.

Playwright drives Debian's Chromium against the whole app on a private copy of the bundled
store. Two accounts are made through the services: a rapportör of the housing company and a
granskare of the kommun (Borlänge, 2081). The rapportör reports an incident in a form (a
personnummer in the free text is refused and nothing is written), the granskare approves it in
the review queue, and only then does it count in the weekly lägesbild. Every page is checked
with axe (no serious or critical violations), for console errors and for requests leaving the
app, and screenshotted to ``out/screenshots/brott-*.png``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed (/usr/bin/chromium)"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
]
PW = "ett-långt-lösenord"


@pytest.fixture(scope="module")
def app(cli_store_path):
    pytest.importorskip("fastapi")
    from lagesbild._config import resolve_settings
    from lagesbild.app import create_app
    from lagesbild.services import accounts
    from lagesbild.services import brott as bsvc
    from lagesbild.store import open_store

    s = resolve_settings(config_file=None, env={}, store=str(cli_store_path), app_warmup_pages=False)
    st = open_store(cli_store_path, settings=s)
    try:
        accounts.create_user(st, "tova", PW, "lasare", "test")
        accounts.create_user(st, "gunnar", PW, "lasare", "test")
    finally:
        st.close()
    ops = bsvc.open_ops(s)
    bsvc.set_member(ops, "tova", organisation="Tunabyggen", roll="rapportor", kommun="2081")
    bsvc.set_member(ops, "gunnar", organisation="Borlänge kommun", roll="granskare", kommun="2081")
    ops.close()
    application = create_app(settings=s)
    yield application
    application.state.data.store.close()


def login(page, user: str, nxt: str) -> None:
    from urllib.parse import quote

    page.goto(f"/insatser/logga-in?next={quote(nxt, safe='/')}")
    page.get_by_label("Användarnamn").fill(user)
    page.get_by_label("Lösenord").fill(PW)
    page.get_by_label("Lösenord").press("Enter")
    page.wait_for_url(re.compile(re.escape(nxt) + "$"))


def total_text(page) -> str:
    return page.locator("#total").inner_text()


def test_intake_review_weekly(page):
    # the lägesbild is for the partners: without a login it is refused
    page.goto("/brott/lagesbild?kommun=2081&period=2025-W11")
    assert "Logga in" in page.get_by_role("alert").inner_text()
    page.console_errors[:] = [e for e in page.console_errors if "status of 403" not in e]
    # nothing yet in 2025-W11
    login(page, "tova", "/brott/lagesbild?kommun=2081&period=2025-W11")
    assert total_text(page).startswith("0 godkända")
    page.check_page("brott-lagesbild-tom")

    page.goto("/brott/rapportera")
    assert page.get_by_text("Inloggad som tova, Tunabyggen").is_visible()
    page.check_page("brott-rapportera")
    # a personnummer in the description is refused with the place named; nothing is written
    page.get_by_label("Datum").fill("2025-03-12")
    page.get_by_label("Kategori").select_option("klotter")
    page.get_by_label("Område").select_option("2081R013")
    page.get_by_label("Beskrivning").fill("Klotter på gaveln, anmält av 811218-9876")
    page.get_by_role("button", name="Skicka in").click()
    alert = page.get_by_role("alert")
    assert "personnummer" in alert.inner_text() and "fritext" in alert.inner_text()
    page.console_errors[:] = [e for e in page.console_errors if "status of 422" not in e]  # the refusal: 422
    page.check_page("brott-rapportera-fel")
    page.goto("/brott/mina")
    assert page.get_by_text("Inga händelser.").is_visible()
    # a clean report goes in as submitted
    page.goto("/brott/rapportera")
    page.get_by_label("Datum").fill("2025-03-12")
    page.get_by_label("Från klockan").fill("22:00")
    page.get_by_label("Kategori").select_option("klotter")
    page.get_by_label("Område").select_option("2081R013")
    page.get_by_label("Beskrivning").fill("Klotter på gaveln mot parkeringen")
    page.get_by_role("button", name="Skicka in").click()
    assert page.get_by_role("status").inner_text().startswith("Händelse")
    page.check_page("brott-kvitto")
    page.goto("/brott/mina")
    assert page.get_by_role("cell", name="inskickad").is_visible()
    page.check_page("brott-mina")
    # a rapportör may not review
    page.goto("/brott/granska")
    assert "granskare" in page.get_by_role("alert").inner_text()
    page.console_errors[:] = [e for e in page.console_errors if "status of 403" not in e]
    # submitted, not yet approved: still nothing counts
    page.goto("/brott/lagesbild?kommun=2081&period=2025-W11")
    assert total_text(page).startswith("0 godkända")

    page.context.clear_cookies()
    login(page, "gunnar", "/brott/granska")
    page.check_page("brott-granska")
    page.get_by_role("checkbox").first.check()
    page.get_by_role("button", name="Godkänn valda").click()
    page.wait_for_url(re.compile(r"/brott/granska$"))
    assert page.get_by_text("Inga händelser väntar på granskning.").is_visible()

    page.goto("/brott/lagesbild?kommun=2081&period=2025-W11")
    assert total_text(page).startswith("1 godkända")
    row = page.locator("#omraden tbody tr").first
    assert "Tjärna Ängar" in row.inner_text()
    assert page.locator("svg.brott-karta path").count() > 10
    page.check_page("brott-lagesbild")
    assert page.locator("svg.brott-karta path[stroke-dasharray]").count() == 1  # Tjärna Ängar, Polisen 2025
    # Wednesday 2025-03-12, 22:00: the evening band
    wed = page.locator("#tidsmonster tbody tr").nth(2).locator("td").all_inner_texts()
    assert wed == ["0", "0", "0", "1", "0"]
    # the area view: the incident in its week, the area's type and the police area over it
    page.get_by_role("link", name="Tjärna Ängar").click()
    page.wait_for_url(re.compile(r"/brott/omrade/2081R013"))
    assert "Tjärna Ängar (Utsatt område)" in page.locator("main").inner_text()
    cells = page.locator("#veckor tbody tr").first.locator("td").all_inner_texts()
    assert cells[-1] == "1" and sum(int(c) for c in cells) == 1
    page.check_page("brott-omrade")
    # the same page in English
    page.goto("/brott/lagesbild?kommun=2081&period=2025-W11&lang=en")
    assert total_text(page).startswith("1 approved incidents")
    assert page.locator("html").get_attribute("lang") == "en"
    page.check_page("brott-lagesbild-en")
