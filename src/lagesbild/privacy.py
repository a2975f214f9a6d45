"""Screening for personal data: one function for every import path.

Personnummer and names never enter lagesbild. Every import — statistics files, geometry
files and their area names, insatser, incidents, survey files, free text in forms — passes
its values through :func:`screen_text` or :func:`screen_frame`, which refuse personal
identity numbers with a one-line message naming where they were found (the number itself is
never shown).

What counts as a personal identity number (Skatteverket, *Personnummer*, SKV 704, and
*Samordningsnummer*, SKV 707):

* ten digits ``ÅÅMMDD`` + ``NNNK`` or twelve digits with the century ``ÅÅÅÅMMDD`` + ``NNNK``;
* between the date and the last four digits a hyphen, a plus sign (100 years or older), a
  space or nothing;
* the month 01–12 and the day 01–31, or 61–91 for a *samordningsnummer* (day + 60);
* the check digit ``K`` valid by the Luhn algorithm over the ten digits ``ÅÅMMDDNNN``.

Organisation numbers (``556677-8899``, ``212000-0142``) have a month field of 20 or more and so
are never mistaken for personnummer, even when their check digit is valid.

This module is part of the foundation layer and imports only the standard library.
"""

from __future__ import annotations

import calendar
import re
from typing import Any

from lagesbild.errors import PersonalDataError
from lagesbild.i18n import pair

__all__ = ["find_personal_numbers", "is_personal_number", "screen_text", "screen_frame", "probable_names",
           "PERSONAL_COLUMN"]

# Candidate: optional century, six date digits, optional separator, four digits; not part of a
# longer run of digits.
_CANDIDATE = re.compile(r"(?<![\d])(?P<c>1[89]|20)?(?P<d>\d{6})(?P<sep>[-+ ]?)(?P<n>\d{4})(?![\d])")
_CANDIDATE_LOOSE = re.compile(r"\d{6}[-+ ]?\d{4}")

#: Column names that announce personal identity numbers; such a column is refused outright.
PERSONAL_COLUMN = re.compile(r"person(?:nummer|nr)|^pnr$|^ssn$|samordningsnummer|personal.?id", re.I)


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _date_ok(century: str | None, date6: str) -> bool:
    yy, mm, dd = int(date6[:2]), int(date6[2:4]), int(date6[4:6])
    if not 1 <= mm <= 12:
        return False
    if dd > 60:
        dd -= 60  # samordningsnummer
    if dd < 1:
        return False
    if century:
        year = int(century) * 100 + yy
        return dd <= calendar.monthrange(year, mm)[1]
    # Without the century the year is ambiguous: accept 29 February.
    return dd <= (29 if mm == 2 else calendar.monthrange(2001, mm)[1])


def is_personal_number(text: str) -> bool:
    """True when ``text`` as a whole is one personnummer or samordningsnummer.

    Examples
    --------
    >>> is_personal_number("19121212-1212"), is_personal_number("556677-8899")
    (True, False)
    """
    s = str(text).strip()
    m = _CANDIDATE.fullmatch(s)
    return m is not None and _valid(m)


def _valid(m: re.Match[str]) -> bool:
    return _date_ok(m.group("c"), m.group("d")) and _luhn_ok(m.group("d") + m.group("n"))


def find_personal_numbers(text: str) -> list[str]:
    """The personnummer and samordningsnummer in ``text``, as written there.

    Recognises ten or twelve digits with a hyphen, plus sign, space or nothing before the last
    four, a valid month and day (day + 60 for samordningsnummer) and a valid Luhn check digit.
    Organisation numbers and other digit strings are not returned.

    Examples
    --------
    >>> find_personal_numbers("Anna 19121212 1212 och 556677-8899")
    ['19121212 1212']
    """
    if not text:
        return []
    s = str(text)
    found: list[str] = []
    pos = 0
    while True:
        m = _CANDIDATE.search(s, pos)
        if m is None:
            break
        if _valid(m):
            found.append(m.group(0))
            pos = m.end()
            continue
        pos = m.start() + 1
    return found


