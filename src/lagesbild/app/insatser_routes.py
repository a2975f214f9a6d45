"""Web pages and JSON API of the insats registry (issue 8), as a mountable FastAPI router.

``make_router(get_store, templates)`` returns an ``APIRouter`` with server-rendered pages
under ``/insatser`` (list and filter, view, coverage with map and gap table, life-course chain,
målkedja, audit log, login/logout, create/edit after login) and JSON under
``/api/v1/insatser``. It works on a bare ``FastAPI()`` (tests) and inside the main app.

Security: accounts with Argon2 hashes and roles (läsare < redaktör < admin), signed session
cookies that expire (HttpOnly, SameSite=Lax), a CSRF token bound to the session in every form
(and the ``X-CSRF-Token`` header for JSON writes); a missing or forged token gives 403. Writes
need a writable store. Every change is audit-logged by the services.
"""

from __future__ import annotations

import asyncio
import html
import json
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from lagesbild.app import errors as app_errors
from lagesbild.errors import InputError, LagesbildError, PermissionDeniedError
from lagesbild.i18n import choose
from lagesbild.services import insatser as svc

__all__ = ["make_router", "SESSION_COOKIE", "ANON_COOKIE"]

SESSION_COOKIE = "lb_session"
ANON_COOKIE = "lb_anon"
FLASH_COOKIE = "lb_sparad"
_HERE = Path(__file__).parent
_LIST_FIELDS = ("arenas", "levels", "life_stages", "themes", "factors")


class _Key(str):
    """A page title given as a key of :data:`lagesbild.app.insatser_texts.TEXT` (translated in ``page``)."""


def _text_ctx(request) -> dict:
    try:
        from lagesbild.app.i18n import get_lang, t
        from lagesbild.app.insatser_texts import it

        lang = get_lang(request)
        return {"lang": lang, "T": lambda key: t(key, lang), "I": lambda key: it(key, lang),
                "L": lambda term: term.text(lang), "choose": choose}
    except ImportError:  # pragma: no cover - the app's i18n is always there in this package
        return {"lang": "sv", "T": lambda key: key, "I": lambda key: key, "L": lambda term: term.sv}


def _form_to_data(form) -> dict:
    """Turn the edit form into an insats dict (lines → lists, 'a | b | c' → records)."""
    from lagesbild.services.insatser import FIELD_LABELS

    data: dict = {}
    for f in FIELD_LABELS:
        if f in _LIST_FIELDS:
            data[f] = form.getlist(f)
        elif f in form:
            data[f] = form.get(f)
    for f in ("partners", "areas", "sources", "goals", "indicators"):
        data[f] = [x.strip() for x in str(form.get(f) or "").splitlines() if x.strip()]
    ev = []
    for line in str(form.get("evidence") or "").splitlines():
        if line.strip():
            p = [x.strip() for x in line.split("|")] + [""] * 6
            ev.append({"tier": p[0], "source": p[1], "url": p[2], "date_assessed": p[3], "assessor": p[4], "note": p[5]})
    data["evidence"] = ev
    reach = []
    for line in str(form.get("reach") or "").splitlines():
        if line.strip():
            p = [x.strip() for x in line.split("|")] + [""] * 5
            code, _, version = p[2].partition("@")
            reach.append({"year": p[0], "participants": None if p[1].lower() in ("", "okänt", "okänd") else p[1],
                          "area_code": code or None, "area_version": version or None, "life_stage": p[3] or None,
                          "note": p[4]})
    data["reach"] = reach
    return data


def _field_errors(errors: list[dict], lang: str = "sv") -> dict[str, list[str]]:
    """Errors grouped by form field (``age_min``, ``areas``, …) for messages beside each field."""
    out: dict[str, list[str]] = {}
    for e in errors:
        fld = str(e.get("field") or "").split("[", 1)[0].split(".", 1)[0]
        if fld:
            out.setdefault(fld, []).append(e.get(lang) or e["sv"])
    return out


def _when(ts) -> str:
    """A timestamp to the minute (``2025-06-01 14:03``)."""
    return str(ts or "")[:16]


