"""DDL of the DuckDB store. One place; every table documented.

Tables
------
meta             key/value facts about the store (schema version, created_at, lagesbild version)
sources          one row per source: publisher, table id or file, licence, attribution,
                 retrieved_at, sha256 of the file or response
areas            one row per (code, version): level, name, parent, kommun, län
area_geometries  WKB geometry per (code, version) in EPSG:3006, full and simplified for the web
area_keys        keys between area sets (DeSO → own areas, RegSO 2020 ↔ 2025) with weights
area_groups      groupings of areas (SKR kommungrupp, Kolada's liknande kommuner, …)
variables        id, Swedish and English labels, unit, kind, numerator/denominator/weight ids
observations     the long, tidy fact table: area, version, year, variable, value, source
"""

from __future__ import annotations

SCHEMA_VERSION = "1"

DDL = [
    """CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS sources (
        id VARCHAR PRIMARY KEY, publisher VARCHAR, table_id VARCHAR, file VARCHAR,
        licence VARCHAR, attribution VARCHAR, retrieved_at TIMESTAMP, sha256 VARCHAR,
        note VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS areas (
        code VARCHAR NOT NULL, version VARCHAR NOT NULL, level VARCHAR NOT NULL,
        name VARCHAR, parent_code VARCHAR, parent_version VARCHAR, kommun VARCHAR,
        lan VARCHAR, PRIMARY KEY (code, version))""",
    """CREATE TABLE IF NOT EXISTS area_geometries (
        code VARCHAR NOT NULL, version VARCHAR NOT NULL, boundary_version VARCHAR,
        crs VARCHAR NOT NULL, geometry BLOB NOT NULL, geometry_simplified BLOB,
        derivation VARCHAR, source_id VARCHAR, PRIMARY KEY (code, version))""",
    """CREATE TABLE IF NOT EXISTS area_keys (
        from_code VARCHAR NOT NULL, from_version VARCHAR NOT NULL, to_code VARCHAR NOT NULL,
        to_version VARCHAR NOT NULL, weight DOUBLE NOT NULL DEFAULT 1.0, note VARCHAR,
        source_id VARCHAR, PRIMARY KEY (from_code, from_version, to_code, to_version))""",
    """CREATE TABLE IF NOT EXISTS area_groups (
        grouping VARCHAR NOT NULL, group_code VARCHAR NOT NULL, group_name VARCHAR,
        area_code VARCHAR NOT NULL, area_version VARCHAR NOT NULL, source_id VARCHAR,
        PRIMARY KEY (grouping, group_code, area_code, area_version))""",
    """CREATE TABLE IF NOT EXISTS variables (
        id VARCHAR PRIMARY KEY, label_sv VARCHAR NOT NULL, label_en VARCHAR, unit VARCHAR,
        kind VARCHAR NOT NULL, numerator VARCHAR, denominator VARCHAR, weight VARCHAR,
        source VARCHAR, description VARCHAR)""",
    # No primary key on observations: uniqueness of (area_code, area_version, year, variable,
    # source_id) is enforced by the single write path (store.write), which is faster for
    # bulk loads and lets a replace delete and insert in one transaction.
    """CREATE TABLE IF NOT EXISTS observations (
        area_code VARCHAR NOT NULL, area_version VARCHAR NOT NULL, year INTEGER NOT NULL,
        variable VARCHAR NOT NULL, value DOUBLE, source_id VARCHAR NOT NULL,
        status VARCHAR)""",
]

KINDS = ("count", "share", "mean", "median", "index", "category")

OBS_KEY = ["area_code", "area_version", "year", "variable", "source_id"]


#: Steps from one schema version to the next: ``(version reached, statements)``, in order. A store
#: of an older version gets the missing steps, in one new generation, the first time it is opened
#: for writing; a store of a newer version is refused (:func:`lagesbild.store.open_store`).
MIGRATIONS: list[tuple[str, list[str]]] = []


def create_schema(con, lagesbild_version: str) -> None:
    """Create the tables that do not exist yet, apply the missing :data:`MIGRATIONS` and record
    the schema version (in the caller's transaction); ``created_at`` is kept when present."""
    import datetime as _dt

    for stmt in DDL:
        con.execute(stmt)
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    stored = int(row[0]) if row is not None and str(row[0]).isdigit() else 0
    for version, statements in MIGRATIONS:
        if row is not None and int(version) > stored:
            for stmt in statements:
                con.execute(stmt)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
    con.execute("INSERT OR REPLACE INTO meta VALUES ('lagesbild_version', ?)", [lagesbild_version])
    if con.execute("SELECT value FROM meta WHERE key = 'created_at'").fetchone() is None:
        con.execute("INSERT INTO meta VALUES ('created_at', ?)",
                    [_dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")])
