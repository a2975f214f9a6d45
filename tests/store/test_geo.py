"""Geography rules: code formats, suffix normalisation, version checks, hierarchy."""

import pytest

from lagesbild.errors import GeographyVersionError, SchemaError
from lagesbild.geo import check_version, kommun_of, lan_of, level_of_version, parse_code


@pytest.mark.parametrize("code,level,bare,version", [
    ("0114A0010", "deso", "0114A0010", None),
    ("0180C3750_DeSO2025", "deso", "0180C3750", "DeSO2025"),
    ("1480R001", "regso", "1480R001", None),
    ("1480R001_RegSO2025", "regso", "1480R001", "RegSO2025"),
    ("1480", "kommun", "1480", None),
    ("14", "lan", "14", None),
    (" 0127B1010 ", "deso", "0127B1010", None),
])
def test_parse_valid_codes(code, level, bare, version):
    p = parse_code(code)
    assert (p.code, p.level, p.version) == (bare, level, version)


@pytest.mark.parametrize("code,level", [
    ("0114D0010", "deso"), ("114A0010", "deso"), ("1480R01", "regso"), ("148", "kommun"),
    ("1480R001_RegSO2030x", "regso"), ("", None), ("abc", None), (1480.0, "kommun"),
])
def test_malformed_codes_are_refused_with_the_expected_format(code, level):
    with pytest.raises(SchemaError) as exc:
        parse_code(code, level)
    if level:
        assert "förväntade formatet" in exc.value.message("sv")


def test_a_code_read_as_a_number_lost_its_zeros_and_is_refused():
    with pytest.raises(SchemaError):
        parse_code(114, "kommun")


def test_version_check_refuses_other_suffix_and_other_level():
    check_version(parse_code("0180C3750_DeSO2025"), "DeSO2025")
    with pytest.raises(GeographyVersionError, match="DeSO2025"):
        check_version(parse_code("0180C3750_DeSO2025"), "DeSO2018")
    with pytest.raises(GeographyVersionError):
        check_version(parse_code("1480R001"), "DeSO2018")


def test_levels_and_parents():
    assert level_of_version("RegSO2020") == "regso"
    assert level_of_version("gbg_primaromraden2025") == "custom"
    assert kommun_of("0180C3750") == "0180" and lan_of("0180C3750") == "01"


def test_bundled_hierarchy_nests(bundled_store):
    a = bundled_store.areas(version="DeSO2018")
    regso = bundled_store.areas(version="RegSO2020").set_index("code")
    # each DeSO has exactly one RegSO parent of the matching version, in the same kommun
    assert (a["parent_version"] == "RegSO2020").all()
    assert a["parent_code"].isin(regso.index).all()
    assert (a["kommun"] == a["parent_code"].map(regso["kommun"])).all()
    assert (a["code"].str[:4] == a["kommun"]).all()
    assert len(bundled_store.areas(level="kommun")) == 290
    assert len(regso) == 3363
    assert len(bundled_store.areas(version="DeSO2025")) == 6160


def test_2025_row_joins_only_the_2025_layer(bundled_store):
    # 0180C3750 exists in DeSO2025; a DeSO2025-only code is unknown in DeSO2018
    only25 = set(bundled_store.areas(version="DeSO2025")["code"]) - set(
        bundled_store.areas(version="DeSO2018")["code"])
    assert only25, "DeSO 2025 has codes that 2018 lacks"
    code = sorted(only25)[0]
    assert bundled_store.areas(version="DeSO2018", codes=[code]).empty
    assert not bundled_store.areas(version="DeSO2025", codes=[code]).empty


def test_derived_regso_boundaries_cover_their_deso(bundled_store):
    import shapely

    reg = bundled_store.geometries(version="RegSO2020", kommun="2081")  # Borlänge, Dalarna
    deso = bundled_store.geometries(version="DeSO2018", kommun="2081")
    assert len(reg) and len(deso)
    assert (reg["derivation"] == "dissolved from DeSO2018").all()
    area_r = shapely.area(reg.geometry.values).sum()
    area_d = shapely.area(deso.geometry.values).sum()
    assert area_r == pytest.approx(area_d, rel=1e-6)


def test_simplified_web_geometries_share_edges(bundled_store):
    import shapely

    g = bundled_store.geometries(version="RegSO2025", kommun="1480", simplified=True)
    full = bundled_store.geometries(version="RegSO2025", kommun="1480")
    n_simple = shapely.get_num_coordinates(g.geometry.values).sum()
    n_full = shapely.get_num_coordinates(full.geometry.values).sum()
    assert n_simple < n_full
    # coverage simplification keeps neighbours without gaps or overlaps: the union of the
    # simplified set has (almost) the same area as the sum of its parts
    union = shapely.union_all(g.geometry.values)
    assert shapely.area(union) == pytest.approx(shapely.area(g.geometry.values).sum(), rel=1e-6)