def _changes(before_json: str | None, after_json: str | None, lang: str = "sv") -> tuple[list[dict], str, str]:
    """The changed fields of an audit entry (label in ``lang``, before, after) and both sides pretty-printed."""
    from lagesbild.services.insatser import field_label

    def load(text):
        try:
            return json.loads(text) if text else None
        except ValueError:
            return text

    def short(v) -> str:
        t = "–" if v in (None, "", [], {}) else v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
        return t if len(t) <= 120 else t[:119] + "…"

    b, a = load(before_json), load(after_json)
    changes = []
    if isinstance(b, dict) and isinstance(a, dict):
        for k in [*a, *(k for k in b if k not in a)]:
            if b.get(k) != a.get(k):
                changes.append({"field": field_label(k, lang), "before": short(b.get(k)), "after": short(a.get(k))})

    def pretty(v) -> str:
        return "–" if v is None else v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, indent=1)

    return changes, pretty(b), pretty(a)


def _data_to_form(d: dict) -> dict:
    """The reverse of :func:`_form_to_data` for pre-filling the edit form."""
    from lagesbild.services.insatser import label

    f = dict(d)
    f["partners"] = "\n".join(f"{p['type']}: {p['name']}" if p["name"] else p["type"] for p in d.get("partners", []))
    f["areas"] = "\n".join(f"{a['code']}@{a['version']}" for a in d.get("areas", []))
    for k in ("sources", "goals", "indicators"):
        f[k] = "\n".join(d.get(k, []))
    f["evidence"] = "\n".join(" | ".join([e["tier"], e["source"], e["url"], e["date_assessed"], e["assessor"], e["note"]])
                              for e in d.get("evidence", []))
    f["reach"] = "\n".join(" | ".join([str(r["year"]), "okänt" if r["participants"] is None else str(r["participants"]),
                                       f"{r['area_code']}@{r['area_version']}" if r["area_code"] else "",
                                       label("livsfas", r["life_stage"]) if r["life_stage"] else "", r["note"]])
                           for r in d.get("reach", []))
    return f


