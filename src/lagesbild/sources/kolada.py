"""Kolada (RKA) API v3 client: KPI catalogue, municipalities and groups, data, OU data.

Paging follows ``next_url`` (the recorded v3 responses) or ``next_page`` (named by other
clients), whichever is present and non-null (docs/sources.md). Data requests are batched at
``batch`` municipalities per call. Values with ``isdeleted = true`` are dropped and counted.
Output is the long table ``kpi, geo_id, geo_type, year, gender, value, status, count``
(``geo_type`` ∈ K, L, riket, ou); ``T`` = total, ``K`` = kvinnor, ``M`` = män.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lagesbild.errors import DataSourceError, InputError, KpiTitleMismatchError, NotFoundError
from lagesbild.sources.http import HttpClient, HttpError, Response

__all__ = ["KoladaClient", "KoladaData", "check_kpi_titles", "DATA_COLUMNS"]

DATA_COLUMNS = ["kpi", "geo_id", "geo_type", "year", "gender", "value", "status", "count"]
_KPI_RE = re.compile(r"^[A-Z]\d{5}$")
_MUNI_RE = re.compile(r"^\d{4}$")


@dataclass
class KoladaData:
    frame: Any  # pandas.DataFrame with DATA_COLUMNS
    responses: list[Response] = field(default_factory=list)
    deleted: int = 0


def _geo_type(mid: str) -> str:
    if mid == "0000":
        return "riket"
    return "L" if mid.startswith("00") else "K"


def _check_ids(ids: list[str], pattern: re.Pattern, what_sv: str, what_en: str, example: str) -> list[str]:
    out = [str(i).strip() for i in ids]
    bad = [i for i in out if not pattern.match(i)]
    if bad:
        raise InputError(f"Ogiltigt {what_sv} {bad[0]!r} (förväntade t.ex. {example}).",
                         f"Invalid {what_en} {bad[0]!r} (expected e.g. {example}).")
    return out


class KoladaClient:
    """Kolada v3.

    Parameters
    ----------
    http : HttpClient
        Bound to ``https://api.kolada.se/v3``.
    per_page : int
        Records per page (``per_page``).
    batch : int
        Municipalities per data request (≤ 20 recommended).
    """

    def __init__(self, http: HttpClient, *, per_page: int = 5000, batch: int = 20) -> None:
        self.http = http
        self.per_page = int(per_page)
        self.batch = int(batch)

    # ------------------------------------------------------------------ paging
    def _pages(self, path: str, params: dict | None = None) -> tuple[list[dict], list[Response]]:
        values: list[dict] = []
        responses: list[Response] = []
        url: str | None = path
        query: dict | None = {"per_page": self.per_page, **(params or {})}
        seen = set()
        while url:
            try:
                resp = self.http.get_json(url, query)
            except HttpError as exc:
                if exc.status == 404:
                    raise NotFoundError(f"Kolada: {path} finns inte ({exc.detail}).",
                                        f"Kolada: {path} does not exist ({exc.detail}).") from None
                raise
            data = resp.data
            if not isinstance(data, dict) or not isinstance(data.get("values"), list):
                raise DataSourceError(f"Kolada: oväntat svar på {resp.url} (nyckeln 'values' saknas).",
                                      f"Kolada: unexpected response to {resp.url} (no 'values' key).")
            responses.append(resp)
            values += data["values"]
            nxt = data.get("next_url") or data.get("next_page")
            if nxt in seen:
                raise DataSourceError(f"Kolada: sidan {nxt} pekar på sig själv.",
                                      f"Kolada: the page {nxt} points to itself.")
            if nxt:
                seen.add(nxt)
            url, query = (nxt, None) if nxt else (None, None)
        return values, responses

    # ------------------------------------------------------------------ metadata
    def kpis(self, title: str | None = None, ids: list[str] | None = None):
        """The KPI catalogue (or a search by title, or given ids) as a DataFrame."""
        import pandas as pd

        if ids:
            ids = _check_ids(ids, _KPI_RE, "KPI-id", "KPI id", "N15428")
            vals, _ = self._pages(f"kpi/{','.join(ids)}")
        else:
            vals, _ = self._pages("kpi", {"title": title} if title else None)
        return pd.DataFrame(vals)

    def municipalities(self, title: str | None = None, kind: str | None = None):
        """Kommuner (type K), regions (L) and Riket (0000)."""
        import pandas as pd

        params = {k: v for k, v in (("title", title), ("type", kind)) if v}
        vals, _ = self._pages("municipality", params or None)
        return pd.DataFrame(vals, columns=["id", "title", "type"]) if not vals else pd.DataFrame(vals)

    def municipality_groups(self, title: str | None = None):
        """Municipality groups in long form: ``group_id, group_title, member_id, member_title``."""
        import pandas as pd

        vals, _ = self._pages("municipality_groups", {"title": title} if title else None)
        rows = [(g.get("id"), g.get("title"), m.get("id"), m.get("title"))
                for g in vals for m in g.get("members", [])]
        return pd.DataFrame(rows, columns=["group_id", "group_title", "member_id", "member_title"])

    def ous(self, municipality: str | None = None, title: str | None = None):
        """Organisational units (e.g. skolenheter): ``id, municipality, title``."""
        import pandas as pd

        params = {k: v for k, v in (("municipality", municipality), ("title", title)) if v}
        vals, _ = self._pages("ou", params or None)
        return pd.DataFrame(vals, columns=["id", "municipality", "title"]) if not vals else pd.DataFrame(vals)

    # ------------------------------------------------------------------ data
    def data(self, kpis: list[str], municipalities: list[str], years: list[int] | None = None) -> KoladaData:
        """Values for KPIs × municipalities (× years), batched and paged."""
        kpis = _check_ids(kpis, _KPI_RE, "KPI-id", "KPI id", "N15428")
        munis = _check_ids(municipalities, _MUNI_RE, "kommun-id", "municipality id", "1480 eller 0000")
        frames, responses, deleted = [], [], 0
        for i in range(0, len(munis), self.batch):
            part = munis[i:i + self.batch]
            path = f"data/kpi/{','.join(kpis)}/municipality/{','.join(part)}"
            if years:
                path += f"/year/{','.join(str(int(y)) for y in years)}"
            vals, resp = self._pages(path)
            responses += resp
            frame, d = _tidy(vals, "municipality")
            frames.append(frame)
            deleted += d
        import pandas as pd

        return KoladaData(pd.concat(frames, ignore_index=True), responses, deleted)

    def oudata(self, kpi: str, ous: list[str], years: list[int] | None = None) -> KoladaData:
        """Values per organisational unit (``/oudata/kpi/{kpi}/ou/{ou}[/year/{y}]``)."""
        kpi = _check_ids([kpi], _KPI_RE, "KPI-id", "KPI id", "N15428")[0]
        frames, responses, deleted = [], [], 0
        for i in range(0, len(ous), self.batch):
            path = f"oudata/kpi/{kpi}/ou/{','.join(ous[i:i + self.batch])}"
            if years:
                path += f"/year/{','.join(str(int(y)) for y in years)}"
            vals, resp = self._pages(path)
            responses += resp
            frame, d = _tidy(vals, "ou")
            frames.append(frame)
            deleted += d
        import pandas as pd

        return KoladaData(pd.concat(frames, ignore_index=True), responses, deleted)


def _tidy(records: list[dict], key: str):
    """Flatten v3 data records (one per kpi × geo × period, with per-gender values)."""
    import pandas as pd

    rows, deleted = [], 0
    for r in records:
        geo = str(r.get(key) or r.get("municipality") or r.get("ou"))
        gtype = "ou" if key == "ou" else _geo_type(geo)
        for v in r.get("values", []):
            if v.get("isdeleted"):
                deleted += 1
                continue
            val = v.get("value")
            rows.append((r.get("kpi"), geo, gtype, int(r["period"]), v.get("gender"),
                         float("nan") if val is None else float(val), v.get("status") or None,
                         v.get("count")))
    frame = pd.DataFrame(rows, columns=DATA_COLUMNS)
    frame["year"] = frame["year"].astype("int64")
    return frame, deleted


def check_kpi_titles(catalogue, expected: dict[str, str]) -> None:
    """Fail loudly when a KPI id's title no longer matches its expected pattern.

    ``catalogue`` is a DataFrame with ``id`` and ``title`` (from :meth:`KoladaClient.kpis`);
    ``expected`` maps KPI id → regular expression on the title.
    """
    titles = dict(zip(catalogue["id"], catalogue["title"]))
    for kpi, pattern in expected.items():
        if kpi not in titles:
            raise NotFoundError(f"Kolada: KPI {kpi} finns inte i katalogen.",
                                f"Kolada: the KPI {kpi} is not in the catalogue.")
        if not re.search(pattern, str(titles[kpi]), re.I):
            raise KpiTitleMismatchError(
                f"Kolada: KPI {kpi} heter nu {titles[kpi]!r}, som inte matchar {pattern!r}; id:t kan ha "
                "återanvänts. Kontrollera KPI-registret.",
                f"Kolada: the KPI {kpi} is now titled {titles[kpi]!r}, which does not match {pattern!r}; "
                "the id may have been reused. Check the KPI registry.")
