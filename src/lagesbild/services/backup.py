"""Backup and restore of both stores: ``lagesbild backup FIL`` and ``lagesbild restore FIL``.

One archive holds the analytical DuckDB store and every table of the operational store
(:mod:`lagesbild.store.backup` describes the format). The signing secret and other secret
configuration go in only when asked (``--med-hemligheter``); a secret kept as a row of an
operational table by an earlier release is left out too unless asked.
"""

from __future__ import annotations

import importlib
from pathlib import Path

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


def backup_stores(store, target: str | Path, *, with_secrets: bool = False) -> dict:
    """Write both stores to the archive ``target``; returns its manifest."""
    from lagesbild.store.backup import backup

    _load_tables()
    return backup(store, store.operational, target,
                  secret_files=_secret_files(store.settings) if with_secrets else (),
                  omit_row=None if with_secrets else _is_secret_row)


def restore_stores(store, archive: str | Path, *, with_secrets: bool = False) -> dict:
    """Replace both stores with the contents of ``archive`` (checked completely first); with
    ``with_secrets`` the secret files in the archive are written back beside the store."""
    from lagesbild.store.backup import restore

    _load_tables()
    secrets_dir = None
    if with_secrets:
        files = _secret_files(store.settings)
        secrets_dir = files[0].parent if files else Path(store.path).parent
    return restore(archive, store.path, store.operational, wait_s=store.settings.write_wait_s,
                   secrets_dir=secrets_dir)
