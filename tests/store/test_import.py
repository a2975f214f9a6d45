"""Import: every bad-input case gives one clear error and leaves the store unchanged;
re-import is idempotent; conflicts need --replace; import → export → import is lossless."""

from __future__ import annotations

import textwrap

import pandas as pd
import pytest

from lagesbild.errors import ConflictError, GeographyVersionError, InputError, PersonalDataError, SchemaError
from lagesbild.store.importer import import_file

MAP = """\
source: {id: test_src, publisher: SCB, table: TEST}
area: {column: desokod, version: DeSO2018}
year: {column: ar}
values: {folkmangd: pop}
"""


def write(path, text, encoding="utf-8"):
    path.write_text(textwrap.dedent(text), encoding=encoding)
    return path


def fingerprint(store):
    return (store.sql("SELECT count(*) n, round(sum(value), 2) s FROM observations").iloc[0].tolist(),
            store.sql("SELECT count(*) n FROM sources")["n"].iloc[0],
            store.sql("SELECT count(*) n FROM areas")["n"].iloc[0],
            store.sql("SELECT count(*) n FROM variables")["n"].iloc[0])


@pytest.fixture
def st(writable_bundled_store):
    return writable_bundled_store


@pytest.fixture
def mapping(tmp_path):
    return write(tmp_path / "map.yaml", MAP)


def refused(st, file, mapping, exc_type, *words):
    before = fingerprint(st)
    with pytest.raises(exc_type) as exc:
        import_file(st, file, mapping)
    msg = exc.value.message("sv")
    assert "\n" not in msg
    for w in words:
        assert w in msg, msg
    assert fingerprint(st) == before, "the store changed after a refused import"
    return msg


def test_good_csv_semicolon_cp1252_bom_and_decimal_comma(st, tmp_path, mapping):
    f = tmp_path / "ok.csv"
    f.write_bytes("desokod;ar;pop;namn\n0114A0010;2024;1 900,0;Väsby\n0114C1010;2024;850;Å\n".encode("cp1252"))
    res = import_file(st, f, mapping)
    assert res["observations_inserted"] == 2
    got = st.observations("folkmangd", codes=["0114A0010"], year=2024)
    assert got["value"].tolist() == [1900.0]
    f2 = tmp_path / "bom.csv"
    f2.write_bytes(b"\xef\xbb\xbf" + b"desokod,ar,pop\n0114A0010,2024,1900\n")
    assert import_file(st, f2, mapping)["observations_unchanged"] == 1


def test_reimport_is_idempotent_and_conflicts_need_replace(st, tmp_path, mapping):
    f = write(tmp_path / "a.csv", "desokod,ar,pop\n0114A0010,2024,100\n")
    import_file(st, f, mapping)
    again = import_file(st, f, mapping)
    assert again["observations_inserted"] == 0 and again["observations_unchanged"] == 1
    g = write(tmp_path / "b.csv", "desokod,ar,pop\n0114A0010,2024,101\n")
    refused(st, g, mapping, ConflictError, "--replace", "0114A0010")
    assert import_file(st, g, mapping, replace=True)["observations_replaced"] == 1
    assert st.observations("folkmangd", codes=["0114A0010"], year=2024)["value"].iloc[0] == 101


@pytest.mark.parametrize("body,exc,words", [
    ("desokod,ar,pop\n0114X0010,2024,5\n", SchemaError, ["rad 2", "desokod", "0114X0010"]),
    ("desokod,ar,pop\n0114A0010,2024,5\n9999A0010,2024,5\n", GeographyVersionError, ["rad 3", "9999A0010"]),
    ("desokod,ar,pop\n0114A0010_DeSO2025,2024,5\n", GeographyVersionError, ["DeSO2025", "DeSO2018"]),
    ("desokod,ar,pop\n0114A0010,2024,5\n0114A0010,2024,5\n", InputError, ["Dubblett"]),
    ("desokod,ar,pop\n0114A0010,2024,-5\n", SchemaError, ["negativt antal", "rad 2", "pop"]),
    ("desokod,ar,pop\n0114A0010,2024,5.5\n", SchemaError, ["heltal", "rad 2"]),
    ("desokod,ar,pop\n0114A0010,tjugo,5\n", SchemaError, ["året", "rad 2", "ar"]),
    ("desokod,ar,pop\n0114A0010,2024,fem\n", SchemaError, ["inte ett tal", "pop"]),
    ("desokod,pop\n0114A0010,5\n", SchemaError, ["saknar kolumnen", "'ar'"]),
    ("desokod,ar,pop\n", InputError, ["inga datarader"]),
])
def test_bad_rows_are_refused(st, tmp_path, mapping, body, exc, words):
    refused(st, write(tmp_path / "bad.csv", body), mapping, exc, *words)


