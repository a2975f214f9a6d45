"""Use cases for account administration and secrets: deactivate a user, reset a password, and the
secret files a backup may include (see docs/security.md)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lagesbild.prevention import auth
from lagesbild.prevention.signing import secret_files as _secret_files

if TYPE_CHECKING:
    from lagesbild._config import Settings
    from lagesbild.store.db import Store

__all__ = ["deactivate_user", "reset_password", "secret_files"]


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
