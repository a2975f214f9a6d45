"""Pages of the åtgärdsplan and the medborgarlöften (Lag 2023:196 4 §).

A module-level ``router`` (included by :func:`lagesbild.app.main.create_app` next to
:mod:`lagesbild.app.brott`, whose sign-in, CSRF tokens, roles and error page it uses):

* ``/brott/plan?ar=ÅÅÅÅ`` – the plan of the member's kommun (every incident role);
* ``/brott/plan/redigera?ar=ÅÅÅÅ`` – the editor (role *samordnare*): the plan's measures, each with
  its text, the finding of the lägesbild it answers, responsible organisation, start and end,
  status, indicator and follow-up date. Rows are added with the submit button *Lägg till rad*
  (no script needed) and removed with their *Ta bort* box. The form carries the version it was
  opened at: when another version was saved since, the save is refused (409) and nothing is
  written. Saving makes the plan a draft (an edited plan is approved anew);
* ``/brott/plan/godkann`` (POST, *samordnare*) – approval, under the plan model's rule: only a
  plan whose every measure links to a finding can be approved (the editor shows why not);
* ``/brott/medborgarloften`` – the kommun's medborgarlöften (every incident role); a samordnare
  adds promises and changes their status (``/brott/medborgarloften/{id}/status``).
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from lagesbild.app.brott import Member, current_member, get_ops, get_store, guarded, render_page
from lagesbild.errors import ConflictError, InputError, LagesbildError, PermissionDeniedError
from lagesbild.i18n import pair, t
from lagesbild.services.brott_plan import MEASURE_STATUSES, PROMISE_OWNERS, PROMISE_STATUSES

__all__ = ["router", "EDITOR_ROLE", "EMPTY_ROWS", "MAX_ROWS"]

#: The incident role that edits and approves the plan and the medborgarlöften.
EDITOR_ROLE = "samordnare"
#: Empty rows offered below a plan's measures.
EMPTY_ROWS = 2
#: Most measure rows one form may carry.
MAX_ROWS = 200
FIELDS = ("id", "text", "fynd", "ansvarig", "start", "slut", "status", "indikator", "uppfoljning")

router = APIRouter()


def _lang(request: Request) -> str:
    from lagesbild.app.i18n import get_lang

    return get_lang(request)


def _year(value) -> int:
    """The plan year of a query or form value (default: this year)."""
    from datetime import date

    if value in (None, ""):
        return date.today().year
    try:
        year = int(str(value))
    except ValueError:
        raise InputError(*pair("brottweb.bad_year", value=value)) from None
    if not 2000 <= year <= 2100:
        raise InputError(*pair("brottweb.bad_year", value=value))
    return year


def _int(value, name: str) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        raise InputError(*pair("brottweb.bad_number", field=name, value=value)) from None


def _may_edit(who: Member) -> bool:
    try:
        who.need(EDITOR_ROLE)
    except PermissionDeniedError:
        return False
    return True


def _finding_key(text: str) -> str:
    """The form value of a finding of the lägesbild that the plan does not hold yet."""
    return "L:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _generated(request: Request, kommun: str, ar: int) -> list[dict]:
    """The lägesbild's findings for the year ([] where the store cannot state them for the kommun)."""
    from lagesbild.services import brott_rapport

    try:
        return brott_rapport.lagesbild_findings(get_store(request), get_ops(request), kommun=kommun, ar=ar)
    except LagesbildError:
        return []


def _choices(plan, generated: list[dict]) -> dict:
    """The finding choices of the editor: the plan's own findings, then the lägesbild's new ones."""
    own = [(f.id, f"{f.id} – {f.text}") for f in plan.findings] if plan else []
    known = {f.text for f in plan.findings} if plan else set()
    new = [(_finding_key(g["text"]), g["text"]) for g in generated if g["text"] not in known]
    return {"own": own, "new": new}


def _rows_of(plan) -> list[dict]:
    rows = []
    for m in plan.measures if plan else []:
        rows.append({"id": m.id, "text": m.text, "fynd": m.findings[0] if m.findings else "",
                     "ansvarig": m.ansvarig, "start": m.start or "", "slut": m.slut or "", "status": m.status,
                     "indikator": m.indikator, "uppfoljning": m.uppfoljning or "",
                     "also": [*m.findings[1:], *m.causes]})
    return rows


def _empty_row() -> dict:
    return {**dict.fromkeys(FIELDS, ""), "status": "planerad", "also": []}


def _form_rows(form) -> list[dict]:
    """The measure rows of a posted editor form, without the rows marked *Ta bort*."""
    n = min(_int(form.get("rader") or 0, "rader"), MAX_ROWS)
    rows = []
    for i in range(n):
        row: dict[str, Any] = {k: str(form.get(f"m-{i}-{k}") or "").strip() for k in FIELDS}
        if form.get(f"m-{i}-bort"):
            continue
        row["status"] = row["status"] or "planerad"
        row["also"] = []
        rows.append(row)
    return rows


