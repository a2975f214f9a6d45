"""Reader for PC-Axis (PX) files, SCB's bulk format (docs/sources.md).

* Encoding: ``CHARSET="ANSI"`` (and files without CHARSET) are Windows-1252; ``CODEPAGE`` names
  another code page (e.g. ``utf-8``).
* Syntax: ``KEYWORD[lang]("variable"[,"value"])=value;`` with quoted strings continued over
  several lines (adjacent strings concatenate), comma-separated lists, ``TLIST(…)``.
* Multilingual files (``LANGUAGES=``): pass ``lang`` to get the names and labels of another
  language; codes (``CODES``) are the same in every language.
* Data: row-major over STUB then HEADING variables (the last HEADING variable varies fastest);
  quoted symbols (``".."``, ``"-"``, ``"..."``) become ``status`` with a missing value, never
  numbers (docs/methods/disclosure.md §2).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lagesbild.errors import SchemaError

__all__ = ["PxFile", "read_px", "parse_px"]

_KEY = re.compile(r'^\s*([A-Za-z0-9\-]+)(?:\[([A-Za-z\-_]+)\])?(?:\((.*)\))?\s*$', re.S)


@dataclass
class PxFile:
    frame: Any  # pandas.DataFrame: one code column per variable, <var>_label, value, status
    variables: list[str]
    stub: list[str]
    heading: list[str]
    language: str
    languages: list[str]
    title: str
    meta: dict[tuple[str, str | None, str | None], list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def keyword(self, key: str, sub: str | None = None, lang: str | None = None) -> list[str] | None:
        lang = None if lang in (None, self.main_language) else lang
        return self.meta.get((key, lang, sub))

    @property
    def main_language(self) -> str:
        return self.meta.get(("LANGUAGE", None, None), [""])[0]


def _tokens(text: str) -> list[str]:
    """Split a value into items: quoted strings (adjacent ones joined) and bare words."""
    items: list[str] = []
    i, n = 0, len(text)
    current: str | None = None
    while i < n:
        ch = text[i]
        if ch == '"':
            j = text.index('"', i + 1)
            part = text[i + 1:j]
            current = part if current is None else current + part
            i = j + 1
        elif ch == ",":
            items.append(current if current is not None else "")
            current = None
            i += 1
        elif ch.isspace():
            i += 1
        else:
            m = re.match(r"TLIST\([^)]*\)|[^,\s\"]+", text[i:])
            word = m.group(0) if m else text[i]
            current = word if current is None else current + word
            i += len(word)
    if current is not None:
        items.append(current)
    return items


def _statements(header: str):
    """Yield ``KEY…=value`` statements split at semicolons outside quotes."""
    buf: list[str] = []
    inq = False
    for ch in header:
        if ch == '"':
            inq = not inq
        if ch == ";" and not inq:
            yield "".join(buf).strip()
            buf = []
        else:
            buf.append(ch)
    tail = "".join(buf).strip()
    if tail:
        yield tail


def _decode(raw: bytes) -> str:
    head = raw[:4000].decode("latin-1")
    m = re.search(r'CODEPAGE\s*=\s*"([^"]+)"', head)
    codec = m.group(1).strip().lower() if m else "cp1252"
    if codec in ("ansi", "windows-1252", "iso-8859-1"):
        codec = "cp1252"
    try:
        return raw.decode(codec).lstrip("\ufeff")
    except (LookupError, UnicodeDecodeError):
        return raw.decode("cp1252", errors="replace")


def parse_px(text: str, *, lang: str | None = None, source: str = "PX") -> PxFile:
    """Parse the text of a PX file (see :func:`read_px`)."""
    import numpy as np
    import pandas as pd

    pos = re.search(r"(^|;)\s*DATA\s*=", text)
    if pos is None:
        raise SchemaError(f"{source}: nyckelordet DATA= saknas; inte en PX-fil.",
                          f"{source}: the DATA= keyword is missing; not a PX file.")
    header, data = text[:pos.end()], text[pos.end():]
    header = header[: header.rfind("DATA")]
    meta: dict[tuple[str, str | None, str | None], list[str]] = {}
    for st in _statements(header):
        if "=" not in st:
            continue
        key, _, value = st.partition("=")
        m = _KEY.match(key)
        if not m:
            continue
        sub = m.group(3)
        if sub is not None:
            sub = ",".join(_tokens(sub))
        meta[(m.group(1).upper(), m.group(2), sub)] = _tokens(value)
    main = meta.get(("LANGUAGE", None, None), [""])[0]
    languages = meta.get(("LANGUAGES", None, None), [main] if main else [])
    use = None if lang in (None, main) else lang
    if use is not None and use not in languages:
        raise SchemaError(f"{source}: språket {lang!r} finns inte i filen (finns: {', '.join(languages)}).",
                          f"{source}: the language {lang!r} is not in the file (available: {', '.join(languages)}).")

    def kw(key, sub=None, default=None):
        return meta.get((key, use, sub), meta.get((key, None, sub) if use is None else (key, use, sub), default))

    stub, heading = kw("STUB", default=[]), kw("HEADING", default=[])
    main_names = meta.get(("STUB", None, None), []) + meta.get(("HEADING", None, None), [])
    names = stub + heading
    if not names:
        raise SchemaError(f"{source}: STUB och HEADING saknas.", f"{source}: STUB and HEADING are missing.")
    values, codes = [], []
    for name, main_name in zip(names, main_names):
        vals = kw("VALUES", name)
        if vals is None:
            raise SchemaError(f"{source}: VALUES(\"{name}\") saknas.", f"{source}: VALUES(\"{name}\") is missing.")
        cds = meta.get(("CODES", use, name)) or meta.get(("CODES", None, main_name)) or vals
        values.append(vals)
        codes.append(cds)
    tokens = re.findall(r'"[^"]*"|[^\s,;"]+', data.split(";")[0])
    n = math.prod(len(v) for v in values)
    if len(tokens) != n:
        raise SchemaError(f"{source}: DATA har {len(tokens)} värden men variablerna ger {n} celler.",
                          f"{source}: DATA has {len(tokens)} values but the variables give {n} cells.")
    nums = np.full(n, np.nan)
    status: list[str | None] = [None] * n
    for i, t in enumerate(tokens):
        if t.startswith('"'):
            status[i] = t.strip('"')
        else:
            try:
                nums[i] = float(t)
            except ValueError:
                status[i] = t
    grids = np.meshgrid(*[np.arange(len(v)) for v in values], indexing="ij")
    cols = {}
    for k, name in enumerate(names):
        cols[name] = np.asarray(codes[k], dtype=object)[grids[k].ravel()]
        cols[f"{name}_label"] = np.asarray(values[k], dtype=object)[grids[k].ravel()]
    frame = pd.DataFrame(cols)
    frame["value"] = nums
    frame["status"] = pd.Series(status, dtype=object)
    notes = [x for key in ("NOTEX", "NOTE") for x in (kw(key) or [])]
    title = "".join(kw("TITLE", default=[""]))
    return PxFile(frame, names, stub, heading, lang or main, languages, title, meta, notes)


def read_px(path: str | Path, *, lang: str | None = None) -> PxFile:
    """Read a PX file into a tidy frame.

    Examples
    --------
    >>> px = parse_px('LANGUAGE="sv";STUB="region";HEADING="år";VALUES("region")="0180";'
    ...               'VALUES("år")="2023","2024";DATA=1 "..";')
    >>> px.frame[["region", "år", "value", "status"]].values.tolist()
    [['0180', '2023', 1.0, None], ['0180', '2024', nan, '..']]
    """
    p = Path(path)
    return parse_px(_decode(p.read_bytes()), lang=lang, source=str(p))
