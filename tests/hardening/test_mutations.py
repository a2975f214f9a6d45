"""Seeded mutation fuzzing: valid CSV, xlsx, Parquet and mapping files with random bytes changed,
inserted or cut off are imported cleanly or refused with a LagesbildError (one line, the store
unchanged) — never another exception."""

from __future__ import annotations

import io
import random

import openpyxl
import pandas as pd
import pytest

from lagesbild.errors import LagesbildError
from lagesbild.store.importer import import_file

MAP = (b"source: {id: fz, publisher: test}\narea: {column: desokod, version: DeSO2018}\n"
       b"year: {column: ar}\nvalues: {folkmangd: pop}\n")
CSV = b"desokod,ar,pop\n0114A0010,1999,5\n0114C1010,1999,7\n"
INSERTS = [b",", b"\n", b'"', b";", b"\x00", b"\xff", b"inf", b"-", b"&a", b"*a", b"{", b"[", b"=1+2"]


def _xlsx() -> bytes:
    wb = openpyxl.Workbook()
    for r in (["desokod", "ar", "pop"], ["0114A0010", 1999, 5]):
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _parquet() -> bytes:
    buf = io.BytesIO()
    pd.DataFrame({"desokod": ["0114A0010"], "ar": [1999], "pop": [5]}).to_parquet(buf)
    return buf.getvalue()


def mutate(rnd: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rnd.randint(1, 6)):
        op = rnd.random()
        if op < 0.4 and out:
            out[rnd.randrange(len(out))] = rnd.randrange(256)
        elif op < 0.6 and out:
            i = rnd.randrange(len(out))
            del out[i:i + rnd.randint(1, 20)]
        elif op < 0.8:
            i = rnd.randrange(len(out) + 1)
            out[i:i] = rnd.choice(INSERTS)
        else:
            out = out[:rnd.randrange(len(out) + 1)]
    return bytes(out)


def fingerprint(st) -> list:
    return st.sql("SELECT count(*) n, round(sum(value), 1) s FROM observations").iloc[0].tolist()


@pytest.mark.parametrize("seed", range(2))
def test_mutated_files_never_raise_anything_else(writable_bundled_store, tmp_path, seed):
    rnd = random.Random(seed)
    originals = {"csv": CSV, "xlsx": _xlsx(), "parquet": _parquet()}
    for i in range(20):
        kind = rnd.choice(["csv", "xlsx", "parquet", "map"])
        ext = "csv" if kind == "map" else kind
        data = originals[ext] if kind == "map" else mutate(rnd, originals[kind])
        f = tmp_path / f"f{i}.{ext}"
        f.write_bytes(data)
        m = tmp_path / f"m{i}.yaml"
        m.write_bytes(mutate(rnd, MAP) if kind == "map" else MAP.replace(b"id: fz", f"id: fz{i}".encode()))
        before = fingerprint(writable_bundled_store)
        try:
            import_file(writable_bundled_store, f, m)
        except LagesbildError as exc:
            msg = exc.message("sv")
            assert "\n" not in msg and len(msg) < 600, msg
            assert fingerprint(writable_bundled_store) == before, f"case {i} changed the store"
