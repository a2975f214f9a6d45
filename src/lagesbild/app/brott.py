"""Pages and JSON API of EST incident reporting and the crime-prevention lägesbild.

A module-level ``router`` (included by :func:`lagesbild.app.main.create_app`); handlers get the
store, the operational store and the signed-in member through FastAPI dependencies that read
``request.app.state`` (``data.store``, ``settings``, ``templates``):

* ``/brott`` – start; ``/brott/rapportera`` – the intake form (role *rapportör* or above);
* ``/brott/mina`` – the organisation's own records, with withdrawal;
* ``/brott/granska`` – the review queue (*granskare*, *samordnare*): approve or reject;
* ``/brott/lagesbild`` – the weekly (or tertial, yearly) lägesbild with a map, the ranked
  areas, the change rule's verdicts and the meeting list (the åtgärdsplan and the medborgarlöften
  are in :mod:`lagesbild.app.brott_plan`);
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
import functools
import html
import threading
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

from lagesbild.errors import InputError, LagesbildError, PermissionDeniedError
from lagesbild.i18n import pair
from lagesbild.i18n import t as catalogue_t

__all__ = ["router", "WRITE_PATHS", "get_store", "get_settings", "get_ops", "get_sessions", "current_member",
           "Member", "guarded", "render_page"]

SESSION_COOKIE = "lb_session"
_RANK = {"rapportor": 1, "granskare": 2, "samordnare": 3}
#: Path prefixes the security middleware opens for writes.
WRITE_PATHS = ("/brott/", "/api/v1/brott/")
_LOCK = threading.Lock()  # only guards the one-time creation of the operational store and sessions

router = APIRouter()


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


def get_store(request: Request):
    """The app's open Store."""
    return request.app.state.data.store


def get_settings(request: Request):
    """The app's resolved settings."""
    return request.app.state.settings


def _once(request: Request, name: str, make):
    state = request.app.state
    value = getattr(state, name, None)
    if value is None:
        with _LOCK:
            value = getattr(state, name, None)
            if value is None:
                value = make()
                setattr(state, name, value)
    return value


def get_ops(request: Request):
    """The operational store of incidents and plans, opened once per app."""
    from lagesbild.services import brott as svc

    return _once(request, "brott_ops", lambda: svc.open_ops(get_settings(request)))


def get_sessions(request: Request):
    """The session keeper (the insatser pages' accounts and cookie), created once per app."""
    from lagesbild.services.accounts import auth

    app = request.app
    secret = getattr(get_settings(request), "secret_key", "") or ""
    return _once(request, "brott_sessions",
                 lambda: auth.Sessions(auth.secret_for(get_store(request), secret), auth.SESSION_MAX_AGE,
                                       store=lambda: app.state.data.store))


@dataclass(frozen=True)
class Member:
    """The signed-in user's name, session id and incident membership (all None when anonymous)."""

    name: str | None
    sid: str | None
    m: dict | None
    sessions: Any

    @property
    def row(self) -> dict:
        """The membership row (kommun, organisation, roll); raises for a visitor without one."""
        if self.m is None:
            raise PermissionDeniedError(*pair("brottweb.login_needed"))
        return self.m

    @property
    def username(self) -> str:
        """The signed-in user's name; raises for an anonymous visitor."""
        if self.name is None:
            raise PermissionDeniedError(*pair("brottweb.login_needed"))
        return self.name

    def need(self, role: str) -> Member:
        if self.name is None:
            raise PermissionDeniedError(*pair("brottweb.login_needed"))
        if self.m is None or _RANK.get(self.m["roll"], 0) < _RANK[role]:
            raise PermissionDeniedError(*pair("brottweb.role_needed", role=role))
        return self

    def check_csrf(self, token) -> None:
        if not self.sessions.check_csrf(self.sid, token):
            raise PermissionDeniedError(*pair("brottweb.csrf"))


def member_of(request: Request) -> Member:
    """Who sent ``request``, with the membership from ``brott_medlem``."""
    from lagesbild.services import brott as svc
    from lagesbild.services.accounts import auth

    sessions = get_sessions(request)
    data = sessions.load(request.cookies.get(SESSION_COOKIE))
    if data is None:
        return Member(None, None, None, sessions)
    user = auth.get_user(get_store(request), data["u"])
    if user is None or not user.active:
        return Member(None, None, None, sessions)
    return Member(user.username, data["sid"], svc.member(get_ops(request), user.username), sessions)


def current_member(request: Request) -> Member:
    """Dependency: the :class:`Member` of the request (never raises for anonymous visitors)."""
    return member_of(request)


def _number_formatter(lang: str):
    def num(value: Any, decimals: int | None = None) -> str:
        from lagesbild.app.i18n import fmt_num

        return fmt_num(value, lang, decimals)

    return num