def _blank(row: dict) -> bool:
    return not row["id"] and not any(row[k] for k in FIELDS if k not in ("id", "status"))


def _next_id(prefix: str, taken: set[str]) -> str:
    nums = [int(m.group(1)) for i in taken if (m := re.fullmatch(re.escape(prefix) + r"(\d+)", i))]
    return f"{prefix}{max(nums, default=0) + 1}"


def _content(request: Request, who: Member, ar: int, rows: list[dict]):
    """The plan content of the form rows merged with the stored plan, and the form's own errors.

    A row keeps what the form does not show of its stored measure (further findings, causes,
    insats, area); a row without a stored id gets the next free ``A`` id; a finding chosen from
    the lägesbild joins the plan's findings with the next free ``F`` id.
    """
    from dataclasses import asdict

    from lagesbild.services import brott_plan

    kommun = who.row["kommun"]
    plan, _ = brott_plan.plan_with_version(get_ops(request), kommun=kommun, ar=ar)
    stored = {m.id: asdict(m) for m in plan.measures} if plan else {}
    findings = [asdict(f) for f in plan.findings] if plan else []
    causes = [asdict(c) for c in plan.causes] if plan else []
    taken = {f["id"] for f in findings} | {c["id"] for c in causes} | set(stored)
    generated: list[dict] | None = None
    errors: dict[str, str] = {}
    measures = []
    for i, row in enumerate(rows):
        if row["id"] not in stored:
            row["id"] = _next_id("A", taken)
            taken.add(row["id"])
        base = stored.get(row["id"], {"id": row["id"], "findings": [], "causes": []})
        old = base["findings"][:1]
        primary = row["fynd"]
        if primary.startswith("L:"):
            generated = _generated(request, kommun, ar) if generated is None else generated
            hit = next((g for g in generated if _finding_key(g["text"]) == primary), None)
            if hit is None:
                errors[f"{i}-fynd"] = t("brottweb.finding_gone", _lang(request))
                primary = ""
            else:
                same = next((f for f in findings if f["text"] == hit["text"]), None)
                if same is None:
                    same = {"id": _next_id("F", taken), "text": hit["text"], "rule": hit["rule"]}
                    taken.add(same["id"])
                    findings.append(same)
                primary = same["id"]
        elif primary and primary not in {f["id"] for f in findings}:
            errors[f"{i}-fynd"] = t("brottweb.finding_gone", _lang(request))
            primary = ""
        extra = [f for f in base["findings"] if f not in old and f != primary]
        measures.append({**base, "text": row["text"], "findings": ([primary] if primary else []) + extra,
                         "ansvarig": row["ansvarig"], "start": row["start"] or None, "slut": row["slut"] or None,
                         "status": row["status"], "indikator": row["indikator"],
                         "uppfoljning": row["uppfoljning"] or None})
    content = {"kommun": kommun, "ar": ar, "findings": findings, "causes": causes, "measures": measures,
               "status": "utkast"}
    return content, errors


def _editor(request: Request, who: Member, ar: int, *, rows: list[dict] | None = None, version: int | None = None,
            errors: dict | None = None, general: list[str] | None = None, status: int = 200):
    from lagesbild.services import brott_plan

    kommun = who.row["kommun"]
    plan, current = brott_plan.plan_with_version(get_ops(request), kommun=kommun, ar=ar)
    if rows is None:
        rows = _rows_of(plan) + [_empty_row() for _ in range(EMPTY_ROWS)]
    refusal = brott_plan.approval_refusal(plan) if plan else None
    stored = {m.id: m for m in plan.measures} if plan else {}
    for r in rows:  # what the form does not edit of a stored measure is named beside it
        m = stored.get(r["id"])
        r["also"] = [*(f for f in m.findings if f != r["fynd"]), *m.causes] if m else []
    ctx = {"title": "editor_title", "kommun": kommun, "ar": ar, "plan": plan, "rows": rows,
           "version": current if version is None else version, "errors": errors or {}, "general": general or [],
           "choices": _choices(plan, _generated(request, kommun, ar)), "statuses": MEASURE_STATUSES,
           "refusal": refusal.message(_lang(request)) if refusal else None}
    return render_page(request, "brott/plan_redigera.html", ctx, status, who)


@router.get("/brott/plan", response_class=HTMLResponse)
@guarded
async def plan_page(request: Request, who: Member = Depends(current_member), ops=Depends(get_ops)):
    from lagesbild.services import brott_plan

    who.need("rapportor")
    kommun = who.row["kommun"]
    ar = _year(request.query_params.get("ar"))
    plan, version = brott_plan.plan_with_version(ops, kommun=kommun, ar=ar)
    return render_page(request, "brott/plan.html", {"title": "plan_title", "plan": plan, "kommun": kommun, "ar": ar,
                                                    "version": version, "may_edit": _may_edit(who)}, who=who)


