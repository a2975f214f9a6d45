"""Pages and JSON API of EST incident reporting and the crime-prevention lägesbild.

``make_router(get_store, get_settings, templates)`` returns an ``APIRouter``:

* ``/brott`` – start; ``/brott/rapportera`` – the intake form (role *rapportör* or above);
* ``/brott/mina`` – the organisation's own records, with withdrawal;
* ``/brott/granska`` – the review queue (*granskare*, *samordnare*): approve or reject;
* ``/brott/lagesbild`` – the weekly (or tertial, yearly) lägesbild with a map, the ranked
  areas, the change rule's verdicts and the meeting list; ``/brott/plan`` – the åtgärdsplan;
* ``/api/v1/brott/handelser`` (POST JSON: one incident, or ``{"handelser": [...]}``; header
  ``X-CSRF-Token``) and ``/api/v1/brott/lagesbild``.

Security is that of the insatser pages: the same accounts, signed session cookie and CSRF
tokens (log in at ``/insatser/logga-in``); the account's organisation, incident role and kommun
come from ``brott_medlem`` in the operational store. Every page but the start page needs a login
with an incident role, and shows the member's own kommun only (the lägesbild is a working tool
of the partners, not a publication). A rapportör sees only its own organisation's records;
another organisation's record is *not found*.
"""

from __future__ import annotations

import asyncio
import html

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

from lagesbild.errors import InputError, LagesbildError, PermissionDeniedError
from lagesbild.i18n import pair
from lagesbild.i18n import t as catalogue_t

__all__ = ["make_router", "mount"]

SESSION_COOKIE = "lb_session"
_RANK = {"rapportor": 1, "granskare": 2, "samordnare": 3}


def _lang(request) -> str:
    from lagesbild.app.i18n import get_lang

    return get_lang(request)


def _map_svg(store, kommun: str, areas: list[dict], uso, lang: str) -> str | None:
    """RegSO areas shaded by approved incidents per 1 000 inhabitants; utsatta områden outlined."""
    try:
        geo = store.geometries(level="regso", kommun=kommun, version="RegSO2020", simplified=True)
    except Exception:  # no geometries for this kommun: the page says so
        return None
    if geo is None or len(geo) == 0:
        return None
    rate = {a["omrade"]: a.get("per_1000") for a in areas}
    hot = {a["omrade"] for a in areas if a.get("hotspot")}
    vals = [v for v in rate.values() if v is not None]
    top = max(vals) if vals else 0
    colours = ["#f7f7f7", "#fdd49e", "#fc8d59", "#d7301f", "#7f0000"]
    minx, miny, maxx, maxy = geo.total_bounds
    scale = 600 / max(maxx - minx or 1, maxy - miny or 1)

    def path(geom) -> str:
        d = ""
        for poly in getattr(geom, "geoms", [geom]):
            pts = [f"{(x - minx) * scale:.1f},{(maxy - y) * scale:.1f}" for x, y in poly.exterior.coords]
            d += "M" + " L".join(pts) + " Z "
        return d.strip()

    out = []
    for r in geo.itertuples():
        v = rate.get(r.code)
        k = 0 if not v or not top else min(4, 1 + int(3.999 * v / top))
        title = catalogue_t("brottweb.map_area", lang, name=r.name, rate="–" if v is None else f"{v:.1f}")
        out.append(f'<path d="{path(r.geometry)}" fill="{colours[k]}" stroke="{"#000" if r.code in hot else "#555"}" '
                   f'stroke-width="{2.5 if r.code in hot else 0.6}"><title>{html.escape(title)}</title></path>')
    if uso is not None:
        for r in uso.itertuples():
            title = html.escape(f"{r.namn}: {r.kategori}")
            out.append(f'<path d="{path(r.geometry)}" fill="none" stroke="#2b59c3" stroke-width="2" '
                       f'stroke-dasharray="6 3"><title>{title}</title></path>')
    label = html.escape(catalogue_t("brottweb.map_label", lang))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {(maxx - minx) * scale:.0f} '
            f'{(maxy - miny) * scale:.0f}" role="img" aria-label="{label}" class="brott-karta">{"".join(out)}</svg>')


