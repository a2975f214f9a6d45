"""A kommun page already made is answered from memory on the event loop (no thread of the pool),
in the visitor's language; a first visit and a new store generation build it in the pool."""

from __future__ import annotations

from lagesbild.app import pages


def test_second_visit_skips_the_thread_pool(client, monkeypatch):
    calls: list[str] = []
    real = pages.run_in_threadpool

    async def counting(fn, *a, **kw):
        calls.append(a[1])
        return await real(fn, *a, **kw)

    monkeypatch.setattr(pages, "run_in_threadpool", counting)
    first = client.get("/kommun/1480?year=2023")
    again = client.get("/kommun/1480?year=2023")
    assert first.status_code == again.status_code == 200 and first.content == again.content
    assert calls == ["1480"]
    client.cookies.set("lang", "en")
    try:
        en = client.get("/kommun/1480?year=2023")  # another language: built once
    finally:
        client.cookies.delete("lang")
    assert en.status_code == 200 and en.content != first.content and calls == ["1480", "1480"]
    client.app.state.data.html.clear()  # as after an import: built again
    assert client.get("/kommun/1480?year=2023").content == first.content and len(calls) == 3
    assert client.get("/kommun/9999").status_code == 404 and len(calls) == 4
