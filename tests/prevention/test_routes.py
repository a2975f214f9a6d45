"""Web pages and JSON API on a bare FastAPI app: permissions, CSRF, sessions and the audit log.

Browser (Playwright) tests of the edit flow belong with the web app's browser suite; these
TestClient tests cover the same flow at the HTTP level.
"""

from __future__ import annotations

import re
import time

import pytest

fastapi = pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from lagesbild.app.insatser import SESSION_COOKIE, install  # noqa: E402
from lagesbild.prevention import auth, registry  # noqa: E402

PW = "ett-långt-lösenord"


@pytest.fixture
def client(small_store, base):
    for name, role in (("lisa", "lasare"), ("rolf", "redaktor"), ("ada", "admin")):
        auth.create_user(small_store, name, PW, role, "test")
    registry.create(small_store, base(id="0127-finns", name="Befintlig"), "test")
    app = fastapi.FastAPI()
    install(app, store=small_store, secret_key="test-hemlighet")
    return TestClient(app, follow_redirects=False)


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]*)"', html).group(1)


def login(client, user: str, password: str = PW):
    page = client.get("/insatser/logga-in")
    assert page.status_code == 200
    r = client.post("/insatser/logga-in", data={"username": user, "password": password, "csrf": _csrf(page.text)})
    return r


def form_csrf(client, url="/insatser/ny") -> str:
    r = client.get(url)
    assert r.status_code == 200, r.text
    return _csrf(r.text)


NEW = {
    "name": "Ny läsfrämjande insats",
    "kommun": "0127",
    "organisation": "Botkyrka kommun",
    "arenas": ["familj"],
    "levels": ["universell"],
    "life_stages": ["spadbarn"],
    "themes": ["sprak_lasning"],
    "status": "planerad",
    "scope": "kommun",
    "reach": "2024 | okänt | | |",
    "evidence": "saknas | Ingen utvärdering hittad | | | |",
}


def test_public_read_pages(client):
    r = client.get("/insatser")
    assert r.status_code == 200 and "Befintlig" in r.text and "Logga in" in r.text
    one = client.get("/insatser/0127-finns")
    assert one.status_code == 200 and "Befintlig" in one.text and "Botkyrka" in one.text
    missing = client.get("/insatser/finns-inte")
    assert missing.status_code == 404 and "finns-inte" not in missing.headers.get("location", "")
    kedja = client.get("/insatser/kedja?kommun=0127")
    assert kedja.status_code == 200 and "Befintlig" in kedja.text  # the insats sits in the chain
    t = client.get("/insatser/tackning?kommun=0127")
    assert t.status_code == 200 and "okänd" in t.text
    mal = client.get("/insatser/malkedja?kommun=0127")
    assert mal.status_code == 200 and "Botkyrka" in mal.text
    api = client.get("/api/v1/insatser?kommun=0127").json()
    assert [x["id"] for x in api] == ["0127-finns"]
    assert client.get("/api/v1/insatser/kedja?kommun=0127").json()["kommun"] == "0127"
    cov = client.get("/api/v1/insatser/tackning?kommun=0127").json()
    assert cov["kommun"] == "0127" and {r["area_code"] for r in cov["need_profile"]} >= {"0127R001"}
    assert cov["coverage"] and all(r["area_code"].startswith("0127") for r in cov["coverage"])
    assert "<script" not in r.text


def test_login_needs_csrf_and_right_password(client):
    assert client.post("/insatser/logga-in", data={"username": "rolf", "password": PW}).status_code == 403
    assert login(client, "rolf", "fel-lösenord-123").status_code == 401
    r = login(client, "rolf")
    assert r.status_code == 303 and SESSION_COOKIE in r.cookies


def test_anonymous_and_reader_cannot_edit(client, small_store):
    assert client.get("/insatser/ny").status_code == 403
    assert client.post("/insatser/ny", data=NEW).status_code == 403
    login(client, "lisa")
    assert client.get("/insatser/ny").status_code == 403
    csrf = _csrf(client.get("/insatser").text)  # the logout form carries the reader's token
    assert client.post("/insatser/ny", data={**NEW, "csrf": csrf}).status_code == 403
    assert client.post("/insatser/0127-finns/andra", data={**NEW, "csrf": csrf}).status_code == 403
    assert client.get("/insatser/logg").status_code == 403
    assert [i.id for i in registry.list_insatser(small_store)] == ["0127-finns"]


