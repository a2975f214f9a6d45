"""Backup and restore of both stores: ``lagesbild backup FIL`` and ``lagesbild restore FIL``.

One archive holds the analytical DuckDB store and every table of the operational store
(:mod:`lagesbild.store.backup` describes the format). The signing secret and other secret
configuration go in only when asked (``--med-hemligheter``); a secret kept as a row of an
operational table by an earlier release is left out too unless asked.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lagesbild.store.db import Store

__all__ = ["backup_stores", "restore_stores", "TABLE_MODULES"]

#: Modules that declare operational tables; imported so that every table is known by name.
TABLE_MODULES: tuple[str, ...] = (
    "lagesbild.prevention.tables",
    "lagesbild.brott.tabeller",
    "lagesbild.enkat.storage",
)


def _load_tables() -> None:
    for name in TABLE_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:  # a module of an optional part that is not there
            if exc.name != name:
                raise


def _secret_files(settings) -> list[Path]:
    try:
        from lagesbild.prevention.signing import secret_files
    except ModuleNotFoundError:
        return []
    return list(secret_files(settings))


def _is_secret_row(table: str, row: dict) -> bool:
    return table == "prev_meta" and row.get("key") == "secret_key"


def backup_stores(store: Store, target: str | Path, *, with_secrets: bool = False) -> dict[str, Any]:
    """Write both stores to the archive ``target``; returns its manifest.

    Parameters
    ----------
    store : Store
        The open analytical store (its operational store is included).
    target : str or Path
        The archive to write (via a temporary file and a rename).
    with_secrets : bool, default False
        Include the secret files and the stored session-signing secret.

    Returns
    -------
    dict
        The archive's manifest.
    """
    from lagesbild.store.backup import backup

    _load_tables()
    return backup(store, store.operational, target,
                  secret_files=_secret_files(store.settings) if with_secrets else (),
                  omit_row=None if with_secrets else _is_secret_row)


def restore_stores(store: Store, archive: str | Path, *, with_secrets: bool = False) -> dict[str, Any]:
    """Replace both stores with the contents of ``archive`` (checked completely first); with
    ``with_secrets`` the secret files in the archive are written back beside the store.

    Parameters
    ----------
    store : Store
        The open store to replace.
    archive : str or Path
        An archive written by :func:`backup_stores`.
    with_secrets : bool, default False
        Write the archive's secret files back too.

    Returns
    -------
    dict
        The restored archive's manifest.
    """
    from lagesbild.store.backup import restore

    _load_tables()
    secrets_dir = None
    if with_secrets:
        files = _secret_files(store.settings)
        secrets_dir = files[0].parent if files else Path(store.path).parent
    return restore(archive, store.path, store.operational, wait_s=store.settings.write_wait_s,
                   secrets_dir=secrets_dir)