def test_wrong_version_code_for_declared_version(st, tmp_path):
    # a DeSO 2025-only code under a mapping that declares DeSO2018
    only25 = sorted(set(st.areas(version="DeSO2025")["code"]) - set(st.areas(version="DeSO2018")["code"]))[0]
    m = write(tmp_path / "m.yaml", MAP)
    refused(st, write(tmp_path / "x.csv", f"desokod,ar,pop\n{only25},2024,5\n"), m,
            GeographyVersionError, only25, "DeSO2018")


def test_share_above_one_and_above_100_percent(st, tmp_path):
    m = write(tmp_path / "m.yaml", """\
        area: {column: kod, version: kommun2025}
        year: {value: 2030}
        values: {andel_utrikes_fodda: p, andel_x: q}
        new_variables:
          - {id: andel_x, label_sv: Andel x, kind: share, unit: andel}
        """)
    refused(st, write(tmp_path / "p.csv", "kod,p,q\n1480,101,0.5\n"), m, SchemaError, "över 100", "procent")
    refused(st, write(tmp_path / "q.csv", "kod,p,q\n1480,50,1.5\n"), m, SchemaError, "över 1", "andel_x")
    assert import_file(st, write(tmp_path / "ok.csv", "kod,p,q\n1480,50,0.5\n"), m)["observations_inserted"] == 2
    assert "andel_x" in st.variables().index


def test_empty_file_wrong_encoding_and_disguised_file(st, tmp_path, mapping):
    (tmp_path / "empty.csv").write_bytes(b"")
    refused(st, tmp_path / "empty.csv", mapping, InputError, "tom")
    m8 = write(tmp_path / "m8.yaml", MAP + "csv: {encoding: utf-8}\n")
    f = tmp_path / "latin.csv"
    f.write_bytes("desokod,ar,pop,namn\n0114A0010,2024,5,Örebro\n".encode("cp1252"))
    refused(st, f, m8, InputError, "utf-8", "rad 2")
    u16 = tmp_path / "u16.csv"
    u16.write_bytes("desokod,ar,pop\n0114A0010,2024,5\n".encode("utf-16"))
    refused(st, u16, mapping, InputError, "UTF-16")
    fake = tmp_path / "fake.xlsx"
    fake.write_text("desokod,ar,pop\n0114A0010,2024,5\n")
    refused(st, fake, mapping, InputError, "inte en Excel-fil")
    fake_pq = tmp_path / "fake.parquet"
    fake_pq.write_bytes(b"PK\x03\x04 zip pretending")
    refused(st, fake_pq, mapping, InputError, "Parquet")


def test_mapping_naming_unknown_variable_or_bad_structure(st, tmp_path):
    f = write(tmp_path / "a.csv", "desokod,ar,pop\n0114A0010,2024,5\n")
    m = write(tmp_path / "m.yaml", MAP.replace("folkmangd", "finns_inte"))
    refused(st, f, m, SchemaError, "finns_inte", "new_variables")
    m2 = write(tmp_path / "m2.yaml", "area: {column: desokod}\nyear: 2024\nvalues: {folkmangd: pop}\n")
    refused(st, f, m2, SchemaError, "version")
    m3 = write(tmp_path / "m3.yaml", MAP + "extra: 1\n")
    refused(st, f, m3, SchemaError, "okända nycklar")
    m4 = write(tmp_path / "m4.yaml", "area: [\n")
    refused(st, f, m4, SchemaError, "YAML")