@router.get("/brott/plan/redigera", response_class=HTMLResponse)
@guarded
async def plan_editor(request: Request, who: Member = Depends(current_member)):
    who.need(EDITOR_ROLE)
    return _editor(request, who, _year(request.query_params.get("ar")))


@router.post("/brott/plan/redigera", response_class=HTMLResponse)
@guarded
async def plan_save(request: Request, who: Member = Depends(current_member), ops=Depends(get_ops)):
    from lagesbild.services import brott_plan

    who.need(EDITOR_ROLE)
    form = await request.form()
    who.check_csrf(form.get("csrf"))
    ar = _year(form.get("ar"))
    version = _int(form.get("version"), "version")
    rows = _form_rows(form)
    if form.get("handling") == "rad":  # "Lägg till rad": the same form with one more empty row, nothing saved
        return _editor(request, who, ar, rows=rows + [_empty_row()], version=version)
    kommun = who.row["kommun"]
    _, current = brott_plan.plan_with_version(ops, kommun=kommun, ar=ar)
    if version != current:
        raise ConflictError(*pair("brott.plan_stale", kommun=kommun, ar=ar, expected=version, current=current))
    rows = [r for r in rows if not _blank(r)]
    content, errors = _content(request, who, ar, rows)
    lang = _lang(request)
    index = {m["id"]: i for i, m in enumerate(content["measures"])}
    for (mid, field), exc in brott_plan.plan_field_errors(content).items():
        errors.setdefault(f"{index[mid]}-{field}", exc.message(lang))
    if errors:
        return _editor(request, who, ar, rows=rows + [_empty_row()], version=version, errors=errors,
                       general=[t("brottweb.form_errors", lang)], status=422)
    try:
        brott_plan.save_plan(ops, content, store=get_store(request), expected_version=version)
    except ConflictError:
        raise
    except InputError as exc:
        return _editor(request, who, ar, rows=rows + [_empty_row()], version=version, general=[exc.message(lang)],
                       status=422)
    return RedirectResponse(f"/brott/plan?ar={ar}", 303)


@router.post("/brott/plan/godkann")
@guarded
async def plan_approve(request: Request, who: Member = Depends(current_member), ops=Depends(get_ops)):
    from lagesbild.services import brott_plan

    who.need(EDITOR_ROLE)
    form = await request.form()
    who.check_csrf(form.get("csrf"))
    ar = _year(form.get("ar"))
    brott_plan.approve_plan(ops, kommun=who.row["kommun"], ar=ar, approver=str(form.get("godkand_av") or ""),
                            expected_version=_int(form.get("version"), "version"))
    return RedirectResponse(f"/brott/plan?ar={ar}", 303)


def _promises_page(request: Request, who: Member, *, f: dict | None = None, error: str | None = None,
                   status: int = 200):
    from lagesbild.services import brott_plan

    rows = brott_plan.promises(get_ops(request), kommun=who.row["kommun"]).to_dict("records")
    for r in rows:
        r["klart"] = r["klart"].isoformat() if hasattr(r["klart"], "isoformat") else (r["klart"] or "")
    ctx = {"title": "promises_title", "rows": rows, "may_edit": _may_edit(who), "f": f or {}, "error": error,
           "owners": PROMISE_OWNERS, "statuses": PROMISE_STATUSES}
    return render_page(request, "brott/medborgarloften.html", ctx, status, who)


@router.get("/brott/medborgarloften", response_class=HTMLResponse)
@guarded
async def promises_page(request: Request, who: Member = Depends(current_member)):
    who.need("rapportor")
    return _promises_page(request, who)


@router.post("/brott/medborgarloften", response_class=HTMLResponse)
@guarded
async def promise_add(request: Request, who: Member = Depends(current_member), ops=Depends(get_ops)):
    from lagesbild.services import brott_plan

    who.need(EDITOR_ROLE)
    form = await request.form()
    who.check_csrf(form.get("csrf"))
    f = {k: str(form.get(k) or "").strip() for k in ("text", "ansvarig", "klart", "status", "sammanfattning")}
    try:
        brott_plan.add_promise(ops, kommun=who.row["kommun"], text=f["text"], ansvarig=f["ansvarig"],
                               klart=f["klart"] or None, status=f["status"] or "planerat",
                               sammanfattning=f["sammanfattning"] or None)
    except InputError as exc:
        return _promises_page(request, who, f=f, error=exc.message(_lang(request)), status=422)
    return RedirectResponse("/brott/medborgarloften", 303)


@router.post("/brott/medborgarloften/{promise_id}/status")
@guarded
async def promise_status(request: Request, promise_id: int, who: Member = Depends(current_member),
                         ops=Depends(get_ops)):
    from lagesbild.services import brott_plan

    who.need(EDITOR_ROLE)
    form = await request.form()
    who.check_csrf(form.get("csrf"))
    brott_plan.set_promise_status(ops, kommun=who.row["kommun"], promise_id=promise_id,
                                  status=str(form.get("status") or ""))
    return RedirectResponse("/brott/medborgarloften", 303)
