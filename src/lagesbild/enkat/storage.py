"""Where survey data live.

* **Microdata** (one row per respondent, no identity) in the DuckDB analytical store, in the
  tables ``enkat_respondent`` (background: school, grade, gender, home area, weight) and
  ``enkat_svar`` (long: respondent, item, answer in lagesbild's coding), plus
  ``enkat_inskrivna`` (enrolled pupils per school and grade, for response rates) and
  ``enkat_referens`` (reference aggregates for län/riket, entered or imported).
* **Wave metadata** (file, checksum, codebook, catalogue version, synthetic flag) in the
  operational store, table ``enkat_vag``.

A wave is written in one DuckDB transaction; the metadata row is written inside it, so an error
in either leaves nothing behind. Importing the same file with the same codebook again changes
nothing; a different file for a kommun and year already imported is refused unless replaced.
"""

from __future__ import annotations

import hashlib
import weakref
from datetime import UTC, datetime

import numpy as np
import sqlalchemy as sa

from lagesbild.enkat.importer import Wave
from lagesbild.errors import ConflictError, NotFoundError
from lagesbild.i18n import pair
from lagesbild.store.operational import METADATA

__all__ = ["WAVE_TABLE", "save_wave", "load_wave", "waves", "wave_meta", "save_reference", "references",
           "ensure_tables", "fingerprint", "ops_of"]

