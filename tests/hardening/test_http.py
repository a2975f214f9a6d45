"""HTTP robustness: malformed, wrong-typed and deeply nested JSON get 400/422 in the app's one
error shape before any route runs; long paths get 414 without being echoed; authenticated answers
are never cached; HSTS when configured."""

from __future__ import annotations

import json

import pytest
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

from lagesbild.app.security import MAX_JSON_DEPTH, SecurityMiddleware


@pytest.fixture
def client():
    app = FastAPI()
    seen = []

    @app.post("/insatser/api/echo")
    async def echo(request: Request):
        data = await request.json()
        seen.append(data)
        return {"ok": True, "keys": sorted(data)}

    @app.get("/insatser/sida")
    async def page():
        return {"ok": True}

    app.add_middleware(SecurityMiddleware, write_paths=["/insatser"], hsts_seconds=31536000)
    with TestClient(app, raise_server_exceptions=False) as c:
        c.seen = seen
        yield c


def post(client, body: bytes):
    return client.post("/insatser/api/echo", content=body, headers={"content-type": "application/json"})


def check_error(r, status: int, needle: str):
    assert r.status_code == status
    body = r.json()
    assert body["ok"] is False and body["error"]["status"] == status
    assert body["error"]["code"] == ("bad_request" if status == 400 else "invalid_parameter")
    assert needle in body["error"]["message_sv"] and body["error"]["message_en"]
    assert "Traceback" not in r.text


@pytest.mark.parametrize("body, status, needle", [
    (b'{"namn": "x",', 400, "kan inte tolkas"),
    (b"", 400, "saknar innehåll"),
    (b"\xff\xfe{}", 400, "UTF-8"),
    (b'["en", "lista"]', 422, "array"),
    (b'"text"', 422, "string"),
    (b"[" * 100_000 + b"]" * 100_000, 400, "nästlad"),
    (json.dumps({"a": [[[[{"b": 1}]]]] * 2}).replace("1", "[" * MAX_JSON_DEPTH + "1" + "]" * MAX_JSON_DEPTH)
     .encode(), 400, "nästlad"),
])
def test_bad_json_is_answered_in_the_error_shape(client, body, status, needle):
    check_error(post(client, body), status, needle)
    assert client.seen == []  # the route never ran


def test_good_json_reaches_the_route(client):
    r = post(client, json.dumps({"namn": "Läxhjälp", "text": '[{ inne i en sträng \\" ]'}).encode())
    assert r.status_code == 200 and r.json()["keys"] == ["namn", "text"]


def test_long_path_is_refused_without_echo(client):
    long = "/insatser/" + "x" * 5000
    r = client.get(long)
    assert r.status_code == 414 and "x" * 50 not in r.text


def test_authenticated_answers_are_not_cached_and_hsts_is_sent(client):
    r = client.get("/insatser/sida", headers={"cookie": "lb_session=abc"})
    assert r.headers["cache-control"] == "no-store"
    assert r.headers["strict-transport-security"].startswith("max-age=31536000")
    anonymous = client.get("/insatser/sida")
    assert "no-store" not in anonymous.headers.get("cache-control", "")


def test_insatser_json_api_answers_bad_bodies_in_the_error_shape(kommun_store):
    """The real insatser router behind the middleware, write paths taken from its routes as the app does."""
    from lagesbild.app import insatser

    app = FastAPI()
    insatser.install(app, store=kommun_store)
    write_paths = [r.path.split("{", 1)[0] for r in insatser.router.routes
                   if (getattr(r, "methods", None) or set()) - {"GET", "HEAD", "OPTIONS"}]
    app.add_middleware(SecurityMiddleware, write_paths=write_paths)
    with TestClient(app, raise_server_exceptions=False) as c:
        for body, status in ((b"{not json", 400), (b"[1, 2]", 422), (b"[" * 5000 + b"]" * 5000, 400)):
            r = c.post("/api/v1/insatser", content=body, headers={"content-type": "application/json"})
            assert r.status_code == status and r.json()["error"]["status"] == status, r.text
