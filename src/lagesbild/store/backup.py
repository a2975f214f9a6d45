"""One archive holding both stores: the analytical DuckDB file and every operational table.

Format (a gzip-compressed tar file)::

    manifest.json              format "lagesbild-backup", format version, lagesbild version, time,
                               schema versions of both stores, row counts, and the SHA-256 and size
                               of every other member
    analytical.duckdb          the current generation of the DuckDB store (a consistent snapshot:
                               generations are never written in place)
    operational/<table>.jsonl  one JSON object per row; datetimes, dates and bytes tagged so that
                               the rows load into SQLite or PostgreSQL alike
    secrets/<name>             only when asked: files of secret configuration

:func:`restore` reads and checks the whole archive before it changes anything: a member whose
checksum or size differs, a missing member, an archive that is not a lagesbild backup, or one
from a newer release is refused with a message naming what is wrong. The DuckDB file is swapped
in as a new generation (running apps move to it) and the operational tables are replaced in one
transaction.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

import sqlalchemy as sa

from lagesbild._version import __version__
from lagesbild.errors import InputError
from lagesbild.i18n import pair
from lagesbild.store.operational import METADATA, OperationalStore, reset_sequences, schema_version
from lagesbild.store.schema import SCHEMA_VERSION

__all__ = ["FORMAT", "FORMAT_VERSION", "backup", "restore", "read_manifest", "encode_value", "decode_value"]

FORMAT = "lagesbild-backup"
FORMAT_VERSION = 1
_CHUNK = 1 << 20


def encode_value(v):
    """A JSON-safe form of one column value (tagged for datetime, date and bytes)."""
    if isinstance(v, _dt.datetime):
        return {"$dt": v.isoformat()}
    if isinstance(v, _dt.date):
        return {"$d": v.isoformat()}
    if isinstance(v, bytes | bytearray | memoryview):
        return {"$b": base64.b64encode(bytes(v)).decode("ascii")}
    return v


def decode_value(v):
    if isinstance(v, dict) and len(v) == 1:
        (tag, x), = v.items()
        if tag == "$dt":
            return _dt.datetime.fromisoformat(x)
        if tag == "$d":
            return _dt.date.fromisoformat(x)
        if tag == "$b":
            return base64.b64decode(x)
    return v


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def _tables(conn: sa.Connection) -> list[sa.Table]:
    """Every table in the operational database: declared ones (in dependency order), then any
    other (reflected), so that nothing is left out whatever modules are loaded."""
    names = set(sa.inspect(conn).get_table_names())
    declared = [t for t in METADATA.sorted_tables if t.name in names]
    other = sorted(names - {t.name for t in declared})
    reflected = sa.MetaData()
    return declared + [sa.Table(n, reflected, autoload_with=conn) for n in other]


def backup(store, ops: OperationalStore, target: str | Path, *,
           secret_files: Iterable[str | Path] = (),
           omit_row: Callable[[str, dict], bool] | None = None) -> dict:
    """Write the archive ``target`` (via a temporary file and a rename); returns the manifest.

    Parameters
    ----------
    store : Store
        The DuckDB store (a file store; its current generation is archived).
    ops : OperationalStore
        The operational store; every table declared on :data:`METADATA` is archived.
    secret_files : paths
        Secret configuration to include (only when the user asked for it).
    omit_row : callable, optional
        ``omit_row(table_name, row) -> True`` leaves a row out (e.g. a secret kept in a table).
    """
    target = Path(target)
    src = Path(store.path)
    if str(store.path) == ":memory:" or not src.exists():
        raise InputError(*pair("store.backup_memory"))
    ops.create_all()
    with tempfile.TemporaryDirectory(prefix="lagesbild-backup-") as tmp:
        work = Path(tmp)
        files: dict[str, dict] = {}
        # open first, then copy from the open file: a new generation swapped in meanwhile does
        # not change the inode being read
        with open(src, "rb") as fin, open(work / "analytical.duckdb", "wb") as fout:
            shutil.copyfileobj(fin, fout, _CHUNK)
        rows: dict[str, int] = {}
        (work / "operational").mkdir()
        with ops.connect() as conn:
            for table in _tables(conn):
                n = 0
                with open(work / "operational" / f"{table.name}.jsonl", "w", encoding="utf-8") as f:
                    pk = list(table.primary_key.columns) or list(table.columns)
                    for r in conn.execute(sa.select(table).order_by(*pk)).mappings():
                        row = dict(r)
                        if omit_row is not None and omit_row(table.name, row):
                            continue
                        f.write(json.dumps({k: encode_value(v) for k, v in row.items()},
                                           ensure_ascii=False, sort_keys=True) + "\n")
                        n += 1
                rows[table.name] = n
        secrets_out = []
        for p in secret_files:
            p = Path(p)
            if p.exists():
                (work / "secrets").mkdir(exist_ok=True)
                shutil.copyfile(p, work / "secrets" / p.name)
                secrets_out.append(p.name)
        for p in sorted(work.rglob("*")):
            if p.is_file():
                files[p.relative_to(work).as_posix()] = {"sha256": _sha256(p), "size": p.stat().st_size}
        manifest = {
            "format": FORMAT, "format_version": FORMAT_VERSION, "lagesbild_version": __version__,
            "created_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
            "analytical_schema": SCHEMA_VERSION, "operational_schema": ops.stored_version(),
            "operational_dialect": ops.dialect, "operational_rows": rows, "secrets": secrets_out,
            "files": files,
        }
        target.parent.mkdir(parents=True, exist_ok=True)
        part = target.with_name(target.name + ".part")
        with tarfile.open(part, "w:gz") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            for name in files:
                tar.add(work / name, arcname=name, recursive=False)
        os.replace(part, target)
    return manifest


def read_manifest(archive: str | Path) -> dict:
    """The manifest of ``archive``; :class:`InputError` when it is not a lagesbild backup."""
    archive = Path(archive)
    try:
        with tarfile.open(archive, "r:*") as tar:
            member = tar.next()  # the manifest is the first member (the rest is checked later)
            if member is None or member.name != "manifest.json":
                raise KeyError("manifest.json")
            fobj = tar.extractfile(member)
            if fobj is None:
                raise KeyError("manifest.json")
            manifest = json.loads(fobj.read().decode("utf-8"))
    except FileNotFoundError:
        raise InputError(*pair("store.backup_missing", path=str(archive))) from None
    except (tarfile.TarError, KeyError, OSError, EOFError, ValueError, AttributeError):
        raise InputError(*pair("store.backup_foreign", path=str(archive))) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InputError(*pair("store.backup_foreign", path=str(archive)))
    if int(manifest.get("format_version", 0)) > FORMAT_VERSION \
            or int(manifest.get("operational_schema") or 0) > schema_version() \
            or int(manifest.get("analytical_schema") or 0) > int(SCHEMA_VERSION):
        raise InputError(*pair("store.backup_newer", path=str(archive),
                               version=str(manifest.get("lagesbild_version"))))
    return manifest


def _extract_checked(archive: Path, manifest: dict, dest: Path) -> None:
    """Extract every member listed in the manifest to ``dest``, checking size and SHA-256."""
    expected = manifest.get("files") or {}
    seen = set()
    try:
        with tarfile.open(archive, "r:*") as tar:
            for member in tar:
                if member.name == "manifest.json":
                    continue
                if member.name not in expected or not member.isfile():
                    raise InputError(*pair("store.backup_corrupt", path=str(archive), member=member.name))
                out = dest / member.name
                out.parent.mkdir(parents=True, exist_ok=True)
                h = hashlib.sha256()
                fin_obj = tar.extractfile(member)
                if fin_obj is None:
                    raise KeyError(member.name)
                with fin_obj as fin, open(out, "wb") as fout:
                    while chunk := fin.read(_CHUNK):
                        h.update(chunk)
                        fout.write(chunk)
                meta = expected[member.name]
                if h.hexdigest() != meta.get("sha256") or out.stat().st_size != meta.get("size"):
                    raise InputError(*pair("store.backup_corrupt", path=str(archive), member=member.name))
                seen.add(member.name)
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        raise InputError(*pair("store.backup_corrupt", path=str(archive), member=type(exc).__name__)) from None
    missing = sorted(set(expected) - seen)
    if missing:
        raise InputError(*pair("store.backup_corrupt", path=str(archive), member=missing[0]))


def restore(archive: str | Path, store_path: str | Path, ops: OperationalStore, *, wait_s: float = 600.0,
            secrets_dir: str | Path | None = None) -> dict:
    """Restore both stores from ``archive`` (checked completely first); returns the manifest.

    The DuckDB file at ``store_path`` is replaced by the archived one as a new generation; every
    operational table is emptied and filled from the archive in one transaction. Secret files in
    the archive are written to ``secrets_dir`` (mode 0600) only when it is given.
    """
    archive = Path(archive)
    manifest = read_manifest(archive)
    from lagesbild.store.generations import WriterLock, connect_read

    with tempfile.TemporaryDirectory(prefix="lagesbild-restore-", dir=Path(store_path).parent) as tmp:
        work = Path(tmp)
        _extract_checked(archive, manifest, work)
        duck = work / "analytical.duckdb"
        if not duck.exists():
            raise InputError(*pair("store.backup_corrupt", path=str(archive), member="analytical.duckdb"))
        try:
            connect_read(str(duck)).close()
        except Exception:
            raise InputError(*pair("store.backup_corrupt", path=str(archive),
                                   member="analytical.duckdb")) from None
        ops.create_all()
        with ops.connect() as conn:
            tables = _tables(conn)
        known = {t.name: t for t in tables}
        rows = {}
        for f in sorted((work / "operational").glob("*.jsonl")) if (work / "operational").exists() else []:
            table = known.get(f.stem)
            if table is None:
                raise InputError(*pair("store.backup_unknown_table", path=str(archive), table=f.stem))
            cols = {c.name for c in table.columns}
            with open(f, encoding="utf-8") as fh:
                rows[table.name] = [{k: decode_value(v) for k, v in json.loads(line).items() if k in cols}
                                    for line in fh if line.strip()]
        with WriterLock(str(store_path), wait_s):
            with ops.begin() as conn:
                for table in reversed(tables):
                    conn.execute(table.delete())
                for table in tables:
                    if rows.get(table.name):
                        conn.execute(table.insert(), rows[table.name])
                reset_sequences(conn, tables)
            with open(duck, "rb+") as duck_file:
                os.fsync(duck_file.fileno())
            os.replace(duck, store_path)
        if secrets_dir is not None:
            for name in manifest.get("secrets") or []:
                src = work / "secrets" / name
                dst = Path(secrets_dir) / name
                fd = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                with os.fdopen(fd, "wb") as out:
                    out.write(src.read_bytes())
    return manifest