def make_router(get_store, get_settings, templates, *, secret_key: str = "", secure_cookies: bool = False):
    """Build the router (``get_store``/``get_settings`` return the app's store and settings)."""
    from lagesbild.services import brott as svc
    from lagesbild.services.insatser import auth

    router = APIRouter()
    state: dict = {}

    def ops():
        if "ops" not in state:
            state["ops"] = svc.open_ops(get_settings())
        return state["ops"]

    def sessions():
        if "s" not in state:
            state["s"] = auth.Sessions(auth.secret_for(get_store(), secret_key), auth.SESSION_MAX_AGE,
                                       store=get_store)
        return state["s"]

    def current(request: Request):
        """(username, session id, membership dict) or Nones."""
        data = sessions().load(request.cookies.get(SESSION_COOKIE))
        if data is None:
            return None, None, None
        user = auth.get_user(get_store(), data["u"])
        if user is None or not user.active:
            return None, None, None
        return user.username, data["sid"], svc.member(ops(), user.username)

    def need(request: Request, role: str):
        name, sid, m = current(request)
        if name is None:
            raise PermissionDeniedError(*pair("brottweb.login_needed"))
        if m is None or _RANK.get(m["roll"], 0) < _RANK[role]:
            raise PermissionDeniedError(*pair("brottweb.role_needed", role=role))
        return name, sid, m

    def check_csrf(sid, token) -> None:
        if not sessions().check_csrf(sid, token):
            raise PermissionDeniedError(*pair("brottweb.csrf"))

    def page(request: Request, name: str, ctx: dict, status: int = 200):
        from lagesbild.app.i18n import fmt_num
        from lagesbild.app.i18n import t as app_t

        lang = _lang(request)
        user, sid, m = current(request)
        base = {"request": request, "lang": lang, "T": lambda k: app_t(k, lang),
                "B": lambda k, **kw: catalogue_t(f"brottweb.{k}", lang, **kw), "path": request.url.path,
                "user": user, "member": m, "csrf": sessions().csrf(sid) if sid else "",
                "num": lambda v, d=None: fmt_num(v, lang, d),
                "kat": lambda code: svc.taxonomy(get_settings()).label(code, lang) if code else "–"}
        ctx = {**base, **ctx, "title": catalogue_t(f"brottweb.{ctx.get('title', 'title')}", lang)}
        return templates.TemplateResponse(request, name, ctx, status_code=status)

    def failure(request: Request, exc: LagesbildError):
        """The app's one error contract (JSON for the API); pages get this section's error page."""
        from lagesbild.app.errors import error_response, status_for

        status, code = status_for(exc)
        if request.url.path.startswith("/api/"):
            return error_response(request, status, exc.message("sv"), exc.message("en"), code=code)
        return page(request, "brott/fel.html", {"title": "error_title", "message": exc.message(_lang(request)),
                                                "status": status}, status)

    def guarded(fn):
        import functools

        @functools.wraps(fn)
        async def wrapper(request: Request, *a, **kw):
            # the body is read on the event loop; the handler (store queries, Argon2, rendering)
            # runs in the thread pool so that it never holds up other requests
            if request.method not in ("GET", "HEAD"):
                if "json" in request.headers.get("content-type", ""):
                    await request.body()
                else:
                    await request.form()

            def blocking():
                try:
                    return asyncio.run(fn(request, *a, **kw))
                except LagesbildError as exc:
                    return failure(request, exc)

            return await run_in_threadpool(blocking)
        return wrapper

    def kommun_of(request: Request, m) -> str:
        """The member's own kommun (another kommun's incidents are not shown to it)."""
        return m["kommun"] if m else (request.query_params.get("kommun") or "")

    @router.get("/brott", response_class=HTMLResponse)
    @guarded
    async def start(request: Request):
        _, _, m = current(request)
        return page(request, "brott/start.html", {"title": "title", "kommun": kommun_of(request, m)})

    @router.get("/brott/rapportera", response_class=HTMLResponse)
    @guarded
    async def form(request: Request):
        need(request, "rapportor")
        return page(request, "brott/rapportera.html", {"title": "intake_title", "f": {}, "errors": [],
                                                       "tax": svc.taxonomy(get_settings()), "areas": _areas(request)})

    def _areas(request):
        _, _, m = current(request)
        names = svc.area_names(get_store(), m["kommun"]) if m else {}
        return sorted(((c, n) for c, n in names.items() if "R" in c), key=lambda x: x[1])

    @router.post("/brott/rapportera", response_class=HTMLResponse)
    @guarded
    async def submit(request: Request):
        name, sid, m = need(request, "rapportor")
        f = dict(await request.form())
        check_csrf(sid, f.pop("csrf", None))

        values = {k: v for k, v in f.items() if k in ("datum", "tid_fran", "tid_till", "kategori", "omrade", "plats",
                                                      "miljo", "allvarlighet", "fritext") and v != ""}
        try:
            res = svc.submit_handelse(get_store(), ops(), values, kommun=m["kommun"], organisation=m["organisation"],
                                      user=name, settings=get_settings(), lang=_lang(request))
        except InputError as exc:
            return page(request, "brott/rapportera.html", {"title": "intake_title", "f": f, "tax": svc.taxonomy(get_settings()),
                                                           "errors": [exc.message(_lang(request))],
                                                           "areas": _areas(request)}, 422)
        return page(request, "brott/kvitto.html", {"title": "receipt_title", "res": res})

    @router.get("/brott/mina", response_class=HTMLResponse)
    @guarded
    async def mine(request: Request):
        _, _, m = need(request, "rapportor")
        rows = svc.list_handelser(ops(), kommun=m["kommun"], organisation=m["organisation"]).to_dict("records")
        return page(request, "brott/mina.html", {"title": "mine_title", "rows": rows})

    @router.post("/brott/handelser/{incident_id}/aterkalla")
    @guarded
    async def withdraw(request: Request, incident_id: int):
        _, sid, m = need(request, "rapportor")
        f = await request.form()
        check_csrf(sid, f.get("csrf"))
        svc.withdraw_handelse(ops(), incident_id, organisation=m["organisation"])
        return RedirectResponse("/brott/mina", 303)

    @router.get("/brott/granska", response_class=HTMLResponse)
    @guarded
    async def queue(request: Request):
        _, _, m = need(request, "granskare")
        rows = svc.list_handelser(ops(), kommun=m["kommun"], organisation=None, status="inskickad").to_dict("records")
        return page(request, "brott/granska.html", {"title": "review_title", "rows": rows})

    @router.post("/brott/granska")
    @guarded
    async def decide(request: Request):
        name, sid, m = need(request, "granskare")
        f = await request.form()
        check_csrf(sid, f.get("csrf"))
        ids = f.getlist("id")
        if not ids:
            raise InputError(*pair("brottweb.none_chosen"))
        svc.review_handelser(ops(), ids, decision=str(f.get("beslut")), reviewer=name, role=m["roll"])
        return RedirectResponse("/brott/granska", 303)

    def _lagesbild(request: Request):
        from datetime import date

        q = request.query_params
        _, _, m = need(request, "rapportor")
        kommun = kommun_of(request, m)
        y, w, _ = date.today().isocalendar()
        period = q.get("period") or f"{y}-W{w:02d}"
        return svc.lagesbild(get_store(), ops(), kommun=kommun, period=period, level=q.get("niva") or "regso")

    @router.get("/brott/lagesbild", response_class=HTMLResponse)
    @guarded
    async def situation(request: Request):
        res = _lagesbild(request)
        hot = set(res["hotspots"])
        for a in res["omraden"]:
            a["hotspot"] = a["omrade"] in hot
        try:
            uso = svc.utsatta_outlines(get_store(), res["kommun"])
        except LagesbildError:
            uso = None
        svg = _map_svg(get_store(), res["kommun"], res["omraden"], uso, _lang(request))
        lang = _lang(request)
        bands = ("natt", "morgon", "eftermiddag", "kvall", "okand")
        grid = {(r["veckodag"], r["tid_pa_dygnet"]): r["antal"] for r in res["tidsmonster"]}
        tid = {"head": [catalogue_t(f"brott.doc.b_{b}", lang) for b in bands],
               "rows": [[catalogue_t(f"brott.doc.wd{d}", lang)] + [grid.get((d, b), 0) for b in bands]
                        for d in range(1, 8)]}
        return page(request, "brott/lagesbild.html", {"title": "situation_title", "res": res, "svg": svg,
                                                       "tid": tid})

    @router.get("/brott/omrade/{code}", response_class=HTMLResponse)
    @guarded
    async def area_page(request: Request, code: str):
        from datetime import date

        _, _, m = need(request, "rapportor")
        kommun = kommun_of(request, m)
        y, w, _ = date.today().isocalendar()
        period = request.query_params.get("period") or f"{y}-W{w:02d}"
        res = svc.area_view(get_store(), ops(), kommun=kommun, code=code, period=period)
        table: dict = {}
        for r in res["antal"]:
            table.setdefault(r["kategori"], {})[r["vecka"]] = r["antal"]
        return page(request, "brott/omrade.html", {"title": "area_title", "res": res, "table": table,
                                                   "kommun": kommun, "period": period})

    @router.get("/api/v1/brott/lagesbild")
    @guarded
    async def situation_json(request: Request):
        return JSONResponse(_lagesbild(request))

    @router.post("/api/v1/brott/handelser")
    @guarded
    async def submit_json(request: Request):
        name, sid, m = need(request, "rapportor")
        check_csrf(sid, request.headers.get("X-CSRF-Token"))
        try:
            body = await request.json()
        except ValueError:
            raise InputError(*pair("brottweb.bad_json")) from None
        if not isinstance(body, dict):
            raise InputError(*pair("brottweb.bad_json"))
        rows = body["handelser"] if isinstance(body.get("handelser"), list) else [body]
        out = [svc.submit_handelse(get_store(), ops(), r, kommun=m["kommun"], organisation=m["organisation"],
                                   user=name, settings=get_settings(), lang=_lang(request)) for r in rows]
        return JSONResponse({"ok": True, "handelser": out}, status_code=201)

    @router.get("/brott/plan", response_class=HTMLResponse)
    @guarded
    async def plan_page(request: Request):
        from datetime import date

        _, _, m = need(request, "rapportor")
        kommun = kommun_of(request, m)
        ar = int(request.query_params.get("ar") or date.today().year)
        plan = svc.current_plan(ops(), kommun=kommun, ar=ar)
        return page(request, "brott/plan.html", {"title": "plan_title", "plan": plan, "kommun": kommun, "ar": ar})

    return router


def mount(app, templates, write_paths: list) -> None:
    """Include the router in the app and open its form and JSON paths for writes."""
    st = app.state
    app.include_router(make_router(lambda: st.data.store, lambda: st.settings, templates,
                                   secret_key=getattr(st.settings, "secret_key", "") or ""))
    write_paths.extend(["/brott/", "/api/v1/brott/"])
