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
        # the rows store.area_groups(grouping, area_code=kommun) returns, from one read per generation
        every = per_generation(store, ("similar.area_groups", grouping), lambda g=grouping: store.area_groups(g))
        g = every[every["group_code"].isin(set(every.loc[every["area_code"] == kommun, "group_code"]))]
        if g.empty:
            out[key] = None
            continue
        out[key] = {"code": g["group_code"].iloc[0], "name": g["group_name"].iloc[0],
                    "members": sorted(g["area_code"])}
    kol = _kolada_index(store)
    name = names.get(kommun)
    own = kol[kol["ref_name"] == name]
    if own.empty and name is not None:  # Gotland is "Region Gotland" in Kolada
        own = kol[kol["ref_name"] == f"Region {name}"]
    if kolada_themes is not None:
        own = own[own["theme"].isin(list(kolada_themes))]
    groups = []
    for code, g in own.groupby("group_code", sort=False):
        members = sorted(set(g["area_code"]) - {kommun})
        groups.append({"group_code": code, "theme": g["theme"].iloc[0],
                       "year": int(g["group_year"].iloc[0]), "name": g["group_name"].iloc[0],
                       "members": members, "members_with_self": sorted(set(members) | {kommun})})
    out["kolada"] = sorted(groups, key=lambda d: d["theme"])
    return out


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
    members = list(dict.fromkeys([*members, kommun]))
    v = values.reindex(members).astype(float)
    present = v.dropna()
    own = v.get(kommun)
    res = {"value": None if own is None or own != own else float(own), "n": int(len(present)),
           "n_missing": int(v.isna().sum()),
           "group_mean": float(present.mean()) if len(present) else None,
           "group_median": float(present.median()) if len(present) else None,
           "group_min": float(present.min()) if len(present) else None,
           "group_max": float(present.max()) if len(present) else None, "rank": None}
    if res["value"] is not None:
        asc = higher_is_better is False
        res["rank"] = int(present.rank(ascending=asc, method="min")[kommun])
    return res
