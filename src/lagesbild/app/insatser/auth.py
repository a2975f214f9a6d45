"""Who is asking: the insatser pages' options, store, sessions, signed-in user and CSRF token as dependencies.

Everything is read from ``request.app.state``: ``insatser`` (the :class:`WebOptions` given to
:func:`lagesbild.app.insatser.install`), ``data.store`` (the open Store) and, created on first use,
``insatser_sessions``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from fastapi import Depends, Request

from lagesbild.errors import PermissionDeniedError
from lagesbild.services.accounts import auth as accounts

__all__ = ["SESSION_COOKIE", "ANON_COOKIE", "FLASH_COOKIE", "WebOptions", "Viewer", "get_options", "get_store",
           "get_sessions", "check_csrf", "viewer_of", "current_user", "sent_csrf", "anonymous_sid", "set_cookie",
           "saved"]

SESSION_COOKIE = "lb_session"
ANON_COOKIE = "lb_anon"
FLASH_COOKIE = "lb_sparad"
_LOCK = threading.Lock()  # only guards the one-time creation of the sessions object


@dataclass(frozen=True)
class WebOptions:
    """Settings of the insatser pages.

    secret_key: signing secret (empty → generated once and kept in the store); max_age: session
    lifetime in seconds (None → 8 h); public_read: False → reading also needs a login (läsare);
    secure_cookies: mark cookies ``Secure`` (behind HTTPS).
    """

    secret_key: str = ""
    max_age: int | None = None
    public_read: bool = True
    secure_cookies: bool = False

    @property
    def session_seconds(self) -> int:
        return self.max_age or accounts.SESSION_MAX_AGE


def get_options(request: Request) -> WebOptions:
    """The pages' options (defaults when the app did not set any)."""
    return getattr(request.app.state, "insatser", None) or WebOptions()


def get_store(request: Request):
    """The open Store of the app (writable, or read-only with ``upgradable=True``, for edits)."""
    return request.app.state.data.store


def get_sessions(request: Request) -> accounts.Sessions:
    """The app's session keeper, created once from the signing secret."""
    state = request.app.state
    sessions = getattr(state, "insatser_sessions", None)
    if sessions is None:
        with _LOCK:
            sessions = getattr(state, "insatser_sessions", None)
            if sessions is None:
                opts = get_options(request)
                app = request.app
                sessions = accounts.Sessions(accounts.secret_for(get_store(request), opts.secret_key),
                                             opts.session_seconds, store=lambda: app.state.data.store)
                state.insatser_sessions = sessions
    return sessions


@dataclass(frozen=True)
class Viewer:
    """The signed-in user (None when anonymous) and the session id, with role and CSRF checks."""

    user: accounts.User | None
    sid: str | None
    sessions: accounts.Sessions

    @property
    def username(self) -> str:
        """The signed-in user's name (raises for an anonymous visitor)."""
        return accounts.require_role(self.user, "lasare").username

    def need(self, role: str) -> Viewer:
        """Raise unless the user has at least ``role`` (läsare < redaktör < admin)."""
        accounts.require_role(self.user, role)
        return self

    def check_csrf(self, token: str | None) -> None:
        """Raise 403 unless ``token`` belongs to the signed-in session."""
        check_csrf(self.sessions, self.sid, token)

    def csrf(self) -> str:
        return self.sessions.csrf(self.sid) if self.sid else ""


def check_csrf(sessions: accounts.Sessions, sid: str | None, token: str | None) -> None:
    """Raise 403 unless ``token`` belongs to session ``sid`` (signed-in or anonymous)."""
    if not sessions.check_csrf(sid, token):
        raise PermissionDeniedError("Ogiltig eller saknad CSRF-token; ladda om sidan och försök igen.",
                                    "Invalid or missing CSRF token; reload the page and try again.")


def viewer_of(request: Request) -> Viewer:
    """Who sent ``request`` (also used outside dependencies, e.g. by error pages)."""
    sessions = get_sessions(request)
    data = sessions.load(request.cookies.get(SESSION_COOKIE))
    if data is None:
        return Viewer(None, None, sessions)
    user = accounts.get_user(get_store(request), data["u"])
    if user is None or not user.active:
        return Viewer(None, None, sessions)
    return Viewer(user, data["sid"], sessions)


def current_user(request: Request, sessions: accounts.Sessions = Depends(get_sessions)) -> Viewer:
    """Dependency: the :class:`Viewer` of the request (never raises for anonymous visitors)."""
    return viewer_of(request)


async def sent_csrf(request: Request) -> str | None:
    """Dependency: the CSRF token sent with a write (form field ``csrf`` or header ``X-CSRF-Token``).

    Reads the body on the event loop, so that the handler (run in the thread pool) finds it parsed.
    """
    if "json" in request.headers.get("content-type", ""):
        await request.body()
        return request.headers.get("x-csrf-token")
    form = await request.form()
    token = form.get("csrf")
    return None if token is None else str(token)


def anonymous_sid(request: Request) -> str | None:
    """The anonymous session of the login form (None when missing or forged)."""
    return get_sessions(request).load_anonymous(request.cookies.get(ANON_COOKIE))


def set_cookie(request: Request, resp, name: str, value: str) -> None:
    opts = get_options(request)
    resp.set_cookie(name, value, max_age=opts.session_seconds, httponly=True, samesite="lax",
                    secure=opts.secure_cookies, path="/")


def saved(request: Request, resp, what: str):
    """Tell the next page view that the insats was just saved (a one-time, short-lived cookie)."""
    resp.set_cookie(FLASH_COOKIE, what, max_age=60, httponly=True, samesite="lax",
                    secure=get_options(request).secure_cookies, path="/insatser")
    return resp