def test_missing_or_forged_csrf_is_refused(client, small_store):
    login(client, "rolf")
    assert client.post("/insatser/ny", data=NEW).status_code == 403
    assert client.post("/insatser/ny", data={**NEW, "csrf": "förfalskad"}).status_code == 403
    other = TestClient(client.app, follow_redirects=False)
    login(other, "ada")
    foreign = form_csrf(other)  # valid token, but for another session
    assert client.post("/insatser/ny", data={**NEW, "csrf": foreign}).status_code == 403
    assert client.post("/api/v1/insatser", json={"name": "x"}).status_code == 403
    assert len(registry.list_insatser(small_store)) == 1


def test_edit_flow_is_audit_logged(client, small_store):
    login(client, "rolf")
    r = client.post("/insatser/ny", data={**NEW, "csrf": form_csrf(client)})
    assert r.status_code == 303
    new_id = r.headers["location"].rsplit("/", 1)[1]
    ins = registry.get(small_store, new_id)
    assert ins.reach[0].participants is None and ins.evidence[0].tier == "saknas"
    page = client.get(f"/insatser/{new_id}/andra")
    assert page.status_code == 200 and "Ny läsfrämjande insats" in page.text
    r = client.post(
        f"/insatser/{new_id}/andra",
        data={**NEW, "name": "Omdöpt", "status": "pagaende", "csrf": _csrf(page.text), "version": "1"},
    )
    assert r.status_code == 303
    assert registry.get(small_store, new_id).name == "Omdöpt"
    log = registry.audit_log(small_store, object_id=new_id)
    assert list(log["action"]) == ["andra", "skapa"] and set(log["who"]) == {"rolf"}
    assert '"name": "Ny läsfrämjande insats"' in log.iloc[0]["before_json"]
    stale = client.post(f"/insatser/{new_id}/andra", data={**NEW, "csrf": _csrf(page.text), "version": "1"})
    assert stale.status_code == 400 and "ändrats av någon annan" in stale.text
    audit = client.get("/insatser/logg")
    assert audit.status_code == 200 and "Omdöpt" in audit.text and "rolf" in audit.text


def test_invalid_form_shows_swedish_errors_and_writes_nothing(client, small_store):
    login(client, "rolf")
    r = client.post("/insatser/ny", data={**NEW, "arenas": [], "age_min": "tre", "csrf": form_csrf(client)})
    assert r.status_code == 400
    assert (
        "fältet &#39;Arena&#39; måste ha minst ett värde" in r.text
        or "fältet 'Arena' måste ha minst ett värde" in r.text
    )
    assert "Ny läsfrämjande insats" in r.text  # what the user typed is kept
    assert len(registry.list_insatser(small_store)) == 1
    assert registry.audit_log(small_store, object_id="0127-ny-lasframjande-insats").empty


def test_json_api_write_with_csrf_header(client, small_store, base):
    login(client, "rolf")
    token = client.get("/api/v1/insatser-csrf").json()["csrf"]
    r = client.post("/api/v1/insatser", json=base(name="Via API"), headers={"X-CSRF-Token": token})
    assert r.status_code == 201
    bad = client.post("/api/v1/insatser", json=base(arenas="x"), headers={"X-CSRF-Token": token})
    err = bad.json()
    assert bad.status_code == 422 and err["ok"] is False and err["error"]["code"] == "invalid_parameter"
    assert "Arena" in err["error"]["message"] and err["error"]["status"] == 422
    assert registry.audit_log(small_store, object_id=r.json()["id"]).iloc[0]["who"] == "rolf"


