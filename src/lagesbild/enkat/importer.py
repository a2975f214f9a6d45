"""Reading a survey file (CSV, Excel, SPSS .sav) through a codebook into a validated :class:`Wave`.

Nothing is written here: :func:`read_wave` either returns a complete wave or raises one error
naming the file, the row (as the user sees it: the header is row 1 in CSV and Excel; the case
number in .sav) and the column. Every file is screened for personal data first
(:mod:`lagesbild.privacy`): a personnummer anywhere, a column named for identity numbers or
names, or a text column that holds people's names refuses the file.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from lagesbild.enkat.catalogue import Catalogue
from lagesbild.enkat.codebook import Codebook, answer_key
from lagesbild.errors import InputError, PersonalDataError
from lagesbild.i18n import pair

__all__ = ["Wave", "read_table", "read_wave", "wave_from_frame"]

_NAME_COLUMN = re.compile(r"^(?:f[öo]r)?namn$|^efternamn$|^name$|^first.?name$|^last.?name$|^full.?name$|"
                          r"^elevnamn$|^elev$", re.I)


@dataclass
class Wave:
    """One survey wave of one kommun, mapped to lagesbild's items (own coding, NaN = no answer)."""

    kommun: str
    year: int
    skola: np.ndarray
    arskurs: np.ndarray
    kon: np.ndarray
    omrade: np.ndarray
    vikt: np.ndarray
    answers: dict[str, np.ndarray]
    enrolled: list[dict] = field(default_factory=list)
    name: str = ""
    synthetic: bool = False
    file: str = ""
    sha256: str = ""
    codebook: str = ""

    @property
    def n(self) -> int:
        return int(self.skola.size)


def read_table(path: Path):
    """The file as a DataFrame of raw values, and the row number of its first data row."""
    import pandas as pd

    suffix = path.suffix.lower()
    try:
        if suffix == ".sav":
            import pyreadstat

            df, _meta = pyreadstat.read_sav(str(path), apply_value_formats=False)
            return df, 1
        if suffix in (".xlsx", ".xls"):
            return pd.read_excel(path, dtype=object), 2
        if suffix in (".csv", ".txt"):
            with open(path, encoding="utf-8-sig") as fh:
                head = fh.readline()
            sep = ";" if head.count(";") > head.count(",") else ","
            return pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, encoding="utf-8-sig"), 2
    except FileNotFoundError:
        raise InputError(*pair("enkat.file_missing", file=str(path))) from None
    except Exception as exc:  # a library's parse error becomes one line naming the file
        raise InputError(*pair("enkat.unreadable", file=path.name, detail=type(exc).__name__)) from None
    raise InputError(*pair("enkat.bad_format", file=path.name, suffix=suffix or "(ingen)"))


