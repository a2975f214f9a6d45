"""SCB PxWebApi 2.0 client (``/tables``, ``/metadata``, ``/data``, ``/codelists``) with v1 fallback.

Every data request names explicit value codes, expanded on the client from the table's
metadata (``*``, ``prefix*``, ``TOP(n)``, ``BOTTOM(n)``, ``FROM(a)``, ``RANGE(a,b)``), so the
cell count of each request is known before it is sent and requests are split to stay at or
under the cell limit (``min(max_cells, /config maxDataCells)``). A 403 ("too many cells") on
one request splits it further. Pacing, retries, cache and offline mode come from
:class:`~lagesbild.sources.http.HttpClient`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from lagesbild.errors import DataSourceError, NotFoundError, TooManyCellsError
from lagesbild.sources.http import HttpClient, HttpError, Response
from lagesbild.sources.jsonstat import Dataset, check_jsonstat2, parse_jsonstat2, parse_pxweb_v1

__all__ = [
    "TableNotFoundError",
    "Dim",
    "TableMeta",
    "Plan",
    "PxWebClient",
    "PxWebV1Client",
    "expand",
    "split_selection",
    "meta_from_jsonstat",
    "meta_from_v1",
    "fetch_with_fallback",
]


class TableNotFoundError(NotFoundError):
    """The server does not know the table (HTTP 404)."""


@dataclass
class Dim:
    code: str
    label: str
    codes: list[str]
    labels: dict[str, str]
    elimination: bool = False
    codelists: list[str] = field(default_factory=list)
    time: bool = False


@dataclass
class TableMeta:
    table_id: str
    title: str
    dims: dict[str, Dim]
    notes: list[str] = field(default_factory=list)
    updated: str | None = None
    units: dict[str, dict] = field(default_factory=dict)
    api: str = "v2"

    @property
    def time_dim(self) -> str | None:
        return next((d.code for d in self.dims.values() if d.time), None)


@dataclass
class Plan:
    """The requests of one table fetch: the full selection and its chunks."""

    meta: TableMeta
    selection: dict[str, list[str]]
    chunks: list[dict[str, list[str]]]
    codelists: dict[str, str] = field(default_factory=dict)

    @property
    def cells(self) -> int:
        return math.prod(len(v) for v in self.selection.values())

    def chunk_cells(self) -> list[int]:
        return [math.prod(len(v) for v in c.values()) for c in self.chunks]


def meta_from_jsonstat(doc: dict, table_id: str) -> TableMeta:
    """Table metadata from a JSON-stat2 metadata (or data) document."""
    from lagesbild.sources.jsonstat import codes_in_order

    role = doc.get("role") or {}
    times = set(role.get("time") or [])
    dims = {}
    for d in doc.get("id", []):
        dim = doc["dimension"][d]
        codes = codes_in_order(dim["category"])
        ext = dim.get("extension") or {}
        dims[d] = Dim(
            d,
            dim.get("label", d),
            codes,
            {c: str(dim["category"].get("label", {}).get(c, c)) for c in codes},
            bool(ext.get("elimination", False)),
            [c.get("id") for c in ext.get("codelists") or [] if c.get("id")],
            d in times or d == "Tid",
        )
    units: dict = {}
    for d in dims:
        units.update(doc["dimension"][d]["category"].get("unit") or {})
    return TableMeta(
        table_id,
        str(doc.get("label", "")),
        dims,
        [str(n) for n in doc.get("note") or []],
        doc.get("updated"),
        units,
        "v2",
    )


def meta_from_v1(doc: dict, table_id: str) -> TableMeta:
    """Table metadata from a PxWeb v1 ``GET`` (``title``, ``variables``)."""
    dims = {}
    for v in doc.get("variables", []):
        codes = [str(c) for c in v.get("values", [])]
        texts = v.get("valueTexts", codes)
        dims[v["code"]] = Dim(
            v["code"],
            v.get("text", v["code"]),
            codes,
            dict(zip(codes, texts)),
            bool(v.get("elimination", False)),
            [],
            bool(v.get("time", False)),
        )
    return TableMeta(table_id, doc.get("title", ""), dims, [], None, {}, "v1")


_FUNC = re.compile(r"^(TOP|BOTTOM|FROM|TO|RANGE)\((.*)\)$", re.I)


def expand(dim: Dim, exprs: list[str] | str, table_id: str = "") -> list[str]:
    """Expand value expressions into the dimension's codes, in metadata order.

    Examples
    --------
    >>> d = Dim("Tid", "år", ["2021", "2022", "2023", "2024"], {}, time=True)
    >>> expand(d, ["FROM(2023)"]), expand(d, "TOP(2)"), expand(d, ["2022", "2021"])
    (['2023', '2024'], ['2023', '2024'], ['2021', '2022'])
    """
    if isinstance(exprs, str):
        exprs = [exprs]
    chosen: set[str] = set()
    known = set(dim.codes)
    for e in exprs:
        e = str(e).strip()
        m = _FUNC.match(e)
        if e == "*":
            chosen.update(dim.codes)
        elif m:
            fn, arg = m.group(1).upper(), [a.strip() for a in m.group(2).split(",")]
            if fn == "TOP":
                chosen.update(dim.codes[-int(arg[0]) :] if dim.time else dim.codes[: int(arg[0])])
            elif fn == "BOTTOM":
                chosen.update(dim.codes[: int(arg[0])] if dim.time else dim.codes[-int(arg[0]) :])
            elif fn == "FROM":
                chosen.update(c for c in dim.codes if c >= arg[0])
            elif fn == "TO":
                chosen.update(c for c in dim.codes if c <= arg[0])
            else:
                chosen.update(c for c in dim.codes if arg[0] <= c <= arg[1])
        elif e.endswith("*"):
            hit = [c for c in dim.codes if c.startswith(e[:-1])]
            if not hit:
                raise NotFoundError(
                    f"Tabellen {table_id} har inga värden i '{dim.code}' ({dim.label}) som börjar med {e[:-1]!r}.",
                    f"The table {table_id} has no values in '{dim.code}' ({dim.label}) starting with {e[:-1]!r}.",
                )
            chosen.update(hit)
        elif e in known:
            chosen.add(e)
        else:
            shown = ", ".join(dim.codes[:8]) + (" …" if len(dim.codes) > 8 else "")
            what = ("året/perioden", "the year/period") if dim.time else ("värdet", "the value")
            raise NotFoundError(
                f"Tabellen {table_id} saknar {what[0]} {e!r} i '{dim.code}' ({dim.label}). Finns: {shown}.",
                f"The table {table_id} lacks {what[1]} {e!r} in '{dim.code}' ({dim.label}). Available: {shown}.",
            )
    return [c for c in dim.codes if c in chosen]


def split_selection(
    sel: dict[str, list[str]], max_cells: int, prefer: tuple[str, ...] = ("Region", "Tid")
) -> list[dict[str, list[str]]]:
    """Split a selection into chunks of at most ``max_cells`` cells whose union is ``sel``.

    The dimension with most codes is split first (``Region`` and ``Tid`` win ties).

    Examples
    --------
    >>> sel = {"Region": [str(i) for i in range(6160)], "Alder": list("abcdefghijklmnopqr"),
    ...        "Kon": ["1", "2", "1+2"], "Tid": [str(y) for y in range(2015, 2025)]}
    >>> chunks = split_selection(sel, 150_000)
    >>> len(chunks), max(len(c["Region"]) * 18 * 3 * 10 for c in chunks) <= 150_000
    (23, True)
    """
    n = math.prod(len(v) for v in sel.values())
    if n <= max_cells:
        return [sel]
    cands = [d for d, v in sel.items() if len(v) > 1]
    if not cands:
        raise TooManyCellsError(
            f"En enda cell överskrider gränsen {max_cells}.", f"A single cell exceeds the limit {max_cells}."
        )
    dim = max(cands, key=lambda d: (len(sel[d]), d in prefer))
    rest = n // len(sel[dim])
    step = max(1, max_cells // rest)
    out: list[dict[str, list[str]]] = []
    for i in range(0, len(sel[dim]), step):
        out += split_selection({**sel, dim: sel[dim][i : i + step]}, max_cells, prefer)
    return out


class PxWebClient:
    """PxWebApi 2.0 client.

    Parameters
    ----------
    http : HttpClient
        Bound to the v2 base URL (e.g. ``https://statistikdatabasen.scb.se/api/v2``).
    max_cells : int
        Most cells in one data request (lowered to ``/config``'s ``maxDataCells``).
    lang : str
        ``sv`` or ``en``.
    """

    def __init__(self, http: HttpClient, *, max_cells: int = 150_000, lang: str = "sv") -> None:
        self.http = http
        self.max_cells = int(max_cells)
        self.lang = lang
        self._config: dict | None = None
        self._meta: dict[str, TableMeta] = {}

    def config(self) -> dict:
        """``GET /config``; tightens the cell limit and the pacing to what the server states."""
        if self._config is None:
            cfg = self.http.get_json("config").data
            self._config = cfg if isinstance(cfg, dict) else {}
            mdc = self._config.get("maxDataCells")
            if isinstance(mdc, int) and mdc > 0:
                self.max_cells = min(self.max_cells, mdc)
            calls, window = self._config.get("maxCallsPerTimeWindow"), self._config.get("timeWindow")
            if isinstance(calls, int) and isinstance(window, int | float) and calls > 0 and window > 0:
                if calls / window <= self.http.calls_per_window / self.http.window_s:  # same rate: smaller burst
                    self.http.calls_per_window, self.http.window_s = calls, float(window)
        return self._config

    def _get(self, path: str, what_sv: str, what_en: str, params: dict | None = None) -> Response:
        try:
            return self.http.get_json(path, {"lang": self.lang, **(params or {})})
        except HttpError as exc:
            if exc.status == 404:
                raise TableNotFoundError(
                    f"SCB: {what_sv} finns inte ({exc.detail or '404'}).",
                    f"SCB: {what_en} does not exist ({exc.detail or '404'}).",
                ) from None
            raise

    def search(
        self, query: str, *, page_size: int = 100, max_pages: int = 5, include_discontinued: bool = False
    ) -> list[dict]:
        """Tables whose text matches ``query`` (``GET /tables?query=``), newest first."""
        out: list[dict] = []
        for page in range(1, max_pages + 1):
            params = {"query": query, "pageSize": page_size, "pageNumber": page}
            if include_discontinued:
                params["includeDiscontinued"] = "true"
            data = self._get("tables", f"tabellsökningen {query!r}", f"the table search {query!r}", params).data
            out += [t for t in data.get("tables", []) if include_discontinued or not t.get("discontinued")]
            info = data.get("page") or {}
            if info.get("pageNumber", page) >= info.get("totalPages", 1):
                break
        return out

    def table(self, table_id: str) -> dict:
        """``GET /tables/{id}`` (label, updated, firstPeriod, lastPeriod, discontinued)."""
        return self._get(f"tables/{table_id}", f"tabellen {table_id}", f"the table {table_id}").data

    def metadata(self, table_id: str) -> TableMeta:
        if table_id not in self._meta:
            doc = self._get(f"tables/{table_id}/metadata", f"tabellen {table_id}", f"the table {table_id}").data
            self._meta[table_id] = meta_from_jsonstat(doc, table_id)
        return self._meta[table_id]

    def codelist(self, codelist_id: str) -> dict:
        """``GET /codelists/{id}``: ``{id, label, type, values: [{code, label, valueMap}]}``."""
        return self._get(f"codelists/{codelist_id}", f"kodlistan {codelist_id}", f"the code list {codelist_id}").data

    def plan(self, table_id: str, selection: dict[str, Any], *, codelists: dict[str, str] | None = None) -> Plan:
        """Expand ``selection`` against the metadata and split it into requests."""
        self.config()
        meta = self.metadata(table_id)
        codelists = dict(codelists or {})
        for d in selection:
            if d not in meta.dims:
                raise NotFoundError(
                    f"Tabellen {table_id} har ingen variabel '{d}'. Finns: {', '.join(meta.dims)}.",
                    f"The table {table_id} has no variable '{d}'. Available: {', '.join(meta.dims)}.",
                )
        full: dict[str, list[str]] = {}
        for code, dim in meta.dims.items():
            if code in codelists:
                cl = self.codelist(codelists[code])
                dim = Dim(
                    code,
                    dim.label,
                    [str(v["code"]) for v in cl.get("values", [])],
                    {str(v["code"]): v.get("label", v["code"]) for v in cl.get("values", [])},
                    dim.elimination,
                    [],
                    dim.time,
                )
            if code in selection:
                full[code] = expand(dim, selection[code], table_id)
            elif not dim.elimination:
                full[code] = list(dim.codes)
        return Plan(meta, full, split_selection(full, self.max_cells), codelists)

    def _body(self, chunk: dict[str, list[str]], codelists: dict[str, str]) -> dict:
        sel = []
        for d, codes in chunk.items():
            item = {"variableCode": d, "valueCodes": list(codes)}
            if d in codelists:
                item["codelist"] = codelists[d]
            sel.append(item)
        return {"selection": sel}

    def fetch(self, plan: Plan, progress=None) -> list[Response]:
        """Send every chunk of ``plan`` (splitting further on 403); one response per request."""
        out: list[Response] = []
        queue = list(plan.chunks)
        while queue:
            chunk = queue.pop(0)
            try:
                resp = self.http.post_json(
                    f"tables/{plan.meta.table_id}/data",
                    self._body(chunk, plan.codelists),
                    {"lang": self.lang, "outputFormat": "json-stat2"},
                    validate=check_jsonstat2,
                )
            except TooManyCellsError:
                cells = math.prod(len(v) for v in chunk.values())
                if cells <= 1:
                    raise
                queue[:0] = split_selection(chunk, max(1, cells // 2))
                continue
            except HttpError as exc:
                if exc.status == 404:
                    raise TableNotFoundError(
                        f"SCB: tabellen {plan.meta.table_id} finns inte ({exc.detail}).",
                        f"SCB: the table {plan.meta.table_id} does not exist ({exc.detail}).",
                    ) from None
                raise
            out.append(resp)
            if progress is not None:
                progress(1)
        return out

    def fetch_dataset(self, plan: Plan, progress=None) -> tuple[Dataset, list[Response]]:
        """Fetch and parse all chunks into one :class:`Dataset`."""
        responses = self.fetch(plan, progress)
        return combine([parse_jsonstat2(r.data, table_id=plan.meta.table_id) for r in responses]), responses


def combine(parts: list[Dataset]) -> Dataset:
    """Concatenate chunk datasets (same dimensions) into one."""
    import pandas as pd

    first = parts[0]
    frame = pd.concat([p.frame for p in parts], ignore_index=True)
    labels: dict[str, dict] = {d: {} for d in first.dims}
    for p in parts:
        for d in p.dims:
            labels[d].update(p.labels.get(d, {}))
    notes = list(dict.fromkeys(n for p in parts for n in p.notes))
    return Dataset(
        frame,
        first.dims,
        labels,
        first.dim_labels,
        first.title,
        first.updated,
        first.source,
        notes,
        first.units,
        first.table_id,
    )


class PxWebV1Client:
    """PxWeb API v1: ``GET {base}/{path}`` (metadata) and ``POST`` with a ``query`` body."""

    def __init__(self, http: HttpClient, *, max_cells: int = 100_000) -> None:
        self.http = http
        self.max_cells = int(max_cells)

    def metadata(self, path: str) -> TableMeta:
        try:
            doc = self.http.get_json(path).data
        except HttpError as exc:
            if exc.status in (400, 404):
                raise TableNotFoundError(
                    f"SCB v1: tabellen {path} finns inte.", f"SCB v1: the table {path} does not exist."
                ) from None
            raise
        return meta_from_v1(doc, path)

    def plan(self, path: str, selection: dict[str, Any]) -> Plan:
        meta = self.metadata(path)
        full = {}
        for code, dim in meta.dims.items():
            if code in selection:
                full[code] = expand(dim, selection[code], path)
            elif not dim.elimination:
                full[code] = list(dim.codes)
        return Plan(meta, full, split_selection(full, self.max_cells))

    def fetch_dataset(self, plan: Plan, progress=None) -> tuple[Dataset, list[Response]]:
        responses = []
        for chunk in plan.chunks:
            body = {
                "query": [{"code": d, "selection": {"filter": "item", "values": v}} for d, v in chunk.items()],
                "response": {"format": "json"},
            }
            responses.append(self.http.post_json(plan.meta.table_id, body))
            if progress is not None:
                progress(1)
        parts = [parse_pxweb_v1(r.data, table_id=plan.meta.table_id) for r in responses]
        return combine(parts), responses


def fetch_with_fallback(
    v2: PxWebClient,
    v1: PxWebV1Client | None,
    table_id: str,
    v1_path: str | None,
    selection: dict,
    v1_selection: dict | None = None,
    *,
    codelists=None,
    progress=None,
) -> tuple[Dataset, list[Response], Plan]:
    """Fetch through v2; when v2 fails for other reasons than a bad request, try v1.

    A 400 or an unknown value is the caller's error and is raised at once; an unreachable or
    failing v2 (after its retries), or a table v2 does not know, falls back to ``v1_path``.
    """
    try:
        plan = v2.plan(table_id, selection, codelists=codelists)
        ds, resp = v2.fetch_dataset(plan, progress)
        return ds, resp, plan
    except (TableNotFoundError, DataSourceError) as exc:
        bad_request = isinstance(exc, HttpError) and exc.status == 400
        if v1 is None or not v1_path or bad_request:
            raise
    plan = v1.plan(v1_path, v1_selection if v1_selection is not None else selection)
    ds, resp = v1.fetch_dataset(plan, progress)
    return ds, resp, plan
