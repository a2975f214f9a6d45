"""Web login: a copied cookie stops working after logout; the 11th wrong password within a minute
is throttled with a clear Swedish message; logged-in pages are not cached."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from lagesbild.app.insatser import SESSION_COOKIE, install
from lagesbild.app.security import SecurityMiddleware
from lagesbild.prevention import auth, logins

PW = "ett-långt-lösenord"


@pytest.fixture
def client(kommun_store, monkeypatch):
    from argon2 import PasswordHasher

    monkeypatch.setattr(auth, "_hasher", lambda: PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    auth._DUMMY_HASH.clear()
    auth.create_user(kommun_store, "rolf", PW, "redaktor", "test")
    app = FastAPI()
    install(app, store=kommun_store)
    app.add_middleware(SecurityMiddleware, write_paths=["/insatser"])
    with TestClient(app, follow_redirects=False) as c:
        yield c
    auth._DUMMY_HASH.clear()


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]*)"', html).group(1)


def login(client, password=PW):
    page = client.get("/insatser/logga-in")
    return client.post("/insatser/logga-in", data={"username": "rolf", "password": password,
                                                   "csrf": _csrf(page.text)})


def test_copied_cookie_fails_after_logout(client):
    assert login(client).status_code == 303
    cookie = client.cookies.get(SESSION_COOKIE)
    page = client.get("/insatser/ny")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    r = client.post("/insatser/logga-ut", data={"csrf": _csrf(page.text)})
    assert r.status_code == 303
    thief = TestClient(client.app, follow_redirects=False)
    thief.cookies.set(SESSION_COOKIE, cookie)
    assert thief.get("/insatser/ny").status_code == 403  # the copied cookie no longer logs in


def test_eleventh_wrong_password_is_throttled(client):
    for _ in range(logins.MAX_FAILURES):
        assert login(client, "fel-lösenord-123").status_code == 401
    r = login(client)  # even the right password
    assert r.status_code == 403
    assert "För många misslyckade inloggningar" in r.text and "vänta" in r.text
    assert SESSION_COOKIE not in r.cookies


def test_throttle_limits_come_from_the_settings():
    from lagesbild._config import resolve_settings
    from lagesbild.store import open_store

    s = resolve_settings(config_file=None, env={"LAGESBILD_LOGIN_MAX_FAILURES": "3", "LAGESBILD_LOGIN_WINDOW_S": "30"})
    st = open_store(":memory:", settings=s)
    try:
        assert logins.limits(st) == (3, 30)
        for _ in range(2):
            logins.record_failure(st, "anna", "10.0.0.1")
        logins.check_throttle(st, "anna", "10.0.0.1")  # two of three: not yet
        logins.record_failure(st, "anna", "10.0.0.1")
        with pytest.raises(logins.LoginThrottledError) as e:
            logins.check_throttle(st, "anna", "10.0.0.2")  # the account, from another address too
        assert 1 <= e.value.retry_after <= 31 and "30" in e.value.message("sv")
        logins.check_throttle(st, "bertil", "10.0.0.2")  # another account from a fresh address
    finally:
        st.close()
