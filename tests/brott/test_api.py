"""The JSON API of incident reporting: login, CSRF, ownership and the weekly lägesbild."""

from __future__ import annotations

import re

import pytest

PW = "ett-långt-lösenord"
# the app's shutdown hook uses FastAPI's on_event (deprecated there; not this module's code)
pytestmark = [pytest.mark.filterwarnings("ignore::DeprecationWarning"),
              pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`:UserWarning")]


@pytest.fixture(scope="module")
def client(cli_store_path):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from lagesbild._config import resolve_settings
    from lagesbild.app import create_app
    from lagesbild.services import accounts
    from lagesbild.services import brott as bsvc
    from lagesbild.store import open_store

    s = resolve_settings(config_file=None, env={}, store=str(cli_store_path), app_warmup_pages=False)
    st = open_store(cli_store_path, settings=s)
    try:
        for u in ("ada", "bo"):
            accounts.create_user(st, u, PW, "lasare", "test")
    finally:
        st.close()
    ops = bsvc.open_ops(s)
    bsvc.set_member(ops, "ada", organisation="Tunabyggen", roll="rapportor", kommun="2081")
    bsvc.set_member(ops, "bo", organisation="Polisen", roll="rapportor", kommun="2081")
    ops.close()
    app = create_app(settings=s)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
    app.state.data.store.close()


def login(client, user):
    client.cookies.clear()
    r = client.get("/insatser/logga-in")
    token = re.search(r'name="csrf" value="([^"]+)"', r.text).group(1)
    r = client.post("/insatser/logga-in", data={"csrf": token, "username": user, "password": PW, "next": "/brott/mina"},
                    follow_redirects=False)
    assert r.status_code == 303
    return re.search(r'name="csrf" value="([^"]+)"', client.get("/brott/rapportera").text).group(1)


def test_json_intake_needs_login_and_csrf(client):
    client.cookies.clear()
    body = {"datum": "2025-06-02", "kategori": "klotter", "omrade": "2081R013"}
    assert client.post("/api/v1/brott/handelser", json=body).status_code == 403
    token = login(client, "ada")
    assert client.post("/api/v1/brott/handelser", json=body).status_code == 403  # no CSRF header
    r = client.post("/api/v1/brott/handelser", json={"handelser": [body, body]}, headers={"X-CSRF-Token": token})
    assert r.status_code == 201, r.text
    assert [h["status"] for h in r.json()["handelser"]] == ["inskickad"] * 2
    r = client.post("/api/v1/brott/handelser", json={**body, "fritext": "ring 811218-9876"},
                    headers={"X-CSRF-Token": token})
    err = r.json()["error"]
    assert r.status_code == 422 and err["code"] == "invalid_parameter" and "personnummer" in err["message"]
    ids = [h["id"] for h in client.post("/api/v1/brott/handelser", json=body,
                                        headers={"X-CSRF-Token": token}).json()["handelser"]]
    # another organisation can neither see nor withdraw Tunabyggen's records
    token_b = login(client, "bo")
    assert "Tunabyggen" not in client.get("/brott/mina").text
    r = client.post(f"/brott/handelser/{ids[0]}/aterkalla", data={"csrf": token_b}, follow_redirects=False)
    assert r.status_code == 404
    # the owner can
    token = login(client, "ada")
    r = client.post(f"/brott/handelser/{ids[0]}/aterkalla", data={"csrf": token}, follow_redirects=False)
    assert r.status_code == 303
    assert client.get("/brott/mina").text.count("återkallad") >= 1
    # the weekly lägesbild: nothing approved, nothing counts; without a login it is refused
    r = client.get("/api/v1/brott/lagesbild", params={"kommun": "2081", "period": "2025-W23"})
    assert r.status_code == 200 and r.json()["totalt"]["antal"] == 0
    assert client.get("/api/v1/brott/lagesbild", params={"kommun": "2081", "period": "2025-W60"}).status_code == 422
    client.cookies.clear()
    assert client.get("/api/v1/brott/lagesbild", params={"kommun": "2081", "period": "2025-W23"}).status_code == 403
