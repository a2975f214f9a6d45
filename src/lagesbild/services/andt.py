"""Use cases of the ANDT follow-up: the policy register, yearly tillsyn counts and the overview with
the self-assessments, shared by the CLI (``lagesbild enkat andt …``), the web page and the report.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from lagesbild.enkat import andt
from lagesbild.errors import NotFoundError

if TYPE_CHECKING:
    from lagesbild.store.db import Store

__all__ = ["policy_add", "policy_list", "policy_delete", "tillsyn_set", "tillsyn_list", "andt_overview"]


def policy_add(store: Store, data: dict, policy_id: int | None = None) -> dict:
    """Register an ANDT policy, or with ``policy_id`` replace one.

    Parameters
    ----------
    store : Store
        The analytical store (its operational store holds the register).
    data : dict
        ``kommun``, ``dokument``, ``agare`` and optionally ``antagen``, ``nasta_revision`` (ISO
        dates) and the other fields of the register.
    policy_id : int, optional
        The policy to replace.

    Returns
    -------
    dict
        The stored policy with its ``id``; dates as ISO text.

    Raises
    ------
    InputError
        For a bad kommun code, a missing document or owner, or a malformed or inconsistent date.
    NotFoundError
        When ``policy_id`` names no policy.
    """
    res = andt.save_policy(store, data, policy_id)
    return {**res, "antagen": res["antagen"] and res["antagen"].isoformat(),
            "nasta_revision": res["nasta_revision"] and res["nasta_revision"].isoformat(),
            "andrad": res["andrad"].isoformat(timespec="seconds")}


def policy_list(store: Store, kommun: str, today: dt.date | None = None) -> list[dict]:
    """The kommun's ANDT policies.

    Parameters
    ----------
    store : Store
        The analytical store.
    kommun : str
        Four-digit kommun code.
    today : datetime.date, optional
        The day against which review dates are judged (today by default).

    Returns
    -------
    list of dict
        One dict per policy, flagged ``forsenad`` (review date passed) and ``saknar_revision``.
    """
    return andt.list_policies(store, str(kommun), today=today)


def policy_delete(store: Store, policy_id: int) -> None:
    """Remove a policy from the register.

    Parameters
    ----------
    store : Store
        The analytical store.
    policy_id : int
        The policy.

    Raises
    ------
    NotFoundError
        When there is no such policy.
    """
    andt.delete_policy(store, policy_id)


def tillsyn_set(store: Store, kommun: str, year: int, counts: dict[str, int]) -> dict:
    """Record one year's tillsyn counts, replacing that year's value per type.

    Parameters
    ----------
    store : Store
        The analytical store.
    kommun : str
        Four-digit kommun code.
    year : int
        The year.
    counts : dict of str to int
        ``{typ: antal}`` with the tillsyn types of :data:`lagesbild.enkat.andt.TILLSYN_TYPES`.

    Returns
    -------
    dict
        What was stored (kommun, year and the counts).

    Raises
    ------
    InputError
        For a bad kommun code or year, an unknown type or a count that is not an integer ≥ 0.
    """
    return andt.save_tillsyn(store, str(kommun), int(year), counts)


def tillsyn_list(store: Store, kommun: str, lang: str = "sv") -> list[dict]:
    """The kommun's tillsyn counts per type and year.

    Parameters
    ----------
    store : Store
        The analytical store.
    kommun : str
        Four-digit kommun code.
    lang : str
        Language of the type labels, 'sv' (default) or 'en'.

    Returns
    -------
    list of dict
        One row per type and year, with the change from the year before and the ±20 % flag.
    """
    return andt.tillsyn_table(store, str(kommun), lang)


def andt_overview(store: Store, kommun: str, *, lang: str = "sv", today: dt.date | None = None) -> dict:
    """Policies (overdue flagged), tillsyn per year and every self-assessment in full.

    Parameters
    ----------
    store : Store
        The analytical store.
    kommun : str
        Four-digit kommun code.
    lang : str
        Language of the labels, 'sv' (default) or 'en'.
    today : datetime.date, optional
        The day against which review dates are judged.

    Returns
    -------
    dict
        ``kommun``, ``policyer``, ``tillsyn`` and ``sjalvskattning`` (``etikett``, ``jamforelse``
        per category and year, ``ar``: each year's self-assessment).
    """
    from lagesbild.prevention import selfassessment

    table = selfassessment.compare(store, str(kommun))
    years = [c for c in table.columns if isinstance(c, int)] if not table.empty else []
    full = []
    for y in years:
        try:
            full.append(selfassessment.get(store, str(kommun), int(y)))
        except NotFoundError:
            continue
    comparison = {"ar": [int(y) for y in years],
                  "rader": [{"kategori": str(r["kategori"]), "varden": [float(r[y]) for y in years],
                             "forandring": float(r["förändring"]) if "förändring" in r else None}
                            for r in (table.to_dict("records") if not table.empty else [])]}
    return {"kommun": str(kommun), "policyer": policy_list(store, kommun, today),
            "tillsyn": tillsyn_list(store, kommun, lang),
            "sjalvskattning": {"etikett": selfassessment.LABEL, "jamforelse": comparison, "ar": full}}
