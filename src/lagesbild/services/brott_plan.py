"""Use cases of the åtgärdsplan, the medborgarlöften and the samordningsfunktion's roles
(Lag 2023:196 4 §), shared by the CLI, the web pages and the brott document.

Plans are versioned in the operational store; the lägesbild itself is in
:mod:`lagesbild.services.brott`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from lagesbild.brott.plan import MEASURE_STATUSES, PROMISE_OWNERS, PROMISE_STATUSES
from lagesbild.errors import ConflictError, InputError, LagesbildError, NotFoundError
from lagesbild.i18n import pair

if TYPE_CHECKING:
    from lagesbild.brott.plan import Plan
    from lagesbild.store.db import Store
    from lagesbild.store.operational import OperationalStore

__all__ = ["MEASURE_STATUSES", "PROMISE_OWNERS", "PROMISE_STATUSES", "save_plan", "approve_plan", "current_plan",
           "plan_with_version", "plan_field_errors", "approval_refusal", "add_promise", "promises",
           "set_promise_status", "set_role", "roles"]


def save_plan(ops: OperationalStore, content: dict, *, store: Store | None = None,
              expected_version: int | None = None) -> dict:
    """Store a plan (a draft) as a new version.

    Parameters
    ----------
    ops : OperationalStore
        The operational store with the brott tables (:func:`lagesbild.services.brott.open_ops`).
    content : dict
        The plan as :meth:`lagesbild.brott.plan.Plan.from_dict` reads it (kommun, år, findings,
        causes, measures).
    store : Store, optional
        With the analytical store, each measure's ``insats_id`` must name an insats in the
        insatser registry.
    expected_version : int, optional
        The version the edit started from (0 for a new plan); when another version was saved
        in between, nothing is written (optimistic versioning of the plan editor).

    Returns
    -------
    dict
        ``kommun``, ``ar``, ``version`` (the new version number) and ``status``.

    Raises
    ------
    InputError
        When the plan is malformed (duplicate ids, bad status or date) or a measure names an
        insats the registry does not have.
    ConflictError
        When ``expected_version`` is not the latest stored version.
    """
    from lagesbild.brott.plan import Plan
    from lagesbild.brott.tabeller import save_plan as _save

    plan = Plan.from_dict(content)
    plan.check()
    if store is not None:
        from lagesbild.services.insatser import show_insats

        for m in plan.measures:
            if m.insats_id:
                try:
                    show_insats(store, m.insats_id)
                except NotFoundError:
                    raise InputError(*pair("brott.unknown_insats", id=m.id, insats=m.insats_id)) from None
    v = _save(ops, kommun=plan.kommun, ar=plan.ar, content=plan.to_dict(), status=plan.status,
              approver=plan.godkand_av, expected=expected_version)
    return {"kommun": plan.kommun, "ar": plan.ar, "version": v, "status": plan.status}


def approve_plan(ops: OperationalStore, *, kommun: str, ar: int, approver: str,
                 expected_version: int | None = None) -> dict:
    """Approve the latest version of the kommun's plan for a year, as a new version.

    Parameters
    ----------
    ops : OperationalStore
        The operational store with the brott tables.
    kommun : str
        Four-digit kommun code.
    ar : int
        The plan's year.
    approver : str
        Who approves (a body or a person's function), written into the plan.
    expected_version : int, optional
        The version the approver saw; when a newer one was saved since, nothing is approved.

    Returns
    -------
    dict
        ``kommun``, ``ar``, ``version``, ``status``, ``godkand_av`` and ``godkand`` (the date).

    Raises
    ------
    NotFoundError
        When the kommun has no plan for the year.
    InputError
        When ``approver`` is empty.
    ConflictError
        While a measure links to no finding, the plan has no measures, or (with
        ``expected_version``) a newer version was saved.
    """
    from lagesbild.brott.tabeller import save_plan as _save

    plan, version = plan_with_version(ops, kommun=kommun, ar=ar)
    if plan is None:
        raise NotFoundError(*pair("brott.no_plan", kommun=kommun, ar=ar))
    if expected_version is not None and expected_version != version:
        raise ConflictError(*pair("brott.plan_stale", kommun=kommun, ar=ar, expected=expected_version,
                                  current=version))
    plan.approve(approver)
    v = _save(ops, kommun=kommun, ar=ar, content=plan.to_dict(), status=plan.status, approver=approver,
              expected=version)
    return {"kommun": kommun, "ar": ar, "version": v, "status": plan.status, "godkand_av": plan.godkand_av,
            "godkand": plan.godkand}


def current_plan(ops: OperationalStore, *, kommun: str, ar: int) -> Plan | None:
    """The latest stored version of the kommun's plan for a year.

    Parameters
    ----------
    ops : OperationalStore
        The operational store with the brott tables.
    kommun : str
        Four-digit kommun code.
    ar : int
        The plan's year.

    Returns
    -------
    Plan or None
        The plan, or None when none is stored.
    """
    from lagesbild.brott.plan import Plan
    from lagesbild.brott.tabeller import load_plan

    row = load_plan(ops, kommun=kommun, ar=ar)
    return None if row is None else Plan.from_dict(row["innehall"])


def plan_with_version(ops: OperationalStore, *, kommun: str, ar: int) -> tuple[Plan | None, int]:
    """The latest stored version of the kommun's plan for a year, with its version number.

    Parameters
    ----------
    ops : OperationalStore
        The operational store with the brott tables.
    kommun : str
        Four-digit kommun code.
    ar : int
        The plan's year.

    Returns
    -------
    tuple of (Plan or None, int)
        The plan and its version; ``(None, 0)`` when none is stored.
    """
    from lagesbild.brott.plan import Plan
    from lagesbild.brott.tabeller import load_plan

    row = load_plan(ops, kommun=kommun, ar=ar)
    return (None, 0) if row is None else (Plan.from_dict(row["innehall"]), int(row["version"]))


def plan_field_errors(content: dict) -> dict[tuple[str, str], LagesbildError]:
    """The plan model's validation of every measure field, for showing next to the fields of a form.

    Parameters
    ----------
    content : dict
        The plan as :meth:`lagesbild.brott.plan.Plan.from_dict` reads it.

    Returns
    -------
    dict
        ``(measure id, field) → error`` (fields ``text``, ``status``, ``start``, ``slut``,
        ``uppfoljning``); empty when every field is valid.

    Raises
    ------
    InputError
        When the content is not a plan at all.
    """
    from lagesbild.brott.plan import Plan

    return dict(Plan.from_dict(content).field_errors())


def approval_refusal(plan: Plan) -> LagesbildError | None:
    """Why :func:`approve_plan` would refuse the plan (the same rule, tried on a copy), or None.

    Parameters
    ----------
    plan : Plan
        The plan as stored.

    Returns
    -------
    LagesbildError or None
        The refusal (a measure that links to no finding, no measures, a malformed field), or
        None when the plan can be approved.
    """
    import copy

    try:
        copy.deepcopy(plan).approve("-")
    except LagesbildError as exc:
        return exc
    return None


def add_promise(ops: OperationalStore, *, kommun: str, text: str, ansvarig: str, klart: str | None = None,
                status: str = "planerat", kalla: str = "medborgardialog", sammanfattning: str | None = None) -> int:
    """Add a medborgarlöfte.

    Parameters
    ----------
    ops : OperationalStore
        The operational store with the brott tables.
    kommun : str
        Four-digit kommun code.
    text : str
        The promise (screened for personal data).
    ansvarig : str
        Who is responsible: ``kommun``, ``polis`` or ``bada``.
    klart : str, optional
        Due date, ``ÅÅÅÅ-MM-DD``.
    status : str
        ``planerat`` (default), ``pagar``, ``uppfyllt`` or ``ej_uppfyllt``.
    kalla : str
        Where the promise comes from (default ``medborgardialog``).
    sammanfattning : str, optional
        A public summary (screened for personal data).

    Returns
    -------
    int
        The new promise's id.

    Raises
    ------
    InputError
        For an unknown ``ansvarig`` or ``status``, an empty text or a malformed date.
    PersonalDataError
        When the text or the summary holds a personnummer.
    """
    from datetime import date

    from lagesbild.brott.tabeller import save_promise
    from lagesbild.privacy import screen_text

    if ansvarig not in PROMISE_OWNERS:
        raise InputError(*pair("brott.bad_choice", param="--ansvarig", value=ansvarig,
                               expected=", ".join(PROMISE_OWNERS)))
    if status not in PROMISE_STATUSES:
        raise InputError(*pair("brott.bad_choice", param="--status", value=status,
                               expected=", ".join(PROMISE_STATUSES)))
    if not text or not text.strip():
        raise InputError(*pair("brott.bad_choice", param="--text", value="", expected="en text"))
    try:
        due = date.fromisoformat(klart) if klart else None
    except ValueError:
        raise InputError(*pair("brott.bad_choice", param="--klart", value=klart, expected="ÅÅÅÅ-MM-DD")) from None
    for v, where in ((text, "--text"), (sammanfattning, "--sammanfattning")):
        screen_text(v, where_sv=f"parametern {where}", where_en=f"the parameter {where}")
    return save_promise(ops, kommun=kommun, values={"text": text.strip(), "kalla": kalla, "ansvarig": ansvarig,
                                                    "klart": due, "status": status, "sammanfattning": sammanfattning})


def promises(ops: OperationalStore, *, kommun: str) -> pd.DataFrame:
    """The kommun's medborgarlöften.

    Parameters
    ----------
    ops : OperationalStore
        The operational store with the brott tables.
    kommun : str
        Four-digit kommun code.

    Returns
    -------
    pandas.DataFrame
        One row per promise, with the columns of the ``brott_medborgarlofte`` table.
    """
    from lagesbild.brott.tabeller import list_promises

    return list_promises(ops, kommun=kommun)


def set_promise_status(ops: OperationalStore, *, kommun: str, promise_id: int, status: str) -> None:
    """Change the status of one of the kommun's medborgarlöften (e.g. to ``uppfyllt``).

    Parameters
    ----------
    ops : OperationalStore
        The operational store with the brott tables.
    kommun : str
        Four-digit kommun code; a promise of another kommun is not found.
    promise_id : int
        The promise's id.
    status : str
        ``planerat``, ``pagar``, ``uppfyllt`` or ``ej_uppfyllt``.

    Raises
    ------
    InputError
        For an unknown status.
    NotFoundError
        When the kommun has no promise with that id.
    """
    from lagesbild.brott.tabeller import set_promise_status as _set

    if status not in PROMISE_STATUSES:
        raise InputError(*pair("brott.bad_choice", param="--status", value=status,
                               expected=", ".join(PROMISE_STATUSES)))
    _set(ops, kommun=kommun, promise_id=promise_id, status=status)


def set_role(ops: OperationalStore, *, kommun: str, roll: str, innehavare: str, organisation: str) -> None:
    """Name who holds a role of the samordningsfunktion (a function title or an official's name).

    Parameters
    ----------
    ops : OperationalStore
        The operational store with the brott tables.
    kommun : str
        Four-digit kommun code.
    roll : str
        The role, e.g. ``samordnare``.
    innehavare : str
        Who holds it.
    organisation : str
        The holder's organisation.
    """
    from lagesbild.brott.tabeller import set_role as _set

    _set(ops, kommun=kommun, roll=roll, innehavare=innehavare, organisation=organisation)


def roles(ops: OperationalStore, *, kommun: str) -> list[dict]:
    """The samordningsfunktion's roles of a kommun and who holds them.

    Parameters
    ----------
    ops : OperationalStore
        The operational store with the brott tables.
    kommun : str
        Four-digit kommun code.

    Returns
    -------
    list of dict
        One dict per role, with the columns of the ``brott_samordning`` table.
    """
    from lagesbild.brott.tabeller import list_roles

    return list_roles(ops, kommun=kommun)
