"""Routes of the insats registry: pages under ``/insatser`` and JSON under ``/api/v1/insatser``.

Handlers get the store, the signed-in :class:`~lagesbild.app.insatser.auth.Viewer` and the sent
CSRF token through FastAPI dependencies that read ``request.app.state``; :func:`views.guarded`
runs each handler in the thread pool and shows errors in the app's one error contract.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

from lagesbild.app.insatser.auth import (
    ANON_COOKIE,
    FLASH_COOKIE,
    SESSION_COOKIE,
    Viewer,
    anonymous_sid,
    check_csrf,
    current_user,
    get_sessions,
    get_store,
    saved,
    sent_csrf,
    set_cookie,
)
from lagesbild.app.insatser.forms import data_to_form, filters, form_to_data, refill
from lagesbild.app.insatser.views import (
    Key,
    changes,
    error_page,
    form_page,
    guarded,
    jsonable,
    kommun_name,
    map_svg,
    page,
    text_ctx,
    when,
)
from lagesbild.errors import InputError
from lagesbild.services import insatser as svc
from lagesbild.services import kedjor, tackning

__all__ = ["router"]

router = APIRouter()


def _lang(request: Request) -> str:
    return text_ctx(request)["lang"]


# ---------------------------------------------------------------------- login / logout
@router.get("/insatser/logga-in", response_class=HTMLResponse)
@guarded(False)
async def login_form(request: Request, viewer: Viewer = Depends(current_user)):
    sessions = viewer.sessions
    anon = sessions.load_anonymous(request.cookies.get(ANON_COOKIE))
    token = (request.cookies.get(ANON_COOKIE) if anon else None) or sessions.anonymous_id()
    anon = sessions.load_anonymous(token)
    assert anon is not None  # a cookie that loaded, or an id just made, always loads
    resp = page(request, "insatser/logga_in.html", {"title": Key("login"), "login_csrf": sessions.csrf(anon),
                                                     "next": request.query_params.get("next", "/insatser")},
                viewer=viewer)
    set_cookie(request, resp, ANON_COOKIE, token)
    return resp


@router.post("/insatser/logga-in")
@guarded(False)
async def login(request: Request, viewer: Viewer = Depends(current_user), token: str | None = Depends(sent_csrf),
                store=Depends(get_store)):
    from lagesbild.services.accounts import auth

    form = await request.form()
    check_csrf(viewer.sessions, anonymous_sid(request), token)
    address = request.client.host if request.client else None
    user = auth.authenticate(store, str(form.get("username", "")), str(form.get("password", "")), address)
    if user is None:
        return page(request, "insatser/logga_in.html", {"title": Key("login"), "failed": True,
                                                         "login_csrf": form.get("csrf"),
                                                         "next": str(form.get("next") or "/insatser")}, 401, viewer)
    nxt = str(form.get("next") or "/insatser")
    resp = RedirectResponse(nxt if nxt.startswith("/") and not nxt.startswith("//") else "/insatser", 303)
    set_cookie(request, resp, SESSION_COOKIE, viewer.sessions.issue(user.username))
    resp.delete_cookie(ANON_COOKIE, path="/")
    return resp


@router.post("/insatser/logga-ut")
@guarded(False)
async def logout(request: Request, viewer: Viewer = Depends(current_user), token: str | None = Depends(sent_csrf)):
    viewer.check_csrf(token)
    viewer.sessions.end(viewer.sid)  # the server-side record goes: a copied cookie no longer works
    resp = RedirectResponse("/insatser", 303)
    resp.delete_cookie(SESSION_COOKIE, path="/")
    return resp


# ---------------------------------------------------------------------- pages
@router.get("/insatser", response_class=HTMLResponse)
@guarded()
async def list_page(request: Request, viewer: Viewer = Depends(current_user), store=Depends(get_store)):
    q = request.query_params
    kommun = q.get("kommun") or None
    rows = svc.list_insatser(store, kommun, lang=_lang(request), **filters(q))
    return page(request, "insatser/lista.html", {"title": Key("nav"), "rows": rows, "q": dict(q), "kommun": kommun},
                viewer=viewer)


@router.get("/insatser/ny", response_class=HTMLResponse)
@guarded(False)
async def new_form(request: Request, viewer: Viewer = Depends(current_user)):
    viewer.need("redaktor")
    prefill = {"kommun": request.query_params.get("kommun", ""), "status": "planerad", "scope": "kommun"}
    return form_page(request, viewer, Key("new"), prefill, None, "ny")


@router.post("/insatser/ny")
@guarded(False)
async def create(request: Request, viewer: Viewer = Depends(current_user), token: str | None = Depends(sent_csrf),
                 store=Depends(get_store)):
    viewer.need("redaktor")
    form = await request.form()
    viewer.check_csrf(token)
    try:
        ins = svc.create_insats(store, form_to_data(form), viewer.username)
    except InputError as exc:
        return form_page(request, viewer, Key("new"), refill(form), exc, "ny")
    return saved(request, RedirectResponse(f"/insatser/{ins.id}", 303), "ny")


@router.get("/insatser/tackning", response_class=HTMLResponse)
@guarded()
async def coverage_page(request: Request, viewer: Viewer = Depends(current_user), store=Depends(get_store)):
    from lagesbild.services.tackning import age_kommuner_note, gap_label

    q = request.query_params
    kommun = q.get("kommun") or "0127"
    lang = _lang(request)
    res = tackning.tackning(store, kommun, area=q.get("area") or None, lang=lang)
    svg = map_svg(store, kommun, tackning.tackning(store, kommun)["gaps"], lang) if not q.get("area") else None
    cov, gaps = res["coverage"].to_dict("records"), res["gaps"].head(60).to_dict("records")
    for g in gaps:
        g["gap_label"] = gap_label(g["gap"], lang)
    if not res["target_population_known"]:  # the introduction says why once; no need to repeat it on every row
        for r in cov + gaps:
            r["note"] = str(r.get("note") or "").replace(f" ({age_kommuner_note(lang)})", "")
    area_name = ""
    if res["area"] and not res["gaps"].empty:
        area_name = str(res["gaps"]["area_name"].iloc[0])
    return page(request, "insatser/tackning.html", {"title": Key("coverage_title"), "res": res, "kommun": kommun,
                                                    "kommun_name": kommun_name(request, kommun),
                                                    "area_name": area_name, "svg": svg, "cov": cov, "gaps": gaps,
                                                    "n_gaps": len(res["gaps"])}, viewer=viewer)


@router.get("/insatser/kedja", response_class=HTMLResponse)
@guarded()
async def chain_page(request: Request, viewer: Viewer = Depends(current_user), store=Depends(get_store)):
    from lagesbild.services.insatser import LIFE_STAGES

    q = request.query_params
    ch = kedjor.kedja(store, q.get("kommun") or "0127", q.get("area") or None, lang=_lang(request))
    ids = {r["namn"]: r["id"] for r in svc.list_insatser(store, ch["kommun"])}
    lang = _lang(request)
    ch = {**ch, "stages": [{**s, "label": LIFE_STAGES[s["stage"]].text(lang),
                            "ages": LIFE_STAGES[s["stage"]].band(lang)}
                           if s.get("stage") in LIFE_STAGES else s for s in ch["stages"]]}
    return page(request, "insatser/kedja.html", {"title": Key("chain"), "ch": ch, "ids": ids}, viewer=viewer)


@router.get("/insatser/malkedja", response_class=HTMLResponse)
@guarded()
async def goals_page(request: Request, viewer: Viewer = Depends(current_user), store=Depends(get_store)):
    kommun = request.query_params.get("kommun") or "0127"
    rep = kedjor.malkedja_report(store, kommun, lang=_lang(request))
    return page(request, "insatser/malkedja.html", {"title": Key("goals_title"), "rep": rep, "kommun": kommun,
                                                     "kommun_name": kommun_name(request, kommun)}, viewer=viewer)


@router.get("/insatser/logg", response_class=HTMLResponse)
@guarded(False)
async def audit_page(request: Request, viewer: Viewer = Depends(current_user), store=Depends(get_store)):
    from lagesbild.app.insatser_texts import ACTIONS, OBJECT_TYPES, pair

    viewer.need("redaktor")
    q = request.query_params
    df = svc.audit_log(store, object_id=q.get("id") or None, kommun=q.get("kommun") or None, limit=200)
    rows = df.astype(object).where(df.notna(), None).to_dict("records")
    lang = _lang(request)
    for r in rows:
        r["when"] = when(r["changed_at"])
        r["action_label"] = pair(ACTIONS, r["action"], lang)
        r["object_label"] = pair(OBJECT_TYPES, r["object_type"], lang)
        r["changes"], r["before_pretty"], r["after_pretty"] = changes(r["before_json"], r["after_json"], lang)
    return page(request, "insatser/logg.html", {"title": Key("log"), "rows": rows}, viewer=viewer)


@router.get("/insatser/{insats_id}", response_class=HTMLResponse)
@guarded()
async def view(request: Request, insats_id: str, viewer: Viewer = Depends(current_user), store=Depends(get_store)):
    from lagesbild.app.insatser_texts import it

    lang = _lang(request)
    info = svc.show_insats(store, insats_id, lang)
    ins = info["insats"]
    codes = [a["code"] for a in ins.get("areas", [])]
    names = {}
    if codes:
        df = store.areas(codes=codes)
        names = dict(zip(df["code"], df["name"]))
    flash = request.cookies.get(FLASH_COOKIE)
    resp = page(request, "insatser/visa.html", {
        "title": ins["name"], "info": info, "area_names": names, "kommun_name": kommun_name(request, ins["kommun"]),
        "created": when(info["created_at"]), "updated": when(info["updated_at"]),
        "flash": {"ny": it("saved_new", lang), "andra": it("saved_edit", lang)}.get(flash or "")}, viewer=viewer)
    if flash:
        resp.delete_cookie(FLASH_COOKIE, path="/insatser")
    return resp


@router.get("/insatser/{insats_id}/andra", response_class=HTMLResponse)
@guarded(False)
async def edit_form(request: Request, insats_id: str, viewer: Viewer = Depends(current_user),
                    store=Depends(get_store)):
    viewer.need("redaktor")
    info = svc.show_insats(store, insats_id)
    return form_page(request, viewer, Key("edit_title"), data_to_form(info["insats"]), None, "andra",
                     info["version"])


@router.post("/insatser/{insats_id}/andra")
@guarded(False)
async def edit(request: Request, insats_id: str, viewer: Viewer = Depends(current_user),
               token: str | None = Depends(sent_csrf), store=Depends(get_store)):
    viewer.need("redaktor")
    form = await request.form()
    viewer.check_csrf(token)
    version = int(str(form["version"])) if str(form.get("version", "")).isdigit() else None
    try:
        svc.update_insats(store, insats_id, form_to_data(form), viewer.username, expected_version=version)
    except InputError as exc:
        return form_page(request, viewer, Key("edit_title"), {**refill(form), "id": insats_id}, exc, "andra",
                         version)
    return saved(request, RedirectResponse(f"/insatser/{insats_id}", 303), "andra")


# ---------------------------------------------------------------------- JSON API
@router.get("/api/v1/insatser")
@guarded()
async def api_list(request: Request, store=Depends(get_store)):
    q = request.query_params
    return JSONResponse(svc.list_insatser(store, q.get("kommun") or None, **filters(q)))


@router.get("/api/v1/insatser/tackning")
@guarded()
async def api_coverage(request: Request, store=Depends(get_store)):
    q = request.query_params
    if not q.get("kommun"):
        return error_page(request, InputError("Parametern 'kommun' krävs.", "The 'kommun' parameter is required."))
    res = tackning.tackning(store, q["kommun"], area=q.get("area") or None)
    out = {k: (v.astype(object).where(v.notna(), None).to_dict("records") if hasattr(v, "to_dict") else v)
           for k, v in res.items()}
    return JSONResponse(jsonable(out))


@router.get("/api/v1/insatser/kedja")
@guarded()
async def api_chain(request: Request, store=Depends(get_store)):
    q = request.query_params
    return JSONResponse(kedjor.kedja(store, q.get("kommun") or "", q.get("area") or None))


@router.get("/api/v1/insatser/{insats_id}")
@guarded()
async def api_show(request: Request, insats_id: str, store=Depends(get_store)):
    return JSONResponse(jsonable(svc.show_insats(store, insats_id)))


@router.post("/api/v1/insatser")
@guarded(False)
async def api_create(request: Request, viewer: Viewer = Depends(current_user), token: str | None = Depends(sent_csrf),
                     store=Depends(get_store)):
    viewer.need("redaktor")
    viewer.check_csrf(token)
    ins = svc.create_insats(store, await request.json(), viewer.username)
    return JSONResponse({"ok": True, "id": ins.id}, status_code=201)


@router.put("/api/v1/insatser/{insats_id}")
@guarded(False)
async def api_update(request: Request, insats_id: str, viewer: Viewer = Depends(current_user),
                     token: str | None = Depends(sent_csrf), store=Depends(get_store)):
    viewer.need("redaktor")
    viewer.check_csrf(token)
    body = await request.json()
    version = body.pop("_version", None)
    svc.update_insats(store, insats_id, body, viewer.username, expected_version=version)
    return JSONResponse({"ok": True, "id": insats_id})


@router.get("/api/v1/insatser-csrf")
@guarded(False)
async def api_csrf(request: Request, viewer: Viewer = Depends(current_user), sessions=Depends(get_sessions)):
    viewer.need("lasare")
    return JSONResponse({"csrf": sessions.csrf(viewer.sid)})
