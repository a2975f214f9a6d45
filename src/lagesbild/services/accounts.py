"""Use cases for accounts and secrets: create, list and deactivate accounts, reset a password, and
the secret files a backup may include (see docs/security.md).

The account module itself (sessions, roles, sign-in: :mod:`lagesbild.prevention.auth`) is exported
as ``auth`` for the web pages, which sign people in and check their roles with it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lagesbild.prevention import auth
from lagesbild.prevention.signing import secret_files as _secret_files

if TYPE_CHECKING:
    from lagesbild._config import Settings
    from lagesbild.store.db import Store

__all__ = ["create_user", "list_users", "deactivate_user", "reset_password", "secret_files",
           # sessions, roles and sign-in, for the web pages
           "auth"]


def create_user(store: Store, username: str, password: str, role: str, who: str) -> auth.User:
    """Create an active account for the web pages (audit-logged without the password hash).

    Parameters
    ----------
    store : Store
        The open store (accounts live in its operational store).
    username : str
        The account name: 2–40 characters a–z, 0–9, ".", "_" or "-".
    password : str
        Its password (stored only as an Argon2 hash); it must meet the password policy.
    role : str
        ``lasare``, ``redaktor`` or ``admin``.
    who : str
        The administrator doing it (written to the audit log).

    Returns
    -------
    User
        The new account.

    Raises
    ------
    InputError
        For a bad name, a password that breaks the policy (too short or long, too repetitive,
        the user name, a common password) or an unknown role.
    ConflictError
        When the account exists already.
    PermissionDeniedError
        When ``who`` is empty.
    """
    return auth.create_user(store, username, password, role, who)


def list_users(store: Store) -> list[auth.User]:
    """Every account, ordered by name.

    Parameters
    ----------
    store : Store
        The open store (accounts live in its operational store).

    Returns
    -------
    list of User
        ``username``, ``role`` and ``active`` of each account.
    """
    return auth.list_users(store)


def deactivate_user(store: Store, username: str, who: str) -> None:
    """Deactivate ``username``; every session of the account ends at once.

    Parameters
    ----------
    store : Store
        The open store (accounts live in its operational store).
    username : str
        The account to deactivate.
    who : str
        The administrator doing it (written to the audit log).

    Raises
    ------
    NotFoundError
        If there is no such account.
    """
    auth.set_active(store, username, False, who)


def reset_password(store: Store, username: str, who: str) -> str:
    """A new random password for ``username`` (shown once, stored only as a hash); every session
    of the account ends.

    Parameters
    ----------
    store : Store
        The open store.
    username : str
        The account.
    who : str
        The administrator doing it (written to the audit log).

    Returns
    -------
    str
        The new password in clear, to hand over once.
    """
    return auth.reset_password(store, username, who)


def secret_files(settings: Settings) -> list[Path]:
    """The files of secret configuration (the session-signing secret file) for a backup made
    with secrets; empty when the secret comes from the ``secret_key`` setting.

    Parameters
    ----------
    settings : Settings
        The resolved settings (store path and ``secret_key``).

    Returns
    -------
    list of Path
        The secret files that exist.
    """
    return _secret_files(settings)
