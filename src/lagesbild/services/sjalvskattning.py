"""Use cases of the self-assessment: a kommun scores its preventive work once a year in CAN's
structure (five categories of 20 points each), and compares the years.

The scores are lagesbild's own calculation, not CAN's official preventionsindex, and every
output says so (:func:`selfassessment_label`). The answers live in the operational store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lagesbild.prevention import selfassessment

if TYPE_CHECKING:
    import pandas as pd

    from lagesbild.store.db import Store

__all__ = ["save_selfassessment", "selfassessment_compare", "selfassessment_label"]


def save_selfassessment(store: Store, kommun: str, year: int, answers: dict, who: str, comment: str = "") -> dict:
    """Score and store one year's self-assessment, replacing that year's (audit-logged).

    An unanswered question scores zero and is listed as unanswered.

    Parameters
    ----------
    store : Store
        The analytical store (the answers live in its operational store).
    kommun : str
        Four-digit kommun code.
    year : int
        The year, 1990–2100.
    answers : dict
        Answer per question id: "ja"/"nej" (or 1/0), an integer 0–4, or a share 0–100, as the
        question's type asks.
    who : str
        The user written to the audit log.
    comment : str
        A free comment.

    Returns
    -------
    dict
        The stored document: ``kommun``, ``year``, ``answers``, ``comment`` and ``result``
        (``label``, ``version``, ``categories`` with ``kod``, ``namn``, ``score``, ``max`` (20),
        ``unanswered`` and ``lost`` points per question, ``total`` and ``max`` (100)).

    Raises
    ------
    ValidationError
        For an unknown question id, an answer outside the question's type, or a year outside
        1990–2100 (nothing is stored).
    PermissionDeniedError
        When ``who`` is empty.
    """
    return selfassessment.save(store, kommun, year, answers, who, comment)


def selfassessment_compare(store: Store, kommun: str) -> pd.DataFrame:
    """The category scores of every stored year side by side.

    Parameters
    ----------
    store : Store
        The analytical store (the answers live in its operational store).
    kommun : str
        Four-digit kommun code.

    Returns
    -------
    pandas.DataFrame
        One row per category and one for ``Totalt``: ``kategori``, one column per year and, with
        two years or more, ``förändring`` (the latest year minus the one before); empty when the
        kommun has no self-assessment.
    """
    return selfassessment.compare(store, kommun)


def selfassessment_label() -> str:
    """The label every self-assessment carries (own calculation, not CAN's official index).

    Returns
    -------
    str
        The label, in Swedish.
    """
    return selfassessment.LABEL
