"""Working together (issue 12): cold and warm pages under concurrent clients, logins beside static
files, and many editors saving through the web forms — on SQLite and PostgreSQL.

Run:  .venv/bin/python bench/bench_concurrency.py [--write] [--postgres-url URL]
          [--editors 20] [--saves 50] [--store PATH]

Starts ``lagesbild serve`` (one uvicorn worker) on a free port of 127.0.0.1 on a store built from
the bundled data (or a copy of ``--store``), and measures, in one run:

1. **First visits of kommun pages**: 20 clients at once, each asking for a different kommun page
   that no client has asked for since the server started — on four servers: with the default
   settings the moment it has started (during the warm-up of the shared tables), with the default
   settings while the page warm-up runs (the 20 least populous kommuner, which it reaches last),
   with the default settings after the warm-up of every kommun page (``/api/v1/status``), and
   with ``app_warmup_pages`` off after the warm-up of the shared national tables (pages computed
   on demand). Target p95 ≤ 1 s.
2. **Warm pages**: 50 clients with keep-alive, 40 requests each over ten kommun pages already
   visited. Target p95 ≤ 150 ms.
3. **Logins beside static files**: ten clients send wrong-password logins (login page, then the
   form) while one client fetches ``/static/app.css`` 200 times. Target: static p95 ≤ 50 ms.
4. **Editors**: ``--editors`` accounts log in and each saves ``--saves`` times through the web
   forms (one new insats, then edits of it with the version from the form); afterwards every
   save must be stored (version = saves), the audit log complete, and no answer a 5xx. Run on the
   default SQLite operational store and, with ``--postgres-url`` (a server where a database may be
   created), on PostgreSQL.

Prints a Markdown section; ``--write`` replaces "## Working together (issue 12)" in
bench/RESULTS.md. Exit status 0 only when every target is met (for first visits: with the default
settings after the warm-up).
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / "_work" / "concurrency"
SECTION = "## Working together (issue 12)"
PW = "ett-långt-lösenord-bänk"
FORM = {"kommun": "1480", "organisation": "Göteborgs stad", "arenas": "familj", "levels": "universell",
        "life_stages": "spadbarn", "themes": "sprak_lasning", "status": "planerad", "scope": "kommun",
        "reach": "2024 | okänt | | |", "evidence": "saknas | Ingen utvärdering hittad | | | |"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))] if xs else float("nan")


def _stats(xs) -> dict:
    return {"n": len(xs), "p50": _pct(xs, 0.5), "p95": _pct(xs, 0.95), "max": max(xs) if xs else float("nan")}


class Client:
    """One keep-alive connection with a cookie jar (enough for the login and form flow)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.location = ""
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str, float]:
        headers = {"Accept-Encoding": "identity"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        t = time.perf_counter()
        for attempt in (0, 1):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                r = self.conn.getresponse()
                text = r.read().decode("utf-8", "replace")
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
                if attempt:
                    raise
        dt = time.perf_counter() - t
        self.location = r.getheader("location") or ""
        for h, v in r.getheaders():
            if h.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                value = rest.split(";", 1)[0]
                if "max-age=0" in v.lower() or 'expires=thu, 01 jan 1970' in v.lower():
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = value
        return r.status, text, dt

    def close(self) -> None:
        self.conn.close()


def _csrf(html: str) -> str:
    m = re.search(r'name="csrf" value="([^"]*)"', html)
    return m.group(1) if m else ""


class Server:
    def __init__(self, store: Path, database_url: str = "", **settings: str) -> None:
        self.port = _free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("LAGESBILD_")}
        if database_url:
            env["LAGESBILD_DATABASE_URL"] = database_url
        env |= {f"LAGESBILD_{k.upper()}": v for k, v in settings.items()}
        self.log = open(store.parent / "serve.log", "w")
        self.proc = subprocess.Popen([sys.executable, "-m", "lagesbild.cli", "--store", str(store), "serve",
                                      "--host", "127.0.0.1", "--port", str(self.port)], env=env,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(600):
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                c.request("GET", "/static/app.css")
                c.getresponse().read()
                c.close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("server did not start; see " + str(store.parent / "serve.log"))

    def wait_warm(self, timeout: float = 900.0) -> float:
        """Seconds until /api/v1/status reports the warm-up done (measured from the call)."""
        import json

        t0 = time.perf_counter()
        while time.perf_counter() - t0 < timeout:
            c = Client(self.port)
            _, text, _ = c.request("GET", "/api/v1/status")
            c.close()
            if json.loads(text)["uppvarmning"]["status"] == "klar":
                return time.perf_counter() - t0
            time.sleep(0.2)
        raise RuntimeError("the warm-up did not finish")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def _together(n: int, fn) -> tuple[list, float]:
    """Run fn(i) in n threads that start at the same moment; (results, wall seconds)."""
    out: list = [None] * n
    barrier = threading.Barrier(n)

    def run(i):
        barrier.wait()
        out[i] = fn(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out, time.perf_counter() - t0


def _kommuner(port: int) -> list[str]:
    import json

    c = Client(port)
    s, text, _ = c.request("GET", "/api/v1/kommuner")
    c.close()
    data = json.loads(text)
    rows = data["rows"] if isinstance(data, dict) and "rows" in data else data
    return [r["code"] if isinstance(r, dict) else r for r in rows]


def cold_pages(port: int, cold: list[str] | None = None) -> dict:
    """20 clients at once, each a different kommun page no client has asked for (``cold``, or the
    second to 21st kommun by name)."""
    if cold is None:
        codes = [k for k in _kommuner(port) if k != "1480"]
        cold = codes[1:21]  # the warm-up of the shared tables builds the first kommun's data

    def one(i):
        c = Client(port)
        s, _, dt = c.request("GET", f"/kommun/{cold[i]}")
        c.close()
        return s, dt

    out, wall = _together(len(cold), one)
    return _stats([dt for _, dt in out]) | {"errors": sum(s != 200 for s, _ in out), "wall": wall}


def _least_populous(store: Path, n: int) -> list[str]:
    """The ``n`` kommuner with the smallest newest population: the page warm-up, which takes the
    most populous first, reaches them last."""
    from lagesbild._config import resolve_settings
    from lagesbild.services import national_reads
    from lagesbild.services.store import open_store

    st = open_store(str(store), settings=resolve_settings(config_file=None, env={}), read_only=True)
    try:
        wide = national_reads.kommun_wide(st, ("folkmangd", "andel_utrikes_fodda"))
        pop = {k: float(w["folkmangd"].dropna().iloc[-1]) for k, w in wide.items() if w["folkmangd"].notna().any()}
    finally:
        st.close()
    return sorted(pop, key=lambda k: pop[k])[:n]


def _status(port: int) -> dict:
    import json

    c = Client(port)
    _, text, _ = c.request("GET", "/api/v1/status")
    c.close()
    return json.loads(text)["uppvarmning"]


def pages(port: int) -> dict:
    res: dict = {"cold": cold_pages(port)}
    codes = [k for k in _kommuner(port) if k != "1480"]
    cold = codes[1:21]
    warm = cold[:10]

    def loop(i):
        c = Client(port)
        lat, err = [], 0
        for j in range(40):
            s, _, dt = c.request("GET", f"/kommun/{warm[(i + j) % len(warm)]}")
            lat.append(dt)
            err += s != 200
        c.close()
        return lat, err

    out, wall = _together(50, loop)
    lat = [x for lt, _ in out for x in lt]
    res["warm"] = _stats(lat) | {"errors": sum(e for _, e in out), "rps": len(lat) / wall}
    return res


def logins(port: int) -> dict:
    stop = threading.Event()
    statuses: list[int] = []

    def wrong(i):
        c = Client(port)
        while not stop.is_set():
            s, html, _ = c.request("GET", "/insatser/logga-in")
            s, _, _ = c.request("POST", "/insatser/logga-in",
                                {"username": f"finns{i}", "password": "fel-lösenord-123", "csrf": _csrf(html)})
            statuses.append(s)
        c.close()

    threads = [threading.Thread(target=wrong, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    c = Client(port)
    lat = []
    for _ in range(200):
        s, _, dt = c.request("GET", "/static/app.css")
        lat.append(dt)
        time.sleep(0.005)
    c.close()
    stop.set()
    for t in threads:
        t.join()
    return {"static": _stats(lat), "logins": len(statuses), "login_5xx": sum(s >= 500 for s in statuses),
            "throttled": sum(s == 429 for s in statuses)}


def editors(port: int, store: Path, database_url: str, n: int, saves: int) -> dict:
    from lagesbild._config import resolve_settings
    from lagesbild.prevention import auth, registry
    from lagesbild.store import open_store

    settings = resolve_settings(config_file=None, env={}, store=str(store), database_url=database_url)
    st = open_store(store, settings=settings, read_only=True)
    tag = uuid.uuid4().hex[:6]
    users = [f"red{tag}{i}" for i in range(n)]
    for u in users:
        auth.create_user(st, u, PW, "redaktor", "bench")

    def work(i):
        c = Client(port)
        s, html, _ = c.request("GET", "/insatser/logga-in")
        s, _, _ = c.request("POST", "/insatser/logga-in", {"username": users[i], "password": PW, "csrf": _csrf(html)})
        statuses, lat, ins_id = [s], [], None
        for k in range(saves):
            if ins_id is None:
                s, html, _ = c.request("GET", "/insatser/ny")
                s, _, dt = c.request("POST", "/insatser/ny",
                                     {**FORM, "name": f"Bänkinsats {users[i]}", "csrf": _csrf(html)})
                if s == 303:
                    ins_id = c.location.rsplit("/", 1)[-1]
            else:
                s, html, _ = c.request("GET", f"/insatser/{ins_id}/andra")
                version = re.search(r'name="version" value="(\d+)"', html)
                s, _, dt = c.request("POST", f"/insatser/{ins_id}/andra",
                                     {**FORM, "name": f"Bänkinsats {users[i]} v{k + 1}", "csrf": _csrf(html),
                                      "version": version.group(1) if version else ""})
            statuses.append(s)
            lat.append(dt)
        c.close()
        return statuses, lat, ins_id

    out, wall = _together(n, work)
    statuses = [s for ss, _, _ in out for s in ss]
    lat = [x for _, lt, _ in out for x in lt]
    stored = 0
    for _, _, ins_id in out:
        if ins_id:
            stored += registry.get_record(st, ins_id)["version"]
    audit = registry.audit_log(st, kommun="1480", limit=10 ** 7)
    audit = audit[audit["who"].isin(users)]
    st.close()
    return {"saves": n * saves, "stored": stored, "audit": len(audit), "5xx": sum(s >= 500 for s in statuses),
            "not_ok": sum(s not in (200, 303) for s in statuses), "save": _stats(lat), "wall": wall,
            "rate": n * saves / wall}


def _postgres_database(admin_url: str) -> tuple[str, object]:
    """A fresh database on the server of ``admin_url``: (its URL, a function that drops it)."""
    import sqlalchemy as sa

    from lagesbild._config import Settings
    from lagesbild.store.operational import operational_url

    url = operational_url(Settings(database_url=admin_url))
    name = f"lagesbild_bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return sa.engine.make_url(url).set(database=name).render_as_string(hide_password=False), drop


def _store(source: str | None) -> Path:
    WORK.mkdir(parents=True, exist_ok=True)
    base = WORK / "base.duckdb"
    if source:
        shutil.copyfile(source, base)
    elif not base.exists():
        from lagesbild._config import resolve_settings
        from lagesbild.services.store import init_store

        init_store(resolve_settings(config_file=None, env={}, store=str(base)))
    return base


def _fresh(base: Path, name: str) -> Path:
    d = WORK / name
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir(parents=True)
    shutil.copyfile(base, d / "lagesbild.duckdb")
    return d / "lagesbild.duckdb"


def run(a) -> dict:
    base = _store(a.store)
    res: dict = {}
    # default settings: first visits the moment the server has started (during the warm-up)
    srv = Server(_fresh(base, "start"))
    try:
        res["cold_start"] = cold_pages(srv.port)
    finally:
        srv.stop()
    # default settings while the page warm-up runs: the 20 kommuner it reaches last
    path = _fresh(base, "during")
    smallest = _least_populous(path, 20)
    srv = Server(path)
    try:
        deadline = time.monotonic() + 300
        while (state := _status(srv.port))["klara"] < 1:
            if time.monotonic() > deadline:
                raise RuntimeError("the page warm-up did not start")
            time.sleep(0.05)
        res["cold_during"] = cold_pages(srv.port, smallest) | {"klara_before": state["klara"]}
        res["cold_during"]["klara_after"] = _status(srv.port)["klara"]
    finally:
        srv.stop()
    # pages on demand: only the shared tables warmed
    srv = Server(_fresh(base, "shared"), app_warmup_pages="0")
    try:
        res["warm_shared_s"] = srv.wait_warm()
        res["cold_shared"] = cold_pages(srv.port)
    finally:
        srv.stop()
    # default settings after the warm-up: every kommun page computed in the background
    srv = Server(_fresh(base, "pages"))
    try:
        res["warm_pages_s"] = srv.wait_warm()
        res |= pages(srv.port)
        res["logins"] = logins(srv.port)
    finally:
        srv.stop()
    # editors on a server of their own: the wrong-password burst above has (rightly) throttled
    # logins from 127.0.0.1 on the first one
    path = _fresh(base, "sqlite")
    srv = Server(path)
    try:
        res["sqlite"] = editors(srv.port, path, "", a.editors, a.saves)
    finally:
        srv.stop()
    if a.postgres_url:
        url, drop = _postgres_database(a.postgres_url)
        path = _fresh(base, "postgres")
        srv = Server(path, url)
        try:
            res["postgresql"] = editors(srv.port, path, url, a.editors, a.saves)
        finally:
            srv.stop()
            drop()
    return res


def _ms(x: float) -> str:
    return f"{1000 * x:.0f}".replace(".", ",")


def markdown(res: dict, a) -> str:
    ok = lambda b: "ja" if b else "**nej**"  # noqa: E731
    lines = [SECTION, "",
             f"Machine: {platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} cores; "
             f"command: `.venv/bin/python bench/bench_concurrency.py --write"
             f"{' --postgres-url …' if a.postgres_url else ''}`. `lagesbild serve` (one uvicorn worker, "
             "its thread pool for blocking work) on 127.0.0.1 on a store built from the bundled data; "
             "clients are Python threads with keep-alive connections on the same machine.", "",
             "| Case | Requests | p50 (ms) | p95 (ms) | max (ms) | Target | Met |", "|---|---|---|---|---|---|---|"]
    c, w, s = res["cold"], res["warm"], res["logins"]["static"]
    cs, cd, ch = res["cold_start"], res["cold_during"], res["cold_shared"]
    lines += [
        f"| 20 clients, each a different kommun page no one has visited, default settings, after the "
        f"warm-up ({res['warm_pages_s']:.0f} s after the start) | {c['n']} | {_ms(c['p50'])} | {_ms(c['p95'])} | "
        f"{_ms(c['max'])} | p95 ≤ 1 000 ms, no errors | {ok(c['p95'] <= 1.0 and not c['errors'])} |",
        f"| the same the moment the server has started (during the warm-up) | {cs['n']} | {_ms(cs['p50'])} | "
        f"{_ms(cs['p95'])} | {_ms(cs['max'])} | p95 ≤ 1 000 ms, no errors | "
        f"{ok(cs['p95'] <= 1.0 and not cs['errors'])} |",
        f"| the same while the page warm-up runs ({cd['klara_before']}–{cd['klara_after']} of 290 pages done "
        f"during the burst), asking for the 20 least populous kommuner, which it reaches last | {cd['n']} | "
        f"{_ms(cd['p50'])} | {_ms(cd['p95'])} | {_ms(cd['max'])} | p95 ≤ 1 000 ms, no errors | "
        f"{ok(cd['p95'] <= 1.0 and not cd['errors'])} |",
        f"| the same with `app_warmup_pages=false` (pages on demand) after the shared tables' warm-up "
        f"({res['warm_shared_s']:.1f} s) | {ch['n']} | {_ms(ch['p50'])} | {_ms(ch['p95'])} | {_ms(ch['max'])} | "
        f"p95 ≤ 1 000 ms, no errors | {ok(ch['p95'] <= 1.0 and not ch['errors'])} |",
        f"| 50 clients × 40 warm kommun pages | {w['n']} | {_ms(w['p50'])} | {_ms(w['p95'])} | {_ms(w['max'])} | "
        f"p95 ≤ 150 ms, no errors | {ok(w['p95'] <= 0.15 and not w['errors'])} |",
        f"| `/static/app.css` during 10 concurrent wrong-password logins ({res['logins']['logins']} logins, "
        f"{res['logins']['throttled']} of them throttled, {res['logins']['login_5xx']} × 5xx) | "
        f"{s['n']} | {_ms(s['p50'])} | {_ms(s['p95'])} | {_ms(s['max'])} | p95 ≤ 50 ms | {ok(s['p95'] <= 0.05)} |",
    ]
    for db in ("sqlite", "postgresql"):
        if db not in res:
            continue
        e = res[db]
        good = e["stored"] == e["saves"] and e["audit"] == e["saves"] and not e["5xx"] and not e["not_ok"]
        lines.append(
            f"| {a.editors} editors × {a.saves} saves through the web forms, {db} | {e['save']['n']} | "
            f"{_ms(e['save']['p50'])} | {_ms(e['save']['p95'])} | {_ms(e['save']['max'])} | every save stored, "
            f"audit complete, 0 × 5xx | {ok(good)}: {e['stored']}/{e['saves']} stored, {e['audit']} audit rows, "
            f"{e['5xx']} × 5xx, {e['not_ok']} other answers than 200/303, {e['rate']:.0f} saves/s |")
    lines += ["", f"Warm pages: {w['rps']:.0f} requests/s. First visits: all 20 done after {c['wall']:.2f} s "
              f"(after the warm-up), {cs['wall']:.2f} s (at the start), {cd['wall']:.2f} s (during the page warm-up), "
              f"{ch['wall']:.2f} s (pages on demand).", ""]
    return "\n".join(lines)


def _write(section: str) -> None:
    path = HERE / "RESULTS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n\n"
    if SECTION in text:
        head, rest = text.split(SECTION, 1)
        nxt = rest.find("\n## ")
        tail = rest[nxt + 1:] if nxt >= 0 else ""
        text = head + section + ("\n" + tail if tail else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--editors", type=int, default=20)
    ap.add_argument("--saves", type=int, default=50)
    ap.add_argument("--postgres-url", default=os.environ.get("LAGESBILD_TEST_POSTGRES_URL", ""))
    ap.add_argument("--store", default=None, help="A store file to copy (default: built from the bundled data).")
    ap.add_argument("--write", action="store_true")
    a = ap.parse_args()
    res = run(a)
    md = markdown(res, a)
    print(md)
    if a.write:
        _write(md)
    good = res["cold"]["p95"] <= 1.0 and res["warm"]["p95"] <= 0.15 and res["logins"]["static"]["p95"] <= 0.05
    for db in ("sqlite", "postgresql"):
        if db in res:
            e = res[db]
            good &= e["stored"] == e["saves"] == e["audit"] and not e["5xx"]
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
