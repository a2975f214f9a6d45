"""Rows that an earlier release kept in the DuckDB store, moved once to the operational store.

Release 0.1 kept insatser, their audit log, accounts and self-assessments in tables of the
DuckDB store. This release keeps them in the operational store. The first time a domain module
uses the operational store beside such a DuckDB store, :func:`adopt_legacy_tables` copies the
rows of each of its tables that exist in DuckDB into the (still empty) operational table, in one
transaction per table, and records that in ``ops_adopted`` so it never happens twice. The
DuckDB copies are left as they were (a read-only store cannot drop them); they are no longer read.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from lagesbild.store.operational import ADOPTED, OperationalStore, reset_sequences

__all__ = ["adopt_legacy_tables", "frame_records"]


def frame_records(df) -> list[dict]:
    """DataFrame rows as dicts of plain Python values (None for missing)."""
    obj = df.astype(object)
    return obj.where(obj.notna(), None).to_dict("records")


def adopt_legacy_tables(store, ops: OperationalStore, tables: Iterable[sa.Table]) -> dict[str, int]:
    """Copy each table of ``tables`` found in the DuckDB ``store`` into ``ops`` (once).

    Returns the rows copied per table (empty when there was nothing to do).
    """
    from datetime import UTC, datetime

    if getattr(store, "path", ":memory:") == ":memory:":
        present: set[str] = set()
    else:
        present = set(store.sql("SELECT table_name FROM duckdb_tables()")["table_name"])
    copied: dict[str, int] = {}
    for table in tables:
        if table.name not in present:
            continue
        with ops.begin() as conn:
            ADOPTED.create(conn, checkfirst=True)
            done = conn.execute(sa.select(ADOPTED.c.rows).where(ADOPTED.c.table_name == table.name)).first()
            if done is not None:
                continue
            has_rows = conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first()
            rows: list[dict] = []
            if has_rows is None:
                df = store.sql(f"SELECT * FROM {table.name}")
                cols = [c.name for c in table.columns if c.name in df.columns]
                rows = frame_records(df[cols])
                if rows:
                    conn.execute(table.insert(), rows)
                    reset_sequences(conn, [table])
            conn.execute(ADOPTED.insert().values(table_name=table.name, rows=len(rows),
                                                 adopted_at=datetime.now(UTC).replace(tzinfo=None)))
        copied[table.name] = len(rows)
    return copied
