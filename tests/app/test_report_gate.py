"""Report builds: bounded at once, one per address and two minutes for anonymous visitors."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from lagesbild.app.report_gate import ReportGate
from lagesbild.errors import ConflictError, PermissionDeniedError


def test_anonymous_visitors_are_rate_limited_logged_in_users_are_not():
    gate = ReportGate(slots=2, anon_interval_s=120)
    assert gate.build(lambda: b"pdf", logged_in=False, address="10.0.0.1") == b"pdf"
    with pytest.raises(PermissionDeniedError) as exc:
        gate.build(lambda: b"pdf", logged_in=False, address="10.0.0.1")
    assert "Logga in" in exc.value.message("sv") and "sekunder" in exc.value.message("sv")
    assert gate.build(lambda: b"pdf", logged_in=False, address="10.0.0.2") == b"pdf"  # another address
    for _ in range(3):
        assert gate.build(lambda: b"pdf", logged_in=True, address="10.0.0.1") == b"pdf"


def test_builds_are_bounded():
    gate = ReportGate(slots=1, wait_s=0.2)
    started, release = threading.Event(), threading.Event()

    def slow():
        started.set()
        release.wait(10)
        return b"a"

    t = threading.Thread(target=lambda: gate.build(slow, logged_in=True, address="x"))
    t.start()
    started.wait(5)
    with pytest.raises(ConflictError) as exc:
        gate.build(lambda: b"b", logged_in=True, address="y")
    assert "Många rapporter byggs just nu" in exc.value.message("sv")
    release.set()
    t.join()
    assert gate.build(lambda: b"c", logged_in=True, address="y") == b"c"  # the slot is free again


def test_report_route_uses_the_gate(bundled_store, monkeypatch):
    fastapi = pytest.importorskip("fastapi")  # noqa: F841
    from fastapi.testclient import TestClient

    from lagesbild.app.main import create_app
    from lagesbild.services import report as rep

    built: list[int] = []

    def fake_build(store, settings, kommun, year, lang="sv", formats=("pdf",), out="."):
        built.append(year)
        p = Path(out) / f"r.{formats[0]}"
        p.write_bytes(b"%PDF-1.4 test")
        return {"paths": {formats[0]: str(p)}}

    monkeypatch.setattr(rep, "build_report", fake_build)
    app = create_app(settings=bundled_store.settings, store=bundled_store)
    years = app.state.data.types_years()
    with TestClient(app) as c:
        assert c.get(f"/rapport/1480?year={years[-1]}&format=pdf").status_code == 200
        assert c.get(f"/rapport/1480?year={years[-1]}&format=pdf").status_code == 200  # cached: no build
        r = c.get(f"/rapport/1480?year={years[0]}&format=pdf")  # a second build, anonymous
        assert r.status_code == 403 and "Logga in" in r.text
    assert built == [years[-1]]