def render_page(request: Request, name: str, ctx: dict, status: int = 200, who: Member | None = None):
    """A page of the section: the template ``name`` with the section's helpers (``B``: catalogue
    section ``brottweb``, ``num``, ``kat``, the member and its CSRF token) and ``ctx``."""
    from lagesbild.app.i18n import t as app_t
    from lagesbild.services import brott as svc

    lang = _lang(request)
    who = who or member_of(request)
    settings = get_settings(request)
    base = {"request": request, "lang": lang, "T": lambda k: app_t(k, lang),
            "B": lambda k, **kw: catalogue_t(f"brottweb.{k}", lang, **kw), "path": request.url.path,
            "user": who.name, "member": who.m, "csrf": who.sessions.csrf(who.sid) if who.sid else "",
            "num": _number_formatter(lang),
            "kat": lambda code: svc.taxonomy(settings).label(code, lang) if code else "–"}
    ctx = {**base, **ctx, "title": catalogue_t(f"brottweb.{ctx.get('title', 'title')}", lang)}
    return request.app.state.templates.TemplateResponse(request, name, ctx, status_code=status)


def _failure(request: Request, exc: LagesbildError):
    """The app's one error contract (JSON for the API); pages get this section's error page."""
    from lagesbild.app.errors import error_response, status_for

    status, code = status_for(exc)
    if request.url.path.startswith("/api/"):
        return error_response(request, status, exc.message("sv"), exc.message("en"), code=code)
    return render_page(request, "brott/fel.html", {"title": "error_title", "message": exc.message(_lang(request)),
                                             "status": status}, status)


def guarded(fn):
    """Decorator of the section's handlers: the body read on the event loop, the handler run in
    the thread pool, a :class:`LagesbildError` answered under the app's error contract."""
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
                return _failure(request, exc)

        return await run_in_threadpool(blocking)
    return wrapper


def _kommun_of(request: Request, m) -> str:
    """The member's own kommun (another kommun's incidents are not shown to it)."""
    return m["kommun"] if m else (request.query_params.get("kommun") or "")


def _areas(request: Request, who: Member):
    from lagesbild.services import brott as svc

    names = svc.area_names(get_store(request), who.row["kommun"]) if who.m else {}
    return sorted(((c, n) for c, n in names.items() if "R" in c), key=lambda x: x[1])


def _this_week() -> str:
    from datetime import date

    y, w, _ = date.today().isocalendar()
    return f"{y}-W{w:02d}"


@router.get("/brott", response_class=HTMLResponse)
@guarded
async def start(request: Request, who: Member = Depends(current_member)):
    return render_page(request, "brott/start.html", {"title": "title", "kommun": _kommun_of(request, who.m)}, who=who)


@router.get("/brott/rapportera", response_class=HTMLResponse)
@guarded
async def form(request: Request, who: Member = Depends(current_member)):
    from lagesbild.services import brott as svc

    who.need("rapportor")
    return render_page(request, "brott/rapportera.html", {"title": "intake_title", "f": {}, "errors": [],
                                                    "tax": svc.taxonomy(get_settings(request)),
                                                    "areas": _areas(request, who)}, who=who)


@router.post("/brott/rapportera", response_class=HTMLResponse)
@guarded
async def submit(request: Request, who: Member = Depends(current_member), store=Depends(get_store),
                 ops=Depends(get_ops), settings=Depends(get_settings)):
    from lagesbild.services import brott as svc
    from lagesbild.services import brott_handelser

    who.need("rapportor")
    f = dict(await request.form())
    who.check_csrf(f.pop("csrf", None))

    values = {k: v for k, v in f.items() if k in ("datum", "tid_fran", "tid_till", "kategori", "omrade", "plats",
                                                  "miljo", "allvarlighet", "fritext") and v != ""}
    try:
        res = brott_handelser.submit_handelse(store, ops, values, kommun=who.row["kommun"],
                                              organisation=who.row["organisation"], user=who.username,
                                              settings=settings, lang=_lang(request))
    except InputError as exc:
        return render_page(request, "brott/rapportera.html", {"title": "intake_title", "f": f,
                                                        "tax": svc.taxonomy(settings),
                                                        "errors": [exc.message(_lang(request))],
                                                        "areas": _areas(request, who)}, 422, who)
    return render_page(request, "brott/kvitto.html", {"title": "receipt_title", "res": res}, who=who)


@router.get("/brott/mina", response_class=HTMLResponse)
@guarded
async def mine(request: Request, who: Member = Depends(current_member), ops=Depends(get_ops)):
    from lagesbild.services import brott_handelser

    m = who.need("rapportor").row
    rows = brott_handelser.list_handelser(ops, kommun=m["kommun"], organisation=m["organisation"]).to_dict("records")
    return render_page(request, "brott/mina.html", {"title": "mine_title", "rows": rows}, who=who)


@router.post("/brott/handelser/{incident_id}/aterkalla")
@guarded
async def withdraw(request: Request, incident_id: int, who: Member = Depends(current_member),
                   ops=Depends(get_ops)):
    from lagesbild.services import brott_handelser

    who.need("rapportor")
    f = await request.form()
    who.check_csrf(f.get("csrf"))
    brott_handelser.withdraw_handelse(ops, incident_id, organisation=who.row["organisation"])
    return RedirectResponse("/brott/mina", 303)


