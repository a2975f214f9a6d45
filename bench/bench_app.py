"""Web app benchmark (issue 7): kommun page and map GeoJSON under 20 concurrent clients.

Run:  .venv/bin/python bench/bench_app.py [--write] [--clients 20] [--requests 100]

Starts ``lagesbild serve`` (a subprocess, one uvicorn worker) on a free port of 127.0.0.1 on a
store built from the bundled data, times the first (cold) requests, warms up, then lets
``--clients`` threads with keep-alive connections send ``--requests`` requests each, half to
the Göteborg kommun page and half to the Göteborg RegSO GeoJSON (gzip accepted, as browsers
do). Prints a Markdown section; ``--write`` replaces the section "## Web app (issue 7)" in
bench/RESULTS.md. Targets: p95 ≤ 200 ms and zero errors; RegSO map payload ≤ 500 KB.
"""

from __future__ import annotations

import argparse
import http.client
import platform
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / "_work" / "app"
SECTION = "## Web app (issue 7)"
KOMMUN = "/kommun/1480?year=2023"
GEOJSON = "/api/v1/geometries/1480?level=regso"


def _store() -> Path:
    from lagesbild._config import resolve_settings
    from lagesbild.services.store import init_store

    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / "lagesbild.duckdb"
    init_store(resolve_settings(config_file=None, env={}, store=str(path)))
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(conn, path, gzip=True):
    t = time.perf_counter()
    conn.request("GET", path, headers={"Accept-Encoding": "gzip" if gzip else "identity"})
    r = conn.getresponse()
    body = r.read()
    return r.status, body, time.perf_counter() - t


def _pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def run(clients: int, requests: int) -> dict:
    store = _store()
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "lagesbild.cli", "--store", str(store), "serve",
                             "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(300):
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                c.request("GET", "/static/app.css")
                c.getresponse().read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("server did not start: " + proc.stderr.read().decode()[-2000:])
        res = {}
        s, body, res["cold_kommun_s"] = _get(c, KOMMUN)
        assert s == 200, s
        s, body, res["cold_geojson_s"] = _get(c, GEOJSON, gzip=False)
        assert s == 200, s
        res["payload_bytes"] = len(body)
        s, gz, _ = _get(c, GEOJSON)
        res["payload_gzip_bytes"] = len(gz)
        for _ in range(5):
            _get(c, KOMMUN)
            _get(c, GEOJSON)
        c.close()
        lat = {KOMMUN: [], GEOJSON: []}
        errors = []
        lock = threading.Lock()
        start = threading.Barrier(clients)

        def client(i):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            start.wait()
            mine = {KOMMUN: [], GEOJSON: []}
            for j in range(requests):
                path = KOMMUN if (i + j) % 2 == 0 else GEOJSON
                try:
                    s, _, dt = _get(conn, path)
                    if s != 200:
                        errors.append(f"{path}: {s}")
                    mine[path].append(dt)
                except Exception as exc:  # counted, not raised
                    errors.append(f"{path}: {type(exc).__name__}")
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.close()
            with lock:
                for k in lat:
                    lat[k] += mine[k]

        t0 = time.perf_counter()
        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        res["wall_s"] = time.perf_counter() - t0
        res["errors"] = errors
        res["lat"] = {k: {"n": len(v), "p50": _pct(v, 0.5), "p95": _pct(v, 0.95), "max": max(v)}
                      for k, v in lat.items()}
        res["rps"] = sum(len(v) for v in lat.values()) / res["wall_s"]
        return res
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def markdown(res: dict, clients: int, requests: int) -> str:
    import os

    ok = lambda b: "ja" if b else "**nej**"  # noqa: E731
    lines = [SECTION, "",
             f"Machine: {platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} cores "
             f"(shared); command: `.venv/bin/python bench/bench_app.py --write`. `lagesbild serve` "
             f"(one uvicorn worker) on 127.0.0.1; {clients} concurrent clients with keep-alive, "
             f"{requests} requests each, alternating the two URLs; gzip accepted as browsers do. "
             "Measured after the first (cold) requests and a short warm-up: the app caches service "
             "results, rendered pages (per URL and language) and serialised GeoJSON (per kommun and "
             "level) in memory; the store is read-only while served.", "",
             "| Case | Requests | p50 (ms) | p95 (ms) | max (ms) | Target | Met |",
             "|---|---|---|---|---|---|---|"]
    for path, name in ((KOMMUN, "Kommun page Göteborg 2023 (HTML)"),
                       (GEOJSON, "Map GeoJSON Göteborg RegSO (gzip)")):
        s = res["lat"][path]
        lines.append(f"| {name} `{path}` | {s['n']} | {1000 * s['p50']:.1f} | {1000 * s['p95']:.1f} | "
                     f"{1000 * s['max']:.1f} | p95 ≤ 200 ms | {ok(s['p95'] <= 0.2)} |")
    lines += [
        f"| Errors | {sum(v['n'] for v in res['lat'].values())} | — | — | — | 0 | "
        f"{ok(not res['errors'])} ({len(res['errors'])}) |",
        f"| Göteborg RegSO map payload (GeoJSON, EPSG:4326, 5 decimals) | — | — | — | — | ≤ 500 KB | "
        f"{ok(res['payload_bytes'] <= 500_000)}: {res['payload_bytes'] / 1000:.0f} KB "
        f"({res['payload_gzip_bytes'] / 1000:.0f} KB gzip) |", "",
        f"Throughput {res['rps']:.0f} requests/s. Cold (first request after start, nothing cached): "
        f"kommun page {res['cold_kommun_s']:.2f} s (the lägesbild services compute the profile, "
        f"national comparisons and bootstrap intervals), GeoJSON {1000 * res['cold_geojson_s']:.0f} ms.",
        ""]
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
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=100)
    ap.add_argument("--write", action="store_true")
    a = ap.parse_args()
    res = run(a.clients, a.requests)
    md = markdown(res, a.clients, a.requests)
    print(md)
    if a.write:
        _write(md)
    ok = not res["errors"] and all(v["p95"] <= 0.2 for v in res["lat"].values()) \
        and res["payload_bytes"] <= 500_000
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
