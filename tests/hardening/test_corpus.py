"""The fuzzing corpus: every malformed file in corpus/ (and the large ones generated here) is refused
through the CLI with exit status 2, one line on stderr naming the problem, no traceback, never
'Oväntat fel', and the store unchanged; the well-formed edge cases are accepted correctly."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(p for p in CORPUS.iterdir() if p.suffix in (".csv", ".xlsx", ".parquet", ".geojson"))

#: What each refusal must mention (a word of the one-line message).
NEEDLES = {
    "inf.csv": "ändligt",
    "big_exponent.csv": "ändligt",
    "truncated_last_row.csv": "rad 3",
    "extra_field.csv": "rad 3",
    "future_year.csv": "2099",
    "open_quote.csv": "citattecken",
    "empty.csv": "tom",
    "header_only.csv": "inga datarader",
    "utf16.csv": "UTF-16",
    "random_binary.csv": "CSV",
    "high_bytes.csv": "CSV",
    "garbage_header.csv": "textfil",
    "garbage_header_long.csv": "Rubrikraden",
    "long_header.csv": "saknar kolumnen",
    "mixed_encoding.csv": "rad 2003",
    "declared_utf8_is_cp1252.csv": "rad 3002",
    "multichar_delimiter.csv": "ett enda tecken",
    "skiprows_abc.csv": "skiprows",
    "skiprows_negative.csv": "skiprows",
    "billion_laughs.csv": "alias",
    "deep_nesting.csv": "nästlad",
    "mapping_not_a_table.csv": "YAML-tabell",
    "mapping_values_list.csv": "values",
    "personnummer_space.csv": "personnummer",
    "samordningsnummer.csv": "samordningsnummer",
    "personnummer_column.csv": "Personnummer",
    "not_a_number.csv": "inte ett tal",
    "formula.xlsx": "cell C2",
    "truncated.xlsx": "avkortat",
    "zip_not_excel.xlsx": "inte en Excel-arbetsbok",
    "csv_named_xlsx.xlsx": "Excel",
    "truncated.parquet": "Parquet",
    "pnr_names.geojson": "personnummer",
    "degrees_as_3006.geojson": "utanför Sverige",
}


def fingerprint(path) -> tuple:
    from lagesbild.store import open_store

    st = open_store(path, read_only=True)
    try:
        return tuple(
            st.sql(
                "SELECT (SELECT count(*) FROM observations) o, (SELECT round(sum(value), 1) FROM observations) s, "
                "(SELECT count(*) FROM areas) a, (SELECT count(*) FROM sources) src, "
                "(SELECT count(*) FROM variables) v"
            )
            .iloc[0]
            .tolist()
        )
    finally:
        st.close()


def refuse(cli, cli_store_path, file: Path, mapping: Path, needle: str) -> str:
    before = fingerprint(cli_store_path)
    code, out, err = cli("import", str(file), "--mapping", str(mapping))
    assert code == 2, (file.name, code, out, err)
    lines = err.strip("\n").split("\n")
    assert len(lines) == 1, err
    assert "Traceback" not in err + out and "Oväntat fel" not in err and "Unexpected" not in err
    assert len(err) < 600, f"{file.name}: {len(err)} characters"
    assert needle in err, (file.name, err)
    assert fingerprint(cli_store_path) == before, f"{file.name} changed the store"
    return err


def test_every_case_has_a_needle():
    assert {p.name for p in CASES} == set(NEEDLES)


@pytest.mark.parametrize("file", CASES, ids=lambda p: p.name)
def test_corpus_case_is_refused_cleanly(cli, cli_store_path, file):
    mapping = file.with_suffix(".yaml") if file.with_suffix(".yaml").exists() else CORPUS / "map.yaml"
    err = refuse(cli, cli_store_path, file, mapping, NEEDLES[file.name])
    assert "19121212" not in err and "701063" not in err  # personal numbers are never echoed


def test_generated_zip_bomb_is_refused(cli, cli_store_path, tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w") as fh:
            for _ in range(24):
                fh.write(b" " * (1 << 20))
    assert bomb.stat().st_size < 200_000
    refuse(cli, cli_store_path, bomb, CORPUS / "map.yaml", "packas upp")


def test_generated_cp1252_byte_late_in_a_file_is_read_as_cp1252(cli, cli_store_path, tmp_path):
    # More than the first MiB is plain ASCII; a Windows-1252 'ä' comes in the last row.
    rows = [f"0114A0010,{y},{y - 1900},{'x' * 12_000}\n" for y in range(1900, 2000)]
    f = tmp_path / "sent.csv"
    f.write_bytes(
        ("desokod,ar,pop,fyllnad\n" + "".join(rows)).encode("ascii") + "0114A0010,2000,100,Väsby\n".encode("cp1252")
    )
    assert f.stat().st_size > 1 << 20
    code, out, err = cli("import", str(f), "--mapping", str(CORPUS / "map.yaml"), "--format", "json")
    assert code == 0, err
    assert '"observations_inserted": 101' in out


def test_generated_mixed_encoding_names_the_line(cli, cli_store_path, tmp_path):
    f = tmp_path / "blandad.csv"
    rows = [f"0114A0010,{y},{y - 1900},{'Å' * 6000}\n" for y in range(1900, 2000)]
    f.write_bytes(
        ("desokod,ar,pop,fyllnad\n" + "".join(rows)).encode("utf-8") + "0114A0010,2000,100,Väsby\n".encode("cp1252")
    )
    refuse(cli, cli_store_path, f, CORPUS / "map.yaml", "rad 102")


def test_generated_geometry_only_geopackage_with_personnummer_names(cli, cli_store_path, tmp_path):
    gpd = pytest.importorskip("geopandas")
    from shapely.geometry import box

    g = gpd.GeoDataFrame(
        {"kod": ["A1", "A2"], "namn": ["Centrum", "Anna Andersson 19121212-1212"]},
        geometry=[box(319_000, 6_399_000, 320_000, 6_400_000), box(321_000, 6_399_000, 322_000, 6_400_000)],
        crs=3006,
    )
    g.to_file(tmp_path / "omraden.gpkg", driver="GPKG")
    err = refuse(cli, cli_store_path, tmp_path / "omraden.gpkg", CORPUS / "pnr_names.yaml", "rad 3")
    assert "'namn'" in err and "19121212" not in err


def test_key_file_with_personnummer_is_refused(cli, cli_store_path, tmp_path):
    f = tmp_path / "nyckel.csv"
    f.write_text("deso,delomrade\n0114A0010,19121212-1212\n", encoding="utf-8")
    before = fingerprint(cli_store_path)
    code, out, err = cli("import-key", str(f), "--from", "DeSO2018", "--to", "egna")
    assert code == 2 and "personnummer" in err and "19121212" not in err
    assert fingerprint(cli_store_path) == before


def test_refusal_in_english(cli, cli_store_path):
    code, out, err = cli("--lang", "en", "import", str(CORPUS / "formula.xlsx"), "--mapping", str(CORPUS / "map.yaml"))
    assert code == 2 and "cell C2" in err and "formula" in err and len(err.strip().splitlines()) == 1


def test_area_names_that_look_like_people_give_a_warning_not_a_refusal(cli, cli_store_path, tmp_path):
    import json

    f = tmp_path / "namn.geojson"
    ring = [[319000, 6399000], [320000, 6399000], [320000, 6400000], [319000, 6399000]]
    f.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}},
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"kod": "N1", "namn": "Anna Andersson"},
                        "geometry": {"type": "Polygon", "coordinates": [ring]},
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    m = tmp_path / "namn.yaml"
    m.write_text(
        "area: {column: kod}\ngeometry: {level: custom, version: namn_test, name_column: namn}\n", encoding="utf-8"
    )
    code, out, err = cli("import", str(f), "--mapping", str(m), "--format", "json")
    assert code == 0, err
    assert "liknar ett namn (1 st)" in json.loads(out)["warnings"][0]


def test_a_folder_named_like_a_file_is_refused(cli, cli_store_path, tmp_path):
    folder = tmp_path / "data.csv"
    folder.mkdir()
    refuse(cli, cli_store_path, folder, CORPUS / "map.yaml", "inte en fil")


def test_a_folder_as_mapping_is_refused(cli, cli_store_path, tmp_path):
    (tmp_path / "m.yaml").mkdir()
    refuse(cli, cli_store_path, CORPUS / "inf.csv", tmp_path / "m.yaml", "finns inte")
