"""A replay server on 127.0.0.1 that serves recorded *real* SCB and Kolada responses.

Routes (one server, three prefixes):

* ``/scb/v2/...``  PxWebApi 2.0. ``/config``, ``/tables`` (query ``befolkning``: the recorded
  search; no query: the recorded first page of the table list; any other query: the recorded
  table entries whose label contains every word), ``/tables/TAB6471/metadata`` and
  ``/codelists/agg_Ålder10årJ`` are replayed byte for byte. ``POST /tables/{id}/data``
  answers from the recorded JSON-stat2 data responses of that table: the requested cells are
  cut out of the recording (values and status symbols unchanged), so a request split in
  chunks and one big request see the same real values. A cell that was never recorded is a
  400 ("not recorded"), never an invented value. Metadata for the tables without a recorded
  metadata response is the recording's own dimensions.
* ``/scb/v1/<path>``  PxWeb v1: ``GET`` gives the variables of the recorded ``json`` response,
  ``POST`` a ``query`` answers with the recorded rows that match its ``item`` filters.
* ``/skolverket/v4/...``  Skolverket's Planned Educations API v4: the recorded responses in
  ``data/skolverket`` (``manifest.json``: path, query, file), matched on the path and the
  ``page`` and area parameters; anything not recorded is a 404 ("not recorded").
* ``/kolada/v3/...``  ``/data/kpi/…/municipality/…[/year/…]`` from the recorded raw v3
  responses, paged by ``per_page``/``page`` with ``next_url``; ``/kpi``, ``/municipality`` and
  ``/municipality_groups`` from rKolada's cached catalogue (converted to the v3 shape).

Fault injection: ``replay.fault("TAB6586/data", "429", "drop")`` makes the next matching
requests fail in that order. Kinds: ``429`` (Retry-After: 1), ``503``, ``403`` (too many
cells), ``403rate`` (with Retry-After), ``drop`` (connection closed mid-body), ``truncate``
(half a JSON document, complete HTTP message), ``ctype`` (text/plain), ``slow`` (answers after
``replay.slow_s`` seconds), ``html`` (an HTML error page with status 200), ``html502``.
"""

from __future__ import annotations

import itertools
import json
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"

V2_EXACT = {  # path → recorded file (byte for byte)
    "/config": "scb/config.json",
    "/tables/TAB6471/metadata": "scb/TAB6471_metadata.json",
    "/codelists/agg_Ålder10årJ": "scb/agg_Alder10arJ.json",
}
V2_DATA = {  # table id → recorded JSON-stat2 data responses of that table
    "TAB6471": ["scb/TAB6471_data.json"],
    "TAB6586": ["scb/regso_socioek.json"],
    "TAB6574": ["scb/omraden_befolkning.json", "scb/folkmangd_alder.json"],
    "TAB5663": ["scb/arbetsmarknad.json"],
}
# The recorded v1 responses do not say which path they answered; these are routing keys.
V1_DATA = {
    "BE/BE0101/BE0101Y/FolkmDesoAldKon": "scb_v1/kalmar_age_gender_population.json",
    "HE/HE0110/HE0110I/Tab2InkDesoRegso": "scb_v1/gender-district-income-vaxjo.json",
}
KOLADA_DATA = ["kolada/kolada_behorighet.json", "kolada/kolada_gymnasieexamen.json"]


def _load(rel: str):
    return json.loads((DATA / rel).read_text(encoding="utf-8-sig"))


