"""The EST incident model: validation of reported incidents and their import from CSV/Excel.

An incident (*händelse*) is about a **place**, never a person (docs/methods/prevention.md §5.3, Södertälje's
data-minimisation rules): what happened (a category of the taxonomy), where (an area code,
a point in SWEREF 99 TM snapped to DeSO/RegSO, or a named place), when (date and an optional
time window), in which kind of environment (public or semi-public), how serious (1–3), and
an optional free text. Free text is screened: a personnummer or samordningsnummer anywhere
refuses the whole file with the row and column named and nothing written; a probable
personal name gives a warning.

Import columns (header names, case-insensitive; see docs/brott.md):

=============  ========  ==========================================================
column         needed    content
=============  ========  ==========================================================
datum          yes       observation date, ``YYYY-MM-DD``
tid_fran       no        start of the time window, ``HH:MM``
tid_till       no        end of the time window, ``HH:MM``
kategori       yes       a code or label of the taxonomy
omrade         one of    a DeSO or RegSO code
x, y           one of    SWEREF 99 TM coordinates (metres)
plats          one of    a named place
miljo          no        ``offentlig`` (default) or ``halvoffentlig``
allvarlighet   no        1 (default), 2 or 3
antal          no        number of incidents the row stands for (aggregated extracts), ≥ 1
fritext        no        what was seen; no personal data
=============  ========  ==========================================================
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from lagesbild.brott.kategorier import ENVIRONMENTS, Taxonomy
from lagesbild.errors import InputError, SchemaError
from lagesbild.i18n import pair, t

__all__ = ["IMPORT_COLUMNS", "TEXT_COLUMNS", "STATUSES", "read_incident_file", "validate_incidents",
           "name_warnings"]

IMPORT_COLUMNS = ("datum", "tid_fran", "tid_till", "kategori", "omrade", "x", "y", "plats", "miljo",
                  "allvarlighet", "antal", "fritext")
TEXT_COLUMNS = ("kategori", "omrade", "plats", "miljo", "fritext")
#: review states: only ``godkand`` counts in any analysis
STATUSES = ("inskickad", "godkand", "avvisad", "aterkallad")


def read_incident_file(path: Path) -> pd.DataFrame:
    """Read a CSV (``,`` or ``;``, UTF-8) or Excel file as text columns."""
    path = Path(path)
    if not path.exists():
        raise InputError(*pair("brott.no_file", file=str(path)))
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            df = pd.read_excel(path, dtype=str, keep_default_na=False)
        else:
            df = pd.read_csv(path, dtype=str, keep_default_na=False, sep=None, engine="python",
                             encoding="utf-8-sig")
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        raise InputError(*pair("brott.unreadable", file=path.name, kind=type(exc).__name__)) from None
    df.columns = [str(c).strip().lower() for c in df.columns]
    return df


def _row_error(key: str, file: str, i: int, column: str, value: object, **kw) -> InputError:
    return InputError(*pair(key, file=file, row=i + 2, column=column, value=str(value), **kw))


def validate_incidents(df: pd.DataFrame, taxonomy: Taxonomy, *, file: str,
                       area_codes: set[str] | None = None) -> pd.DataFrame:
    """Check and normalise imported rows; raise on the first bad cell (row as the user sees it).

    The personal-data screen runs first over every text column, so a file with a
    personnummer is refused before anything else is looked at.

    Returns
    -------
    DataFrame
        ``observerad_fran, observerad_till`` (datetime64), ``kategori, omrade, x, y, plats,
        miljo, allvarlighet, antal, fritext``.
    """
    from lagesbild.privacy import screen_frame

    screen_frame(df, file=file)
    need = ["datum", "kategori"]
    missing = [c for c in need if c not in df.columns]
    if missing:
        raise SchemaError(*pair("brott.import_columns", file=file, missing=", ".join(missing),
                                expected=", ".join(IMPORT_COLUMNS)))
    unknown = [c for c in df.columns if c not in IMPORT_COLUMNS]
    if unknown:
        raise SchemaError(*pair("brott.import_unknown", file=file, columns=", ".join(unknown),
                                expected=", ".join(IMPORT_COLUMNS)))
    n = len(df)

    def col(name: str) -> pd.Series:
        return df[name].astype(str).str.strip() if name in df.columns else pd.Series([""] * n, index=df.index)

    datum = pd.to_datetime(col("datum"), format="%Y-%m-%d", errors="coerce")
    bad = datum.isna().to_numpy()
    if bad.any():
        i = int(bad.nonzero()[0][0])
        raise _row_error("brott.bad_date", file, i, "datum", col("datum").iloc[i])
    times = {}
    for c in ("tid_fran", "tid_till"):
        s = col(c)
        td = pd.to_timedelta(s.where(s != "", None) + ":00", errors="coerce")
        badt = ((s != "") & td.isna()).to_numpy()
        if badt.any():
            i = int(badt.nonzero()[0][0])
            raise _row_error("brott.bad_time", file, i, c, s.iloc[i])
        times[c] = td
    fran = datum + times["tid_fran"].fillna(pd.Timedelta(0))
    till = datum + times["tid_till"].fillna(pd.Timedelta(hours=24) - pd.Timedelta(minutes=1))
    till = till.where(till >= fran, till + pd.Timedelta(days=1))  # a window across midnight

    kat = col("kategori").map(taxonomy.normalise)
    badk = kat.isna().to_numpy()
    if badk.any():
        i = int(badk.nonzero()[0][0])
        raise _row_error("brott.bad_category", file, i, "kategori", col("kategori").iloc[i],
                         expected=", ".join(taxonomy.codes))

    miljo = col("miljo").str.lower().replace("", "offentlig")
    badm = ~miljo.isin(ENVIRONMENTS).to_numpy()
    if badm.any():
        i = int(badm.nonzero()[0][0])
        raise _row_error("brott.bad_environment", file, i, "miljo", col("miljo").iloc[i])

    def ints(name: str, lo: int, hi: int, default: int) -> pd.Series:
        s = col(name)
        v = pd.to_numeric(s.replace("", str(default)), errors="coerce")
        badv = (v.isna() | (v < lo) | (v > hi) | (v % 1 != 0)).to_numpy()
        if badv.any():
            i = int(badv.nonzero()[0][0])
            raise _row_error("brott.bad_int", file, i, name, s.iloc[i], lo=lo, hi=hi)
        return v.astype("int64")

    allv = ints("allvarlighet", 1, 3, 1)
    antal = ints("antal", 1, 100000, 1)

    xs, ys = (pd.to_numeric(col(c).str.replace(",", ".", regex=False), errors="coerce") for c in ("x", "y"))
    for c, v in (("x", xs), ("y", ys)):
        badxy = ((col(c) != "") & v.isna()).to_numpy()
        if badxy.any():
            i = int(badxy.nonzero()[0][0])
            raise _row_error("brott.bad_coordinate", file, i, c, col(c).iloc[i])
    omr, plats = col("omrade"), col("plats")
    has_where = ((omr != "") | (xs.notna() & ys.notna()) | (plats != "")).to_numpy()
    if not has_where.all():
        i = int((~has_where).nonzero()[0][0])
        raise _row_error("brott.no_place", file, i, "omrade", "")
    if area_codes is not None:
        badc = ((omr != "") & ~omr.isin(area_codes)).to_numpy()
        if badc.any():
            i = int(badc.nonzero()[0][0])
            raise _row_error("brott.bad_area", file, i, "omrade", omr.iloc[i])
    return pd.DataFrame({
        "observerad_fran": fran.to_numpy(), "observerad_till": till.to_numpy(), "kategori": kat.to_numpy(),
        "omrade": omr.replace("", None).to_numpy(), "x": xs.to_numpy(), "y": ys.to_numpy(),
        "plats": plats.replace("", None).to_numpy(), "miljo": miljo.to_numpy(), "allvarlighet": allv.to_numpy(),
        "antal": antal.to_numpy(), "fritext": col("fritext").replace("", None).to_numpy(),
    })


def name_warnings(texts, *, file: str, column: str = "fritext", lang: str = "sv") -> list[str]:
    """One warning line per row whose free text seems to hold a personal name."""
    from lagesbild.privacy import probable_names

    out = []
    for i, v in enumerate(texts):
        if isinstance(v, str) and v and probable_names(v):
            out.append(t("brott.name_warning", lang, file=file, row=i + 2, column=column))
    return out


def snap_points(x: np.ndarray, y: np.ndarray, areas) -> np.ndarray:
    """The code of the area (GeoDataFrame with ``code``) holding each point; None outside."""
    import shapely

    pts = shapely.points(np.asarray(x, dtype="float64"), np.asarray(y, dtype="float64"))
    tree = shapely.STRtree(areas.geometry.values)
    pi, ai = tree.query(pts, predicate="within")
    out = np.full(len(pts), None, dtype=object)
    out[pi] = areas["code"].to_numpy()[ai]
    return out
