"""The server stays responsive: the insatser routes run their blocking work (Argon2, store
queries, rendering) in the thread pool, never on the event loop; cached pages follow the store's
generations."""

from __future__ import annotations

import threading

import pytest

fastapi = pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from lagesbild.app.cache import Memo  # noqa: E402
from lagesbild.app.insatser import install  # noqa: E402


def test_insatser_routes_do_not_block_the_event_loop(empty_store):
    seen: list[int] = []

    class Data:  # the app's data holder; records the thread of every store access
        @property
        def store(self):
            seen.append(threading.get_ident())
            return empty_store

    app = fastapi.FastAPI()
    loop_thread: list[int] = []

    @app.get("/loop")
    async def loop():  # runs on the event loop
        loop_thread.append(threading.get_ident())
        return {}

    app.state.data = Data()
    install(app, secret_key="test-hemlighet-" + "x" * 32)
    with TestClient(app, follow_redirects=False) as c:
        c.get("/loop")
        page = c.get("/insatser/logga-in")
        assert page.status_code == 200
        import re

        csrf = re.search(r'name="csrf" value="([^"]*)"', page.text).group(1)
        r = c.post("/insatser/logga-in", data={"username": "finns.inte", "password": "fel-fel-fel-1", "csrf": csrf})
        assert r.status_code in (401, 429)
        assert c.get("/api/v1/insatser").status_code == 200
    assert seen and loop_thread
    assert loop_thread[0] not in seen  # every store access happened off the event loop


def test_memo_entries_belong_to_one_generation():
    gen = {"g": 1}
    calls: list[int] = []
    m = Memo(8, epoch=lambda: gen["g"])

    def compute():
        calls.append(gen["g"])
        return f"värde {gen['g']}"

    assert m.get("k", compute) == "värde 1"
    assert m.get("k", compute) == "värde 1" and calls == [1]
    gen["g"] = 2  # a new generation of the store: computed again
    assert m.get("k", compute) == "värde 2" and calls == [1, 2]
    assert len(m) == 1  # the old generation's entries are gone


def test_first_requests_at_once_agree_on_one_secret(tmp_path, settings):
    """Handlers now run in parallel threads: the secret file is never read half-written."""
    from lagesbild.prevention.signing import load_secret

    s = settings.replace(store=str(tmp_path / "x.duckdb"))
    got: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(16)

    def first():
        barrier.wait()
        try:
            got.append(load_secret(s))
        except BaseException as exc:  # pragma: no cover - shown by the assertion
            errors.append(exc)

    threads = [threading.Thread(target=first) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(set(got)) == 1 and len(got[0]) >= 32
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.secret"]
    assert (tmp_path / "x.secret").stat().st_mode & 0o077 == 0
