"""SCB's WFS on the replay server: recorded GetFeature answers for Karlstad (1780).

``install(replay)`` adds the route ``/geo/wfs`` to the session's replay server. It answers
``GetFeature`` for ``stat:DeSO_2025`` and ``stat:RegSO_2025`` from the recorded real answers
(``data/geo/geo_deso.json``, ``geo_regso.json``: 57 DeSO and 31 RegSO of Karlstad, EPSG:4326),
honouring ``count``/``startIndex`` paging (``numberMatched``/``numberReturned`` set as GeoServer
does) and the ``CQL_FILTER`` ``kommunkod='1780'``. Any other filter (another kommun, a län, the
whole country) is a 400 "not recorded", never an invented
empty answer. The features' geometries and properties are served unchanged.

``replay.extra_wfs`` may hold a replacement document per layer for one test (another CRS, a
broken geometry); tests that do so say it is an edited copy of the recording.
"""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "geo"
FILES = {"stat:DeSO_2025": "geo_deso.json", "stat:RegSO_2025": "geo_regso.json"}


def load(layer: str) -> dict:
    return json.loads((DATA / FILES[layer]).read_text(encoding="utf-8-sig"))


def _answer(replay, query: dict) -> tuple[int, object]:
    layer = query.get("typeNames") or query.get("typeName") or ""
    if query.get("request") != "GetFeature" or layer not in FILES:
        return 400, {"error": f"not recorded: {query.get('request')} {layer}"}
    doc = (getattr(replay, "extra_wfs", {}) or {}).get(layer) or load(layer)
    cql = query.get("CQL_FILTER", "")
    if cql != "kommunkod='1780'":
        return 400, {"error": f"not recorded: filter {cql!r} (only kommunkod='1780' is recorded)"}
    feats = sorted(doc["features"], key=lambda f: f["properties"].get("objectid", 0))
    start = int(query.get("startIndex", 0))
    count = int(query.get("count", len(feats)))
    page = feats[start:start + count]
    out = {k: v for k, v in doc.items() if k != "features"}
    out.update(features=page, numberMatched=len(feats), numberReturned=len(page), totalFeatures=len(feats))
    return 200, out


def install(replay) -> None:
    """Route ``/geo/wfs`` on ``replay`` (idempotent)."""
    if getattr(replay, "_wfs_installed", False):
        return
    original = replay.route

    def route(method, path, query, body, base):
        if path.rstrip("/") == "/geo/wfs" and path not in replay.extra:
            return _answer(replay, query)
        return original(method, path, query, body, base)

    replay.route = route
    replay.extra_wfs = {}
    replay._wfs_installed = True
