"""Browser tests of the insatser registry's pages and edit flow (issue 8).

Playwright drives Debian's Chromium against the whole app (the insatser router mounted) on a
private copy of the bundled store with Botkyrka's example registry loaded and two accounts
created through the services: a läsare and a redaktör. Covers the list and its filters, the
view page, the läsare's refused edits (403 in Swedish), creating and editing an insats through
the form, a field-level validation error that writes nothing, the audit log, the life-course
chain and the coverage/gap page. Each page is checked with axe (no serious or critical
violations), for console/CSP errors and for requests leaving the app, and screenshotted to
``out/screenshots/insatser-*.png``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Chromium is not installed (/usr/bin/chromium); .ci/run installs it"
    ),
]
PW = "ett-långt-lösenord"
TAGET = "0127-exempel-taget"


@pytest.fixture(scope="module")
def app(cli_store_path):
    """The app on this module's copy of the bundled store, with Botkyrka's examples and accounts."""
    pytest.importorskip("fastapi")
    from lagesbild._config import resolve_settings
    from lagesbild.app import create_app
    from lagesbild.services import accounts
    from lagesbild.services import insatser as svc
    from lagesbild.store import open_store

    s = resolve_settings(config_file=None, env={}, store=str(cli_store_path), app_warmup_pages=False)
    st = open_store(cli_store_path, settings=s)
    try:
        svc.load_examples(st, ["0127"])
        accounts.create_user(st, "rolf", PW, "redaktor", "test")
        accounts.create_user(st, "lisa", PW, "lasare", "test")
    finally:
        st.close()
    application = create_app(settings=s)
    yield application
    application.state.data.store.close()


@pytest.fixture
def store(app):
    return app.state.data.store


def login(page, user: str) -> None:
    page.goto("/insatser/logga-in?next=/insatser%3Fkommun%3D0127")
    page.get_by_label("Användarnamn").fill(user)
    page.get_by_label("Lösenord").fill(PW)
    page.get_by_label("Lösenord").press("Enter")
    page.wait_for_url(re.compile(r"/insatser\?kommun=0127$"))
    assert page.get_by_text(f"Inloggad som {user}").is_visible()
    assert page.get_by_role("button", name="Logga ut").is_visible()


def expected(page, status: int) -> None:
    """Drop the console's note on a document we expect to be answered with ``status``."""
    page.console_errors[:] = [e for e in page.console_errors if f"status of {status}" not in e]


def rows(page) -> list[str]:
    return page.locator("table.data tbody tr td:first-child a").all_inner_texts()


def test_list_filter_and_view(page, store):
    from lagesbild.prevention import registry

    n_all = len(registry.list_insatser(store, "0127"))
    page.goto("/insatser?kommun=0127")
    assert page.locator("html").get_attribute("lang") == "sv"
    names = rows(page)
    assert len(names) == n_all >= 8 and "Trygghetsfältare" in names
    assert page.get_by_role("link", name="Ny insats").count() == 0  # not logged in
    page.check_page("insatser-lista")
    # filter by level with the keyboard: focus the select, choose, Enter on the button
    page.get_by_label("Nivå").select_option("selektiv")
    page.get_by_role("button", name="Filtrera").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"niva=selektiv"))
    sel = rows(page)
    assert 0 < len(sel) < n_all and "Socialtjänstens och polisens gemensamma lägesbild" in sel
    assert page.get_by_label("Nivå").input_value() == "selektiv"  # the filter stays chosen
    assert re.search(rf"\b{len(sel)} insatse?r? med de valda filtren", page.locator("main").inner_text())
    # then by arena and free text, with clicks
    page.get_by_label("Nivå").select_option("")
    page.get_by_label("Arena").select_option("forskola")
    page.get_by_role("button", name="Filtrera").click()
    page.wait_for_url(re.compile(r"arena=forskola"))
    assert rows(page) == ["Tåget – pilot i förskolan"]
    page.check_page("insatser-lista-filtrerad")
    page.get_by_role("link", name="Tåget – pilot i förskolan").click()
    page.wait_for_url(re.compile(r"/insatser/0127-exempel-taget-forskola$"))
    assert "Tåget – pilot i förskolan" in page.locator("h1").inner_text()
    assert "Exempel byggt på offentliga uppgifter" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Alla insatser").get_attribute("href") == "/insatser?kommun=0127"
    assert page.get_by_role("link", name="Ändra insatsen").count() == 0
    page.check_page("insatser-visa")