def test_logout_and_deactivated_user(client, small_store):
    login(client, "rolf")
    csrf = form_csrf(client)
    auth.set_active(small_store, "rolf", False, "ada")
    assert client.get("/insatser/ny").status_code == 403  # the account is re-read on each request
    auth.set_active(small_store, "rolf", True, "ada")
    assert client.get("/insatser/ny").status_code == 403  # deactivation ended the session for good
    login(client, "rolf")
    csrf = form_csrf(client)
    r = client.post("/insatser/logga-ut", data={"csrf": csrf})
    assert r.status_code == 303
    client.cookies.clear()
    assert client.get("/insatser/ny").status_code == 403


def test_sessions_expire_and_tokens_are_bound():
    s = auth.Sessions("hemlig", max_age=1)
    tok = s.issue("rolf")
    sid = s.load(tok)["sid"]
    csrf = s.csrf(sid)
    assert s.check_csrf(sid, csrf) and not s.check_csrf("annan", csrf) and not s.check_csrf(sid, None)
    assert auth.Sessions("annan-hemlighet").load(tok) is None  # forged/other key
    time.sleep(2.1)
    assert s.load(tok) is None and not s.check_csrf(sid, csrf)


def test_passwords_are_hashed(small_store):
    auth.create_user(small_store, "ny.anvandare", PW, "lasare", "ada")
    with small_store.operational.connect() as conn:
        h = conn.exec_driver_sql("SELECT password_hash FROM prev_users WHERE username = 'ny.anvandare'").scalar()
    assert h.startswith("$argon2") and PW not in h
    assert auth.authenticate(small_store, "ny.anvandare", PW).role == "lasare"
    assert auth.authenticate(small_store, "ny.anvandare", "fel") is None
    assert auth.authenticate(small_store, "finns.inte", PW) is None
    with pytest.raises(Exception, match="minst 10 tecken"):
        auth.create_user(small_store, "kort", "kort", "lasare", "ada")
    with pytest.raises(Exception, match="Rollen"):
        auth.create_user(small_store, "x.y", PW, "superuser", "ada")
    assert "password" not in (registry.audit_log(small_store, object_id="ny.anvandare").iloc[0]["after_json"] or "")


def test_form_reach_range_and_the_coverage_interval(client, small_store, monkeypatch):
    import pandas as pd

    from lagesbild.prevention import coverage

    login(client, "rolf")
    bad = client.post("/insatser/ny", data={**NEW, "reach": "2024 | 150–120 | | |", "csrf": form_csrf(client)})
    assert bad.status_code == 400
    assert "post 1: intervallet för deltagare måste gå från lägsta till högsta" in bad.text
    assert len(registry.list_insatser(small_store)) == 1  # nothing written
    r = client.post("/insatser/ny", data={**NEW, "reach": "2024 | 120 till 150 | | |", "csrf": form_csrf(client)})
    assert r.status_code == 303
    new_id = r.headers["location"].rsplit("/", 1)[1]
    reach = registry.get(small_store, new_id).reach[0]
    assert (reach.participants, reach.participants_high) == (120, 150)
    edit = client.get(f"/insatser/{new_id}/andra").text
    assert "2024 | 120–150 |" in edit  # pre-filled as a range, so saving again keeps it
    # target 300 children aged 0–1 in one area: 120–150 → (120 + 150) / 2 / 300 = 45 %, interval 40–50 %
    target = pd.DataFrame([{"area_code": "0127R001", "stage": "spadbarn", "population": 300.0, "estimated": False,
                            "year": 2024, "source_note": "test"}])
    monkeypatch.setattr(coverage, "target_population", lambda store, kommun: target)
    page = client.get("/insatser/tackning?kommun=0127").text
    row = next(tr for tr in page.split("<tr>") if "Ny läsfrämjande insats" in tr and 'class="coverage"' in tr)
    assert "<td>120–150</td>" in row and '<td class="coverage">45 % (40–50 %)</td>' in row
    api = client.get("/api/v1/insatser/tackning?kommun=0127").json()["coverage"]
    cell = next(c for c in api if c["stage"] == "spadbarn")
    assert (cell["coverage_low"], cell["coverage"], cell["coverage_high"]) == pytest.approx((0.40, 0.45, 0.50))
