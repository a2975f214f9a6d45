"""Strict validation of the codes and years in URLs (malformed → 422, unknown → 404).

The checks here are on the *form* of a value; whether it exists is decided by the services,
which raise :class:`~lagesbild.errors.NotFoundError` (→ 404).
"""

from __future__ import annotations

import re

from lagesbild.errors import InputError

__all__ = ["kommun_code", "area_code", "year", "level", "variable", "version", "code_list", "safe_next",
           "YEAR_MIN", "YEAR_MAX", "VERSION_PATTERN"]

YEAR_MIN, YEAR_MAX = 1990, 2100
_KOMMUN = re.compile(r"^\d{4}$")
_AREA = re.compile(r"^(\d{4}R\d{3}|\d{4}[ABC]\d{4})$")
_VARIABLE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
#: The form of a geography version name (RegSO2025, DeSO2018, gbg_primaromraden2025 …).
VERSION_PATTERN = "^[A-Za-z0-9_]{1,40}$"


def _bad(param: str, expected_sv: str, expected_en: str, got) -> InputError:
    shown = str(got)[:40]
    return InputError(f"Parametern '{param}' måste vara {expected_sv}. Fick {shown!r}.",
                      f"The '{param}' parameter must be {expected_en}. Got {shown!r}.")


def kommun_code(value: str, param: str = "kommun") -> str:
    if not isinstance(value, str) or not _KOMMUN.match(value):
        raise _bad(param, "en kommunkod med fyra siffror, t.ex. 1480", "a four-digit kommun code, e.g. 1480",
                   value)
    return value


def area_code(value: str, param: str = "code") -> str:
    if not isinstance(value, str) or not _AREA.match(value):
        raise _bad(param, "en RegSO- eller DeSO-kod, t.ex. 1480R001 eller 0180C1010",
                   "a RegSO or DeSO code, e.g. 1480R001 or 0180C1010", value)
    return value


def year(value, param: str = "year") -> int:
    try:
        y = int(str(value))
    except (TypeError, ValueError):
        raise _bad(param, f"ett år mellan {YEAR_MIN} och {YEAR_MAX}",
                   f"a year between {YEAR_MIN} and {YEAR_MAX}", value) from None
    if not YEAR_MIN <= y <= YEAR_MAX or not str(value).strip().isdigit():
        raise _bad(param, f"ett år mellan {YEAR_MIN} och {YEAR_MAX}",
                   f"a year between {YEAR_MIN} and {YEAR_MAX}", value)
    return y


def level(value: str, param: str = "level") -> str:
    if value not in ("regso", "deso"):
        raise _bad(param, "regso eller deso", "regso or deso", value)
    return value


def variable(value: str, param: str = "variable") -> str:
    if not isinstance(value, str) or not _VARIABLE.match(value):
        raise _bad(param, "ett variabel-id (gemener, siffror, _)", "a variable id (lower case, digits, _)",
                   value)
    return value


def version(value: str | None, param: str = "version") -> str | None:
    """A geography version name (None or empty: the newest); whether it exists is the services'."""
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not re.match(VERSION_PATTERN, value):
        raise _bad(param, "ett versionsnamn, t.ex. RegSO2025", "a version name, e.g. RegSO2025", value)
    return value


def code_list(text: str, param: str = "codes") -> tuple[str, list[str]]:
    """Two to four kommun codes or two to four area codes: ``(kind, codes)``."""
    codes = [c.strip() for c in (text or "").split(",") if c.strip()]
    if not 2 <= len(codes) <= 4 or len(set(codes)) != len(codes):
        raise _bad(param, "två till fyra olika koder åtskilda med komma",
                   "two to four different codes separated by commas", text)
    if all(_KOMMUN.match(c) for c in codes):
        return "kommun", codes
    for c in codes:
        area_code(c, param)
    return "area", codes


def safe_next(value: str | None) -> str:
    """A local path to redirect to (never another host)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value \
            or any(ord(ch) < 32 for ch in value):
        return "/"
    return value