class Recording:
    """All recorded cells of one table, merged over its recorded responses."""

    def __init__(self, docs: list[dict]) -> None:
        self.template = docs[0]
        self.dims = list(docs[0]["id"])
        self.cats: dict[str, list[str]] = {d: [] for d in self.dims}
        self.labels: dict[str, dict[str, str]] = {d: {} for d in self.dims}
        self.cells: dict[tuple, tuple] = {}
        for doc in docs:
            assert list(doc["id"]) == self.dims
            codes = []
            for d in self.dims:
                cat = doc["dimension"][d]["category"]
                order = sorted(cat["index"].items(), key=lambda kv: kv[1])
                cs = [c for c, _ in order]
                codes.append(cs)
                for c in cs:
                    if c not in self.labels[d]:
                        self.cats[d].append(c)
                        self.labels[d][c] = cat["label"].get(c, c)
            status = doc.get("status") or {}
            for i, key in enumerate(itertools.product(*codes)):
                st = status.get(str(i)) if isinstance(status, dict) else (status[i] if status else None)
                self.cells[key] = (doc["value"][i], st)

    def _doc(self, cats: dict[str, list[str]], values, status) -> dict:
        doc = {k: v for k, v in self.template.items() if k not in ("value", "status", "dimension", "size", "id")}
        doc["id"] = self.dims
        doc["size"] = [len(cats[d]) for d in self.dims]
        doc["dimension"] = {}
        for d in self.dims:
            src = self.template["dimension"][d]
            cat = {"index": {c: i for i, c in enumerate(cats[d])},
                   "label": {c: self.labels[d][c] for c in cats[d]}}
            if "unit" in src["category"]:
                cat["unit"] = {c: u for c, u in src["category"]["unit"].items() if c in cats[d]}
            doc["dimension"][d] = {**{k: v for k, v in src.items() if k != "category"}, "category": cat}
        doc["value"] = values
        if status:
            doc["status"] = status
        return doc

    def metadata(self) -> dict:
        return self._doc(self.cats, None, None)

    def data(self, selection: dict[str, list[str]]) -> tuple[int, dict]:
        cats = {}
        for d in self.dims:
            if d in selection:
                want = set(selection[d])
                unknown = want - set(self.cats[d])
                if unknown:
                    return 400, {"title": "Bad Request", "detail": f"Unknown value(s) {sorted(unknown)[:3]} for {d}"}
                cats[d] = [c for c in self.cats[d] if c in want]
            elif len(self.cats[d]) == 1:
                cats[d] = list(self.cats[d])
            else:
                return 400, {"title": "Bad Request", "detail": f"No selection for variable {d}"}
        values, status = [], {}
        for i, key in enumerate(itertools.product(*(cats[d] for d in self.dims))):
            if key not in self.cells:
                return 400, {"title": "Bad Request", "detail": f"cell {key} not recorded (replay server)"}
            v, st = self.cells[key]
            values.append(v)
            if st:
                status[str(i)] = st
        return 200, self._doc(cats, values, status)


