"""JSON-stat 2.0 (SCB PxWebApi 2.0) and PxWeb v1 ``json`` → one tidy long table.

The tidy table has one column per dimension (the category *codes*, as strings), ``value``
(float, NaN where missing) and ``status`` (the status symbol, e.g. ``..``, or None). Status
symbols are never turned into numbers (docs/methods/disclosure.md §2).

:func:`split_region` normalises SCB's region codes: ``0180C3750_DeSO2025`` → bare code +
``DeSO2025``; a bare DeSO code is the 2018 version and a bare RegSO code the 2020 version
(SCB's multi-version tables carry both), a four-digit code is a kommun and two digits a län.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from lagesbild.errors import DataSourceError

__all__ = ["Dataset", "parse_jsonstat2", "check_jsonstat2", "parse_pxweb_v1", "split_region",
           "CKM_MARKER", "has_ckm_note", "SYMBOLS"]

#: PX/PxWeb special symbols (docs/methods/disclosure.md §2): never coerced to numbers.
SYMBOLS = {".", "..", "...", ":", "-", "*", "....", "....."}
#: A phrase of SCB's 2025 Cell Key Method note ("a small controlled random uncertainty").
CKM_MARKER = "kontrollerad slumpmässig osäkerhet"

_BARE_DEFAULT = {"deso": "DeSO2018", "regso": "RegSO2020", "kommun": "kommun2025", "lan": "lan2025",
                 "riket": "riket"}
_REGION_RE = [
    ("deso", re.compile(r"^(\d{4}[ABC]\d{4})(?:_(DeSO\d{4}))?$")),
    ("regso", re.compile(r"^(\d{4}R\d{3})(?:_(RegSO\d{4}))?$")),
    ("kommun", re.compile(r"^(\d{4})(?:_\w+)?$")),
    ("lan", re.compile(r"^(\d{2})$")),
]


@dataclass
class Dataset:
    """A parsed table: the tidy frame plus what SCB said about it."""

    frame: Any  # pandas.DataFrame
    dims: list[str]
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # dim → code → label
    dim_labels: dict[str, str] = field(default_factory=dict)
    title: str = ""
    updated: str | None = None
    source: str | None = None
    notes: list[str] = field(default_factory=list)
    units: dict[str, dict] = field(default_factory=dict)  # content code → {base, decimals}
    table_id: str | None = None

    @property
    def ckm(self) -> bool:
        return has_ckm_note(self.notes)


def has_ckm_note(notes: list[str]) -> bool:
    return any(CKM_MARKER in (n or "") for n in notes)


def split_region(code: str, bare_versions: dict[str, str] | None = None) -> tuple[str, str, str] | None:
    """Return ``(bare_code, version, level)`` for an SCB region code, or None if not an area.

    Examples
    --------
    >>> split_region("1780R001_RegSO2025")
    ('1780R001', 'RegSO2025', 'regso')
    >>> split_region("1780A0010")
    ('1780A0010', 'DeSO2018', 'deso')
    >>> split_region("00"), split_region("1780")
    (('riket', 'riket', 'riket'), ('1780', 'kommun2025', 'kommun'))
    """
    versions = {**_BARE_DEFAULT, **(bare_versions or {})}
    text = str(code).strip()
    if text in ("00", "0000", "SE", "riket"):
        return ("riket", "riket", "riket")
    for level, pat in _REGION_RE:
        m = pat.match(text)
        if m:
            suffix = m.group(2) if level in ("deso", "regso") else None
            return (m.group(1), suffix or versions[level], level)
    return None


def codes_in_order(category: dict) -> list[str]:
    index = category.get("index")
    if index is None:
        return list(category.get("label", {}).keys())
    if isinstance(index, list):
        return [str(c) for c in index]
    return [str(c) for c, _ in sorted(index.items(), key=lambda kv: kv[1])]


def check_jsonstat2(doc: Any) -> None:
    """Raise ``ValueError`` unless ``doc`` is a complete JSON-stat 2.0 dataset.

    Used as the HTTP client's validator: a response whose value count differs from the product
    of ``size`` is damaged (truncated) and is retried.
    """
    if not isinstance(doc, dict) or doc.get("class") != "dataset":
        raise ValueError("not a JSON-stat 2.0 dataset (class != 'dataset')")
    size = doc.get("size")
    if not isinstance(size, list) or len(size) != len(doc.get("id", [])):
        raise ValueError("'id' and 'size' do not match")
    n = math.prod(size)
    values = doc.get("value")
    if isinstance(values, list) and len(values) != n:
        raise ValueError(f"{len(values)} values, expected {n} (the product of 'size')")


def _status_at(status: Any, n: int) -> list[str | None]:
    if status is None:
        return [None] * n
    if isinstance(status, str):
        return [status] * n
    if isinstance(status, list):
        return [s if s not in ("", None) else None for s in status] + [None] * (n - len(status))
    out: list[str | None] = [None] * n
    for k, v in status.items():
        i = int(k)
        if 0 <= i < n and v not in ("", None):
            out[i] = v
    return out


def parse_jsonstat2(doc: dict, *, table_id: str | None = None, labels: bool = False) -> Dataset:
    """Parse a JSON-stat 2.0 dataset (data or metadata response) into a :class:`Dataset`.

    Values are row-major in ``id`` order (the last dimension varies fastest). A sparse
    ``value`` object is supported. With ``labels=True`` the frame also has ``<dim>_label``.
    """
    import numpy as np
    import pandas as pd

    try:
        check_jsonstat2(doc)
    except ValueError as exc:
        raise DataSourceError(f"Ogiltigt JSON-stat2-svar{' för ' + table_id if table_id else ''}: {exc}.",
                              f"Invalid JSON-stat2 response{' for ' + table_id if table_id else ''}: {exc}.") from None
    dims = [str(d) for d in doc["id"]]
    size = [int(s) for s in doc["size"]]
    cats, lab, dim_labels = [], {}, {}
    for d in dims:
        dim = doc["dimension"][d]
        codes = codes_in_order(dim["category"])
        cats.append(codes)
        lab[d] = {c: str(dim["category"].get("label", {}).get(c, c)) for c in codes}
        dim_labels[d] = dim.get("label", d)
    n = math.prod(size)
    raw = doc.get("value")
    if isinstance(raw, dict):
        arr = np.full(n, np.nan)
        for k, v in raw.items():
            if v is not None:
                arr[int(k)] = float(v)
    else:
        arr = np.array([np.nan if v is None else float(v) for v in (raw or [])], dtype="float64")
    status = _status_at(doc.get("status"), n)
    # symbols sent as values (some servers put ".." in value) are kept as status
    if n:
        grids = np.meshgrid(*[np.arange(s) for s in size], indexing="ij")
        cols = {d: np.asarray(cats[i], dtype=object)[grids[i].ravel()] for i, d in enumerate(dims)}
    else:
        cols = {d: np.array([], dtype=object) for d in dims}
    frame = pd.DataFrame(cols)
    if labels:
        for d in dims:
            frame[f"{d}_label"] = frame[d].map(lab[d])
    frame["value"] = arr if n else np.array([], dtype="float64")
    frame["status"] = pd.Series(status, dtype=object)
    units = {}
    for d in dims:
        u = doc["dimension"][d]["category"].get("unit")
        if u:
            units.update({str(k): v for k, v in u.items()})
    notes = [str(x) for x in (doc.get("note") or [])]
    ext = doc.get("extension") or {}
    tid = table_id or (ext.get("px") or {}).get("tableid")
    return Dataset(frame, dims, lab, dim_labels, str(doc.get("label", "")), doc.get("updated"),
                   doc.get("source"), notes, units, tid)


def _num(text: Any) -> tuple[float, str | None]:
    if text is None:
        return math.nan, None
    t = str(text).strip()
    if t in SYMBOLS or t == "":
        return math.nan, (t or None)
    try:
        return float(t.replace(",", ".").replace(" ", "")), None
    except ValueError:
        return math.nan, t


def parse_pxweb_v1(doc: dict, *, table_id: str | None = None) -> Dataset:
    """Parse a PxWeb v1 response in format ``json`` (``columns``, ``comments``, ``data``).

    Content columns (type ``c``) become the ``ContentsCode`` dimension, so the result has the
    same shape as a JSON-stat2 parse.
    """
    import pandas as pd

    if not isinstance(doc, dict) or "columns" not in doc or "data" not in doc:
        raise DataSourceError("Ogiltigt PxWeb v1-svar: nycklarna 'columns' och 'data' saknas.",
                              "Invalid PxWeb v1 response: the keys 'columns' and 'data' are missing.")
    keys = [c for c in doc["columns"] if c.get("type") in ("d", "t")]
    contents = [c for c in doc["columns"] if c.get("type") == "c"]
    dims = [c["code"] for c in keys] + ["ContentsCode"]
    rows = []
    for rec in doc["data"]:
        k = [str(x) for x in rec["key"]]
        for c, v in zip(contents, rec["values"]):
            value, status = _num(v)
            rows.append((*k, c["code"], value, status))
    frame = pd.DataFrame(rows, columns=[*dims, "value", "status"])
    labels: dict[str, dict[str, str]] = {d: {} for d in dims}
    labels["ContentsCode"] = {c["code"]: c.get("text", c["code"]) for c in contents}
    dim_labels = {c["code"]: c.get("text", c["code"]) for c in keys} | {"ContentsCode": "tabellinnehåll"}
    notes = [str(c.get("comment", c)) if isinstance(c, dict) else str(c) for c in doc.get("comments", [])]
    notes += [str(c.get("comment")) for c in contents if c.get("comment")]
    meta = (doc.get("metadata") or [{}])[0]
    units = {c["code"]: {"base": c.get("unit", "")} for c in contents if c.get("unit")}
    return Dataset(frame, dims, labels, dim_labels, meta.get("label", ""), meta.get("updated"),
                   meta.get("source"), notes, units, table_id)
