"""Atomic writes: all or nothing, and ordinary file permissions."""

import os
import stat

import pytest

from lagesbild._fileio import atomic_path, write_atomic


def test_write_atomic_replaces_whole_file_with_umask_permissions(tmp_path):
    p = write_atomic(tmp_path / "a" / "x.txt", "första")
    write_atomic(p, "andra")
    assert p.read_text(encoding="utf-8") == "andra"
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(p.stat().st_mode) == 0o666 & ~mask
    assert [f.name for f in p.parent.iterdir()] == ["x.txt"]


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    p = write_atomic(tmp_path / "x.xlsx", b"old")
    with pytest.raises(RuntimeError), atomic_path(p) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("writer failed")
    assert p.read_bytes() == b"old" and [f.name for f in tmp_path.iterdir()] == ["x.xlsx"]