def test_reader_cannot_edit(page, store):
    from lagesbild.prevention import registry

    before = registry.get_record(store, TAGET)["version"]
    login(page, "lisa")
    page.goto(f"/insatser/{TAGET}")
    assert page.get_by_role("link", name="Ändra insatsen").count() == 0
    assert page.get_by_role("link", name="Ny insats").count() == 0
    assert page.get_by_role("link", name="Ändringslogg").count() == 0
    resp = page.goto(f"/insatser/{TAGET}/andra")
    assert resp.status == 403
    text = page.locator("main").inner_text()
    assert "Rollen Läsare räcker inte; det krävs Redaktör" in text
    expected(page, 403)
    assert page.locator("h1").inner_text() == "Behörighet saknas"
    page.check_page("insatser-403-lasare")
    # a direct POST with the reader's own valid CSRF token (from the logout form) is refused too
    csrf = page.locator("input[name=csrf]").first.get_attribute("value")
    r = page.request.post(
        f"/insatser/{TAGET}/andra", form={"csrf": csrf, "name": "Kapad", "kommun": "0127", "version": str(before)}
    )
    assert r.status == 403 and "räcker inte" in r.text()
    r = page.request.post("/insatser/ny", form={"csrf": csrf, "name": "Kapad", "kommun": "0127"})
    assert r.status == 403
    assert registry.get_record(store, TAGET)["version"] == before
    assert page.goto("/insatser/logg").status == 403


def test_editor_creates_edits_and_audit_log(page, store):
    from lagesbild.prevention import registry

    login(page, "rolf")
    page.get_by_role("link", name="Ny insats").click()
    page.wait_for_url(re.compile(r"/insatser/ny\?kommun=0127$"))
    assert page.get_by_label("Kommun (kod) (obligatoriskt)").input_value() == "0127"
    page.check_page("insatser-ny")
    page.get_by_label("Namn (obligatoriskt)", exact=True).fill("Läsfrämjande familjeträffar")
    page.get_by_label("Ansvarig organisation (obligatoriskt)").fill("Botkyrka kommun")
    page.get_by_role("group", name="Arena (obligatoriskt)").get_by_label("Familj", exact=True).check()
    page.get_by_role("group", name="Preventionsnivå (obligatoriskt)").get_by_label("Selektiv", exact=True).check()
    stages = page.get_by_role("group", name="Livsfas (obligatoriskt)")
    stages.get_by_label("0–1 år", exact=True).check()
    stages.get_by_label("Förskola (1–5 år)", exact=True).check()
    page.get_by_role("group", name="Tema (obligatoriskt)").get_by_label("Språk/läsning", exact=True).check()
    page.get_by_label("Utvalda områden").check()
    page.get_by_label("Områden", exact=True).fill("0127R004@RegSO2020")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url(re.compile(r"/insatser/0127-lasframjande-familjetraffar$"))
    new_id = "0127-lasframjande-familjetraffar"
    main = page.locator("main").inner_text()
    assert "Läsfrämjande familjeträffar" in page.locator("h1").inner_text()
    assert "Selektiv" in main and "Språk/läsning" in main and "0127R004" in main
    page.check_page("insatser-skapad")

    page.goto("/insatser?kommun=0127&niva=selektiv")
    assert "Läsfrämjande familjeträffar" in rows(page)

    # edit: change the status and the name
    page.goto(f"/insatser/{new_id}")
    page.get_by_role("link", name="Ändra insatsen").click()
    page.wait_for_url(re.compile(rf"/insatser/{new_id}/andra$"))
    assert (
        page.get_by_role("group", name="Preventionsnivå (obligatoriskt)")
        .get_by_label("Selektiv", exact=True)
        .is_checked()
    )
    page.get_by_label("Status").select_option("pagaende")
    page.get_by_label("Namn (obligatoriskt)", exact=True).fill("Läsfrämjande familjeträffar i Alby")
    page.check_page("insatser-andra")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url(re.compile(rf"/insatser/{new_id}$"))
    assert "Läsfrämjande familjeträffar i Alby" in page.locator("h1").inner_text()
    assert "Pågående" in page.locator("main").inner_text()
    page.goto("/insatser?kommun=0127&status=pagaende")
    assert "Läsfrämjande familjeträffar i Alby" in rows(page)

    # an invalid value: a field-level Swedish error, what was typed kept, nothing written
    version = registry.get_record(store, new_id)["version"]
    n_log = len(registry.audit_log(store))
    page.goto(f"/insatser/{new_id}/andra")
    page.get_by_label("Ålder från").fill("tre")
    page.get_by_label("Namn (obligatoriskt)", exact=True).fill("Ska inte sparas")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_selector(".error[role=alert]")
    age = page.get_by_label("Ålder från")
    assert age.get_attribute("aria-invalid") == "true"
    described = age.get_attribute("aria-describedby").split()
    assert described[0] == "fel-age_min", described  # the error is read out with the field
    err = page.locator("#fel-age_min")
    assert re.search(r"Ålder från.*heltal", err.inner_text()), err.inner_text()
    assert page.get_by_label("Namn (obligatoriskt)", exact=True).input_value() == "Ska inte sparas"
    expected(page, 400)
    page.check_page("insatser-fel")
    assert registry.get_record(store, new_id)["version"] == version
    assert registry.get(store, new_id).name == "Läsfrämjande familjeträffar i Alby"
    assert len(registry.audit_log(store)) == n_log

    # the audit log shows the create and the edit, by rolf
    page.get_by_role("link", name="Ändringslogg").click()
    page.wait_for_url(re.compile(r"/insatser/logg"))
    log_rows = page.locator("table.data tbody tr").filter(has_text=new_id)
    texts = log_rows.all_inner_texts()
    assert len(texts) == 2, texts
    assert all("rolf" in t for t in texts)
    assert "ändrade" in texts[0] and "skapade" in texts[1]  # newest first
    changes = log_rows.first.locator("ul.changes").inner_text()
    assert "Namn: Läsfrämjande familjeträffar → Läsfrämjande familjeträffar i Alby" in changes
    assert "Status: planerad → pagaende" in changes
    log_rows.first.locator("summary").click()
    assert '"name": "Läsfrämjande familjeträffar"' in log_rows.first.locator("details").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280  # the JSON wraps
    page.check_page("insatser-logg")


