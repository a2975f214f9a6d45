"""Skolverket's statistics export per skolenhet (e.g. "Grundskola - Slutbetyg årskurs 9").

Format (methods §7.5): semicolon-separated, UTF-8 with BOM (Windows-1252 tolerated), preamble
lines before the header (found by its "Skol-enhetskod" column), footnote lines after the data,
decimal comma, and ``..`` / ``.`` / ``-`` marking suppressed or missing values (``~100``, a
share masked because it is close to 100 %, is kept as a status too). Suppressed
values become missing with their symbol in ``<column>_status``; footnotes are kept as notes.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lagesbild.errors import SchemaError

__all__ = ["SchoolExport", "read_school_export", "NUMERIC"]

#: Column headers → tidy names (numeric ones get a ``_status`` companion).
_NAMES = {
    "Skola": "skola", "Skol-enhetskod": "skolenhetskod", "Skolkommun": "kommunnamn", "Kommun-kod": "kommun",
    "Typ av huvudman": "huvudman_typ", "Huvudman": "huvudman", "Huvudman orgnr": "huvudman_orgnr",
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
        raise SchemaError(f"Filen {path} saknar rubrikraden med 'Skol-enhetskod'; inte en skolenhetsexport "
                          "från Skolverket.",
                          f"The file {path} has no header row with 'Skol-enhetskod'; not a Skolverket "
                          "school-unit export.")
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
            raise SchemaError(f"Filen {path}, kolumn '{c}': värdet {s[bad].iloc[0]!r} är inget tal.",
                              f"The file {path}, column '{c}': the value {s[bad].iloc[0]!r} is not a number.")
    return SchoolExport(out.reset_index(drop=True), title, year, [re.sub(r"\s+", " ", n) for n in notes])
