"""A real `lagesbild serve` process while the CLI writes and reads the same stores.

Every CLI write (import, fetch against the replay server, insatser import, anvandare skapa,
sjalvskattning spara) succeeds while the app serves, and the app shows it within 5 s; CLI reads
work throughout, also after an anonymous visit to the login page and after a web edit; two
imports at once both succeed (one waits for the other).
"""

from __future__ import annotations

import json

import pytest

from .conftest import PW, csrf_of, httpx, login, wait_for

pytestmark = pytest.mark.slow

NEW = {"name": "Webbinsats", "kommun": "1480", "organisation": "Göteborgs stad", "arenas": ["familj"],
       "levels": ["universell"], "life_stages": ["spadbarn"], "themes": ["sprak_lasning"], "status": "planerad",
       "scope": "kommun", "reach": "2024 | okänt | | |", "evidence": "saknas | Ingen utvärdering hittad | | | |"}


def _obs(client, year: int):
    r = client.get("/api/v1/observations", params={"kommun": "1480", "variable": "folkmangd", "level": "kommun",
                                                   "year": year})
    assert r.status_code in (200, 404), r.text
    return None if r.status_code == 404 else r.json()["rows"]


def _import_files(tmp_path, year: int, value: int):
    csv = tmp_path / f"folk{year}.csv"
    csv.write_text(f"kod;ar;v\n1480;{year};{value}\n", encoding="utf-8")
    mapping = tmp_path / "m.yaml"
    mapping.write_text("area: {column: kod, version: kommun2025}\nyear: {column: ar}\nvalues: {folkmangd: v}\n",
                       encoding="utf-8")
    return str(csv), str(mapping)


def _ok(r) -> None:
    assert r.returncode == 0, f"rc={r.returncode}\nstdout={r.stdout}\nstderr={r.stderr}"


def test_cli_writes_and_reads_while_the_app_serves(served_factory, replay, tmp_path):
    s = served_factory()
    with httpx.Client(base_url=s.url, follow_redirects=False, timeout=30) as web, \
            httpx.Client(base_url=s.url, follow_redirects=False, timeout=30) as admin:
        _writes_and_reads(s, web, admin, replay, tmp_path)


def _writes_and_reads(s, web, admin, replay, tmp_path):
    # an anonymous visit to the login page (once made the server take the write lock)
    assert web.get("/insatser/logga-in").status_code == 200
    _ok(s.cli("show", "1480"))

    # accounts
    _ok(s.cli("anvandare", "skapa", "rolf", "--roll", "redaktor", extra_env={"LAGESBILD_NYTT_LOSENORD": PW}))
    _ok(s.cli("anvandare", "skapa", "ada", "--roll", "admin", extra_env={"LAGESBILD_NYTT_LOSENORD": PW}))

    def can_login(user):
        with httpx.Client(base_url=s.url, follow_redirects=False, timeout=30) as c:
            page = c.get("/insatser/logga-in")
            r = c.post("/insatser/logga-in", data={"username": user, "password": PW, "csrf": csrf_of(page.text)})
            return r.status_code == 303

    wait_for(lambda: can_login("rolf"), what="new account can log in")

    # a web edit, then CLI reads
    login(web, "rolf")
    r = web.post("/insatser/ny", data={**NEW, "csrf": csrf_of(web.get("/insatser/ny").text)})
    assert r.status_code == 303, r.text
    _ok(s.cli("show", "1480"))
    out = tmp_path / "insatser.json"
    _ok(s.cli("insatser", "export", str(out)))
    assert "Webbinsats" in out.read_text(encoding="utf-8")

    # import of statistics
    assert _obs(web, 1991) is None
    _ok(s.cli("import", *_interleave(_import_files(tmp_path, 1991, 12345))))
    wait_for(lambda: (_obs(web, 1991) or [{}])[0].get("value") == 12345, what="imported value")

    # insatser import
    doc = tmp_path / "ins.json"
    doc.write_text(json.dumps({"insatser": [{**{k: v for k, v in NEW.items() if k not in ("reach", "evidence")},
                                             "name": "Importerad insats"}]}, ensure_ascii=False), encoding="utf-8")
    _ok(s.cli("insatser", "import", str(doc), "--anvandare", "ada"))
    wait_for(lambda: "Importerad insats" in web.get("/api/v1/insatser", params={"kommun": "1480"}).text,
             what="imported insats")

    # self-assessment: shown in the audit log page
    answers = tmp_path / "svar.yaml"
    answers.write_text("{}\n", encoding="utf-8")
    _ok(s.cli("sjalvskattning", "spara", "--kommun", "1480", "--ar", "2024", "--fil", str(answers),
              "--anvandare", "ada"))
    login(admin, "ada")
    wait_for(lambda: "1480-2024" in admin.get("/insatser/logg").text, what="self-assessment in the audit log")

    # fetch from the replay server (recorded SCB responses)
    env = {"LAGESBILD_SCB_API": f"{replay.base}/scb/v2", "LAGESBILD_SCB_API_V1": f"{replay.base}/scb/v1",
           "LAGESBILD_KOLADA_API": f"{replay.base}/kolada/v3"}
    r = s.cli("fetch", "scb", "--kommun", "1780", "--level", "regso", "--years", "2023-2024", "--topics", "socioek",
              "--format", "json", extra_env=env)
    _ok(r)
    fetched = json.loads(r.stdout)
    assert fetched["sources"] == ["scb:TAB6586"]

    def fetched_visible():
        rows = web.get("/api/v1/observations", params={"kommun": "1780", "level": "regso", "year": 2024}).json()
        return any(x.get("source_id") == "scb:TAB6586" for x in rows["rows"])

    wait_for(fetched_visible, what="fetched observations")
    _ok(s.cli("show", "1480"))
    assert "Traceback" not in s.server_log()


def _interleave(files):
    csv, mapping = files
    return [csv, "--mapping", mapping]


def test_two_imports_at_once_both_succeed(served_factory, tmp_path):
    s = served_factory()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = s.cli_async("import", *_interleave(_import_files(tmp_path / "a", 1992, 111)))
    b = s.cli_async("import", *_interleave(_import_files(tmp_path / "b", 1993, 222)))
    for p in (a, b):
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    with httpx.Client(base_url=s.url, timeout=30) as web:
        wait_for(lambda: (_obs(web, 1992) or [{}])[0].get("value") == 111 and
                 (_obs(web, 1993) or [{}])[0].get("value") == 222, what="both imports")