class Replay:
    def __init__(self) -> None:
        self.tables = {t: Recording([_load(f) for f in files]) for t, files in V2_DATA.items()}
        self.v1 = {p: _load(f) for p, f in V1_DATA.items()}
        self.kolada = [r for f in KOLADA_DATA for r in _load(f)["values"]]
        listing = _load("scb/tables.json")["tables"] + _load("scb/search.json")["tables"]
        self.listing = list({t["id"]: t for t in listing}.values())
        self.faults: list[tuple[str, str]] = []
        self.log: list[dict] = []
        self.extra: dict[str, tuple[int, object]] = {}
        self.v2_down: set[str] = set()
        self.slow_s = 1.0
        self._lock = threading.Lock()
        self._kolada_meta = None

    # ------------------------------------------------------------- control
    def fault(self, pattern: str, *kinds: str) -> None:
        with self._lock:
            self.faults += [(pattern, k) for k in kinds]

    def reset(self) -> None:
        with self._lock:
            self.faults.clear()
            self.log.clear()
            self.extra.clear()
            self.v2_down.clear()

    def take_fault(self, path: str) -> str | None:
        with self._lock:
            for i, (pat, kind) in enumerate(self.faults):
                if pat in path:
                    del self.faults[i]
                    return kind
        return None

    def requests(self, contains: str = "", method: str | None = None) -> list[dict]:
        return [r for r in self.log if contains in r["path"] and (method is None or r["method"] == method)]

    # ------------------------------------------------------------- kolada metadata (converted)
    def kolada_meta(self):
        if self._kolada_meta is None:
            import pandas as pd

            kpi = pd.read_parquet(DATA / "kolada/kpi_df.parquet")
            kpi = kpi.astype(object).where(kpi.notna(), None)
            munic = pd.read_csv(DATA / "kolada/munic.csv", dtype=str)
            groups = pd.read_parquet(DATA / "kolada/munic_g_long.parquet")
            glist = [{"id": gid, "title": g["group_title"].iloc[0],
                      "members": [{"id": m, "title": t} for m, t in zip(g["member_id"], g["member_title"])]}
                     for gid, g in groups.groupby("group_id", sort=False)]
            self._kolada_meta = (kpi.to_dict("records"), munic.to_dict("records"), glist)
        return self._kolada_meta

    # ------------------------------------------------------------- routing
    def route(self, method: str, path: str, query: dict, body, base: str) -> tuple[int, object]:
        if path in self.extra:
            return self.extra[path]
        if path.startswith("/scb/v2"):
            return self.scb_v2(method, path[len("/scb/v2"):], query, body)
        if path.startswith("/scb/v1/"):
            return self.scb_v1(method, path[len("/scb/v1/"):], body)
        if path.startswith("/kolada/v3/"):
            return self.kolada_route(path[len("/kolada/v3/"):], query, base + "/kolada/v3/")
        if path.startswith("/skolverket/v4/"):
            return self.skolverket_route(path[len("/skolverket/v4/"):], query)
        return 404, {"title": "Not Found"}

    def skolverket_route(self, path, query):
        keys = ("page", "geographicalAreaCode", "municipalityCode")
        want = (path.strip("/"), *(str(query.get(k, "")) for k in keys))
        for e in _load("skolverket/manifest.json"):
            if (e["path"], *(str(e["params"].get(k, "")) for k in keys)) == want:
                return 200, (DATA / "skolverket" / e["file"]).read_bytes()
        return 404, {"status": "NOT_FOUND", "message": f"{path} {query} not recorded (replay server)", "body": None}

    def scb_v2(self, method, path, query, body):
        if path in V2_EXACT:
            return 200, (DATA / V2_EXACT[path]).read_bytes()
        if path.rstrip("/") == "/tables":
            q = (query.get("query") or "").strip()
            if not q:
                return 200, (DATA / "scb/tables.json").read_bytes()
            if q.lower() == "befolkning":
                return 200, (DATA / "scb/search.json").read_bytes()
            words = q.lower().split()
            hits = [t for t in self.listing if all(w in t["label"].lower() for w in words)]
            return 200, {"language": "sv", "tables": hits,
                         "page": {"pageNumber": 1, "pageSize": 100, "totalElements": len(hits), "totalPages": 1},
                         "links": []}
        parts = path.strip("/").split("/")
        if len(parts) >= 2 and parts[0] == "tables":
            tid = parts[1]
            if tid in self.v2_down:
                return 503, {"title": "Service Unavailable"}
            rec = self.tables.get(tid)
            if rec is None:
                return 404, {"type": "https://tools.ietf.org/html/rfc9110#section-15.5.5", "title": "Not Found",
                             "status": 404, "detail": f"Table {tid} not found"}
            if len(parts) == 2:
                t = rec.template
                tcodes = rec.cats[rec.dims[-1]]
                return 200, {"id": tid, "label": t.get("label"), "updated": t.get("updated"),
                             "firstPeriod": tcodes[0], "lastPeriod": tcodes[-1], "discontinued": False}
            if parts[2] == "metadata":
                return 200, rec.metadata()
            if parts[2] == "data" and method == "POST":
                sel = {s["variableCode"]: s["valueCodes"] for s in (body or {}).get("selection", [])}
                return rec.data(sel)
        return 404, {"title": "Not Found"}

    def scb_v1(self, method, path, body):
        doc = self.v1.get(urllib.parse.unquote(path))
        if doc is None:
            return 404, {"error": "not found"}
        cols = doc["columns"]
        keys = [c for c in cols if c["type"] in ("d", "t")]
        contents = [c for c in cols if c["type"] == "c"]
        if method == "GET":
            variables = []
            for i, c in enumerate(keys):
                vals = list(dict.fromkeys(r["key"][i] for r in doc["data"]))
                variables.append({"code": c["code"], "text": c["text"], "values": vals, "valueTexts": vals,
                                  **({"time": True} if c["type"] == "t" else {})})
            variables.append({"code": "ContentsCode", "text": "tabellinnehåll",
                              "values": [c["code"] for c in contents], "valueTexts": [c["text"] for c in contents]})
            return 200, {"title": doc["metadata"][0]["label"] if doc.get("metadata") else path,
                         "variables": variables}
        flt = {q["code"]: set(q["selection"]["values"]) for q in (body or {}).get("query", [])}
        idx = [i for i, c in enumerate(contents) if "ContentsCode" not in flt or c["code"] in flt["ContentsCode"]]
        rows = []
        for r in doc["data"]:
            if all(k["code"] not in flt or r["key"][i] in flt[k["code"]] for i, k in enumerate(keys)):
                rows.append({"key": r["key"], "values": [r["values"][i] for i in idx]})
        return 200, {"columns": keys + [contents[i] for i in idx], "comments": doc.get("comments", []),
                     "data": rows, "metadata": doc.get("metadata", [])}

    def kolada_route(self, path, query, base):
        per_page = int(query.get("per_page", 5000))
        page = int(query.get("page", 1))
        parts = path.strip("/").split("/")
        if parts[0] == "data" and len(parts) >= 5 and parts[1] == "kpi" and parts[3] == "municipality":
            kpis, munis = set(parts[2].split(",")), set(parts[4].split(","))
            years = set(int(y) for y in parts[6].split(",")) if len(parts) >= 7 and parts[5] == "year" else None
            recs = [r for r in self.kolada if r["kpi"] in kpis and r["municipality"] in munis
                    and (years is None or r["period"] in years)]
        elif parts[0] == "kpi":
            kpi, _, _ = self.kolada_meta()
            recs = kpi
            if len(parts) > 1:
                ids = set(parts[1].split(","))
                recs = [r for r in kpi if r["id"] in ids]
            elif query.get("title"):
                recs = [r for r in kpi if query["title"].lower() in str(r["title"]).lower()]
        elif parts[0] == "municipality":
            _, munic, _ = self.kolada_meta()
            recs = [m for m in munic if (not query.get("title") or query["title"].lower() in m["title"].lower())
                    and (not query.get("type") or m["type"] == query["type"])]
        elif parts[0] == "municipality_groups":
            recs = self.kolada_meta()[2]
        else:
            return 404, {"error": "not found"}
        chunk = recs[(page - 1) * per_page: page * per_page]
        q = {k: v for k, v in query.items() if k != "page"}
        nxt = (base + path + "?" + urllib.parse.urlencode({**q, "page": page + 1})
               if page * per_page < len(recs) else None)
        prev = base + path + "?" + urllib.parse.urlencode({**q, "page": page - 1}) if page > 1 else None
        return 200, {"values": chunk, "count": len(chunk), "next_url": nxt, "previous_url": prev}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    replay: Replay

    def log_message(self, *args):  # quiet
        pass

    def _handle(self, method: str) -> None:
        url = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(url.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        n = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(n) if n else b""
        body = json.loads(raw) if raw else None
        rp = self.replay
        rp.log.append({"method": method, "path": path, "query": query, "body": body})
        kind = rp.take_fault(path)
        base = f"http://{self.headers.get('Host')}"
        if kind == "slow":
            time.sleep(rp.slow_s)
        status, payload = rp.route(method, path, query, body, base)
        data = payload if isinstance(payload, bytes) else json.dumps(payload, ensure_ascii=False).encode("utf-8")
        ctype = "application/json; charset=UTF-8"
        headers = {}
        if kind in ("429", "503", "403", "403rate"):
            status = {"429": 429, "503": 503, "403": 403, "403rate": 403}[kind]
            data = json.dumps({"title": f"fault {kind}", "status": status}).encode()
            if kind in ("429", "403rate"):
                headers["Retry-After"] = "1"
        elif kind == "truncate":
            data = data[: max(1, len(data) // 2)]
        elif kind == "ctype":
            ctype = "text/plain"
        elif kind in ("html", "html502"):
            status = 200 if kind == "html" else 502
            ctype = "text/html"
            data = b"<html><head><title>502 Bad Gateway</title></head><body>proxy error</body></html>"
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            if kind == "drop":
                self.wfile.write(data[: len(data) // 2])
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def do_GET(self):
        self._handle("GET")

    def do_POST(self):
        self._handle("POST")


@pytest.fixture(scope="session")
def replay_server():
    replay = Replay()
    handler = type("H", (_Handler,), {"replay": replay})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    replay.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield replay
    server.shutdown()
    server.server_close()


@pytest.fixture
def replay(replay_server):
    replay_server.reset()
    yield replay_server
    replay_server.reset()


class FakeClock:
    """Injected sleep/clock: sleeps advance the clock instead of waiting."""

    def __init__(self) -> None:
        self.t = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.t

    def sleep(self, s: float) -> None:
        self.slept.append(s)
        self.t += s


@pytest.fixture
def fake_clock():
    return FakeClock()


@pytest.fixture
def make_http(replay, tmp_path, fake_clock):
    """Factory: an HttpClient on the replay server (prefix 'scb/v2', 'scb/v1' or 'kolada/v3')."""
    from lagesbild.sources.cache import ResponseCache
    from lagesbild.sources.http import HttpClient

    made = []

    def make(prefix: str = "scb/v2", **kw):
        opts = {"name": "SCB" if prefix.startswith("scb") else "Kolada",
                "cache": ResponseCache(tmp_path / "cache"), "timeout": 5.0, "retries": 3,
                "backoff_s": 0.01, "max_backoff_s": 0.05, "sleep": fake_clock.sleep, "clock": fake_clock.clock,
                "calls_per_window": 1000, "window_s": 1.0}
        opts.update(kw)
        client = HttpClient(f"{replay.base}/{prefix}", **opts)
        made.append(client)
        return client

    yield make
    for c in made:
        c.close()
