"""Browser test of the åtgärdsplan editor, with axe.

Playwright drives Debian's Chromium against the whole app on a private copy of the bundled
store. A samordnare of Borlänge (2081) opens the editor from the plan page, adds a row with
*Lägg till rad* (no script), sees a validation error beside its field, saves a plan whose one
measure answers a finding of the lägesbild, and approves it. Every page is checked with axe (no
serious or critical violations), for console errors and for requests leaving the app, and
screenshotted to ``out/screenshots/brott-plan-*.png``.
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

    s = resolve_settings(config_file=None, env={}, store=str(cli_store_path))
    st = open_store(cli_store_path, settings=s)
    try:
        accounts.create_user(st, "saga", PW, "lasare", "test")
    finally:
        st.close()
    ops = bsvc.open_ops(s)
    bsvc.set_member(ops, "saga", organisation="Borlänge kommun", roll="samordnare", kommun="2081")
    ops.close()
    application = create_app(settings=s)
    yield application
    application.state.data.store.close()


def test_plan_editor(page):
    from urllib.parse import quote

    page.goto(f"/insatser/logga-in?next={quote('/brott/plan?ar=2025', safe='/')}")
    page.get_by_label("Användarnamn").fill("saga")
    page.get_by_label("Lösenord").fill(PW)
    page.get_by_label("Lösenord").press("Enter")
    page.wait_for_url(re.compile(r"/brott/plan\?ar=2025$"))
    assert page.get_by_text("Ingen åtgärdsplan är sparad för året.").is_visible()
    page.get_by_role("link", name="Redigera planen").click()
    page.wait_for_url(re.compile(r"/brott/plan/redigera\?ar=2025$"))
    assert page.locator("fieldset.plan-row").count() == 2
    page.check_page("brott-plan-redigera")

    # one more row, without script: the form comes back with three rows and what was typed
    page.locator("#m-0-text").fill("Ny belysning längs gångstråken")
    page.get_by_role("button", name="Lägg till rad").click()
    page.wait_for_load_state()
    assert page.locator("fieldset.plan-row").count() == 3
    assert page.locator("#m-0-text").input_value() == "Ny belysning längs gångstråken"

    # an end before the start is refused beside the field; nothing is saved
    option = page.locator("#m-0-fynd option", has_text="Tjärna Ängar är ett utsatt område").first
    page.locator("#m-0-fynd").select_option(option.get_attribute("value"))
    page.locator("#m-0-ansvarig").fill("Tekniska förvaltningen")
    page.locator("#m-0-start").fill("2025-10-31")
    page.locator("#m-0-slut").fill("2025-04-01")
    page.get_by_role("button", name="Spara planen").click()
    page.wait_for_load_state()
    assert page.locator("#e-0-slut").inner_text() == \
        "Åtgärd A1: slutdatum 2025-04-01 ligger före startdatum 2025-10-31."
    assert page.locator("#m-0-slut").get_attribute("aria-invalid") == "true"
    page.console_errors[:] = [e for e in page.console_errors if "status of 422" not in e]
    page.check_page("brott-plan-redigera-fel")

    page.locator("#m-0-start").fill("2025-04-01")
    page.locator("#m-0-slut").fill("2025-10-31")
    page.locator("#m-0-indikator").fill("Godkända händelser per 1 000 invånare")
    page.get_by_role("button", name="Spara planen").click()
    page.wait_for_url(re.compile(r"/brott/plan\?ar=2025$"))
    row = page.locator("table tbody tr").first.locator("td").all_inner_texts()
    assert row[:4] == ["A1", "Ny belysning längs gångstråken", "F1", "Tekniska förvaltningen"]
    page.check_page("brott-plan")

    # approval: the plan is complete, so the editor offers it
    page.get_by_role("link", name="Redigera planen").click()
    page.get_by_label("Godkänd av (organ eller funktion)").fill("Kommunstyrelsen")
    page.get_by_role("button", name="Godkänn", exact=True).click()
    page.wait_for_url(re.compile(r"/brott/plan\?ar=2025$"))
    assert page.get_by_text("Status: godkänd; godkänd av Kommunstyrelsen").is_visible()

    page.goto("/brott/plan/redigera?ar=2025&lang=en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("button", name="Add a row").is_visible()
    page.check_page("brott-plan-redigera-en")
