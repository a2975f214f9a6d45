"""The åtgärdsplan editor and the medborgarlöften pages: saving through the form, validation,
CSRF, roles, optimistic versioning, the approval rule and the promises tracker.

Everything is read back through the services (not the pages), and every refusal is checked by
its exact message. Each test works on its own plan year so that the tests do not depend on order.
"""

from __future__ import annotations

import html
import re

import pytest

PW = "ett-långt-lösenord"
pytestmark = [pytest.mark.filterwarnings("ignore::DeprecationWarning"),
              pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`:UserWarning")]
TJARNA = "Tjärna Ängar är ett utsatt område enligt Polisen 2025"


@pytest.fixture(scope="module")
def env(cli_store_path):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from lagesbild._config import resolve_settings
    from lagesbild.app import create_app
    from lagesbild.services import accounts
    from lagesbild.services import brott as bsvc
    from lagesbild.store import open_store

    s = resolve_settings(config_file=None, env={}, store=str(cli_store_path))
    st = open_store(cli_store_path, settings=s)
    try:
        for u in ("sam", "rut", "gry", "fal"):
            accounts.create_user(st, u, PW, "lasare", "test")
    finally:
        st.close()
    ops = bsvc.open_ops(s)
    bsvc.set_member(ops, "sam", organisation="Borlänge kommun", roll="samordnare", kommun="2081")
    bsvc.set_member(ops, "rut", organisation="Tunabyggen", roll="rapportor", kommun="2081")
    bsvc.set_member(ops, "gry", organisation="Polisen", roll="granskare", kommun="2081")
    bsvc.set_member(ops, "fal", organisation="Falu kommun", roll="samordnare", kommun="2080")
    app = create_app(settings=s)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c, ops
    ops.close()
    app.state.data.store.close()


def login(client, user):
    client.cookies.clear()
    r = client.get("/insatser/logga-in")
    token = re.search(r'name="csrf" value="([^"]+)"', r.text).group(1)
    r = client.post("/insatser/logga-in", data={"csrf": token, "username": user, "password": PW, "next": "/brott"},
                    follow_redirects=False)
    assert r.status_code == 303


def hidden(text: str, name: str) -> str:
    return html.unescape(re.search(rf'name="{name}" value="([^"]*)"', text).group(1))


def alert(text: str) -> str:
    """The text of the page's alert (tags removed, entities unescaped)."""
    m = re.search(r'role="alert">(.*?)</(?:div|p)>', text, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip()


def field_error(text: str, i: int, name: str) -> str:
    m = re.search(rf'<span class="field-error" id="e-{i}-{name}">(.*?)</span>', text, re.S)
    return html.unescape(m.group(1)) if m else ""


def options(text: str, i: int) -> dict[str, str]:
    """value → label of row ``i``'s finding select."""
    sel = re.search(rf'<select id="m-{i}-fynd".*?</select>', text, re.S).group(0)
    found = re.findall(r'<option value="([^"]*)"[^>]*>(.*?)</option>', sel, re.S)
    return {html.unescape(v): html.unescape(label) for v, label in found}


def editor(client, ar):
    r = client.get("/brott/plan/redigera", params={"ar": ar})
    assert r.status_code == 200, r.text
    return r.text, hidden(r.text, "csrf"), hidden(r.text, "version")


def row(i: int, **values) -> dict:
    return {f"m-{i}-{k}": v for k, v in values.items()}


def plan_of(ops, ar):
    from lagesbild.services import brott_plan

    return brott_plan.plan_with_version(ops, kommun="2081", ar=ar)


def test_save_through_the_form_and_read_back(env):
    client, ops = env
    login(client, "sam")
    page, csrf, version = editor(client, 2025)
    assert version == "0" and "Ingen plan är sparad för året ännu" in page
    opts = options(page, 0)
    key = next(v for v, label in opts.items() if label.startswith(TJARNA))
    assert key.startswith("L:")
    data = {"csrf": csrf, "ar": "2025", "version": version, "rader": "3", "handling": "spara",
            **row(0, text="Ny belysning längs gångstråken", fynd=key, ansvarig="Tekniska förvaltningen",
                  start="2025-04-01", slut="2025-10-31", status="paborjad",
                  indikator="Godkända händelser per 1 000 invånare", uppfoljning="2026-02-01"),
            **row(1, text="", fynd="", ansvarig="", start="", slut="", status="planerad"),  # an empty row: ignored
            **row(2, text="Fältvandringar fredagskvällar", fynd="", ansvarig="Polisen", status="planerad")}
    r = client.post("/brott/plan/redigera", data=data, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/brott/plan?ar=2025"
    plan, v = plan_of(ops, 2025)
    assert v == 1 and plan.status == "utkast" and plan.kommun == "2081"
    assert [m.id for m in plan.measures] == ["A1", "A2"]
    a1, a2 = plan.measures
    assert (a1.text, a1.ansvarig, a1.start, a1.slut, a1.status, a1.indikator, a1.uppfoljning) == (
        "Ny belysning längs gångstråken", "Tekniska förvaltningen", "2025-04-01", "2025-10-31", "paborjad",
        "Godkända händelser per 1 000 invånare", "2026-02-01")
    # the chosen finding of the lägesbild joined the plan with its rule
    assert len(plan.findings) == 1 and plan.findings[0].text.startswith(TJARNA) and plan.findings[0].rule
    assert a1.findings == [plan.findings[0].id] and a2.findings == [] and a2.start is None
    # the view links to the editor and shows the measures; the editor now offers the plan's own finding
    view = client.get("/brott/plan", params={"ar": 2025}).text
    assert 'href="/brott/plan/redigera?ar=2025"' in view and "Fältvandringar fredagskvällar" in view
    page, csrf, version = editor(client, 2025)
    assert version == "1" and options(page, 0)[plan.findings[0].id].startswith(f"{plan.findings[0].id} – {TJARNA}")
    assert re.search(r'<option value="F1" selected>', page)
    # removing a row: the measure is gone from the next version, the other keeps its id
    data = {"csrf": csrf, "ar": "2025", "version": version, "rader": "2", "handling": "spara",
            **row(0, id="A1", text="Ny belysning längs gångstråken", fynd="F1", ansvarig="Tekniska förvaltningen",
                  start="2025-04-01", slut="2025-10-31", status="klar"),
            **row(1, id="A2", text="Fältvandringar fredagskvällar", ansvarig="Polisen", status="planerad", bort="1")}
    assert client.post("/brott/plan/redigera", data=data, follow_redirects=False).status_code == 303
    plan, v = plan_of(ops, 2025)
    assert v == 2 and [(m.id, m.status) for m in plan.measures] == [("A1", "klar")]


def test_add_row_rerenders_without_saving(env):
    client, ops = env
    login(client, "sam")
    page, csrf, version = editor(client, 2021)
    n = page.count('class="plan-row"')
    data = {"csrf": csrf, "ar": "2021", "version": version, "rader": str(n), "handling": "rad",
            **row(0, text="Skolvärdar", ansvarig="Utbildningsförvaltningen", status="planerad")}
    r = client.post("/brott/plan/redigera", data=data)
    assert r.status_code == 200
    assert r.text.count('class="plan-row"') == n + 1 and f'id="m-{n}-text"' in r.text
    assert ">Skolvärdar</textarea>" in r.text  # what was typed stays
    assert plan_of(ops, 2021) == (None, 0)


def test_validation_messages_next_to_fields_and_nothing_saved(env):
    client, ops = env
    login(client, "sam")
    page, csrf, version = editor(client, 2024)
    data = {"csrf": csrf, "ar": "2024", "version": version, "rader": "3", "handling": "spara",
            **row(0, text="Belysning", ansvarig="Tekniska", start="2024-05-01", slut="2024-04-01", status="planerad"),
            **row(1, text="", ansvarig="Polisen", status="planerad"),
            **row(2, text="Kampanj", uppfoljning="31/12/2024", status="planerad")}
    r = client.post("/brott/plan/redigera", data=data)
    assert r.status_code == 422
    assert alert(r.text) == "Planen sparades inte. Rätta fälten som är markerade nedan."
    assert field_error(r.text, 0, "slut") == "Åtgärd A1: slutdatum 2024-04-01 ligger före startdatum 2024-05-01."
    assert field_error(r.text, 1, "text") == "Åtgärd A2: beskriv åtgärden."
    assert field_error(r.text, 2, "uppfoljning") == "Åtgärd A3: förväntade ett datum ÅÅÅÅ-MM-DD, fick '31/12/2024'."
    assert 'id="m-0-slut" name="m-0-slut" type="date" value="2024-04-01" aria-invalid="true"' in r.text
    assert field_error(r.text, 0, "start") == "" and field_error(r.text, 2, "text") == ""
    assert plan_of(ops, 2024) == (None, 0)
    # a finding that is neither in the plan nor in the lägesbild is refused at its field
    data = {"csrf": csrf, "ar": "2024", "version": version, "rader": "1", "handling": "spara",
            **row(0, text="Belysning", fynd="L:000000000000", status="planerad")}
    r = client.post("/brott/plan/redigera", data=data)
    assert r.status_code == 422
    assert field_error(r.text, 0, "fynd") == "Fyndet finns inte längre i lägesbilden; välj ett annat."
    assert plan_of(ops, 2024) == (None, 0)


def test_csrf_and_roles_refused(env):
    client, ops = env
    data = {"ar": "2023", "version": "0", "rader": "1", "handling": "spara", **row(0, text="X", status="planerad")}
    client.cookies.clear()
    r = client.get("/brott/plan/redigera", params={"ar": 2023})
    assert r.status_code == 403 and alert(r.text) == "Logga in för att fortsätta."
    login(client, "sam")
    for token in (None, "fel-token"):
        r = client.post("/brott/plan/redigera", data={**data, **({"csrf": token} if token else {})})
        assert r.status_code == 403
        assert alert(r.text) == "Ogiltig eller saknad CSRF-token; ladda om sidan och försök igen."
    assert plan_of(ops, 2023) == (None, 0)
    for user in ("rut", "gry"):
        login(client, user)
        r = client.get("/brott/plan/redigera", params={"ar": 2023})
        assert r.status_code == 403
        assert alert(r.text) == "Kontot saknar rollen 'samordnare' för händelserapportering."
        csrf = hidden(client.get("/brott/rapportera").text, "csrf")
        r = client.post("/brott/plan/redigera", data={**data, "csrf": csrf})
        assert r.status_code == 403 and "samordnare" in alert(r.text)
        r = client.post("/brott/plan/godkann", data={"csrf": csrf, "ar": "2023", "version": "0", "godkand_av": "KS"})
        assert r.status_code == 403
        # the view is open to every incident role, without the editor link
        view = client.get("/brott/plan", params={"ar": 2023})
        assert view.status_code == 200 and "/brott/plan/redigera" not in view.text
    assert plan_of(ops, 2023) == (None, 0)
    r = client.get("/brott/plan", params={"ar": "tjugo"})
    assert r.status_code == 422 and alert(r.text) == "Året ska vara ett årtal mellan 2000 och 2100. Fick 'tjugo'."


def test_stale_form_is_a_conflict(env):
    client, ops = env
    login(client, "sam")
    _, csrf, version = editor(client, 2023)
    data = {"csrf": csrf, "ar": "2023", "version": version, "rader": "1", "handling": "spara",
            **row(0, text="Belysning", ansvarig="Tekniska", status="planerad")}
    assert client.post("/brott/plan/redigera", data=data, follow_redirects=False).status_code == 303
    # the same (now stale) form once more: refused, nothing written
    r = client.post("/brott/plan/redigera", data={**data, **row(0, text="Något annat")})
    assert r.status_code == 409
    assert alert(r.text) == ("Planen för kommun 2081 år 2023 har ändrats sedan du öppnade den (du utgick från "
                             "version 0, senaste är version 1). Öppna planen igen och gör om ändringarna.")
    plan, v = plan_of(ops, 2023)
    assert v == 1 and plan.measures[0].text == "Belysning"
    # the service refuses a stale version by itself too (the check and the write are one transaction)
    from lagesbild.errors import ConflictError
    from lagesbild.services import brott_plan

    with pytest.raises(ConflictError, match="version 0, senaste är version 1"):
        brott_plan.save_plan(ops, plan.to_dict(), expected_version=0)
    assert plan_of(ops, 2023)[1] == 1


def test_approval_rule(env):
    client, ops = env
    login(client, "sam")
    page, csrf, version = editor(client, 2022)
    key = next(v for v, label in options(page, 0).items() if label.startswith(TJARNA))
    data = {"csrf": csrf, "ar": "2022", "version": version, "rader": "2", "handling": "spara",
            **row(0, text="Belysning", fynd=key, ansvarig="Tekniska", status="planerad"),
            **row(1, text="Kampanj", ansvarig="Kommunikation", status="planerad")}
    assert client.post("/brott/plan/redigera", data=data, follow_redirects=False).status_code == 303
    refusal = "Planen kan inte godkännas: åtgärderna A2 är inte kopplade till något fynd i lägesbilden."
    page, csrf, version = editor(client, 2022)
    m = re.search(r'<p class="error" id="godkann-hinder">(.*?)</p>', page, re.S)
    assert m and html.unescape(m.group(1)) == refusal
    assert 'action="/brott/plan/godkann"' not in page
    approve = {"csrf": csrf, "ar": "2022", "version": version, "godkand_av": "Kommunstyrelsen"}
    r = client.post("/brott/plan/godkann", data=approve)
    assert r.status_code == 409 and alert(r.text) == refusal
    assert plan_of(ops, 2022)[0].status == "utkast"
    # link A2 to the plan's finding: now it can be approved, but not from a stale version
    data = {"csrf": csrf, "ar": "2022", "version": version, "rader": "2", "handling": "spara",
            **row(0, id="A1", text="Belysning", fynd="F1", ansvarig="Tekniska", status="planerad"),
            **row(1, id="A2", text="Kampanj", fynd="F1", ansvarig="Kommunikation", status="planerad")}
    assert client.post("/brott/plan/redigera", data=data, follow_redirects=False).status_code == 303
    page, csrf, version = editor(client, 2022)
    assert 'action="/brott/plan/godkann"' in page and "godkann-hinder" not in page
    assert version == "2"
    r = client.post("/brott/plan/godkann", data={**approve, "version": "1"})
    assert r.status_code == 409 and "version 1, senaste är version 2" in alert(r.text)
    r = client.post("/brott/plan/godkann", data={**approve, "csrf": csrf, "version": version},
                    follow_redirects=False)
    assert r.status_code == 303
    plan, v = plan_of(ops, 2022)
    assert (v, plan.status, plan.godkand_av) == (3, "godkand", "Kommunstyrelsen")
    assert "Status: godkänd; godkänd av Kommunstyrelsen" in client.get("/brott/plan", params={"ar": 2022}).text
    # an edit after approval makes a draft that is approved anew
    page, csrf, version = editor(client, 2022)
    data = {**data, "csrf": csrf, "version": version, **row(1, id="A2", status="paborjad")}
    assert client.post("/brott/plan/redigera", data=data, follow_redirects=False).status_code == 303
    plan, v = plan_of(ops, 2022)
    assert (v, plan.status, plan.godkand_av, plan.measures[1].status) == (4, "utkast", None, "paborjad")


def test_english_editor(env):
    client, _ = env
    login(client, "sam")
    r = client.get("/brott/plan/redigera", params={"ar": 2020, "lang": "en"})
    assert r.status_code == 200 and '<html lang="en">' in r.text
    assert "Edit action plan" in r.text and "Add a row" in r.text and "Lägg till rad" not in r.text


def test_promises_add_list_done(env):
    from lagesbild.services import brott_plan

    client, ops = env
    login(client, "rut")
    r = client.get("/brott/medborgarloften")
    assert r.status_code == 200 and "Inga medborgarlöften är registrerade." in r.text
    assert 'action="/brott/medborgarloften"' not in r.text  # a rapportör reads, does not add
    csrf = hidden(client.get("/brott/rapportera").text, "csrf")
    body = {"csrf": csrf, "text": "Trygghetsvandringar varje kvartal", "ansvarig": "bada", "klart": "2025-12-31",
            "status": "planerat", "sammanfattning": "Vi går runt i Tjärna Ängar."}
    r = client.post("/brott/medborgarloften", data=body)
    assert r.status_code == 403 and alert(r.text) == "Kontot saknar rollen 'samordnare' för händelserapportering."
    assert brott_plan.promises(ops, kommun="2081").empty

    login(client, "sam")
    page = client.get("/brott/medborgarloften").text
    csrf = hidden(page, "csrf")
    r = client.post("/brott/medborgarloften", data={**body, "csrf": "fel"})
    assert r.status_code == 403 and alert(r.text) == "Ogiltig eller saknad CSRF-token; ladda om sidan och försök igen."
    # a personnummer in the promise is refused, nothing stored, the text stays in the form
    r = client.post("/brott/medborgarloften", data={**body, "csrf": csrf, "text": "Ring 811218-9876"})
    assert r.status_code == 422 and "personnummer" in alert(r.text) and "--text" in alert(r.text)
    assert "Ring 811218-9876</textarea>" in r.text
    assert brott_plan.promises(ops, kommun="2081").empty
    r = client.post("/brott/medborgarloften", data={**body, "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/brott/medborgarloften"
    df = brott_plan.promises(ops, kommun="2081")
    assert len(df) == 1
    p = df.iloc[0]
    assert (p["text"], p["ansvarig"], str(p["klart"]), p["status"]) == (
        "Trygghetsvandringar varje kvartal", "bada", "2025-12-31", "planerat")
    page = client.get("/brott/medborgarloften").text
    cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
             for c in re.findall(r"<td>(.*?)</td>", re.search(r'<table id="loften">.*?</table>', page, re.S).group(0),
                                 re.S)][:6]
    assert cells == [str(p["id"]), "Trygghetsvandringar varje kvartal", "kommunen och polisen", "2025-12-31",
                     "planerat", "Vi går runt i Tjärna Ängar."]
    # mark done
    r = client.post(f"/brott/medborgarloften/{p['id']}/status", data={"csrf": csrf, "status": "uppfyllt"},
                    follow_redirects=False)
    assert r.status_code == 303
    assert brott_plan.promises(ops, kommun="2081").iloc[0]["status"] == "uppfyllt"
    r = client.post(f"/brott/medborgarloften/{p['id']}/status", data={"csrf": csrf, "status": "klart"})
    assert r.status_code == 422
    assert alert(r.text) == "Parametern --status: förväntade planerat, pagar, uppfyllt, ej_uppfyllt. Fick 'klart'."
    # another kommun's samordnare cannot touch it: not found, unchanged
    login(client, "fal")
    csrf = hidden(client.get("/brott/medborgarloften").text, "csrf")
    r = client.post(f"/brott/medborgarloften/{p['id']}/status", data={"csrf": csrf, "status": "ej_uppfyllt"})
    assert r.status_code == 404 and alert(r.text) == f"Kommun 2080 har inget medborgarlöfte med id {p['id']}."
    assert "Trygghetsvandringar" not in client.get("/brott/medborgarloften").text
    assert brott_plan.promises(ops, kommun="2081").iloc[0]["status"] == "uppfyllt"
