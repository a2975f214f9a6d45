"""Many editors saving at once through the web forms of a real `lagesbild serve` process, on SQLite
and on PostgreSQL: every save stored, the audit log complete, no 5xx. (The suite runs 6 editors ×
10 saves; bench/bench_concurrency.py runs 20 × 50.)"""

from __future__ import annotations

import re
import threading

import pytest

from lagesbild.prevention import auth, registry
from lagesbild.store import open_store

from .conftest import PW, csrf_of, httpx, login

pytestmark = pytest.mark.slow

EDITORS, SAVES = 6, 10
FORM = {"kommun": "1480", "organisation": "Göteborgs stad", "arenas": ["familj"], "levels": ["universell"],
        "life_stages": ["spadbarn"], "themes": ["sprak_lasning"], "status": "planerad", "scope": "kommun",
        "reach": "2024 | okänt | | |", "evidence": "saknas | Ingen utvärdering hittad | | | |"}


def test_concurrent_editors_every_save_stored(served_factory, ops_settings):
    s = served_factory(database_url=ops_settings.database_url)
    st = open_store(s.store, settings=ops_settings.replace(store=str(s.store)), read_only=True)
    users = [f"redaktor{i}" for i in range(EDITORS)]
    for u in users:
        auth.create_user(st, u, PW, "redaktor", "test")
    statuses: list[int] = []
    ids: dict[str, str] = {}
    errors: list[BaseException] = []
    barrier = threading.Barrier(EDITORS)

    def work(u: str) -> None:
        try:
            with httpx.Client(base_url=s.url, follow_redirects=False, timeout=120) as c:
                edit(c, u)
        except BaseException as exc:  # pragma: no cover - shown by the assertion
            errors.append(exc)

    def edit(c, u: str) -> None:
        login(c, u)
        barrier.wait()
        html = c.get("/insatser/ny").text
        r = c.post("/insatser/ny", data={**FORM, "name": f"Insats av {u}", "csrf": csrf_of(html)})
        statuses.append(r.status_code)
        ins_id = r.headers["location"].rsplit("/", 1)[1]
        ids[u] = ins_id
        for k in range(1, SAVES):
            page = c.get(f"/insatser/{ins_id}/andra").text
            version = re.search(r'name="version" value="(\d+)"', page).group(1)
            r = c.post(f"/insatser/{ins_id}/andra", data={**FORM, "name": f"Insats av {u} v{k + 1}",
                                                          "csrf": csrf_of(page), "version": version})
            statuses.append(r.status_code)

    threads = [threading.Thread(target=work, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert statuses == [303] * (EDITORS * SAVES)
    for u in users:
        rec = registry.get_record(st, ids[u])
        assert rec["version"] == SAVES and rec["insats"].name == f"Insats av {u} v{SAVES}"
        log = registry.audit_log(st, object_id=ids[u])
        assert sorted(log["action"]) == ["andra"] * (SAVES - 1) + ["skapa"] and set(log["who"]) == {u}
    assert "Traceback" not in s.server_log()
    st.close()
