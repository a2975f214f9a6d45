"""Use cases of the youth survey, shared by the CLI, the web app and the report.

Every result that comes from the *syntetisk exempelenkät* says so (``enkat`` and ``syntetisk``
in the result). Settings used: ``enkat_min_n`` (suppression threshold) and
``enkat_priorities`` (how many ranked factors are priorities). The ANDT follow-up is in
:mod:`lagesbild.services.andt`, reference values in :mod:`lagesbild.services.enkat_referens`, tables,
chart and page in :mod:`lagesbild.services.enkat_visning`, the reports in
:mod:`lagesbild.services.enkat_rapport`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lagesbild.enkat import compare, priorities, profile, storage, synthetic
from lagesbild.enkat.catalogue import Catalogue, load_catalogue
from lagesbild.enkat.codebook import read_codebook
from lagesbild.enkat.importer import read_wave
from lagesbild.errors import InputError, NotFoundError
from lagesbild.i18n import pair, t

if TYPE_CHECKING:
    from lagesbild._config import Settings
    from lagesbild.store.db import Store

__all__ = ["exempel", "import_survey", "profil", "prioriteringar", "trend", "waves", "response_rates", "demo",
           "parse_by", "factor_gap", "reference_cuts", "kommun_name"]


def _catalogue(catalogue_file: str | Path | None = None) -> Catalogue:
    return load_catalogue(catalogue_file)


def parse_by(value: str | list[str] | None) -> list[str]:
    """Parse the breakdown parameter: ``"skola,kon"`` → ``["skola", "kon"]``.

    Parameters
    ----------
    value : str, list of str or None
        Comma-separated dimensions (or a list); None or "" for none.

    Returns
    -------
    list of str
        The dimensions, in the given order.

    Raises
    ------
    InputError
        For an unknown or repeated dimension.
    """
    if value is None or value == "":
        return []
    parts = value if isinstance(value, list) else [p.strip() for p in str(value).split(",") if p.strip()]
    for p in parts:
        if p not in profile.DIMENSIONS:
            raise InputError(*pair("enkat.bad_by", known=", ".join(profile.DIMENSIONS), value=str(value)))
    if len(set(parts)) != len(parts):
        raise InputError(*pair("enkat.bad_by", known=", ".join(profile.DIMENSIONS), value=str(value)))
    return parts


def exempel(kommun: str, year: int, out: str | Path, codebook_out: str | Path, *, seed: int = 1,
            schools: int = 6, enrolled: int = 110) -> dict:
    """Write a *syntetisk exempelenkät* as the provider's CSV and its codebook (YAML).

    Parameters
    ----------
    kommun : str
        Four-digit kommun code.
    year : int
        The survey year.
    out, codebook_out : str or Path
        Where the CSV and the codebook are written (atomically).
    seed : int
        Seed of the generator (default 1).
    schools : int
        Number of schools (default 6).
    enrolled : int
        Pupils enrolled per school and grade (default 110).

    Returns
    -------
    dict
        ``enkat`` (the synthetic label), ``syntetisk`` (True), ``kommun``, ``ar``, ``n``, ``fil``
        and ``kodbok``.

    Raises
    ------
    InputError
        When the kommun code is not four digits.
    """
    import yaml

    from lagesbild._fileio import write_atomic

    if len(str(kommun)) != 4 or not str(kommun).isdigit():
        raise InputError(*pair("enkat.bad_kommun", kommun=str(kommun)))
    cat = _catalogue()
    syn = synthetic.generate(cat, str(kommun), int(year), seed=seed, schools=schools, enrolled=enrolled)
    df = synthetic.provider_frame(syn, cat)
    cb = synthetic.codebook_for(syn, cat)
    header = f"# {synthetic.LABEL}: kodbok för kommun {kommun} år {year} (lagesbild)\n"
    write_atomic(out, df.to_csv(index=False, sep=";"))
    write_atomic(codebook_out, header + yaml.safe_dump(cb, allow_unicode=True, sort_keys=False))
    return {"enkat": synthetic.LABEL, "syntetisk": True, "kommun": str(kommun), "ar": int(year), "n": syn.n,
            "fil": str(out), "kodbok": str(codebook_out)}


def import_survey(store: Store, file: str | Path, codebook: str | Path, *, kommun: str, year: int,
                  catalogue_file: str | Path | None = None, replace: bool = False) -> dict:
    """Read, screen and validate a survey file and store it (all or nothing).

    Parameters
    ----------
    store : Store
        The analytical store.
    file : str or Path
        The survey (CSV, Excel or SPSS ``.sav``).
    codebook : str or Path
        The codebook (YAML) mapping the file's columns and codes to the scale catalogue.
    kommun : str
        Four-digit kommun code.
    year : int
        The survey year.
    catalogue_file : str or Path, optional
        Another scale catalogue than the bundled one.
    replace : bool
        Replace a different wave already stored for the kommun and year.

    Returns
    -------
    dict
        ``status`` (``inlast``, ``oforandrad`` or ``ersatt``), ``n``, ``kommun``, ``ar``, ``enkat``,
        ``syntetisk`` and ``fil``.

    Raises
    ------
    InputError
        For a missing or malformed file or codebook (naming file, row and column).
    PersonalDataError
        When the file holds a personnummer.
    ConflictError
        When another wave is stored for the year and ``replace`` is false.
    """
    cat = _catalogue(catalogue_file)
    cb = read_codebook(codebook, cat)
    wave = read_wave(file, cb, cat, kommun=str(kommun), year=int(year))
    res = storage.save_wave(store, wave, catalogue_version=cat.version, replace=replace)
    res.update(enkat=wave.name, syntetisk=wave.synthetic, fil=Path(file).name)
    return res


def waves(store: Store, kommun: str) -> list[dict]:
    """The kommun's imported waves, oldest first.

    Parameters
    ----------
    store : Store
        The analytical store.
    kommun : str
        Four-digit kommun code.

    Returns
    -------
    list of dict
        One dict per wave (``ar``, ``n``, ``fil`` …), ``inlast`` as ISO text.
    """
    return [{**w, "inlast": w["inlast"].isoformat(timespec="seconds")} for w in storage.waves(store, kommun)]


def _wave(store, kommun: str, year: int):
    return storage.load_wave(store, str(kommun), int(year))


def reference_cuts(store: Store, kommun: str, cat: Catalogue,
                   reference_year: int | None = None) -> tuple[dict, int | None]:
    """Cut-offs of the percentile scales, computed on the reference wave.

    The reference is the kommun's own earliest imported wave unless ``reference_year`` names
    another, so that later waves are measured against the same cut-off and a trend is a change
    in the share, not in the cut-off (docs/methods/prevention.md §2.1: RISE averages the percentiles of a
    reference period). Fixed cut-offs need none.

    Parameters
    ----------
    store : Store
        The analytical store.
    kommun : str
        Four-digit kommun code.
    cat : Catalogue
        The scale catalogue.
    reference_year : int, optional
        The reference wave (the earliest by default).

    Returns
    -------
    tuple of (dict, int or None)
        ``({scale id: cut-off}, reference year)``; ``({}, None)`` without percentile scales or waves.

    Raises
    ------
    NotFoundError
        When the kommun has no wave in ``reference_year``.
    """
    if not any(s.cut_method == "percentil" for s in cat.scales):
        return {}, None
    if reference_year is None:
        years = [w["ar"] for w in storage.waves(store, str(kommun))]
        if not years:
            return {}, None
        reference_year = min(years)
    ref = _wave(store, kommun, reference_year)
    return {sc.scale.id: sc.cut for sc in profile.score_wave(ref, cat) if sc.scale.cut_method == "percentil"}, \
        int(reference_year)


def profil(store: Store, settings: Settings, *, kommun: str, year: int, by: str | list[str] | None = None,
           catalogue_file: str | Path | None = None, reference_year: int | None = None, lang: str = "sv") -> dict:
    """The profile of one wave: the share at risk (or protected) per factor, with 95 % intervals.

    Parameters
    ----------
    store : Store
        The analytical store.
    settings : Settings
        For ``enkat_min_n`` (suppression) and ``enkat_priorities``.
    kommun : str
        Four-digit kommun code.
    year : int
        The wave.
    by : str or list of str, optional
        Breakdown dimensions (see :func:`parse_by`).
    catalogue_file : str or Path, optional
        Another scale catalogue than the bundled one.
    reference_year : int, optional
        The wave whose percentiles are the cut-offs (see :func:`reference_cuts`).
    lang : str
        'sv' (default) or 'en'.

    Returns
    -------
    dict
        ``enkat``, ``syntetisk``, ``kommun``, ``ar``, ``n``, ``min_n``, ``katalog``,
        ``gransreferens``, ``rader`` (small groups suppressed) and ``svarsfrekvens``.

    Raises
    ------
    InputError
        For a bad breakdown.
    NotFoundError
        When the kommun has no wave in ``year``.
    """
    dims = parse_by(by)
    wave = _wave(store, kommun, year)
    cat = _catalogue(catalogue_file)
    cuts, ref_year = reference_cuts(store, kommun, cat, reference_year)
    rows = profile.profile(wave, cat, by=dims, min_n=settings.enkat_min_n, cuts=cuts, lang=lang)
    for r in rows:
        r["enkat"] = wave.name
    return {"enkat": wave.name, "syntetisk": wave.synthetic, "kommun": str(kommun), "ar": int(year), "n": wave.n,
            "min_n": settings.enkat_min_n, "katalog": cat.version, "gransreferens": ref_year, "rader": rows,
            "svarsfrekvens": profile.response_rates(wave)}


def _reference_rows(store, year: int, rows: list[dict]) -> list[dict]:
    return compare.compare_reference(rows, storage.references(store, year))


def prioriteringar(store: Store, settings: Settings, *, kommun: str, year: int, reference: str | None = None,
                   catalogue_file: str | Path | None = None, lang: str = "sv") -> dict:
    """Ranked factors with the insatser that target them, and the gap.

    Parameters
    ----------
    store : Store
        The analytical store.
    settings : Settings
        For ``enkat_min_n`` (suppression) and ``enkat_priorities``.
    kommun : str
        Four-digit kommun code.
    year : int
        The wave.
    reference : str, optional
        The reference level to compare with (``lan``, ``riket`` or a kommun name).
    catalogue_file : str or Path, optional
        Another scale catalogue than the bundled one.
    lang : str
        'sv' (default) or 'en'.

    Returns
    -------
    dict
        ``enkat``, ``syntetisk``, ``kommun``, ``ar``, ``faktorer`` (ranked), ``luckor`` (priority
        factors no insats targets) and ``lucktext``.

    Raises
    ------
    NotFoundError
        When the kommun has no wave in ``year``.
    """
    from lagesbild.prevention import registry

    prof = profil(store, settings, kommun=kommun, year=year, catalogue_file=catalogue_file, lang=lang)
    cat = _catalogue(catalogue_file)
    comps = _reference_rows(store, year, prof["rader"])
    insatser = registry.list_insatser(store, str(kommun))
    ranked = priorities.rank_factors(prof["rader"], cat, insatser, comparisons=comps, reference=reference,
                                     top=settings.enkat_priorities)
    for r in ranked:
        r["enkat"] = prof["enkat"]
    gap = priorities.gaps(ranked)
    return {"enkat": prof["enkat"], "syntetisk": prof["syntetisk"], "kommun": str(kommun), "ar": int(year),
            "faktorer": ranked, "luckor": [g["faktor"] for g in gap],
            "lucktext": t("enkat.gap", lang, factors=", ".join(g["namn"] for g in gap)) if gap
            else t("enkat.no_gap", lang)}


def trend(store: Store, settings: Settings, *, kommun: str, year: int, year_before: int | None = None,
          by: str | list[str] | None = None, lang: str = "sv") -> dict:
    """Change per factor (and group) from the previous wave (or ``year_before``).

    Parameters
    ----------
    store : Store
        The analytical store.
    settings : Settings
        For ``enkat_min_n`` (suppression) and ``enkat_priorities``.
    kommun : str
        Four-digit kommun code.
    year : int
        The later wave.
    year_before : int, optional
        The earlier wave (the one before ``year`` by default).
    by : str or list of str, optional
        Breakdown dimensions.
    lang : str
        'sv' (default) or 'en'.

    Returns
    -------
    dict
        ``enkat``, ``syntetisk``, ``kommun``, ``ar``, ``ar_fore`` and ``rader`` (change with its
        interval and verdict).

    Raises
    ------
    NotFoundError
        When there is no earlier wave or no wave in a named year.
    """
    years = [w["ar"] for w in storage.waves(store, str(kommun))]
    if year_before is None:
        earlier = [y for y in years if y < int(year)]
        if not earlier:
            raise NotFoundError(*pair("enkat.no_wave", kommun=kommun, year=f"före {year}"))
        year_before = max(earlier)
    now = profil(store, settings, kommun=kommun, year=year, by=by, lang=lang)
    before = profil(store, settings, kommun=kommun, year=year_before, by=by, lang=lang)
    rows = compare.trend(now["rader"], before["rader"], year=int(year), year_before=int(year_before))
    return {"enkat": now["enkat"], "syntetisk": now["syntetisk"], "kommun": str(kommun), "ar": int(year),
            "ar_fore": int(year_before), "rader": rows}


def response_rates(store: Store, *, kommun: str, year: int) -> list[dict]:
    """Response rates of a wave per school and grade (where the enrolled numbers are known).

    Parameters
    ----------
    store : Store
        The analytical store.
    kommun : str
        Four-digit kommun code.
    year : int
        The wave.

    Returns
    -------
    list of dict
        One dict per school and grade.

    Raises
    ------
    NotFoundError
        When the kommun has no wave in ``year``.
    """
    return profile.response_rates(_wave(store, kommun, year))


def factor_gap(store: Store, kommun: str, lang: str = "sv") -> dict | None:
    """The survey's priority factors that no insats addresses, for the coverage view and the chain.

    Parameters
    ----------
    store : Store
        The analytical store.
    kommun : str
        Four-digit kommun code.
    lang : str
        'sv' (default) or 'en'.

    Returns
    -------
    dict or None
        ``{"ar", "enkat", "luckor": [{"faktor", "namn"}], "rubrik", "text", "lank", "lanktext"}``
        for the latest wave, texts in ``lang``; None when the kommun has no imported survey (or
        the gap cannot be computed).
    """
    from lagesbild.errors import LagesbildError

    settings = store.settings
    try:
        ws = storage.waves(store, str(kommun))
        if not ws:
            return None
        year = max(w["ar"] for w in ws)
        prio = prioriteringar(store, settings, kommun=kommun, year=year, lang=lang)
    except LagesbildError:
        return None
    gap = [{"faktor": f["faktor"],
        "namn": f["namn"]} for f in prio["faktorer"] if f["prioriterad"] and not f["insatser"]]
    return {"ar": year, "enkat": prio["enkat"], "luckor": gap,
            "rubrik": t("enkat.gap_heading", lang, enkat=prio["enkat"], ar=year), "text": prio["lucktext"],
            "lank": f"/enkat/{kommun}?year={year}", "lanktext": t("enkat.gap_link", lang)}


def kommun_name(store: Store, kommun: str) -> str:
    """The kommun's name from the store.

    Parameters
    ----------
    store : Store
        The analytical store.
    kommun : str
        Four-digit kommun code.

    Returns
    -------
    str
        The name; the code when the store does not know it.
    """
    from lagesbild.errors import LagesbildError

    try:
        return str(store.area(str(kommun)).get("name") or kommun)
    except (LagesbildError, KeyError, ValueError):
        return str(kommun)


def demo(store: Store, settings: Settings) -> None:
    """Import two waves of the syntetisk exempelenkät for Botkyrka and print the priorities.

    Parameters
    ----------
    store : Store
        The analytical store.
    settings : Settings
        For ``enkat_min_n`` (suppression) and ``enkat_priorities``.
    """
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for year, seed in ((2022, 1), (2024, 2)):
            csv, yml = Path(tmp) / f"enkat_{year}.csv", Path(tmp) / f"kodbok_{year}.yaml"
            exempel("0127", year, csv, yml, seed=seed)
            import_survey(store, csv, yml, kommun="0127", year=year, replace=True)
    prio = prioriteringar(store, settings, kommun="0127", year=2024)
    print(f"\nUngdomsenkät ({synthetic.LABEL}) för Botkyrka 2022 och 2024 – prioriterade faktorer 2024:")
    for f in prio["faktorer"][: settings.enkat_priorities]:
        ins = ", ".join(f["insatser"]) or "ingen insats"
        print(f"  {f['rang']}. {f['namn']} ({f['typ']}): {round(100 * f['andel'])} % – {ins}")
    print("  " + prio["lucktext"])
