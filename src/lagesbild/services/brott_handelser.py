"""Use cases of EST incident reporting: import, the web form, listing, withdrawal and review.

Incidents live in the operational store (:func:`lagesbild.services.brott.open_ops`); the analysis
of approved incidents is :func:`lagesbild.services.brott_lagesbild.lagesbild`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from lagesbild.services.brott import area_names, kommun_name

if TYPE_CHECKING:
    from lagesbild._config import Settings
    from lagesbild.store.db import Store
    from lagesbild.store.operational import OperationalStore

__all__ = ["import_handelser", "submit_handelse", "list_handelser", "withdraw_handelse", "review_handelser"]


def _taxonomy_setting(settings: Settings | None) -> str:
    return getattr(settings, "brott_kategorier", "") if settings else ""


def import_handelser(store: Store, ops: OperationalStore, file: Path, *, kommun: str, organisation: str,
                     user: str | None = None, settings: Settings | None = None, lang: str = "sv") -> dict:
    """Import incidents from CSV or Excel: screened, validated, points snapped to DeSO, all or nothing.

    Parameters
    ----------
    store : Store
        The analytical store (kommun, area codes and DeSO geometries).
    ops : OperationalStore
        The operational store with the brott tables.
    file : Path
        The CSV (``,`` or ``;``, UTF-8) or Excel file.
    kommun : str
        Four-digit kommun code.
    organisation : str
        The reporting organisation.
    user : str, optional
        The user name written with the incidents.
    settings : Settings, optional
        For the ``brott_kategorier`` setting (the EST categories when absent).
    lang : str
        Language of the warnings, 'sv' (default) or 'en'.

    Returns
    -------
    dict
        ``antal`` (incidents stored), ``status`` (``inskickad``), ``varningar`` (probable names in
        free text) and ``id`` (the new ids).

    Raises
    ------
    InputError
        For an unknown kommun, a missing or unreadable file, or a bad cell (naming file, row and
        column).
    SchemaError
        When columns are missing or unknown.
    PersonalDataError
        When a cell holds a personnummer.
    """
    from lagesbild.brott.handelser import name_warnings, read_incident_file, snap_points, validate_incidents
    from lagesbild.brott.kategorier import default_taxonomy
    from lagesbild.brott.tabeller import insert_incidents

    kommun_name(store, kommun)
    file = Path(file)
    raw = read_incident_file(file)
    tax = default_taxonomy(_taxonomy_setting(settings))
    df = validate_incidents(raw, tax, file=file.name, area_codes=set(area_names(store, kommun)))
    need = df["omrade"].isna() & df["x"].notna() & df["y"].notna()
    if need.any():
        deso = store.geometries(level="deso", kommun=kommun, version="DeSO2018")
        df.loc[need, "omrade"] = snap_points(df.loc[need, "x"], df.loc[need, "y"], deso)
    warnings = name_warnings(df["fritext"], file=file.name, lang=lang)
    ids = insert_incidents(ops, df, kommun=kommun, organisation=organisation, user=user)
    return {"antal": len(ids), "status": "inskickad", "varningar": warnings, "id": ids}


def submit_handelse(store: Store, ops: OperationalStore, values: dict, *, kommun: str, organisation: str,
                    user: str, settings: Settings | None = None, lang: str = "sv") -> dict:
    """One incident from the web form or the JSON endpoint (the same checks as the file import).

    Parameters
    ----------
    store : Store
        The analytical store.
    ops : OperationalStore
        The operational store with the brott tables.
    values : dict
        The incident's fields, named as the import file's columns.
    kommun : str
        Four-digit kommun code.
    organisation : str
        The reporting organisation.
    user : str
        The reporting user.
    settings : Settings, optional
        For the ``brott_kategorier`` setting.
    lang : str
        Language of the warnings, 'sv' (default) or 'en'.

    Returns
    -------
    dict
        ``id`` (the new incident), ``status`` (``inskickad``) and ``varningar``.

    Raises
    ------
    InputError
        For an unknown kommun or a bad field (naming the field).
    PersonalDataError
        When a field holds a personnummer.
    """
    from lagesbild.brott.handelser import IMPORT_COLUMNS, name_warnings, validate_incidents
    from lagesbild.brott.kategorier import default_taxonomy
    from lagesbild.brott.tabeller import insert_incidents

    kommun_name(store, kommun)
    row = {k: "" if values.get(k) is None else str(values.get(k)) for k in IMPORT_COLUMNS if k in values}
    tax = default_taxonomy(_taxonomy_setting(settings))
    df = validate_incidents(pd.DataFrame([row]), tax, file="formuläret", area_codes=set(area_names(store, kommun)))
    ids = insert_incidents(ops, df, kommun=kommun, organisation=organisation, user=user)
    return {"id": ids[0], "status": "inskickad",
            "varningar": name_warnings(df["fritext"], file="formuläret", lang=lang)}


def list_handelser(ops: OperationalStore, *, kommun: str, organisation: str | None,
                   status: str | None = None) -> pd.DataFrame:
    """The kommun's incidents, of one organisation (or all) and one status (or all).

    Parameters
    ----------
    ops : OperationalStore
        The operational store with the brott tables.
    kommun : str
        Four-digit kommun code.
    organisation : str or None
        Only this organisation's incidents; None for every organisation.
    status : str, optional
        Only this status (``inskickad``, ``godkand``, ``avvisad``, ``aterkallad``).

    Returns
    -------
    pandas.DataFrame
        One row per incident, with the columns of the ``brott_handelse`` table.
    """
    from lagesbild.brott.tabeller import list_incidents

    return list_incidents(ops, kommun=kommun, organisation=organisation, status=status)


def withdraw_handelse(ops: OperationalStore, incident_id: int, *, organisation: str) -> None:
    """Withdraw an own incident: its status becomes ``aterkallad`` and its free text is erased.

    Parameters
    ----------
    ops : OperationalStore
        The operational store with the brott tables.
    incident_id : int
        The incident.
    organisation : str
        The withdrawing organisation, which must be the one that reported it.

    Raises
    ------
    NotFoundError
        When the incident does not exist or belongs to another organisation.
    """
    from lagesbild.brott.tabeller import withdraw

    withdraw(ops, incident_id, organisation=organisation)


def review_handelser(ops: OperationalStore, ids: Iterable[int | str], *, decision: str, reviewer: str,
                     role: str) -> int:
    """Approve or reject submitted incidents, all or none.

    Parameters
    ----------
    ops : OperationalStore
        The operational store with the brott tables.
    ids : iterable of int
        The incidents to decide on.
    decision : str
        ``godkand`` or ``avvisad``.
    reviewer : str
        Who decides.
    role : str
        The reviewer's role; ``granskare`` or ``samordnare`` may review.

    Returns
    -------
    int
        How many incidents changed.

    Raises
    ------
    PermissionDeniedError
        When the role may not review.
    InputError
        For an unknown decision.
    ConflictError
        When an incident is not (or no longer) submitted; nothing is changed.
    """
    from lagesbild.brott.tabeller import review

    return review(ops, ids, decision=decision, reviewer=reviewer, role=role)
