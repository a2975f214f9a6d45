"""Similar kommuner: SKR kommungrupp and Kolada's "liknande kommuner" groups.

Two kinds of comparison groups are bundled in the store (``area_groups``):

* ``skr_kommungrupp_2023`` / ``skr_huvudgrupp_2023``: SKR's classification; every kommun is in
  exactly one group, shared by all its members.
* ``kolada_liknande``: Kolada's "Liknande kommuner <tema>, <kommun>, <år>" groups. Each group
  is defined *for* one reference kommun (named in its title) and lists seven other kommuner.

:func:`comparison_groups` gives a kommun's groups; :func:`compare` places a kommun-level value
among a group's members (mean, median, min, max, rank).
"""

from __future__ import annotations

import contextlib
import re
import threading
import weakref

__all__ = ["comparison_groups", "compare", "KOLADA_THEME_DEFAULT"]

#: Kolada theme used by default for socio-economic figures.
KOLADA_THEME_DEFAULT = "socioekonomi"
_TITLE = re.compile(r"^Liknande kommuner,? (?P<theme>.*?), (?P<ref>[^,]+), (?P<year>\d{4})$")


_INDEX: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_INDEX_LOCK = threading.Lock()


def _kolada_index(store):
    """Kolada groups with parsed theme, reference kommun name and year — national, so parsed
    once per store and generation of its file and shared by every kommun (do not modify)."""
    gen = getattr(store, "generation", None)
    with _INDEX_LOCK:
        try:
            hit = _INDEX.get(store)
        except TypeError:  # not weak-referenceable
            hit = None
    if hit is not None and hit[0] == gen:
        return hit[1]
    idx = _build_kolada_index(store)
    with _INDEX_LOCK:
        with contextlib.suppress(TypeError):
            _INDEX[store] = (gen, idx)
    return idx


def _build_kolada_index(store):
    g = store.area_groups("kolada_liknande")
    if g.empty:
        return g.assign(theme=[], ref_name=[], group_year=[])
    parsed = g["group_name"].str.extract(_TITLE)
    return g.assign(theme=parsed["theme"].str.strip(), ref_name=parsed["ref"].str.strip(),
                    group_year=parsed["year"].astype("Int64"))


def comparison_groups(store, kommun: str, *, kolada_themes=None) -> dict:
    """The comparison groups of one kommun.

    Parameters
    ----------
    store : Store
    kommun : str
        Kommun code (4 digits).
    kolada_themes : list of str, optional
        Kolada themes to include (default: all). Theme names as in Kolada, e.g.
        "socioekonomi", "arbetsmarknad", "ekonomiskt bistånd", "övergripande".

    Returns
    -------
    dict
        ``skr_kommungrupp``: ``{code, name, members}``; ``skr_huvudgrupp``: the same;
        ``kolada``: list of ``{group_code, theme, year, name, members}`` (members exclude
        the reference kommun; ``members_with_self`` includes it); ``source``.
    """
    from lagesbild.store.generations import per_generation

    names = per_generation(store, ("similar.kommun_names",),
                           lambda: store.areas(level="kommun").set_index("code")["name"])
    out: dict = {"kommun": kommun, "name": names.get(kommun),
                 "source": "SKR kommungruppsindelning 2023; Kolada (RKA) liknande kommuner"}
    for grouping, key in (("skr_kommungrupp_2023", "skr_kommungrupp"),
                          ("skr_huvudgrupp_2023", "skr_huvudgrupp")):
        # store.area_groups(grouping, area_code=kommun): the first of the kommun's groups (in the
        # store's order) and its members, from one read per generation
        first, members = per_generation(store, ("similar.area_groups", grouping),
                                        lambda g=grouping: _first_group(store.area_groups(g))).get(kommun, (None, None))
        out[key] = None if first is None else {"code": first[0], "name": first[1], "members": members}
    by_name = per_generation(store, ("similar.kolada_by_name",), lambda: _groups_by_name(_kolada_index(store)))
    name = names.get(kommun)
    own = by_name.get(name, [])
    if not own and name is not None:  # Gotland is "Region Gotland" in Kolada
        own = by_name.get(f"Region {name}", [])
    groups = []
    for code, theme, year, group_name, area_codes in own:
        if kolada_themes is not None and theme not in list(kolada_themes):
            continue
        members = sorted(area_codes - {kommun})
        groups.append({"group_code": code, "theme": theme, "year": year, "name": group_name,
                       "members": members, "members_with_self": sorted(set(members) | {kommun})})
    out["kolada"] = sorted(groups, key=lambda d: d["theme"])
    return out


def _groups_by_name(kol) -> dict:
    """Reference kommun name → its Kolada groups in the index's order, each
    ``(group_code, theme, year, group_name, set of member codes)`` (theme, year and name of the
    group's first row)."""
    out: dict = {}
    for ref, rows in kol.groupby("ref_name", sort=False):
        out[ref] = [(code, g["theme"].iloc[0], int(g["group_year"].iloc[0]), g["group_name"].iloc[0],
                     set(g["area_code"])) for code, g in rows.groupby("group_code", sort=False)]
    return out


def _first_group(rows) -> dict:
    """Kommun → ((code, name) of its first group in ``rows``' order, sorted members of all its groups)."""
    members = {code: sorted(g["area_code"]) for code, g in rows.groupby("group_code", sort=False)}
    names = dict(zip(rows["group_code"], rows["group_name"]))
    out: dict = {}
    for kommun, code in zip(rows["area_code"], rows["group_code"]):
        if kommun not in out:
            out[kommun] = [(code, names[code]), list(members[code])]
        elif code != out[kommun][0][0]:  # a kommun in several groups: the members of all of them
            out[kommun][1] = sorted(out[kommun][1] + members[code])
    return {k: tuple(v) for k, v in out.items()}


def compare(values, kommun: str, members, *, higher_is_better: bool | None = None) -> dict:
    """Place one kommun's value within a comparison group.

    Parameters
    ----------
    values : Series
        Value per kommun code (all kommuner or at least the group).
    kommun : str
    members : iterable of str
        The group (the kommun itself is added if missing).
    higher_is_better : bool, optional
        When given, ``rank`` 1 is the best value; otherwise 1 is the highest.

    Returns
    -------
    dict
        ``value, group_mean, group_median, group_min, group_max, n, n_missing, rank``
        (None where the kommun's value is missing).
    """
    import numpy as np

    members = list(dict.fromkeys([*members, kommun]))
    v = values.reindex(members).to_numpy(dtype="float64")
    present = v[~np.isnan(v)]
    own = v[-1] if members[-1] == kommun else v[members.index(kommun)]
    n = len(present)
    res = {"value": None if own != own else float(own), "n": int(n), "n_missing": int(len(v) - n),
           "group_mean": float(present.mean()) if n else None,
           "group_median": float(np.median(present)) if n else None,
           "group_min": float(present.min()) if n else None,
           "group_max": float(present.max()) if n else None, "rank": None}
    if res["value"] is not None:  # competition ranking ("min"): 1 + the number of better values
        better = present < own if higher_is_better is False else present > own
        res["rank"] = 1 + int(better.sum())
    return res
