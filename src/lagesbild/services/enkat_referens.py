"""Use cases of the youth survey's reference values (län, riket or other kommuner) that a wave's
shares are compared with: imported from CSV or entered by hand, checked against the scale catalogue.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from lagesbild.enkat import storage
from lagesbild.enkat.catalogue import load_catalogue
from lagesbild.errors import InputError
from lagesbild.i18n import pair

if TYPE_CHECKING:
    from lagesbild.store.db import Store

__all__ = ["import_reference", "enter_reference"]


def import_reference(store: Store, file: str | Path) -> dict:
    """Import reference aggregates from CSV: columns ``ar, faktor, niva, andel[, n][, kalla]``.

    ``andel`` is a share 0–1 (or a percentage with ``%``); ``niva`` names the reference (``lan``,
    ``riket`` or a kommun name). Rows are validated against the scale catalogue.

    Parameters
    ----------
    store : Store
        The analytical store.
    file : str or Path
        The CSV file.

    Returns
    -------
    dict
        ``rader`` (rows stored) and ``fil``.

    Raises
    ------
    InputError
        When the file is missing or a row is bad (naming file and row).
    """
    import pandas as pd

    path = Path(file)
    if not path.exists():
        raise InputError(*pair("enkat.file_missing", file=str(path)))
    df = pd.read_csv(path, sep=None, engine="python", dtype=str, keep_default_na=False)
    known = {s.id for s in load_catalogue(None).scales}
    rows = [_reference_row(r, known, lambda problem, i=i: InputError(*pair(
        "enkat.bad_reference", file=path.name, row=i, problem=problem)), path.name)
        for i, r in enumerate(df.to_dict("records"), start=2)]
    return {"rader": storage.save_reference(store, rows), "fil": path.name}


def enter_reference(store: Store, *, ar: int, faktor: str, niva: str, andel: str | float, n: int | None = None,
                    kalla: str = "") -> dict:
    """Enter one reference value by hand (same checks as :func:`import_reference`).

    Parameters
    ----------
    store : Store
        The analytical store.
    ar : int
        The year.
    faktor : str
        A scale id of the catalogue.
    niva : str
        ``lan``, ``riket`` or a kommun name.
    andel : str or float
        A share 0–1 or a percentage with ``%``.
    n : int, optional
        Number of respondents behind the value.
    kalla : str
        The source (``inmatad`` when empty).

    Returns
    -------
    dict
        ``rader`` (rows stored) and the stored row.

    Raises
    ------
    InputError
        For an unknown factor, a value that is not a number or a share outside 0–1.
    """
    known = {s.id for s in load_catalogue(None).scales}
    row = _reference_row({"ar": str(ar), "faktor": faktor, "niva": niva, "andel": str(andel),
                          "n": "" if n is None else str(n), "kalla": kalla}, known,
                         lambda problem: InputError(*pair("enkat.bad_reference_entry", problem=problem)),
                         "inmatad")
    return {"rader": storage.save_reference(store, [row]), **row}


def _reference_row(r: dict, known: set[str], bad: Callable[..., InputError], default_source: str) -> dict:
    for col in ("ar", "faktor", "niva", "andel"):
        if col not in r:
            raise bad(f"kolumnen {col!r} saknas")
    if r["faktor"] not in known:
        raise bad(f"faktorn {r['faktor']!r} finns inte i skalkatalogen")
    try:
        raw = str(r["andel"]).strip().replace(",", ".")
        andel = float(raw.rstrip("%")) / (100 if raw.endswith("%") else 1)
        year = int(r["ar"])
        n = int(r["n"]) if str(r.get("n", "")).strip() else None
    except ValueError:
        raise bad("ar, andel och n ska vara tal") from None
    if not 0 <= andel <= 1:
        raise bad(f"andelen ska vara 0–1, fick {r['andel']!r}")
    return {"ar": year, "faktor": r["faktor"], "niva": str(r["niva"]).strip(), "andel": andel, "n": n,
            "kalla": r.get("kalla", "") or default_source}


