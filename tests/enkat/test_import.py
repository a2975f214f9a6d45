"""Import through a codebook from CSV, Excel and SPSS .sav; bad input refused with one line naming
file, row and column; nothing written; a wave imported twice is idempotent, a different one refused."""

from __future__ import annotations

import numpy as np
import pytest
import yaml

from lagesbild.enkat import storage, synthetic
from lagesbild.enkat.codebook import read_codebook
from lagesbild.enkat.importer import read_wave
from lagesbild.errors import ConflictError, InputError, PersonalDataError


@pytest.fixture(scope="module")
def small(catalogue):
    return synthetic.generate(catalogue, "0127", 2024, seed=11, schools=2, enrolled=20)


def _write(tmp_path, syn, catalogue, suffix=".csv", frame=None, codebook=None):
    df = synthetic.provider_frame(syn, catalogue) if frame is None else frame
    cb = synthetic.codebook_for(syn, catalogue) if codebook is None else codebook
    data = tmp_path / f"enkat{suffix}"
    if suffix == ".csv":
        df.to_csv(data, index=False, sep=";")
    elif suffix == ".xlsx":
        df.to_excel(data, index=False)
    elif suffix == ".sav":
        import pyreadstat

        pyreadstat.write_sav(df, str(data))
    cbf = tmp_path / "kodbok.yaml"
    cbf.write_text(yaml.safe_dump(cb, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return data, cbf


def _same(wave, syn):
    assert wave.n == syn.n
    assert list(wave.skola) == list(syn.skola) and list(wave.kon) == list(syn.kon)
    assert list(wave.arskurs) == list(syn.arskurs) and list(wave.omrade) == list(syn.omrade)
    for item, x in syn.answers.items():
        np.testing.assert_array_equal(wave.answers[item], x)
    np.testing.assert_allclose(wave.vikt, syn.vikt, rtol=1e-6)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".sav"])
def test_round_trip_through_the_codebook(tmp_path, small, catalogue, suffix):
    data, cbf = _write(tmp_path, small, catalogue, suffix)
    wave = read_wave(data, read_codebook(cbf, catalogue), catalogue, kommun="0127", year=2024)
    _same(wave, small)
    assert wave.synthetic and wave.name == synthetic.LABEL


def _err(exc) -> str:
    msg = exc.value.message("sv")
    assert "\n" not in msg and "Traceback" not in msg
    return msg


def test_codebook_naming_a_missing_column(tmp_path, small, catalogue):
    cb = synthetic.codebook_for(small, catalogue)
    cb["items"]["fam_vet_var"]["kolumn"] = "F99X"
    data, cbf = _write(tmp_path, small, catalogue, codebook=cb)
    with pytest.raises(InputError) as exc:
        read_wave(data, read_codebook(cbf, catalogue), catalogue, kommun="0127", year=2024)
    msg = _err(exc)
    assert "kodbok.yaml" in msg and "F99X" in msg and "enkat.csv" in msg


