"""Static files are answered from memory on the event loop, with the headers browsers use."""

from __future__ import annotations

import asyncio
from pathlib import Path

from lagesbild.app.static_memory import MemoryStatic


def _call(app, path, method="GET", headers=()):
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": "/static/" + path, "root_path": "/static",
             "headers": list(headers)}
    asyncio.run(app(scope, receive, send))
    start, body = sent
    return start["status"], dict(start["headers"]), body["body"]


def test_files_headers_and_not_modified(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "app.css").write_text("body { color: #123; }\n", encoding="utf-8")
    (tmp_path / "sub" / "x.js").write_bytes(b"let a = 1;")
    (tmp_path.parent / "secret.txt").write_text("hemligt", encoding="utf-8")
    app = MemoryStatic(tmp_path)
    status, h, body = _call(app, "app.css")
    assert status == 200 and body == b"body { color: #123; }\n"
    assert h[b"content-type"] == b"text/css; charset=utf-8" and h[b"content-length"] == b"22"
    assert _call(app, "sub/x.js")[2] == b"let a = 1;"
    status, h304, body = _call(app, "app.css", headers=[(b"if-none-match", h[b"etag"])])
    assert status == 304 and body == b"" and h304[b"etag"] == h[b"etag"]
    assert _call(app, "app.css", headers=[(b"if-none-match", b'"other"')])[0] == 200
    status, h, body = _call(app, "app.css", method="HEAD")
    assert status == 200 and body == b"" and h[b"content-length"] == b"22"
    assert _call(app, "../secret.txt")[0] == 404
    assert _call(app, "finns-inte.css")[0] == 404
    assert _call(app, "app.css", method="POST")[0] == 405


def test_the_app_serves_its_stylesheet(client):
    r = client.get("/static/app.css")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/css")
    assert r.content == (Path(__file__).resolve().parents[2] / "src/lagesbild/app/static/app.css").read_bytes()
    assert client.get("/static/app.css", headers={"If-None-Match": r.headers["etag"]}).status_code == 304