def screen_text(value: Any, *, where_sv: str, where_en: str) -> None:
    """Refuse ``value`` if it contains a personal identity number.

    Parameters
    ----------
    value : Any
        A text (anything else is turned into text; ``None`` passes).
    where_sv, where_en : str
        Where the value comes from, e.g. ``"Fältet 'namn'"`` / ``"The field 'name'"``.

    Raises
    ------
    PersonalDataError
        Naming ``where``; the number itself is never shown.
    """
    if value is None:
        return
    if find_personal_numbers(str(value)):
        sv, _ = pair("security.privacy_found_in", where=where_sv)
        _, en = pair("security.privacy_found_in", where=where_en)
        raise PersonalDataError(sv, en)


def _is_texty(series: Any) -> bool:
    kind = getattr(getattr(series, "dtype", None), "kind", "O")
    return kind in ("O", "U", "S") or str(series.dtype).startswith("string")


def screen_frame(df: Any, *, file: str, columns: Any = None, first_row: int = 2) -> None:
    """Refuse a table with a personal-identity column or a personnummer in any cell.

    Parameters
    ----------
    df : pandas.DataFrame
        The rows read from ``file`` (one chunk of it is fine).
    file : str
        The file name shown in the message.
    columns : iterable of str, optional
        Only these columns (default: all).
    first_row : int, default 2
        The row number, as the user sees it, of ``df``'s first row (2 = first data row under a
        header line; pass the running offset when screening a file chunk by chunk).

    Raises
    ------
    PersonalDataError
        Naming the file, the row number and the column; the value is never shown.
    """
    cols = list(df.columns) if columns is None else [c for c in columns if c in df.columns]
    for col in cols:
        if PERSONAL_COLUMN.search(str(col)):
            raise PersonalDataError(*pair("security.privacy_column", file=file, column=str(col)))
    for col in cols:
        s = df[col]
        kind = getattr(s.dtype, "kind", "O")
        if kind in ("i", "u"):
            # Integer columns: ten or twelve digit values only.
            big = (s >= 10**9) & (s < 10**12)
            if not bool(big.any()):
                continue
            text = s[big].astype(str)
        elif _is_texty(s):
            text = s.dropna().astype(str)
            if text.empty:
                continue
            text = text[text.str.contains(_CANDIDATE_LOOSE.pattern, regex=True)]
        else:
            continue
        for label, value in text.items():
            if find_personal_numbers(value):
                pos = df.index.get_loc(label)
                row = first_row + (int(pos) if isinstance(pos, int) else 0)
                raise PersonalDataError(*pair("security.privacy_cell", file=file, row=row, column=str(col)))


# Common Swedish first names (SCB, *Namnstatistik*: the most frequent given names of the
# population); used only for a heuristic warning, never to refuse.
_FIRST_NAMES = frozenset("""
Anna Eva Maria Karin Sara Christina Lena Emma Kerstin Marie Malin Ingrid Hanna Linda Elisabeth Sofia
Birgitta Annika Susanne Elin Johanna Ulla Margareta Monica Carina Helena Ida Julia Camilla Cecilia Louise
Lars Mikael Anders Johan Erik Per Peter Karl Thomas Jan Daniel Fredrik Hans Andreas Stefan Mohammed
Bengt Magnus Mats Oskar Alexander Jonas Nils Martin Leif Björn Ulf Bo Göran Henrik Gustav David
Sven Christer Marcus Niklas Mattias Robert Patrik Ahmed Ali Fatima Amina Omar Hassan Elsa Alice Maja
""".split())
_SURNAME_END = re.compile(r"(?:sson|son|berg|ström|lund|qvist|kvist|gren|dahl|holm|blad|sjö|fors|ling)$")
_TWO_WORDS = re.compile(r"\b([A-ZÅÄÖÉ][a-zåäöéü]+)\s+([A-ZÅÄÖÉ][a-zåäöéü]+(?:-[A-ZÅÄÖÉ][a-zåäöéü]+)?)\b")


def probable_names(text: str) -> list[str]:
    """Phrases in ``text`` that look like a person's name (a heuristic for a warning only).

    A capitalised word that is a common Swedish first name, or is followed by a capitalised
    word with a typical surname ending (-sson, -berg, -ström …), followed by that word.

    Examples
    --------
    >>> probable_names("Samtal med Anna Andersson i Rinkeby")
    ['Anna Andersson']
    """
    if not text:
        return []
    out: list[str] = []
    for m in _TWO_WORDS.finditer(str(text)):
        first, last = m.group(1), m.group(2)
        if first in _FIRST_NAMES or _SURNAME_END.search(last.split("-")[-1]):
            out.append(f"{first} {last}")
    return out