def test_personal_identity_numbers_never_enter_the_store(st, tmp_path, mapping):
    f = write(tmp_path / "p.csv", "desokod,ar,pop,personnummer\n0114A0010,2024,5,19121212-1212\n")
    refused(st, f, mapping, PersonalDataError, "personnummer")
    g = write(tmp_path / "q.csv", "desokod,ar,pop,id\n0114A0010,2024,5,191212121212\n")
    msg = refused(st, g, mapping, PersonalDataError, "rad 2", "kolumn 'id'")
    assert "191212121212" not in msg


def test_excel_and_parquet_long_form(st, tmp_path):
    df = pd.DataFrame({"kod": ["0114R001", "0114R002"], "ar": [2030, 2030], "var": ["folkmangd", "folkmangd"],
                       "v": [10, 20]})
    m = write(tmp_path / "long.yaml", """\
        source: {observed: false}
        area: {column: kod, version: RegSO2020}
        year: {column: ar}
        long: {variable_column: var, value_column: v}
        """)
    df.to_excel(tmp_path / "l.xlsx", index=False)
    res = import_file(st, tmp_path / "l.xlsx", m)
    assert res["observations_inserted"] == 2
    assert "2030" in res["warnings"][0] and "prognos" in res["warnings"][0]  # a projection: warned, kept
    df.to_parquet(tmp_path / "l.parquet")
    assert import_file(st, tmp_path / "l.parquet", m)["observations_unchanged"] == 2


def test_geopackage_in_other_crs_is_reprojected_and_invalid_geometry_repaired(st, tmp_path):
    gpd = pytest.importorskip("geopandas")
    from shapely.geometry import Polygon

    x0, y0 = 319_000, 6_399_000  # in Göteborg (SWEREF 99 TM)
    bowtie = Polygon([(x0, y0), (x0 + 1000, y0 + 1000), (x0 + 1000, y0), (x0, y0 + 1000), (x0, y0)])
    square = Polygon([(x0 + 2000, y0), (x0 + 3000, y0), (x0 + 3000, y0 + 1000), (x0 + 2000, y0 + 1000)])
    g = gpd.GeoDataFrame({"kod": ["A1", "A2"], "namn": ["Ett", "Två"], "inv": [100, 200]},
                         geometry=[bowtie, square], crs=3006).to_crs(4326)
    g.to_file(tmp_path / "own.gpkg", driver="GPKG")
    m = write(tmp_path / "g.yaml", """\
        area: {column: kod}
        geometry: {level: custom, version: test_omraden, name_column: namn, kommun: "1480"}
        year: {value: 2024}
        values: {folkmangd: inv}
        """)
    res = import_file(st, tmp_path / "own.gpkg", m)
    assert "4326" in res["reprojected_from"] and res["repaired"] == ["A1"]
    back = st.geometries(version="test_omraden")
    assert back.crs.to_epsg() == 3006 and back.geometry.is_valid.all()
    assert back.set_index("code").geometry["A2"].area == pytest.approx(1e6, rel=1e-3)
    assert st.counts(["folkmangd"], level="custom", kommun="1480", year=2024).loc["A2", "folkmangd"] == 200


def test_geometry_without_crs_is_refused(st, tmp_path):
    gpd = pytest.importorskip("geopandas")
    from shapely.geometry import box

    m = write(tmp_path / "g.yaml", "area: {column: kod}\ngeometry: {level: custom, version: t2}\n")
    # GeoJSON is always read as WGS84 by GDAL, so a GeoParquet without CRS is the real case
    g = gpd.GeoDataFrame({"kod": ["A"]}, geometry=[box(0, 0, 1, 1)], crs=None)
    g.to_parquet(tmp_path / "n.parquet")
    refused(st, tmp_path / "n.parquet", m, InputError, "koordinatsystem")


