"""Skolverket: the statistics export per skolenhet and the Planned Educations API v4.

**Export** (:func:`read_school_export`, e.g. "Grundskola - Slutbetyg årskurs 9"). Format (docs/sources.md,
"Files without an API"): semicolon-separated, UTF-8 with BOM (Windows-1252 tolerated), preamble
lines before the header (found by its "Skol-enhetskod" column), footnote lines after the data,
decimal comma, and ``..`` / ``.`` / ``-`` marking suppressed or missing values (``~100``, a
share masked because it is close to 100 %, is kept as a status too). Suppressed
values become missing with their symbol in ``<column>_status``; footnotes are kept as notes.

**API** (:class:`SkolverketClient`, ``https://api.skolverket.se/planned-educations/v4``, media
type ``application/vnd.skolverket.plannededucations.api.v4.hal+json``): school units (list and
detail), compact lists with coordinates, and statistics per school unit. Every answer is
``{status, message, body}``; lists are paged (``page`` from 0, ``size``; the body's ``page``
says ``number`` and ``totalPages``). Statistics values are strings with a ``valueType``;
:func:`parse_value` keeps Skolverket's markers (``..`` few pupils, ``.`` missing, ``*``,
``~100`` close to 100 % because few pupils are not eligible) as a status and never as a
number; ``cirka 270`` is a rounded number and keeps the status ``cirka``.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lagesbild.errors import DataSourceError, InputError, NotFoundError, SchemaError

__all__ = [
    "SchoolExport",
    "read_school_export",
    "NUMERIC",
    "SkolverketClient",
    "ParsedValue",
    "parse_value",
    "school_year",
    "parse_compact",
    "BASE_URL",
    "ACCEPT",
    "STAT_INDICATORS",
    "STAT_COLUMNS",
]

#: Column headers → tidy names (numeric ones get a ``_status`` companion).
_NAMES = {
    "Skola": "skola",
    "Skol-enhetskod": "skolenhetskod",
    "Skolkommun": "kommunnamn",
    "Kommun-kod": "kommun",
    "Typ av huvudman": "huvudman_typ",
    "Huvudman": "huvudman",
    "Huvudman orgnr": "huvudman_orgnr",
    "Antal elever": "antal_elever",
    "Andel (%) elever som uppfyllt betygskriterierna i alla ämnen": "andel_alla_amnen",
    "Andel (%) elever behöriga till yrkesprog.": "andel_behoriga_yrkesprog",
    "Genomsnittligt meritvärde (17 ämnen)": "meritvarde",
}
NUMERIC = ["antal_elever", "andel_alla_amnen", "andel_behoriga_yrkesprog", "meritvarde"]
_SYMBOLS = {"..", ".", "-", "–", "*", "~"}


@dataclass
class SchoolExport:
    frame: Any  # pandas.DataFrame, one row per skolenhet
    title: str = ""
    school_year: str = ""
    notes: list[str] = field(default_factory=list)


def read_school_export(path: str | Path) -> SchoolExport:
    """Read one export; codes stay strings (skolenhetskod 8 digits, kommun 4 digits)."""
    import pandas as pd

    path = Path(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    lines = text.splitlines()
    head = next((i for i, line in enumerate(lines) if "Skol-enhetskod" in line.split(";")), None)
    if head is None:
        raise SchemaError(
            f"Filen {path} saknar rubrikraden med 'Skol-enhetskod'; inte en skolenhetsexport från Skolverket.",
            f"The file {path} has no header row with 'Skol-enhetskod'; not a Skolverket school-unit export.",
        )
    pre = [line.split(";")[0].strip() for line in lines[:head] if line.split(";")[0].strip()]
    title = next((p for p in pre if not p.startswith(("Statistik från", "Valt"))), "")
    year = next((p.split(":", 1)[1].strip() for p in pre if p.startswith("Valt läsår")), "")
    df = pd.read_csv(io.StringIO("\n".join(lines[head:])), sep=";", dtype=str, keep_default_na=False)
    df.columns = [c.strip() for c in df.columns]
    code_col = "Skol-enhetskod"
    is_row = df[code_col].str.strip().str.fullmatch(r"\d{8}")
    notes = [" ".join(str(v) for v in r if str(v).strip()) for r in df[~is_row].itertuples(index=False)]
    notes = [n for n in notes if n.strip()]
    df = df[is_row].rename(columns=_NAMES)
    out = df[[c for c in _NAMES.values() if c in df.columns]].copy()
    for c in out.columns:
        out[c] = out[c].str.strip()
    if "kommun" in out:
        out["kommun"] = out["kommun"].str.zfill(4)
    for c in NUMERIC:
        if c not in out:
            continue
        s = out[c]
        sym = s.isin(_SYMBOLS) | (s == "") | s.str.startswith("~")  # "~100": near 100 %, masked
        out[f"{c}_status"] = s.where(sym & (s != ""), None)
        vals = s.mask(sym).str.replace("\u00a0", "", regex=False).str.replace(" ", "", regex=False)
        out[c] = pd.to_numeric(vals.str.replace(",", ".", regex=False), errors="coerce")
        bad = out[c].isna() & ~sym
        if bad.any():
            raise SchemaError(
                f"Filen {path}, kolumn '{c}': värdet {s[bad].iloc[0]!r} är inget tal.",
                f"The file {path}, column '{c}': the value {s[bad].iloc[0]!r} is not a number.",
            )
    return SchoolExport(out.reset_index(drop=True), title, year, [re.sub(r"\s+", " ", n) for n in notes])


# ---------------------------------------------------------------------- Planned Educations API v4
BASE_URL = "https://api.skolverket.se/planned-educations/v4"
ACCEPT = "application/vnd.skolverket.plannededucations.api.v4.hal+json"

#: API statistics field → tidy indicator name (grundskola, årskurs 9).
STAT_INDICATORS = {
    "averageGradesMeritRating9thGrade": "meritvarde",
    "ratioOfPupilsIn9thGradeWithAllSubjectsPassed": "andel_alla_amnen",
    "ratioOfPupils9thGradeEligibleForNationalProgramYR": "andel_behoriga_yrkesprog",
    "ratioOfPupils9thGradeEligibleForNationalProgramES": "andel_behoriga_es",
    "ratioOfPupils9thGradeEligibleForNationalProgramSAEKHU": "andel_behoriga_saekhu",
    "ratioOfPupils9thGradeEligibleForNationalProgramNATE": "andel_behoriga_nate",
}
STAT_COLUMNS = [
    "skolenhetskod",
    "indicator",
    "field",
    "time_period",
    "year",
    "value",
    "status",
    "value_text",
    "value_type",
]
_CODE_RE = re.compile(r"^\d{8}$")
_KOMMUN_RE = re.compile(r"^\d{4}$")
_YEAR_RE = re.compile(r"^(\d{4})/(\d{2})$")
_NUM_RE = re.compile(r"^-?\d+(,\d+)?$")


@dataclass(frozen=True)
class ParsedValue:
    """One statistics value: a number, or ``None`` with the marker that replaced it."""

    value: float | None
    status: str | None
    text: str
    value_type: str


def parse_value(text: str | None, value_type: str | None = None) -> ParsedValue:
    """Parse one published value, keeping markers as a status, never as a number.

    Examples
    --------
    >>> parse_value("231,5", "EXISTS").value
    231.5
    >>> p = parse_value("~100", "ROUNDED_OFF_DUE_TO_FEW_PUPILS_NOT_ELIGIBLE"); (p.value, p.status)
    (None, '~100')
    >>> parse_value("..", "OMITTED_DUE_TO_BASED_ON_FEW_PUPILS").status
    '..'
    >>> p = parse_value("cirka 270", "EXISTS"); (p.value, p.status)
    (270.0, 'cirka')
    """
    raw = "" if text is None else str(text)
    s = raw.replace("\u00a0", " ").strip()
    vt = value_type or ""
    compact = s.replace(" ", "")
    if vt == "EXISTS" and _NUM_RE.match(compact):
        return ParsedValue(float(compact.replace(",", ".")), None, raw, vt)
    m = re.fullmatch(r"cirka\s+(\d+)", s, re.I)
    if m:
        return ParsedValue(float(m.group(1)), "cirka", raw, vt)
    if s in ("..", ".", "*", "-", "–") or s.startswith("~"):
        return ParsedValue(None, s, raw, vt)
    if s == "":
        return ParsedValue(None, ".", raw, vt)
    if _NUM_RE.match(compact):  # a number under a value type that says it is not one
        return ParsedValue(None, vt or "?", raw, vt)
    return ParsedValue(None, "?", raw, vt)  # unknown marker: kept as text, never a number


def school_year(period: str) -> int | None:
    """``"2024/25"`` → 2025 (the calendar year the school year ends; lagesbild's convention).

    >>> school_year("2024/25"), school_year("")
    (2025, None)
    """
    m = _YEAR_RE.match(str(period or "").strip())
    if not m:
        return None
    return int(m.group(1)) + 1


def _check(value: str, pattern: re.Pattern, key: str) -> str:
    from lagesbild.i18n import pair

    v = str(value).strip()
    if not pattern.match(v):
        raise InputError(*pair(key, value=v))
    return v


class SkolverketClient:
    """Planned Educations API v4 over the shared :class:`~lagesbild.sources.http.HttpClient`.

    Parameters
    ----------
    http : HttpClient
        Bound to :data:`BASE_URL` with ``headers={"Accept": ACCEPT}`` (see :meth:`create`).
    size : int
        Page size of the list endpoints.
    max_pages : int
        A guard against a server that never says it is done.
    """

    def __init__(self, http, *, size: int = 50, max_pages: int = 500) -> None:
        self.http = http
        self.size = int(size)
        self.max_pages = int(max_pages)

    @staticmethod
    def create(base_url: str = BASE_URL, **kwargs):
        """A client with its own paced, retrying, caching HttpClient named "Skolverket"."""
        from lagesbild.sources.http import HttpClient

        headers = {"Accept": ACCEPT, **kwargs.pop("headers", {})}
        return SkolverketClient(HttpClient(base_url, name="Skolverket", headers=headers, **kwargs))

    # ------------------------------------------------------------------ plumbing
    def _body(self, path: str, params: dict | None = None) -> Any:
        from lagesbild.i18n import pair
        from lagesbild.sources.http import HttpError

        try:
            resp = self.http.get_json(path, params)
        except HttpError as exc:
            if exc.status == 404:
                raise NotFoundError(*pair("skola.api_not_found", path=path, detail=exc.detail)) from None
            raise
        data = resp.data
        if not isinstance(data, dict) or "body" not in data:
            raise DataSourceError(*pair("skola.api_unexpected", url=resp.url))
        if str(data.get("status", "OK")).upper() != "OK":
            raise DataSourceError(
                *pair("skola.api_status", url=resp.url, status=data.get("status"), message=data.get("message"))
            )
        return data["body"]

    def _pages(self, path: str, params: dict, key: str) -> list[dict]:
        out: list[dict] = []
        page = 0
        while True:
            if page >= self.max_pages:
                from lagesbild.i18n import pair

                raise DataSourceError(*pair("skola.api_pages", path=path, n=self.max_pages))
            body = self._body(path, {**params, "page": page, "size": self.size}) or {}
            items = (body.get("_embedded") or {}).get(key) or []
            out += items
            info = body.get("page") or {}
            total = int(info.get("totalPages") or 0)
            has_next = bool((body.get("_links") or {}).get("next"))
            if not items or (total and page + 1 >= total) or (not total and not has_next):
                return out
            page += 1

    # ------------------------------------------------------------------ endpoints
    def compact_school_units(self, kommun: str, school_type: str = "GR"):
        """Compact list with coordinates: ``skolenhetskod, namn, wgs84_lat, wgs84_lon, sweref_n,
        sweref_e, utlandsskola``. Coordinates that are absent stay missing (never 0)."""
        kommun = _check(kommun, _KOMMUN_RE, "skola.api_bad_kommun")
        rows = self._pages(
            "compact-school-units",
            {"municipalityCode": kommun, "schoolType": school_type, "coordinateSystemType": "WGS84"},
            "compactSchoolUnits",
        )
        return parse_compact(rows)

    def school_units(self, kommun: str, type_of_schooling: str = "gr", school_years: str | None = "9"):
        """School units of a kommun: ``skolenhetskod, namn, kommun, huvudman_typ, ort``."""
        import pandas as pd

        kommun = _check(kommun, _KOMMUN_RE, "skola.api_bad_kommun")
        params = {"geographicalAreaCode": kommun, "typeOfSchooling": type_of_schooling, "coordinateSystemType": "WGS84"}
        if school_years:
            params["schoolYears"] = school_years
        rows = self._pages("school-units", params, "listedSchoolUnits")
        recs = [
            {
                "skolenhetskod": r.get("code"),
                "namn": r.get("name"),
                "kommun": r.get("geographicalAreaCode"),
                "huvudman_typ": r.get("principalOrganizerType"),
                "ort": r.get("postCodeDistrict"),
            }
            for r in rows
        ]
        return pd.DataFrame(recs, columns=["skolenhetskod", "namn", "kommun", "huvudman_typ", "ort"])

    def school_unit(self, code: str) -> dict:
        """One school unit: code, name, kommun, huvudman type, coordinates (SWEREF 99 TM and WGS 84)."""
        code = _check(code, _CODE_RE, "skola.api_bad_code")
        b = self._body(f"school-units/{code}") or {}
        return {
            "skolenhetskod": b.get("code", code),
            "namn": b.get("name"),
            "kommun": b.get("geographicalAreaCode"),
            "huvudman_typ": b.get("principalOrganizerType"),
            "huvudman": b.get("corporationName"),
            "sweref_n": _num(b.get("sweRef_N")),
            "sweref_e": _num(b.get("sweRef_E")),
            "wgs84_lat": _num(b.get("wgs84_Lat")),
            "wgs84_lon": _num(b.get("wgs84_Long")),
            "utlandsskola": bool(b.get("abroadSchool")),
        }

    def statistics(self, code: str, kind: str = "gr", indicators: dict[str, str] | None = None):
        """Statistics of one school unit in long form (:data:`STAT_COLUMNS`).

        ``year`` follows lagesbild's convention (2024/25 → 2025); ``value`` is missing
        wherever Skolverket published a marker, which ``status`` keeps.
        """
        import pandas as pd

        code = _check(code, _CODE_RE, "skola.api_bad_code")
        body = self._body(f"school-units/{code}/statistics/{kind}") or {}
        wanted = STAT_INDICATORS if indicators is None else indicators
        rows = []
        for fld, name in wanted.items():
            for e in body.get(fld) or []:
                p = parse_value(e.get("value"), e.get("valueType"))
                period = str(e.get("timePeriod") or "")
                rows.append((code, name, fld, period, school_year(period), p.value, p.status, p.text, p.value_type))
        df = pd.DataFrame(rows, columns=STAT_COLUMNS)
        df["year"] = df["year"].astype("Int64")
        df["status"] = df["status"].astype(object).where(df["status"].notna(), None)
        return df


def parse_compact(rows: list[dict]):
    """Compact school-unit records → ``skolenhetskod, namn, wgs84_lat, wgs84_lon, sweref_n, sweref_e,
    utlandsskola`` (coordinates with decimal comma or point; absent ones stay missing)."""
    import pandas as pd

    recs = [
        {
            "skolenhetskod": r.get("schoolUnitCode"),
            "namn": r.get("schoolUnitName"),
            "wgs84_lat": _num(r.get("wgs84Latitude")),
            "wgs84_lon": _num(r.get("wgs84Longitude")),
            "sweref_n": _num(r.get("sweref99Latitude")),
            "sweref_e": _num(r.get("sweref99Longitude")),
            "utlandsskola": bool(r.get("abroadSchool")),
        }
        for r in rows
    ]
    return pd.DataFrame(
        recs, columns=["skolenhetskod", "namn", "wgs84_lat", "wgs84_lon", "sweref_n", "sweref_e", "utlandsskola"]
    )


def _num(value) -> float | None:
    """A coordinate or other plain number from the API (string or number); None if absent."""
    if value is None or str(value).strip() in ("", "null"):
        return None
    try:
        return float(str(value).replace(",", "."))
    except ValueError:
        return None
