"""Åtgärdsplan under Lag (2023:196) 4 §: findings → causes (orsaksträd) → measures, and follow-up.

The chain Brå asks for and often misses: every measure (*åtgärd*) links to at least one
finding (*fynd*) of the lägesbild, usually through a cause (*orsak*) in an orsaksträd
(problem → orsaker → åtgärder). :meth:`Plan.approve` refuses a plan while any measure links
to no finding. A measure may link to an insats in the insatser registry (by its id) and
carries a responsible actor, a timetable, an indicator and a follow-up date. Its status is
``planerad`` → ``paborjad`` → ``klar`` → ``utvarderad``.

A before/after comparison of a measure is labelled *uppföljning, ej effektutvärdering* unless
a comparison area is defined (:func:`follow_up_label`): a change in the area where a measure
ran may have many causes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from lagesbild.errors import ConflictError, InputError
from lagesbild.i18n import pair, t

__all__ = ["MEASURE_STATUSES", "PLAN_STATUSES", "PROMISE_OWNERS", "PROMISE_STATUSES", "Finding", "Cause",
           "Measure", "Plan", "follow_up_label", "before_after", "DEFAULT_ROLES"]

MEASURE_STATUSES = ("planerad", "paborjad", "klar", "utvarderad")
PLAN_STATUSES = ("utkast", "godkand")
PROMISE_OWNERS = ("kommun", "polis", "bada")
PROMISE_STATUSES = ("planerat", "pagar", "uppfyllt", "ej_uppfyllt")
#: the samordningsfunktion's roles that a kommun names (Lag 2023:196 4 §; Brå's guidance)
DEFAULT_ROLES = ("samordnare", "styrgrupp_ordforande", "analysansvarig", "polisens_kontaktperson")


@dataclass
class Finding:
    id: str
    text: str
    rule: str = ""


@dataclass
class Cause:
    id: str
    text: str
    findings: list[str] = field(default_factory=list)
    perspective: str = "situationell"  # situationell | utsatthet | gärningsperson/social


@dataclass
class Measure:
    id: str
    text: str
    findings: list[str] = field(default_factory=list)
    causes: list[str] = field(default_factory=list)
    insats_id: str | None = None
    ansvarig: str = ""
    start: str | None = None
    slut: str | None = None
    indikator: str = ""
    uppfoljning: str | None = None
    status: str = "planerad"
    omrade: str | None = None
    jamforelseomrade: str | None = None


@dataclass
class Plan:
    kommun: str
    ar: int
    findings: list[Finding] = field(default_factory=list)
    causes: list[Cause] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    status: str = "utkast"
    godkand_av: str | None = None
    godkand: str | None = None

    # ---------------------------------------------------------------- links
    def linked_findings(self, m: Measure) -> set[str]:
        """The findings a measure reaches, directly or through its causes."""
        known = {f.id for f in self.findings}
        out = {f for f in m.findings if f in known}
        for c in self.causes:
            if c.id in m.causes:
                out |= {f for f in c.findings if f in known}
        return out

    def unlinked(self) -> list[str]:
        """Ids of measures that link to no finding."""
        return [m.id for m in self.measures if not self.linked_findings(m)]

    def check(self) -> None:
        ids = [f.id for f in self.findings] + [c.id for c in self.causes] + [m.id for m in self.measures]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise InputError(*pair("brott.plan_duplicate", ids=", ".join(dup)))
        errors = self.field_errors()
        if errors:
            raise next(iter(errors.values()))

    def field_errors(self) -> dict[tuple[str, str], InputError]:
        """Every measure's field errors, keyed by (measure id, field name), in the plan's order.

        A measure needs a text and a known status; its dates (``start``, ``slut``,
        ``uppfoljning``) are ``ÅÅÅÅ-MM-DD`` and it ends no earlier than it starts.
        """
        out: dict[tuple[str, str], InputError] = {}
        for m in self.measures:
            if not (m.text or "").strip():
                out[(m.id, "text")] = InputError(*pair("brott.plan_no_text", id=m.id))
            if m.status not in MEASURE_STATUSES:
                out[(m.id, "status")] = InputError(*pair("brott.bad_measure_status", id=m.id, value=m.status,
                                                         expected=", ".join(MEASURE_STATUSES)))
            dates: dict[str, date] = {}
            for name in ("start", "slut", "uppfoljning"):
                d = getattr(m, name)
                if d:
                    try:
                        dates[name] = date.fromisoformat(d)
                    except (TypeError, ValueError):
                        out[(m.id, name)] = InputError(*pair("brott.bad_plan_date", id=m.id, value=d))
            if "start" in dates and "slut" in dates and dates["slut"] < dates["start"]:
                out[(m.id, "slut")] = InputError(*pair("brott.plan_end_before_start", id=m.id, start=m.start,
                                                       slut=m.slut))
        return out

    def approve(self, approver: str, when: date | None = None) -> Plan:
        """Approve the plan; refused while a measure links to no finding."""
        self.check()
        if not approver or not approver.strip():
            raise InputError(*pair("brott.no_approver"))
        bad = self.unlinked()
        if bad:
            raise ConflictError(*pair("brott.plan_unlinked", ids=", ".join(bad)))
        if not self.measures:
            raise ConflictError(*pair("brott.plan_empty"))
        self.status = "godkand"
        self.godkand_av = approver.strip()
        self.godkand = (when or date.today()).isoformat()
        return self

    # ---------------------------------------------------------------- (de)serialise
    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> Plan:
        try:
            return cls(kommun=str(d["kommun"]), ar=int(d["ar"]),
                       findings=[Finding(**f) for f in d.get("findings", [])],
                       causes=[Cause(**c) for c in d.get("causes", [])],
                       measures=[Measure(**m) for m in d.get("measures", [])],
                       status=d.get("status", "utkast"), godkand_av=d.get("godkand_av"), godkand=d.get("godkand"))
        except (KeyError, TypeError) as exc:
            raise InputError(*pair("brott.bad_plan", detail=str(exc).split("\n")[0])) from None

    def tree(self) -> list[dict]:
        """The orsaksträd as nested dicts: finding → causes → measures."""
        out = []
        for f in self.findings:
            causes = [c for c in self.causes if f.id in c.findings]
            direct = [m.id for m in self.measures if f.id in m.findings]
            out.append({"fynd": f.id, "text": f.text,
                        "orsaker": [{"orsak": c.id, "text": c.text,
                                     "atgarder": [m.id for m in self.measures if c.id in m.causes]} for c in causes],
                        "atgarder": direct})
        return out


def before_after(measure: Measure, incidents, *, window_days: int = 180) -> dict | None:
    """Approved incidents in the measure's area in ``window_days`` before and after its start.

    ``incidents`` has ``observerad_fran``, ``omrade``, ``antal`` and ``status``. With a
    comparison area the same counts are given for it. The result is a follow-up, not an impact
    evaluation, unless a comparison area is defined (:func:`follow_up_label`).
    """
    import numpy as np

    if not measure.omrade or not measure.start:
        return None
    start = np.datetime64(date.fromisoformat(measure.start))
    w = np.timedelta64(window_days, "D")
    ok = incidents[incidents["status"].eq("godkand").to_numpy(dtype=bool, na_value=False)]
    t = ok["observerad_fran"].to_numpy().astype("datetime64[D]")
    n = ok["antal"].to_numpy() if "antal" in ok.columns else np.ones(len(ok), dtype="int64")

    def count(area, lo, hi) -> int:
        m = (ok["omrade"].to_numpy() == area) & (t >= lo) & (t < hi)
        return int(n[m].sum())

    out = {"atgard": measure.id, "omrade": measure.omrade, "fonster_dagar": window_days,
           "fore": count(measure.omrade, start - w, start), "efter": count(measure.omrade, start, start + w)}
    if measure.jamforelseomrade:
        out["jamforelse_fore"] = count(measure.jamforelseomrade, start - w, start)
        out["jamforelse_efter"] = count(measure.jamforelseomrade, start, start + w)
    return out


def follow_up_label(measure: Measure, lang: str = "sv") -> str:
    """'uppföljning, ej effektutvärdering' unless the measure names a comparison area."""
    if measure.jamforelseomrade:
        return t("brott.label_comparison", lang, area=measure.jamforelseomrade)
    return t("brott.label_follow_up", lang)