def test_round_trip_import_export_import_is_lossless(st, tmp_path, mapping):
    from lagesbild.store.export import export_observations

    n = export_observations(st, tmp_path / "out.csv", fmt="csv", kommun="0127", level="regso",
                            variables=["folkmangd", "fodda_utrikes", "loneinkomst_medel_tkr"])
    exported = pd.read_csv(tmp_path / "out.csv", dtype={"area_code": str}, encoding="utf-8-sig")
    assert len(exported) == n > 0
    m = write(tmp_path / "rt.yaml", """\
        source: {id: "bundled:regso2020_statistik_2020_2023"}
        area: {column: area_code, version: RegSO2020}
        year: {column: year}
        long: {variable_column: variable, value_column: value}
        """)
    before = fingerprint(st)
    res = import_file(st, tmp_path / "out.csv", m)
    assert res["observations_inserted"] == 0 and res["observations_unchanged"] == n
    assert fingerprint(st)[0] == before[0]
    for fmt in ("parquet", "xlsx"):
        export_observations(st, tmp_path / f"o.{fmt}", fmt=fmt, kommun="0127", level="regso",
                            variables=["folkmangd"])
        res = import_file(st, tmp_path / f"o.{fmt}", m)
        assert res["observations_inserted"] == 0 and res["observations_unchanged"] > 0


def test_export_gpkg_has_geometries(st, tmp_path):
    gpd = pytest.importorskip("geopandas")
    from lagesbild.store.export import export_observations

    export_observations(st, tmp_path / "x.gpkg", fmt="gpkg", kommun="2081", level="regso",
                        variables=["folkmangd"], years=[2023])
    g = gpd.read_file(tmp_path / "x.gpkg", layer="RegSO2020")
    assert len(g) > 5 and "folkmangd_2023" in g.columns and g.crs.to_epsg() == 3006


def test_streamed_chunks_keep_row_numbers_and_catch_duplicates_across_chunks(st, tmp_path, mapping, monkeypatch):
    import lagesbild.store.importer as imp

    real = imp.read_chunks
    monkeypatch.setattr(imp, "read_chunks", lambda *a, **k: real(*a, **{**k, "chunk_rows": 2}))
    codes = st.areas(version="DeSO2018")["code"].tolist()[:5]
    rows = "".join(f"{c},2024,{i}\n" for i, c in enumerate(codes))
    f = write(tmp_path / "s.csv", "desokod,ar,pop\n" + rows)
    assert import_file(st, f, mapping)["observations_inserted"] == 5
    dup = write(tmp_path / "d.csv", "desokod,ar,pop\n" + rows + f"{codes[0]},2024,0\n")
    refused(st, dup, mapping, InputError, "Dubblett")
    bad = write(tmp_path / "b.csv", "desokod,ar,pop\n" + rows + "0114X0000,2024,1\n")
    refused(st, bad, mapping, SchemaError, "rad 7")


def test_one_value_per_key_prefers_the_latest_source(st, tmp_path):
    import time

    m1 = write(tmp_path / "m1.yaml", MAP.replace("test_src", "first"))
    m2 = write(tmp_path / "m2.yaml", MAP.replace("test_src", "second"))
    import_file(st, write(tmp_path / "a.csv", "desokod,ar,pop\n0114A0010,2024,100\n"), m1)
    time.sleep(0.01)
    import_file(st, write(tmp_path / "b.csv", "desokod,ar,pop\n0114A0010,2024,120\n"), m2)
    one = st.observations("folkmangd", codes=["0114A0010"], year=2024)
    assert one[["value", "source_id"]].values.tolist() == [[120.0, "second"]]
    both = st.observations("folkmangd", codes=["0114A0010"], year=2024, all_sources=True)
    assert sorted(both["value"]) == [100.0, 120.0]
    assert st.observations("folkmangd", codes=["0114A0010"], year=2024, source="first")["value"].tolist() == [100.0]
    assert st.counts(["folkmangd"], level="deso", kommun="0114", year=2024).loc["0114A0010", "folkmangd"] == 120
