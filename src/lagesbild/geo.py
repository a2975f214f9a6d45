"""Area codes, levels and geography versions (docs/methods/segregation.md §1).

Levels nest riket > län > kommun > RegSO > DeSO. Each area has a *version*
(``DeSO2018``, ``DeSO2025``, ``RegSO2020``, ``RegSO2025``, ``kommun2025``, ``lan2025``,
``riket``) or, for user-defined area sets, a version string of the user's choosing
(level ``custom``). School units have level ``skolenhet``.

SCB's suffixed codes (``0180C3750_DeSO2025``, ``1480R001_RegSO2025``) are normalised to the
bare code plus the version the suffix names.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from lagesbild.errors import GeographyVersionError, SchemaError

__all__ = [
    "LEVELS", "LEVEL_ORDER", "VERSIONS", "DEFAULT_VERSION", "LEVEL_LABELS", "ParsedCode",
    "parse_code", "level_of_version", "kommun_of", "lan_of", "check_version",
    "normalise_codes",
]

LEVEL_ORDER = ("riket", "lan", "kommun", "regso", "deso")
LEVELS = (*LEVEL_ORDER, "custom", "skolenhet", "valdistrikt", "ruta1km", "ruta250", "ruta100")

LEVEL_LABELS = {
    "riket": ("riket", "Sweden"), "lan": ("län", "county"), "kommun": ("kommun", "municipality"),
    "regso": ("RegSO", "RegSO"), "deso": ("DeSO", "DeSO"), "custom": ("eget område", "own area"),
    "skolenhet": ("skolenhet", "school unit"), "valdistrikt": ("valdistrikt", "voting district"),
    "ruta1km": ("1 km-ruta", "1 km grid cell"), "ruta250": ("250 m-ruta", "250 m grid cell"),
    "ruta100": ("100 m-ruta", "100 m grid cell"),
}

#: Known versions of the official geographies and their level.
VERSIONS = {
    "DeSO2018": "deso", "DeSO2025": "deso", "RegSO2020": "regso", "RegSO2025": "regso",
    "kommun2025": "kommun", "lan2025": "lan", "riket": "riket",
    "skolenhet2025": "skolenhet", "valdistrikt2022": "valdistrikt",
    # SCB grid cells (lagesbild.grid): the version is the level
    "ruta1km": "ruta1km", "ruta250": "ruta250", "ruta100": "ruta100",
}
#: The version used when none is declared.
DEFAULT_VERSION = {"deso": "DeSO2025", "regso": "RegSO2025", "kommun": "kommun2025",
                   "lan": "lan2025", "riket": "riket", "skolenhet": "skolenhet2025",
                   "valdistrikt": "valdistrikt2022", "ruta1km": "ruta1km", "ruta250": "ruta250",
                   "ruta100": "ruta100"}

CODE_PATTERNS = {
    "deso": re.compile(r"^(\d{4}[ABC]\d{4})(?:_(DeSO\d{4}))?$"),
    "regso": re.compile(r"^(\d{4}R\d{3})(?:_(RegSO\d{4}))?$"),
    "kommun": re.compile(r"^(\d{4})$"),
    "lan": re.compile(r"^(\d{2})$"),
    "riket": re.compile(r"^(00|0000|SE|riket)$"),
    "valdistrikt": re.compile(r"^(\d{8})$"),
    "skolenhet": re.compile(r"^(\d{8})$"),
    "ruta1km": re.compile(r"^(\d{13})$"), "ruta250": re.compile(r"^(\d{13})$"),
    "ruta100": re.compile(r"^(\d{13})$"),
}
CODE_FORMATS = {
    "deso": "^\\d{4}[ABC]\\d{4}$", "regso": "^\\d{4}R\\d{3}$", "kommun": "^\\d{4}$",
    "lan": "^\\d{2}$", "riket": "'riket'", "valdistrikt": "^\\d{8}$", "skolenhet": "^\\d{8}$",
    "ruta1km": "^\\d{13}$", "ruta250": "^\\d{13}$", "ruta100": "^\\d{13}$",
}


class ParsedCode(NamedTuple):
    code: str
    level: str
    version: str | None  # the version named by a suffix, else None


def level_of_version(version: str) -> str:
    """Return the level of a known version, or 'custom' for a user-defined one."""
    return VERSIONS.get(version, "custom")


def parse_code(code: object, level: str | None = None) -> ParsedCode:
    """Validate and normalise one area code.

    Parameters
    ----------
    code : str
        A DeSO, RegSO, kommun, län or riket code, possibly with SCB's vintage suffix.
    level : str, optional
        The expected level; without it the level is inferred from the format
        (an 8-digit code is taken as a valdistrikt).

    Raises
    ------
    SchemaError
        When the code does not match the format of ``level`` (or of any level).

    Examples
    --------
    >>> parse_code("0180C3750_DeSO2025")
    ParsedCode(code='0180C3750', level='deso', version='DeSO2025')
    >>> parse_code(" 1480R001 ").level
    'regso'
    """
    text = str(code).strip() if code is not None else ""
    if isinstance(code, float):
        text = ""  # a code read as a number has lost its leading zeros
    candidates = (level,) if level and level in CODE_PATTERNS else (
        () if level == "custom" else ("deso", "regso", "kommun", "lan", "riket", "valdistrikt"))
    if level == "custom":
        if not text:
            raise SchemaError("Tom områdeskod.", "Empty area code.")
        return ParsedCode(text, "custom", None)
    for lvl in candidates:
        m = CODE_PATTERNS[lvl].match(text)
        if m:
            bare = m.group(1)
            version = m.group(2) if m.lastindex and m.lastindex >= 2 else None
            if lvl == "riket":
                bare = "riket"
            return ParsedCode(bare, lvl, version)
    if level:
        raise SchemaError(
            f"Ogiltig områdeskod {text!r} för nivån {level}: förväntade formatet {CODE_FORMATS.get(level)}.",
            f"Invalid area code {text!r} for level {level}: expected the format {CODE_FORMATS.get(level)}.",
        )
    raise SchemaError(
        f"Ogiltig områdeskod {text!r}: varken DeSO, RegSO, kommun-, läns- eller rikskod.",
        f"Invalid area code {text!r}: not a DeSO, RegSO, kommun, län or riket code.",
    )


def check_version(parsed: ParsedCode, version: str) -> None:
    """Refuse a code whose level or suffix contradicts the declared ``version``."""
    declared_level = level_of_version(version)
    if declared_level != "custom" and parsed.level != declared_level:
        raise GeographyVersionError(
            f"Koden {parsed.code} är på nivån {parsed.level} men versionen {version} gäller {declared_level}.",
            f"The code {parsed.code} is at level {parsed.level} but version {version} is for {declared_level}.",
        )
    if parsed.version and parsed.version != version:
        raise GeographyVersionError(
            f"Koden {parsed.code}_{parsed.version} har versionen {parsed.version}, inte den angivna {version}.",
            f"The code {parsed.code}_{parsed.version} has version {parsed.version}, not the declared {version}.",
        )


def normalise_codes(codes, level: str | None = None) -> tuple[list[str], list[str | None]]:
    """Vectorised :func:`parse_code`; returns bare codes and suffix versions."""
    bare, versions = [], []
    for c in codes:
        p = parse_code(c, level)
        bare.append(p.code)
        versions.append(p.version)
    return bare, versions


def kommun_of(code: str) -> str | None:
    """The kommun code of a DeSO, RegSO or kommun code (its first four characters)."""
    return code[:4] if len(code) >= 4 and code[:4].isdigit() else None


def lan_of(code: str) -> str | None:
    """The län code of a DeSO, RegSO, kommun or län code (its first two characters)."""
    return code[:2] if len(code) >= 2 and code[:2].isdigit() else None