def _screen(df, file: str, first_row: int) -> None:
    from lagesbild.privacy import probable_names, screen_frame

    screen_frame(df, file=file, first_row=first_row)
    for col in df.columns:
        if _NAME_COLUMN.search(str(col).strip()):
            raise PersonalDataError(*pair("enkat.name_column", file=file, column=str(col)))
        s = df[col]
        if getattr(s.dtype, "kind", "O") != "O":
            continue
        values = [v for v in s.head(200).tolist() if isinstance(v, str) and v.strip()]
        named = [i for i, v in enumerate(values) if probable_names(v)]
        if values and len(named) >= max(3, len(values) // 2):
            row = first_row + int(s.index.get_loc(s[s.astype(str) == values[named[0]]].index[0]))
            raise PersonalDataError(*pair("enkat.names_in_column", file=file, column=str(col), row=row))


def _codes(values) -> np.ndarray:
    """Raw cell values as normalised codes (numbers where numeric; None for empty)."""
    out = np.empty(len(values), dtype=object)
    for i, v in enumerate(values):
        if v is None or (isinstance(v, float) and np.isnan(v)) or (isinstance(v, str) and not v.strip()):
            out[i] = None
        else:
            out[i] = answer_key(v)
    return out


def _map_column(df, col: str, codes: dict | None, missing: tuple, lo: float | None, hi: float | None,
                file: str, first_row: int, numeric: bool) -> np.ndarray:
    raw = df[col].to_numpy(dtype=object)
    keys = _codes(raw)
    miss = np.array([k is None or k in missing for k in keys], dtype=bool)
    if codes is not None:
        ok = np.array([k in codes for k in keys], dtype=bool) | miss
        bad = np.flatnonzero(~ok)
        if bad.size:
            i = int(bad[0])
            raise InputError(*pair("enkat.bad_code", file=file, row=first_row + i, column=col, value=str(raw[i]),
                                   expected=", ".join(str(c) for c in codes)))
        mapped = np.array([None if m else codes[k] for k, m in zip(keys, miss, strict=True)], dtype=object)
    else:
        mapped = np.where(miss, np.array(None, dtype=object), keys)
    if not numeric:
        return np.array([None if v is None else str(v) for v in mapped], dtype=object)
    out = np.full(len(mapped), np.nan)
    for i, v in enumerate(mapped):
        if v is None:
            continue
        if not isinstance(v, (int, float)) or (lo is not None and hi is not None and not lo <= v <= hi):
            expected = f"{lo:g}–{hi:g}" if lo is not None else "ett tal"
            raise InputError(*pair("enkat.bad_code", file=file, row=first_row + i, column=col, value=str(raw[i]),
                                   expected=expected))
        out[i] = float(v)
    return out


def wave_from_frame(df, codebook: Codebook, catalogue: Catalogue, *, kommun: str, year: int, file: str,
                    first_row: int = 2) -> Wave:
    """Map a screened frame through the codebook (validates every mapped cell)."""
    cols = set(map(str, df.columns))
    df = df.rename(columns=str)
    for what, c in [*codebook.background.items(), *codebook.items.items()]:
        if c.column not in cols:
            raise InputError(*pair("enkat.missing_column", codebook=codebook.file, file=file, column=c.column,
                                   what=what))
    bg = codebook.background
    miss = ()  # "saknas" codes are for answers; background columns use their own codes
    skola = _map_column(df, bg["skola"].column, bg["skola"].codes, miss, None, None, file, first_row, False)
    arskurs = _map_column(df, bg["arskurs"].column, bg["arskurs"].codes, miss, None, None, file, first_row, False)
    kon = _map_column(df, bg["kon"].column, bg["kon"].codes, miss, None, None, file, first_row, False)
    if "omrade" in bg:
        omrade = _map_column(df, bg["omrade"].column, bg["omrade"].codes, miss, None, None, file, first_row, False)
    else:
        omrade = np.full(len(df), None, dtype=object)
    if "vikt" in bg:
        vikt = _map_column(df, bg["vikt"].column, None, miss, 0.0, 1e6, file, first_row, True)
    else:
        vikt = np.full(len(df), np.nan)
    for name, arr in (("skola", skola), ("arskurs", arskurs)):
        empty = np.flatnonzero(np.array([v is None for v in arr]))
        if empty.size:
            raise InputError(*pair("enkat.empty_cell", file=file, row=first_row + int(empty[0]),
                                   column=bg[name].column))
    ranges = catalogue.items
    miss = codebook.missing
    answers = {}
    for item_id, c in codebook.items.items():
        lo, hi = ranges[item_id]
        answers[item_id] = _map_column(df, c.column, c.codes, miss, lo, hi, file, first_row, True)
    return Wave(kommun, int(year), skola, arskurs, kon, omrade, vikt, answers, list(codebook.enrolled),
                codebook.name, codebook.synthetic, file)


def read_wave(path: str | Path, codebook: Codebook, catalogue: Catalogue, *, kommun: str, year: int) -> Wave:
    """Read, screen and map one survey file (nothing is written)."""
    path = Path(path)
    if not re.fullmatch(r"\d{4}", str(kommun)):
        raise InputError(*pair("enkat.bad_kommun", kommun=str(kommun)))
    if not 1990 <= int(year) <= 2100:
        raise InputError(*pair("enkat.bad_year", year=str(year)))
    df, first_row = read_table(path)
    _screen(df, path.name, first_row)
    wave = wave_from_frame(df, codebook, catalogue, kommun=str(kommun), year=int(year), file=path.name,
                           first_row=first_row)
    wave.sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    wave.codebook = codebook.text
    return wave