def test_answer_code_mapped_twice(tmp_path, catalogue):
    cbf = tmp_path / "kodbok.yaml"
    cbf.write_text("bakgrund:\n  skola: skolenhet\n  arskurs: ak\n  kon:\n    kolumn: kon\n    koder:\n"
                   "      1: flicka\n      2: pojke\n      1: annat\nitems:\n  utf_cannabis: F01\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_codebook(cbf, catalogue)
    msg = _err(exc)
    assert "kodbok.yaml" in msg and "rad 9" in msg and "'1'" in msg


def test_code_out_of_range_names_file_row_and_column(tmp_path, small, catalogue):
    df = synthetic.provider_frame(small, catalogue)
    df.loc[4, "F02"] = 7
    data, cbf = _write(tmp_path, small, catalogue, frame=df)
    with pytest.raises(InputError) as exc:
        read_wave(data, read_codebook(cbf, catalogue), catalogue, kommun="0127", year=2024)
    msg = _err(exc)
    assert "enkat.csv rad 6" in msg and "'F02'" in msg and "'7'" in msg


def test_unknown_code_of_a_coded_item(tmp_path, small, catalogue):
    df = synthetic.provider_frame(small, catalogue)
    col = [c for c, item in zip(df.columns[5:], [i for s in catalogue.scales for i in s.items], strict=False)
           if item.id == "utf_cannabis"][0]
    df.loc[0, col] = 3
    data, cbf = _write(tmp_path, small, catalogue, frame=df)
    with pytest.raises(InputError) as exc:
        read_wave(data, read_codebook(cbf, catalogue), catalogue, kommun="0127", year=2024)
    assert f"rad 2, kolumn '{col}'" in _err(exc)


def test_personnummer_refused_naming_row_and_column(tmp_path, small, catalogue):
    df = synthetic.provider_frame(small, catalogue)
    df["kommentar"] = ""
    df.loc[3, "kommentar"] = "elev 19121212-1212"
    data, cbf = _write(tmp_path, small, catalogue, frame=df)
    with pytest.raises(PersonalDataError) as exc:
        read_wave(data, read_codebook(cbf, catalogue), catalogue, kommun="0127", year=2024)
    msg = _err(exc)
    assert "rad 5" in msg and "kommentar" in msg and "1212" not in msg


@pytest.mark.parametrize("column,values", [("namn", ["x"]), ("fritext", ["Anna Andersson", "Erik Berg", "Lars Lind"])])
def test_names_refused(tmp_path, small, catalogue, column, values):
    df = synthetic.provider_frame(small, catalogue)
    df[column] = [values[i % len(values)] for i in range(len(df))]
    data, cbf = _write(tmp_path, small, catalogue, frame=df)
    with pytest.raises(PersonalDataError) as exc:
        read_wave(data, read_codebook(cbf, catalogue), catalogue, kommun="0127", year=2024)
    assert column in _err(exc)


def test_store_idempotent_conflict_and_nothing_written_on_error(tmp_path, small, catalogue, empty_store):
    data, cbf = _write(tmp_path, small, catalogue)
    cb = read_codebook(cbf, catalogue)
    wave = read_wave(data, cb, catalogue, kommun="0127", year=2024)
    assert storage.save_wave(empty_store, wave, catalogue_version="1")["status"] == "inlast"
    again = read_wave(data, cb, catalogue, kommun="0127", year=2024)
    assert storage.save_wave(empty_store, again, catalogue_version="1")["status"] == "oforandrad"
    other = synthetic.generate(catalogue, "0127", 2024, seed=12, schools=2, enrolled=20)
    (tmp_path / "x").mkdir()
    data2, _ = _write(tmp_path / "x", other, catalogue)
    conflicting = read_wave(data2, cb, catalogue, kommun="0127", year=2024)
    with pytest.raises(ConflictError) as exc:
        storage.save_wave(empty_store, conflicting, catalogue_version="1")
    assert "0127" in _err(exc) and "2024" in _err(exc)
    back = storage.load_wave(empty_store, "0127", 2024)
    _same(back, small)  # the first wave is untouched
    assert storage.save_wave(empty_store, conflicting, catalogue_version="1", replace=True)["status"] == "ersatt"
    _same(storage.load_wave(empty_store, "0127", 2024), other)
    assert [w["ar"] for w in storage.waves(empty_store, "0127")] == [2024]


def test_failed_write_leaves_nothing(tmp_path, small, catalogue, empty_store, monkeypatch):
    data, cbf = _write(tmp_path, small, catalogue)
    wave = read_wave(data, read_codebook(cbf, catalogue), catalogue, kommun="0127", year=2024)

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(storage, "datetime", type("D", (), {"now": staticmethod(boom)}))
    with pytest.raises(RuntimeError):
        storage.save_wave(empty_store, wave, catalogue_version="1")
    assert storage.wave_meta(empty_store, "0127", 2024) is None
    tables = empty_store.sql("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'enkat_%'")
    assert tables.empty  # even the tables were rolled back