def _map_svg(store, kommun: str, gaps, lang: str = "sv") -> str | None:
    """A small server-rendered SVG map of RegSO 2020 areas coloured by stages without any insats."""
    from lagesbild.app.insatser_texts import it
    try:
        geo = store.geometries(level="regso", kommun=kommun, version="RegSO2020", simplified=True)
    except Exception:  # no geometries for this kommun (or no geo extra): the page says so
        return None
    if geo is None or len(geo) == 0:
        return None
    counts = {}
    if gaps is not None and len(gaps):
        g = gaps[(gaps["dimension"] == "livsfas") & (gaps["gap"] == "ingen insats")]
        counts = g.groupby("area_code").size().to_dict()
        high = set(gaps["area_code"])
    else:
        high = set()
    minx, miny, maxx, maxy = geo.total_bounds
    w, h = maxx - minx or 1, maxy - miny or 1
    scale = 600 / max(w, h)
    colours = ["#e8eef5", "#fcd9b6", "#f59d5a", "#d4561c", "#8f2a05"]
    paths = []
    for r in geo.itertuples():
        code = getattr(r, "code", None) or getattr(r, "area_code", "")
        n = counts.get(code, 0)
        fill = colours[min(4, (n + 1) // 2)] if code in high else "#ffffff"
        polys = getattr(r.geometry, "geoms", [r.geometry])
        d = ""
        for poly in polys:
            pts = [(f"{(x - minx) * scale:.1f}", f"{(maxy - y) * scale:.1f}") for x, y in poly.exterior.coords]
            d += "M" + " L".join(f"{x},{y}" for x, y in pts) + " Z "
        name = getattr(r, "name", code)
        title = f"{name} ({code}): " + (f"{n} {it('map_stages', lang)}" if code in high else it("map_not_high", lang))
        paths.append(f'<path d="{d.strip()}" fill="{fill}" stroke="#333" stroke-width="0.6">'
                     f'<title>{html.escape(title)}</title></path>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w * scale:.0f} {h * scale:.0f}" role="img" '
            f'aria-label="{html.escape(it("map_title", lang))}" '
            f'class="insats-karta">{"".join(paths)}</svg>')


def make_router(get_store, templates=None, *, secret_key: str = "", max_age: int | None = None,
                public_read: bool = True, secure_cookies: bool = False):
    """Build the router.

    Parameters
    ----------
    get_store : callable
        Returns the Store (writable, or opened read-only with ``upgradable=True``, for edits).
    templates : Jinja2Templates, optional
        The app's templates (``app/templates``); default: a new one on that folder.
    secret_key : str
        Signing secret; empty → generated once and kept in the store.
    max_age : int, optional
        Session lifetime in seconds (default 8 h).
    public_read : bool
        When False, reading pages and JSON also needs a login (role läsare).
    secure_cookies : bool
        Mark cookies ``Secure`` (set behind HTTPS).
    """
    from lagesbild.app.insatser_texts import ACTIONS, OBJECT_TYPES, ROLE_EN, it, pair
    from lagesbild.services.insatser import (
        ARENAS,
        FACTOR_DOMAINS,
        FACTORS,
        FIELD_LABELS,
        FIELD_LABELS_EN,
        LEVELS,
        LIFE_STAGES,
        PARTNER_TYPES,
        STATUSES,
        THEMES,
        age_kommuner_note,
        auth,
        gap_label,
    )

    templates = templates or Jinja2Templates(directory=str(_HERE / "templates"))
    router = APIRouter()
    state: dict = {}

    def sessions() -> auth.Sessions:
        if "s" not in state:
            state["s"] = auth.Sessions(auth.secret_for(get_store(), secret_key), max_age or auth.SESSION_MAX_AGE,
                                       store=get_store)
        return state["s"]

    def current(request: Request):
        """(user or None, session id or None)."""
        data = sessions().load(request.cookies.get(SESSION_COOKIE))
        if data is None:
            return None, None
        user = auth.get_user(get_store(), data["u"])
        if user is None or not user.active:
            return None, None
        return user, data["sid"]

    def need(request: Request, role: str):
        user, sid = current(request)
        auth.require_role(user, role)
        return user, sid

    def check_csrf(sid: str | None, token: str | None) -> None:
        if not sessions().check_csrf(sid, token):
            raise PermissionDeniedError("Ogiltig eller saknad CSRF-token; ladda om sidan och försök igen.",
                                        "Invalid or missing CSRF token; reload the page and try again.")

    def page(request: Request, name: str, ctx: dict, status: int = 200):
        user, sid = current(request)
        text = _text_ctx(request)
        lang = text["lang"]
        title = ctx.get("title", _Key("nav"))
        title = it(title, lang) if isinstance(title, _Key) else title
        base = {"request": request, "user": user, "csrf": sessions().csrf(sid) if sid else "",
                "path": request.url.path, **text, "title": title,
                "here": request.url.path + (f"?{request.url.query}" if request.url.query else ""),
                "role_labels": {k: choose(v, ROLE_EN.get(k, v), lang) for k, v in auth.ROLE_LABELS.items()},
                "vocab": {"arenas": ARENAS, "levels": LEVELS, "stages": LIFE_STAGES, "themes": THEMES,
                          "statuses": STATUSES, "factors": FACTORS, "partners": PARTNER_TYPES,
                          "factor_domains": FACTOR_DOMAINS},
                "labels": {k: choose(v, FIELD_LABELS_EN.get(k, v), lang) for k, v in FIELD_LABELS.items()}}
        return templates.TemplateResponse(request, name, {**base, **{k: v for k, v in ctx.items() if k != "title"}},
                                          status_code=status)

    def _kommun_name(code: str) -> str:
        try:
            df = get_store().areas(level="kommun", codes=[code])
        except Exception:  # an odd code typed in a filter: show the code only
            return ""
        return "" if df.empty else str(df["name"].iloc[0])

    def form_page(request: Request, title: str, f: dict, exc: InputError | None, mode: str, version=None):
        lang = _text_ctx(request)["lang"]
        errors = getattr(exc, "errors", None) or ([{"field": "", "sv": exc.message(), "en": exc.message("en")}]
                                                  if exc else [])
        errors = [{**e, "text": e.get(lang) or e["sv"]} for e in errors]
        return page(request, "insatser/form.html", {"title": title, "f": f, "errors": errors,
                                                    "field_errors": _field_errors(errors, lang), "mode": mode,
                                                    "version": version}, 400 if exc else 200)

    def error_page(request: Request, exc: LagesbildError):
        # the app's one error contract: the same status mapping and JSON shape as every router
        status, code = app_errors.status_for(exc)
        if request.url.path.startswith("/api/"):
            return app_errors.error_response(request, status, exc.message("sv"), exc.message("en"), code=code)
        lang = _text_ctx(request)["lang"]
        return page(request, "insatser/fel.html", {"title": _Key("error"), "message": exc.message(lang), "status": status},
                    status)

    def guarded(role_for_read: bool = True):
        def deco(fn):
            import functools

            @functools.wraps(fn)
            async def wrapper(request: Request, *a, **kw):
                # read the body on the event loop; everything else (Argon2, store queries,
                # rendering) runs in the thread pool so that one slow request never holds up others
                if request.method not in ("GET", "HEAD"):
                    if "json" in request.headers.get("content-type", ""):
                        await request.body()
                    else:
                        await request.form()

                def blocking():
                    try:
                        if role_for_read and not public_read:
                            need(request, "lasare")
                        return asyncio.run(fn(request, *a, **kw))
                    except LagesbildError as exc:
                        return error_page(request, exc)

                return await run_in_threadpool(blocking)
            return wrapper
        return deco

    def set_cookie(resp, name: str, value: str) -> None:
        resp.set_cookie(name, value, max_age=max_age or auth.SESSION_MAX_AGE, httponly=True, samesite="lax",
                        secure=secure_cookies, path="/")

    def saved(resp, what: str):
        """Tell the next page view that the insats was just saved (a one-time, short-lived cookie)."""
        resp.set_cookie(FLASH_COOKIE, what, max_age=60, httponly=True, samesite="lax", secure=secure_cookies,
                        path="/insatser")
        return resp

    # ------------------------------------------------------------------ login / logout
    @router.get("/insatser/logga-in", response_class=HTMLResponse)
    @guarded(False)
    async def login_form(request: Request):
        anon = sessions().load_anonymous(request.cookies.get(ANON_COOKIE))
        token = request.cookies.get(ANON_COOKIE) if anon else sessions().anonymous_id()
        anon = sessions().load_anonymous(token)
        resp = page(request, "insatser/logga_in.html", {"title": _Key("login"), "login_csrf": sessions().csrf(anon),
                                                         "next": request.query_params.get("next", "/insatser")})
        set_cookie(resp, ANON_COOKIE, token)
        return resp

    @router.post("/insatser/logga-in")
    @guarded(False)
    async def login(request: Request):
        form = await request.form()
        check_csrf(sessions().load_anonymous(request.cookies.get(ANON_COOKIE)), form.get("csrf"))
        address = request.client.host if request.client else None
        user = auth.authenticate(get_store(), str(form.get("username", "")), str(form.get("password", "")), address)
        if user is None:
            return page(request, "insatser/logga_in.html", {"title": _Key("login"), "failed": True,
                                                             "login_csrf": form.get("csrf"),
                                                             "next": str(form.get("next") or "/insatser")}, 401)
        nxt = str(form.get("next") or "/insatser")
        resp = RedirectResponse(nxt if nxt.startswith("/") and not nxt.startswith("//") else "/insatser", 303)
        set_cookie(resp, SESSION_COOKIE, sessions().issue(user.username))
        resp.delete_cookie(ANON_COOKIE, path="/")
        return resp

    @router.post("/insatser/logga-ut")
    @guarded(False)
    async def logout(request: Request):
        form = await request.form()
        _, sid = current(request)
        check_csrf(sid, form.get("csrf"))
        sessions().end(sid)  # the server-side record goes: a copied cookie no longer works
        resp = RedirectResponse("/insatser", 303)
        resp.delete_cookie(SESSION_COOKIE, path="/")
        return resp

    # ------------------------------------------------------------------ pages
    def _filters(q) -> dict:
        return {"arena": q.get("arena") or None, "level": q.get("niva") or None, "stage": q.get("livsfas") or None,
                "theme": q.get("tema") or None, "status": q.get("status") or None, "text": q.get("text") or None,
                "area": q.get("omrade") or None, "rct_or_better": q.get("rct") == "1"}

    @router.get("/insatser", response_class=HTMLResponse)
    @guarded()
    async def list_page(request: Request):
        q = request.query_params
        kommun = q.get("kommun") or None
        rows = svc.list_insatser(get_store(), kommun, lang=_text_ctx(request)["lang"], **_filters(q))
        return page(request, "insatser/lista.html", {"title": _Key("nav"), "rows": rows, "q": dict(q), "kommun": kommun})

    @router.get("/insatser/ny", response_class=HTMLResponse)
    @guarded(False)
    async def new_form(request: Request):
        need(request, "redaktor")
        prefill = {"kommun": request.query_params.get("kommun", ""), "status": "planerad", "scope": "kommun"}
        return form_page(request, _Key("new"), prefill, None, "ny")

    @router.post("/insatser/ny")
    @guarded(False)
    async def create(request: Request):
        user, sid = need(request, "redaktor")
        form = await request.form()
        check_csrf(sid, form.get("csrf"))
        try:
            ins = svc.create_insats(get_store(), _form_to_data(form), user.username)
        except InputError as exc:
            return form_page(request, _Key("new"), _refill(form), exc, "ny")
        return saved(RedirectResponse(f"/insatser/{ins.id}", 303), "ny")

    @router.get("/insatser/tackning", response_class=HTMLResponse)
    @guarded()
    async def coverage_page(request: Request):
        q = request.query_params
        kommun = q.get("kommun") or "0127"
        lang = _text_ctx(request)["lang"]
        res = svc.tackning(get_store(), kommun, area=q.get("area") or None, lang=lang)
        svg = _map_svg(get_store(), kommun, svc.tackning(get_store(), kommun)["gaps"], lang) \
            if not q.get("area") else None
        cov, gaps = res["coverage"].to_dict("records"), res["gaps"].head(60).to_dict("records")
        for g in gaps:
            g["gap_label"] = gap_label(g["gap"], lang)
        if not res["target_population_known"]:  # the introduction says why once; no need to repeat it on every row
            for r in cov + gaps:
                r["note"] = str(r.get("note") or "").replace(f" ({age_kommuner_note(lang)})", "")
        area_name = ""
        if res["area"] and not res["gaps"].empty:
            area_name = str(res["gaps"]["area_name"].iloc[0])
        return page(request, "insatser/tackning.html", {"title": _Key("coverage_title"), "res": res, "kommun": kommun,
                                                        "kommun_name": _kommun_name(kommun), "area_name": area_name,
                                                        "svg": svg, "cov": cov, "gaps": gaps,
                                                        "n_gaps": len(res["gaps"])})

    @router.get("/insatser/kedja", response_class=HTMLResponse)
    @guarded()
    async def chain_page(request: Request):
        q = request.query_params
        ch = svc.kedja(get_store(), q.get("kommun") or "0127", q.get("area") or None,
                       lang=_text_ctx(request)["lang"])
        ids = {r["namn"]: r["id"] for r in svc.list_insatser(get_store(), ch["kommun"])}
        lang = _text_ctx(request)["lang"]
        ch = {**ch, "stages": [{**s, "label": LIFE_STAGES[s["stage"]].text(lang),
                                "ages": choose(LIFE_STAGES[s["stage"]].band_sv, LIFE_STAGES[s["stage"]].band_en, lang)}
                               if s.get("stage") in LIFE_STAGES else s for s in ch["stages"]]}
        return page(request, "insatser/kedja.html", {"title": _Key("chain"), "ch": ch, "ids": ids})

    @router.get("/insatser/malkedja", response_class=HTMLResponse)
    @guarded()
    async def goals_page(request: Request):
        kommun = request.query_params.get("kommun") or "0127"
        rep = svc.malkedja_report(get_store(), kommun, lang=_text_ctx(request)["lang"])
        return page(request, "insatser/malkedja.html", {"title": _Key("goals_title"), "rep": rep,
                                                         "kommun": kommun, "kommun_name": _kommun_name(kommun)})

    @router.get("/insatser/logg", response_class=HTMLResponse)
    @guarded(False)
    async def audit_page(request: Request):
        need(request, "redaktor")
        q = request.query_params
        df = svc.audit_log(get_store(), object_id=q.get("id") or None, kommun=q.get("kommun") or None, limit=200)
        rows = df.astype(object).where(df.notna(), None).to_dict("records")
        lang = _text_ctx(request)["lang"]
        for r in rows:
            r["when"] = _when(r["changed_at"])
            r["action_label"] = pair(ACTIONS, r["action"], lang)
            r["object_label"] = pair(OBJECT_TYPES, r["object_type"], lang)
            r["changes"], r["before_pretty"], r["after_pretty"] = _changes(r["before_json"], r["after_json"], lang)
        return page(request, "insatser/logg.html", {"title": _Key("log"), "rows": rows})

    @router.get("/insatser/{insats_id}", response_class=HTMLResponse)
    @guarded()
    async def view(request: Request, insats_id: str):
        lang = _text_ctx(request)["lang"]
        info = svc.show_insats(get_store(), insats_id, lang)
        ins = info["insats"]
        codes = [a["code"] for a in ins.get("areas", [])]
        names = {}
        if codes:
            df = get_store().areas(codes=codes)
            names = dict(zip(df["code"], df["name"]))
        flash = request.cookies.get(FLASH_COOKIE)
        resp = page(request, "insatser/visa.html", {
            "title": ins["name"], "info": info, "area_names": names, "kommun_name": _kommun_name(ins["kommun"]),
            "created": _when(info["created_at"]), "updated": _when(info["updated_at"]),
            "flash": {"ny": it("saved_new", lang), "andra": it("saved_edit", lang)}.get(flash or "")})
        if flash:
            resp.delete_cookie(FLASH_COOKIE, path="/insatser")
        return resp

    @router.get("/insatser/{insats_id}/andra", response_class=HTMLResponse)
    @guarded(False)
    async def edit_form(request: Request, insats_id: str):
        need(request, "redaktor")
        info = svc.show_insats(get_store(), insats_id)
        return form_page(request, _Key("edit_title"), _data_to_form(info["insats"]), None, "andra", info["version"])

    @router.post("/insatser/{insats_id}/andra")
    @guarded(False)
    async def edit(request: Request, insats_id: str):
        user, sid = need(request, "redaktor")
        form = await request.form()
        check_csrf(sid, form.get("csrf"))
        version = int(form["version"]) if str(form.get("version", "")).isdigit() else None
        try:
            svc.update_insats(get_store(), insats_id, _form_to_data(form), user.username,
                              expected_version=version)
        except InputError as exc:
            return form_page(request, _Key("edit_title"), {**_refill(form), "id": insats_id}, exc, "andra", version)
        return saved(RedirectResponse(f"/insatser/{insats_id}", 303), "andra")

    # ------------------------------------------------------------------ JSON API
    def _jsonable(obj):
        return json.loads(json.dumps(obj, default=lambda o: o.to_dict("records") if hasattr(o, "to_dict") else str(o)))

    @router.get("/api/v1/insatser")
    @guarded()
    async def api_list(request: Request):
        q = request.query_params
        return JSONResponse(svc.list_insatser(get_store(), q.get("kommun") or None, **_filters(q)))

    @router.get("/api/v1/insatser/tackning")
    @guarded()
    async def api_coverage(request: Request):
        q = request.query_params
        if not q.get("kommun"):
            raise_input = InputError("Parametern 'kommun' krävs.", "The 'kommun' parameter is required.")
            return error_page(request, raise_input)
        res = svc.tackning(get_store(), q["kommun"], area=q.get("area") or None)
        out = {k: (v.astype(object).where(v.notna(), None).to_dict("records") if hasattr(v, "to_dict") else v)
               for k, v in res.items()}
        return JSONResponse(_jsonable(out))

    @router.get("/api/v1/insatser/kedja")
    @guarded()
    async def api_chain(request: Request):
        q = request.query_params
        return JSONResponse(svc.kedja(get_store(), q.get("kommun") or "", q.get("area") or None))

    @router.get("/api/v1/insatser/{insats_id}")
    @guarded()
    async def api_show(request: Request, insats_id: str):
        return JSONResponse(_jsonable(svc.show_insats(get_store(), insats_id)))

    @router.post("/api/v1/insatser")
    @guarded(False)
    async def api_create(request: Request):
        user, sid = need(request, "redaktor")
        check_csrf(sid, request.headers.get("x-csrf-token"))
        ins = svc.create_insats(get_store(), await request.json(), user.username)
        return JSONResponse({"ok": True, "id": ins.id}, status_code=201)

    @router.put("/api/v1/insatser/{insats_id}")
    @guarded(False)
    async def api_update(request: Request, insats_id: str):
        user, sid = need(request, "redaktor")
        check_csrf(sid, request.headers.get("x-csrf-token"))
        body = await request.json()
        version = body.pop("_version", None)
        svc.update_insats(get_store(), insats_id, body, user.username, expected_version=version)
        return JSONResponse({"ok": True, "id": insats_id})

    @router.get("/api/v1/insatser-csrf")
    @guarded(False)
    async def api_csrf(request: Request):
        _, sid = need(request, "lasare")
        return JSONResponse({"csrf": sessions().csrf(sid)})

    router.current_user = lambda request: current(request)[0]  # for other pages (report builds)
    return router


def _refill(form) -> dict:
    """Form re-display after an error: exactly what the user typed."""
    f = {k: form.get(k) for k in form}
    for k in _LIST_FIELDS:
        f[k] = form.getlist(k)
    return f
