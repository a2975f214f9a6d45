"""Web pages and JSON API of the insats registry: a module-level router and :func:`install`.

Pages under ``/insatser`` (list and filter, view, coverage with map and gap table, life-course
chain, målkedja, audit log, login/logout, create/edit after login) and JSON under
``/api/v1/insatser``. Modules: :mod:`.routes` (the handlers), :mod:`.auth` (options, store,
sessions, signed-in user and CSRF token as dependencies), :mod:`.forms` (the edit form),
:mod:`.views` (page rendering, coverage map, change-log differences, error pages).

Security: accounts with Argon2 hashes and roles (läsare < redaktör < admin), signed session
cookies that expire (HttpOnly, SameSite=Lax), a CSRF token bound to the session in every form
(and the ``X-CSRF-Token`` header for JSON writes); a missing or forged token gives 403. Writes
need a writable store. Every change is audit-logged by the services.
"""

from __future__ import annotations

__all__ = ["install", "router", "write_paths", "SESSION_COOKIE", "ANON_COOKIE"]

from lagesbild.app.insatser.auth import ANON_COOKIE, SESSION_COOKIE, WebOptions, viewer_of
from lagesbild.app.insatser.routes import router


def write_paths() -> list[str]:
    """Path prefixes of the routes that accept other methods than GET (opened for writes by the middleware)."""
    out = []
    for route in router.routes:
        methods = getattr(route, "methods", None) or set()
        if methods - {"GET", "HEAD", "OPTIONS"}:
            path = getattr(route, "path", "")
            out.append(path.split("{", 1)[0] or path)
    return out


def install(app, *, store=None, secret_key: str = "", max_age: int | None = None, public_read: bool = True,
            secure_cookies: bool = False) -> None:
    """Include the router in ``app`` and put its options on ``app.state``.

    The handlers read the Store from ``app.state.data.store``; ``store`` sets it on an app that
    has none (a bare ``FastAPI()`` in tests). ``secret_key``: signing secret (empty → generated
    once and kept in the store); ``max_age``: session lifetime in seconds (default 8 h);
    ``public_read``: when False, reading also needs a login (läsare); ``secure_cookies``: mark
    cookies ``Secure`` (behind HTTPS). ``app.state.current_user(request)`` gives the signed-in
    user to other pages.
    """
    if store is not None:
        from types import SimpleNamespace

        app.state.data = SimpleNamespace(store=store)
    app.state.insatser = WebOptions(secret_key=secret_key, max_age=max_age, public_read=public_read,
                                    secure_cookies=secure_cookies)
    app.state.current_user = lambda request: viewer_of(request).user
    app.include_router(router)