WAVE_TABLE = sa.Table(
    "enkat_vag", METADATA,
    sa.Column("kommun", sa.String(4), primary_key=True),
    sa.Column("ar", sa.Integer, primary_key=True),
    sa.Column("enkat", sa.String(200), nullable=False),
    sa.Column("fil", sa.String(300), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("n", sa.Integer, nullable=False),
    sa.Column("syntetisk", sa.Boolean, nullable=False),
    sa.Column("katalog", sa.String(100), nullable=False),
    sa.Column("kodbok", sa.Text, nullable=False),
    sa.Column("inlast", sa.DateTime, nullable=False),
)

_DDL = (
    "CREATE TABLE IF NOT EXISTS enkat_respondent (kommun VARCHAR, ar INTEGER, rad INTEGER, skola VARCHAR, "
    "arskurs VARCHAR, kon VARCHAR, omrade VARCHAR, vikt DOUBLE)",
    "CREATE TABLE IF NOT EXISTS enkat_svar (kommun VARCHAR, ar INTEGER, rad INTEGER, item VARCHAR, varde DOUBLE)",
    "CREATE TABLE IF NOT EXISTS enkat_inskrivna (kommun VARCHAR, ar INTEGER, skola VARCHAR, arskurs VARCHAR, "
    "antal INTEGER)",
    "CREATE TABLE IF NOT EXISTS enkat_referens (ar INTEGER, faktor VARCHAR, niva VARCHAR, andel DOUBLE, "
    "n INTEGER, kalla VARCHAR)",
)


def ensure_tables(con) -> None:
    for ddl in _DDL:
        con.execute(ddl)


_READY: weakref.WeakSet = weakref.WeakSet()


def ops_of(store):
    """The operational store beside ``store``, with the enkat tables created."""
    ops = store.operational
    if ops not in _READY:
        ops.create_all()
        _READY.add(ops)
    return ops


def fingerprint(wave: Wave) -> str:
    """What makes an import the same import: the file's checksum and the codebook text."""
    return hashlib.sha256((wave.sha256 + "\n" + wave.codebook).encode("utf-8")).hexdigest()


def wave_meta(store, kommun: str, year: int) -> dict | None:
    with ops_of(store).connect() as conn:
        row = conn.execute(sa.select(WAVE_TABLE).where(WAVE_TABLE.c.kommun == kommun,
                                                       WAVE_TABLE.c.ar == int(year))).mappings().first()
    return dict(row) if row else None


def waves(store, kommun: str) -> list[dict]:
    """The imported waves of a kommun, oldest first (without the codebook text)."""
    with ops_of(store).connect() as conn:
        rows = conn.execute(sa.select(WAVE_TABLE).where(WAVE_TABLE.c.kommun == kommun)
                            .order_by(WAVE_TABLE.c.ar)).mappings().all()
    return [{k: v for k, v in r.items() if k != "kodbok"} for r in rows]


def save_wave(store, wave: Wave, *, catalogue_version: str, replace: bool = False) -> dict:
    """Write one wave (all or nothing). Returns ``{"status": "inlast"|"oforandrad"|"ersatt", "n"}``."""
    import pandas as pd

    fp = fingerprint(wave)
    ops = ops_of(store)
    before = wave_meta(store, wave.kommun, wave.year)
    if before is not None and before["sha256"] == fp:
        return {"status": "oforandrad", "n": before["n"], "kommun": wave.kommun, "ar": wave.year}
    if before is not None and not replace:
        raise ConflictError(*pair("enkat.wave_conflict", kommun=wave.kommun, year=wave.year, file=wave.file,
                                  before=before["fil"]))
    n = wave.n
    rad = np.arange(n, dtype=np.int32)
    resp = pd.DataFrame({"kommun": wave.kommun, "ar": wave.year, "rad": rad, "skola": wave.skola,
                         "arskurs": wave.arskurs, "kon": wave.kon, "omrade": wave.omrade,
                         "vikt": wave.vikt.astype(float)})
    parts = []
    for item, x in wave.answers.items():
        ok = ~np.isnan(x)
        parts.append(pd.DataFrame({"rad": rad[ok], "item": item, "varde": x[ok]}))
    svar = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame({"rad": [], "item": [], "varde": []})
    svar.insert(0, "ar", wave.year)
    svar.insert(0, "kommun", wave.kommun)
    ins = pd.DataFrame(wave.enrolled or [], columns=["skola", "arskurs", "antal"])
    ins.insert(0, "ar", wave.year)
    ins.insert(0, "kommun", wave.kommun)
    with store.transaction() as con:
        ensure_tables(con)
        for table in ("enkat_respondent", "enkat_svar", "enkat_inskrivna"):
            con.execute(f"DELETE FROM {table} WHERE kommun = ? AND ar = ?", [wave.kommun, wave.year])
        con.register("_enkat_resp", resp)
        con.register("_enkat_svar", svar)
        con.register("_enkat_ins", ins)
        try:
            con.execute("INSERT INTO enkat_respondent SELECT kommun, ar, rad, skola, arskurs, kon, omrade, vikt "
                        "FROM _enkat_resp")
            con.execute("INSERT INTO enkat_svar SELECT kommun, ar, rad, item, varde FROM _enkat_svar")
            con.execute("INSERT INTO enkat_inskrivna SELECT kommun, ar, skola, arskurs, antal FROM _enkat_ins")
        finally:
            for v in ("_enkat_resp", "_enkat_svar", "_enkat_ins"):
                con.unregister(v)
        with ops.begin() as conn:
            conn.execute(WAVE_TABLE.delete().where(WAVE_TABLE.c.kommun == wave.kommun, WAVE_TABLE.c.ar == wave.year))
            conn.execute(WAVE_TABLE.insert().values(
                kommun=wave.kommun, ar=wave.year, enkat=wave.name[:200], fil=wave.file[:300], sha256=fp, n=n,
                syntetisk=wave.synthetic, katalog=catalogue_version[:100], kodbok=wave.codebook,
                inlast=datetime.now(UTC).replace(tzinfo=None)))
    return {"status": "ersatt" if before is not None else "inlast", "n": n, "kommun": wave.kommun, "ar": wave.year}


def _has(store, table: str) -> bool:
    df = store.sql("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = ?", [table])
    return bool(df["n"].iloc[0])


def load_wave(store, kommun: str, year: int, items: list[str] | None = None) -> Wave:
    """Read a stored wave back (answers of ``items``, default all)."""
    meta = wave_meta(store, kommun, year)
    if meta is None or not _has(store, "enkat_respondent"):
        raise NotFoundError(*pair("enkat.no_wave", kommun=kommun, year=year))
    resp = store.sql("SELECT rad, skola, arskurs, kon, omrade, vikt FROM enkat_respondent "
                     "WHERE kommun = ? AND ar = ? ORDER BY rad", [kommun, int(year)])
    n = len(resp)
    params: list = [kommun, int(year)]
    where = ""
    if items is not None:
        where = " AND item IN (SELECT unnest(?))"
        params.append(list(items))
    svar = store.sql("SELECT item, list(rad ORDER BY rad) AS rader, list(varde ORDER BY rad) AS varden "
                     f"FROM enkat_svar WHERE kommun = ? AND ar = ?{where} GROUP BY item", params)
    found = {}
    for item, rader, varden in zip(svar["item"], svar["rader"], svar["varden"], strict=True):
        x = np.full(n, np.nan)
        x[np.asarray(rader, dtype=np.int64)] = np.asarray(varden, dtype=float)
        found[item] = x
    answers: dict[str, np.ndarray] = {}
    for item in (items if items is not None else sorted(found)):
        answers[item] = found.get(item, np.full(n, np.nan))
    ins = store.sql("SELECT skola, arskurs, antal FROM enkat_inskrivna WHERE kommun = ? AND ar = ?",
                    [kommun, int(year)])

    def col(name):
        return np.array([None if v is None or (isinstance(v, float) and np.isnan(v)) else v
                         for v in resp[name].tolist()], dtype=object)

    return Wave(kommun, int(year), col("skola"), col("arskurs"), col("kon"), col("omrade"),
                resp["vikt"].to_numpy(dtype=float), answers, ins.to_dict("records"), meta["enkat"],
                bool(meta["syntetisk"]), meta["fil"], meta["sha256"], "")


def save_reference(store, rows: list[dict]) -> int:
    """Store reference aggregates ``{ar, faktor, niva, andel, n, kalla}`` (same key replaced)."""
    import pandas as pd

    df = pd.DataFrame(rows, columns=["ar", "faktor", "niva", "andel", "n", "kalla"])
    with store.transaction() as con:
        ensure_tables(con)
        for r in rows:
            con.execute("DELETE FROM enkat_referens WHERE ar = ? AND faktor = ? AND niva = ?",
                        [int(r["ar"]), r["faktor"], r["niva"]])
        con.register("_enkat_ref", df)
        try:
            con.execute("INSERT INTO enkat_referens SELECT CAST(ar AS INTEGER), faktor, niva, andel, "
                        "CAST(n AS INTEGER), kalla FROM _enkat_ref")
        finally:
            con.unregister("_enkat_ref")
    return len(rows)


def references(store, year: int, niva: str | None = None) -> list[dict]:
    if not _has(store, "enkat_referens"):
        return []
    q = "SELECT ar, faktor, niva, andel, n, kalla FROM enkat_referens WHERE ar = ?"
    params: list = [int(year)]
    if niva:
        q += " AND niva = ?"
        params.append(niva)
    df = store.sql(q + " ORDER BY faktor, niva", params)
    return [{k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in r.items()}
            for r in df.to_dict("records")]
