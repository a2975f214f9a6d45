"""PX files, Valmyndigheten's result files and Skolverket's school-unit export."""

from __future__ import annotations

import pytest

from lagesbild.errors import SchemaError
from lagesbild.sources.px import parse_px, read_px
from lagesbild.sources.skolverket import read_school_export
from lagesbild.sources.valmyndigheten import read_valdistrikt, turnout_by_kommun

from .conftest import DATA

FILES = DATA / "files"


def test_px_cp1252_and_row_major_order():
    px = read_px(FILES / "PR0101B3.px")
    assert px.stub == ["Product group"] and px.heading == ["period"]
    assert len(px.frame) == 12 * 27
    first = px.frame.iloc[0]
    assert (first["Product group"], first["period"], first["value"]) == ("01", "2006M10", 240.25)
    # the heading variable varies fastest: the second value is the next month of the same group
    assert px.frame.iloc[1]["period"] == "2006M11" and px.frame.iloc[1]["Product group"] == "01"
    assert "Revised figures" in " ".join(px.notes)


def test_px_multilingual_names_labels_and_codes():
    en = read_px(FILES / "BE0101F1langensvfiolikacelln.px")
    sv = read_px(FILES / "BE0101F1langensvfiolikacelln.px", lang="sv")
    assert en.languages == ["en", "sv", "fi"] and sv.variables == ["region", "ålder", "tid", "typ", "kön"]
    assert set(sv.frame["region_label"]) >= {"00 Riket", "0114 Upplands Väsby"}  # Windows-1252 decoded
    assert (en.frame["value"].to_numpy() == sv.frame["value"].to_numpy()).all()
    assert list(sv.frame["typ"].unique()) == ["BE0101F1", "BE0101F2"]  # codes are the same in every language
    assert sv.title.startswith("Flyttningar")
    with pytest.raises(SchemaError, match="de"):
        read_px(FILES / "PR0101B3.px", lang="de")


def test_px_status_symbols_and_wrong_cell_count():
    text = ('CHARSET="ANSI";\nLANGUAGE="sv";\nSTUB="region";\nHEADING="år";\n'
            'VALUES("region")="0180 Stockholm","1480 Göteborg";\nCODES("region")="0180","1480";\n'
            'VALUES("år")="2023","2024";\nDATA=\n1 ".." \n"-" 4;\n')
    px = parse_px(text)
    assert px.frame["status"].tolist() == [None, "..", "-", None]
    assert px.frame["value"].isna().tolist() == [False, True, True, False]
    with pytest.raises(SchemaError, match="3 värden men variablerna ger 4"):
        parse_px(text.replace('"-" 4', '4'))


def test_skolverket_export():
    e = read_school_export(FILES / "grundskola_slutbetyg_ak9_samtliga_2024-25_skolenhet.csv")
    f = e.frame
    assert len(f) == 1714 and f["meritvarde"].notna().sum() == 1582
    assert f["skolenhetskod"].str.fullmatch(r"\d{8}").all() and f["kommun"].nunique() == 290
    assert (f["huvudman_typ"] == "Kommunal").sum() == 1178
    assert e.school_year == "2024/25" and e.title.startswith("Grundskola - Slutbetyg")
    assert f["meritvarde_status"].isin(["..", "."]).sum() == 1714 - 1582
    assert (f["andel_behoriga_yrkesprog_status"] == "~100").any()
    row = f[f["skolenhetskod"] == "35547286"].iloc[0]  # Carlssons skola: 98,5 with a decimal comma
    assert row["andel_alla_amnen"] == 98.5 and row["meritvarde"] == 302.0
    assert any("meritvärde" in n for n in e.notes)


def test_skolverket_refuses_another_file(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="Skol-enhetskod"):
        read_school_export(p)


def test_valmyndigheten_excerpt_turnout_from_counts():
    d = read_valdistrikt(FILES / "valdistrikt_2022_riksdag_excerpt_1780_0114.csv", election="riksdag", year=2022)
    assert d["valdistrikt"].str.len().eq(8).all() and set(d["kommun"]) == {"0114", "1780"}
    un = d[d["unallocated"]]
    assert len(un) == 2 and (un["rostberattigade"] == 0).all() and (un["rostande"] > 0).all()
    t = turnout_by_kommun(d).set_index("kommun")
    # the published kommun totals (bundled store): 0114 26 207 of 32 973, 1780 64 198 of 74 827
    assert (t.loc["0114", "rostande"], t.loc["0114", "rostberattigade"]) == (26207, 32973)
    assert (t.loc["1780", "rostande"], t.loc["1780", "rostberattigade"]) == (64198, 74827)
    districts_only = d[~d["unallocated"]]
    assert districts_only.groupby("kommun")["rostande"].sum()["1780"] < 64198


@pytest.mark.parametrize("name,n,year", [("2022_riksdag_per_valdistrikt_ri_tab4.xlsx", 6578, 2022),
                                         ("2018_R_per_valdistrikt.xlsx", 6325, 2018),
                                         ("2022_kommun_per_valdistrikt_ko_tab3.xlsx", 6578, 2022)])
def test_valmyndigheten_full_files(shared_data, bundled_store, name, n, year):
    d = read_valdistrikt(shared_data / "valmyndigheten_sidebo" / name)
    assert len(d) == n and d["kommun"].nunique() == 290 and (d["year"] == year).all()
    t = turnout_by_kommun(d)
    if d["election"].iloc[0] == "riksdag":
        pub = bundled_store.observations(["rostande"], level="kommun", year=year).set_index("area_code")["value"]
        assert (t.set_index("kommun")["rostande"] == pub.reindex(t["kommun"]).to_numpy()).all()
    else:
        assert d["utlandska_medborgare"].notna().all()