def test_chain_and_coverage(page):
    page.goto("/insatser/kedja?kommun=0127")
    assert "Botkyrka" in page.locator("h1").inner_text()
    table = page.locator("table.chain")

    def stage(label: str) -> str:
        return table.locator("tbody tr").filter(has=page.locator("th", has_text=label)).inner_text()

    assert "Hembesöksprogrammet" in stage("0–1 år")
    assert "Tåget i lågstadiet" in stage("Lågstadiet")
    assert "Tåget – pilot i förskolan" in stage("Förskola")
    assert "MVP" in stage("Mellanstadiet") and "MVP" in stage("Högstadiet")
    main = table.inner_text()
    assert "Trygghetsfältare" in main and "Avhopparverksamhet" in main
    assert (
        table.get_by_role("link", name="Avhopparverksamhet").first.get_attribute("href")
        == "/insatser/0127-exempel-avhopparverksamhet"
    )
    page.check_page("insatser-kedja")

    page.goto("/insatser/tackning?kommun=0127")
    assert "Botkyrka" in page.locator("h1").inner_text() or "0127" in page.locator("h1").inner_text()
    assert page.locator("svg.insats-karta path").count() > 0
    gaps = page.locator("table.data").first
    assert gaps.locator("tbody tr").count() > 0
    page.check_page("insatser-tackning")
    # the coverage table speaks Swedish (no vocabulary codes)
    cov = page.locator("table.data").nth(1).inner_text()
    assert "Närsamhälle/samhälle" in cov and "Universell" in cov and "samhalle" not in cov

    page.get_by_role("link", name="Målkedjan").click()
    page.wait_for_url(re.compile(r"/insatser/malkedja\?kommun=0127"))
    assert "Botkyrka" in page.locator("h1").inner_text()
    page.check_page("insatser-malkedja")


def test_english_list_page_passes_axe(page, store):
    page.goto("/insatser?kommun=0127&lang=en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Interventions"
    assert page.get_by_role("button", name="Filter").is_visible()
    assert page.get_by_label("Life stage").locator("option").nth(4).inner_text() == "Lower primary (6–9)"
    assert len(rows(page)) > 0
    page.check_page("insatser-lista-en")
