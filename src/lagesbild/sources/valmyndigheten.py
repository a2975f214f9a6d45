"""Valmyndigheten's result files per valdistrikt (xlsx or csv) → turnout (docs/sources.md).

Three layouts are read, recognised by their columns:

* 2022 riksdagsval ``ri_tab4`` (Valkretskod, Valdistriktskod LLKKVVVV, Antal röstberättigade,
  Antal röstande, Andel röstande, …);
* 2022 kommunval ``ko_tab3`` (also Kommunkod and "varav utländska medborgare");
* 2018 sheet "R antal" (LÄNSKOD, KOMMUNKOD, VALDISTRIKTSKOD as numbers, RÖSTBERÄTTIGADE,
  RÖSTANDE, VALDELTAGANDE) or its CSV with ``VD_KOD_FULL``.

Codes are strings with leading zeros. Rows such as "…9800 Förtidsröster ej fördelade efter
valdistrikt" (0 röstberättigade) are flagged ``unallocated``: they are excluded from district
statistics but their votes count in the kommun totals. Kommun turnout is recomputed from
counts (Σ röstande / Σ röstberättigade), never averaged from district percentages.
"""

from __future__ import annotations

import re
from pathlib import Path

from lagesbild.errors import SchemaError

__all__ = ["read_valdistrikt", "turnout_by_kommun", "COLUMNS"]

COLUMNS = ["valdistrikt", "namn", "kommun", "lan", "rostberattigade", "rostande", "valdeltagande_publ",
           "utlandska_medborgare", "unallocated", "election", "year"]


def _guess(path: Path, election: str | None, year: int | None) -> tuple[str, int]:
    name = path.name.lower()
    if year is None:
        m = re.search(r"(19|20)\d{2}", name)
        if not m:
            raise SchemaError(f"Ange valår för {path} (kan inte läsas ur filnamnet).",
                              f"Give the election year for {path} (not in the file name).")
        year = int(m.group(0))
    if election is None:
        if "ko_" in name or "kommun" in name:
            election = "kommun"
        elif "ri_" in name or "riksdag" in name or "_r_" in name:
            election = "riksdag"
        elif "re_" in name or "region" in name:
            election = "region"
        else:
            raise SchemaError(f"Ange valtyp (riksdag, region, kommun) för {path}.",
                              f"Give the election type (riksdag, region, kommun) for {path}.")
    return election, int(year)


def _read(path: Path, sheet: str | None):
    import pandas as pd

    if path.suffix.lower() in (".xlsx", ".xls"):
        with pd.ExcelFile(path) as xl:  # closed at once: no file handle outlives the read
            use = sheet or ("R antal" if "R antal" in xl.sheet_names else
                            next((s for s in xl.sheet_names if "antal" in s.lower()), xl.sheet_names[0]))
            return pd.read_excel(xl, sheet_name=use, dtype=str)
    return pd.read_csv(path, dtype=str, encoding="utf-8-sig", sep=None, engine="python")


def read_valdistrikt(path: str | Path, *, election: str | None = None, year: int | None = None,
                     sheet: str | None = None):
    """Read one result file into one row per valdistrikt (see :data:`COLUMNS`)."""
    import pandas as pd

    path = Path(path)
    election, year = _guess(path, election, year)
    df = _read(path, sheet)
    cols = {c.strip(): c for c in df.columns}
    if "Valdistriktskod" in cols:
        code = df[cols["Valdistriktskod"]].str.strip().str.zfill(8)
        eligible, voters = cols["Antal röstberättigade"], cols["Antal röstande"]
        pct, name = cols.get("Andel röstande"), cols["Valdistriktsnamn"]
        foreign = cols.get("varav utländska medborgare")
    elif "VALDISTRIKTSKOD" in cols:
        if "VD_KOD_FULL" in cols:
            code = df[cols["VD_KOD_FULL"]].str.strip().str.zfill(8)
        else:
            code = (df[cols["LÄNSKOD"]].str.strip().str.zfill(2) + df[cols["KOMMUNKOD"]].str.strip().str.zfill(2)
                    + df[cols["VALDISTRIKTSKOD"]].str.strip().str.zfill(4))
        eligible, voters = cols["RÖSTBERÄTTIGADE"], cols["RÖSTANDE"]
        pct, name, foreign = cols.get("VALDELTAGANDE"), cols["VALDISTRIKTSNAMN"], None
    else:
        raise SchemaError(
            f"Filen {path} ser inte ut som Valmyndighetens resultat per valdistrikt (kolumnen "
            f"Valdistriktskod eller VALDISTRIKTSKOD saknas; kolumner: {', '.join(list(cols)[:8])}).",
            f"The file {path} does not look like Valmyndigheten's results per valdistrikt (no "
            f"Valdistriktskod or VALDISTRIKTSKOD column; columns: {', '.join(list(cols)[:8])}).")

    def num(c):
        return pd.to_numeric(df[c].str.replace(",", ".", regex=False).str.strip(), errors="coerce") if c else None

    out = pd.DataFrame({"valdistrikt": code, "namn": df[name].astype(str).str.strip()})
    ok = out["valdistrikt"].str.fullmatch(r"\d{8}")
    out = out[ok.fillna(False)].copy()
    keep = out.index
    out["kommun"] = out["valdistrikt"].str[:4]
    out["lan"] = out["valdistrikt"].str[:2]
    out["rostberattigade"] = num(eligible)[keep].fillna(0).astype("int64")
    out["rostande"] = num(voters)[keep].fillna(0).astype("int64")
    out["valdeltagande_publ"] = num(pct)[keep] if pct else float("nan")
    out["utlandska_medborgare"] = num(foreign)[keep] if foreign else float("nan")
    out["unallocated"] = (out["rostberattigade"] == 0) | out["namn"].str.contains("ej fördelade", case=False)
    out["election"] = election
    out["year"] = year
    return out[COLUMNS].reset_index(drop=True)


def turnout_by_kommun(districts):
    """Kommun turnout (%) from counts, unallocated votes included in the numerator."""
    g = districts.groupby(["kommun", "election", "year"], as_index=False)[["rostberattigade", "rostande"]].sum()
    g["valdeltagande"] = 100.0 * g["rostande"] / g["rostberattigade"].where(g["rostberattigade"] > 0)
    return g