@router.get("/brott/granska", response_class=HTMLResponse)
@guarded
async def queue(request: Request, who: Member = Depends(current_member), ops=Depends(get_ops)):
    from lagesbild.services import brott_handelser

    m = who.need("granskare").row
    rows = brott_handelser.list_handelser(ops, kommun=m["kommun"], organisation=None,
                                          status="inskickad").to_dict("records")
    return render_page(request, "brott/granska.html", {"title": "review_title", "rows": rows}, who=who)


@router.post("/brott/granska")
@guarded
async def decide(request: Request, who: Member = Depends(current_member), ops=Depends(get_ops)):
    from lagesbild.services import brott_handelser

    who.need("granskare")
    f = await request.form()
    who.check_csrf(f.get("csrf"))
    ids = [str(x) for x in f.getlist("id")]  # form fields (an upload here is no id either way)
    if not ids:
        raise InputError(*pair("brottweb.none_chosen"))
    brott_handelser.review_handelser(ops, ids, decision=str(f.get("beslut")), reviewer=who.username,
                                     role=who.row["roll"])
    return RedirectResponse("/brott/granska", 303)


def _lagesbild(request: Request, who: Member, store, ops):
    from lagesbild.services import brott_lagesbild

    q = request.query_params
    who.need("rapportor")
    kommun = _kommun_of(request, who.m)
    period = q.get("period") or _this_week()
    return brott_lagesbild.lagesbild(store, ops, kommun=kommun, period=period, level=q.get("niva") or "regso")


@router.get("/brott/lagesbild", response_class=HTMLResponse)
@guarded
async def situation(request: Request, who: Member = Depends(current_member), store=Depends(get_store),
                    ops=Depends(get_ops)):
    from lagesbild.services import brott as svc

    res = _lagesbild(request, who, store, ops)
    hot = set(res["hotspots"])
    for a in res["omraden"]:
        a["hotspot"] = a["omrade"] in hot
    try:
        uso = svc.utsatta_outlines(store, res["kommun"])
    except LagesbildError:
        uso = None
    svg = _map_svg(store, res["kommun"], res["omraden"], uso, _lang(request))
    lang = _lang(request)
    bands = ("natt", "morgon", "eftermiddag", "kvall", "okand")
    grid = {(r["veckodag"], r["tid_pa_dygnet"]): r["antal"] for r in res["tidsmonster"]}
    tid = {"head": [catalogue_t(f"brott.doc.b_{b}", lang) for b in bands],
           "rows": [[catalogue_t(f"brott.doc.wd{d}", lang)] + [grid.get((d, b), 0) for b in bands]
                    for d in range(1, 8)]}
    return render_page(request, "brott/lagesbild.html", {"title": "situation_title", "res": res, "svg": svg,
                                                   "tid": tid}, who=who)


@router.get("/brott/omrade/{code}", response_class=HTMLResponse)
@guarded
async def area_page(request: Request, code: str, who: Member = Depends(current_member), store=Depends(get_store),
                    ops=Depends(get_ops)):
    from lagesbild.services import brott_lagesbild

    who.need("rapportor")
    kommun = _kommun_of(request, who.m)
    period = request.query_params.get("period") or _this_week()
    res = brott_lagesbild.area_view(store, ops, kommun=kommun, code=code, period=period)
    table: dict = {}
    for r in res["antal"]:
        table.setdefault(r["kategori"], {})[r["vecka"]] = r["antal"]
    return render_page(request, "brott/omrade.html", {"title": "area_title", "res": res, "table": table,
                                                "kommun": kommun, "period": period}, who=who)


@router.get("/api/v1/brott/lagesbild")
@guarded
async def situation_json(request: Request, who: Member = Depends(current_member), store=Depends(get_store),
                         ops=Depends(get_ops)):
    return JSONResponse(_lagesbild(request, who, store, ops))


@router.post("/api/v1/brott/handelser")
@guarded
async def submit_json(request: Request, who: Member = Depends(current_member), store=Depends(get_store),
                      ops=Depends(get_ops), settings=Depends(get_settings)):
    from lagesbild.services import brott_handelser

    who.need("rapportor")
    who.check_csrf(request.headers.get("X-CSRF-Token"))
    try:
        body = await request.json()
    except ValueError:
        raise InputError(*pair("brottweb.bad_json")) from None
    if not isinstance(body, dict):
        raise InputError(*pair("brottweb.bad_json"))
    rows = body["handelser"] if isinstance(body.get("handelser"), list) else [body]
    out = [brott_handelser.submit_handelse(store, ops, r, kommun=who.row["kommun"],
                                           organisation=who.row["organisation"], user=who.username,
                                           settings=settings, lang=_lang(request)) for r in rows]
    return JSONResponse({"ok": True, "handelser": out}, status_code=201)
