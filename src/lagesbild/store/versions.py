"""Geography versions of a level (``RegSO2020``, ``RegSO2025``, ``DeSO2018`` …): which exist, which
is the newest, and statistics published on one version shown on another through the store's keys.

Listings, maps and exports use the newest version of a level *that has data for the request* by
default: a value stored on an older version is shown on the newer one through a one-to-one key
between them (the store's same-code crosswalk RegSO2020 → RegSO2025), and where the key says the
name or the boundary may have changed (anything but ``samma namn``) the value is marked
``approximate``. An older version is chosen by name; an unknown name is an
:class:`~lagesbild.errors.InputError` that lists the versions there are.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from lagesbild.errors import InputError
from lagesbild.i18n import pair

__all__ = ["VERSIONED_LEVELS", "EXACT_KEY_NOTES", "versions_of", "level_of_version", "check_version",
           "on_version", "newest_with_data"]

#: Levels that come in several geography versions.
VERSIONED_LEVELS = ("regso", "deso")
#: Key notes under which a value carried to the newer version is exact (not approximate).
EXACT_KEY_NOTES = ("samma namn",)


def _year_of(version: str) -> tuple[int, str]:
    m = re.search(r"(\d{4})", str(version))
    return (int(m.group(1)) if m else -1, str(version))


def versions_of(store, level: str, *, kommun: str | None = None, lan: str | None = None) -> list[str]:
    """The versions of ``level`` the store holds (for the kommun or län), newest first (by the year
    in the name)."""
    have = store.areas(level=level, kommun=kommun, lan=lan)["version"].unique().tolist()
    return sorted((str(v) for v in have), key=_year_of, reverse=True)


def level_of_version(store, version: str) -> str | None:
    """The level whose areas carry ``version`` (None when no area does)."""
    df = store.sql("SELECT DISTINCT level FROM areas WHERE version = ? LIMIT 1", [version])
    return None if df.empty else str(df["level"].iloc[0])


def check_version(version: str, versions: list[str], *, level: str) -> str:
    """``version`` if it is one of ``versions``; otherwise the one-line InputError listing them."""
    if version not in versions:
        raise InputError(*pair("fetch.no_such_version", version=version, level=level,
                               versions=", ".join(versions) or "–"))
    return version


def _one_to_one(key: pd.DataFrame) -> pd.DataFrame:
    """Key rows where one area maps to exactly one area with weight 1 (or none given)."""
    if key.empty:
        return key
    w = key["weight"] if "weight" in key else pd.Series(1.0, index=key.index)
    key = key[w.isna() | (w == 1)]
    return key[~key["from_code"].duplicated(keep=False) & ~key["to_code"].duplicated(keep=False)]


def on_version(store, obs: pd.DataFrame, version: str) -> pd.DataFrame:
    """``obs`` (tidy observations of one level, any versions) shown on ``version``.

    Rows already on ``version`` are kept; rows on another version are carried over through the
    store's one-to-one key to ``version`` (a row without one is left out). Where both exist for
    the same area, year and variable, the value published on ``version`` wins.

    Returns the same columns with ``area_code``, ``area_version`` and ``name`` of ``version``,
    plus ``data_version`` (the version the value was published on) and ``approximate`` (True
    where the key says the name or boundary may have changed).
    """
    direct = obs[obs["area_version"] == version].assign(data_version=version, approximate=False)
    parts = [direct]
    names = None
    for other, part in obs[obs["area_version"] != version].groupby("area_version", sort=False):
        key = _one_to_one(store.area_keys(from_version=str(other), to_version=version))
        if key.empty:
            continue
        j = part.merge(key[["from_code", "to_code", "note"]], left_on="area_code", right_on="from_code")
        if j.empty:
            continue
        if names is None:
            names = store.areas(version=version).set_index("code")["name"]
        j = j.assign(data_version=str(other), area_version=version, area_code=j["to_code"],
                     approximate=~j["note"].fillna("").isin(EXACT_KEY_NOTES))
        if "name" in j:
            j["name"] = j["area_code"].map(names).fillna(j["name"])
        parts.append(j[list(direct.columns)])
    out = pd.concat([p for p in parts if not p.empty], ignore_index=True) if any(
        not p.empty for p in parts) else direct
    keys = [c for c in ("area_code", "year", "variable") if c in out]
    if keys:  # the value published on the version itself first
        out = out.sort_values("approximate", kind="stable").drop_duplicates(keys, keep="first")
        out = out.sort_values([c for c in ("variable", "year", "area_code") if c in out], kind="stable")
    return out.reset_index(drop=True)


def newest_with_data(store, obs: pd.DataFrame, versions: list[str],
                     usable: Callable[[str], bool] | None = None) -> str | None:
    """The first of ``versions`` (newest first) on which ``obs`` has values, directly or through a
    key, and that ``usable`` accepts (e.g. has boundaries); None when none has."""
    for v in versions:
        if (usable is None or usable(v)) and not on_version(store, obs, v).empty:
            return v
    return None
