"""Incident records: personal-data refusal, review, ownership and withdrawal (operational store)."""

from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa

from lagesbild.errors import InputError, NotFoundError, PermissionDeniedError, PersonalDataError

from .conftest import luhn_digit

BASE = "811218987"
PNR = BASE + luhn_digit(BASE)              # 8112189876
SAM = "811278987" + luhn_digit("811278987")  # samordningsnummer: day + 60
VARIANTS = [f"19{PNR[:6]}-{PNR[6:]}", f"{PNR[:6]}-{PNR[6:]}", f"{PNR[:6]}+{PNR[6:]}", PNR, f"19{PNR}",
            f"{SAM[:6]}-{SAM[6:]}", f"19{SAM}"]


def _count(ops):
    from lagesbild.brott.tabeller import HANDELSE

    with ops.connect() as c:
        return c.execute(sa.select(sa.func.count()).select_from(HANDELSE)).scalar()


def _csv(path, rows):
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


@pytest.mark.parametrize("pnr", VARIANTS)
def test_personnummer_refused_nothing_written(brott_env, tmp_path, pnr):
    from lagesbild.services.brott_handelser import import_handelser

    s, st, ops = brott_env
    before = _count(ops)
    f = _csv(tmp_path / "h.csv", [{"datum": "2025-03-10", "kategori": "klotter", "omrade": "2081R013",
                                   "plats": "", "fritext": "Klotter"},
                                  {"datum": "2025-03-11", "kategori": "klotter", "omrade": "2081R013",
                                   "plats": "", "fritext": f"ringde, {pnr}, i går"}])
    with pytest.raises(PersonalDataError) as e:
        import_handelser(st, ops, f, kommun="2081", organisation="Tunabyggen", settings=s)
    msg = e.value.message("sv")
    assert "rad 3" in msg and "fritext" in msg and pnr not in msg
    assert _count(ops) == before


def test_personnummer_in_place_column_refused(brott_env, tmp_path):
    from lagesbild.services.brott_handelser import import_handelser

    s, st, ops = brott_env
    f = _csv(tmp_path / "h.csv", [{"datum": "2025-03-10", "kategori": "klotter", "plats": f"Port {PNR}"}])
    with pytest.raises(PersonalDataError, match="plats"):
        import_handelser(st, ops, f, kommun="2081", organisation="X", settings=s)


def test_organisation_number_passes_and_bad_cells_named(brott_env, tmp_path):
    from lagesbild.services.brott_handelser import import_handelser

    s, st, ops = brott_env
    ok = _csv(tmp_path / "ok.csv", [{"datum": "2025-03-10", "kategori": "Klotter", "omrade": "2081R013",
                                     "fritext": "Fastighetsägare 556000-0001 informerad"}])
    res = import_handelser(st, ops, ok, kommun="2081", organisation="Tunabyggen", settings=s)
    assert res["antal"] == 1 and res["status"] == "inskickad"
    bad = _csv(tmp_path / "bad.csv", [{"datum": "2025-03-10", "kategori": "klotter", "omrade": "2081R013"},
                                      {"datum": "10/3/2025", "kategori": "klotter", "omrade": "2081R013"}])
    with pytest.raises(InputError, match="rad 3, kolumn 'datum'"):
        import_handelser(st, ops, bad, kommun="2081", organisation="T", settings=s)
    bad = _csv(tmp_path / "bad2.csv", [{"datum": "2025-03-10", "kategori": "cykelstold", "omrade": "2081R013"}])
    with pytest.raises(InputError, match="kategori"):
        import_handelser(st, ops, bad, kommun="2081", organisation="T", settings=s)
    bad = _csv(tmp_path / "bad3.csv", [{"datum": "2025-03-10", "kategori": "klotter", "omrade": "0127R001"}])
    with pytest.raises(InputError, match="0127R001"):
        import_handelser(st, ops, bad, kommun="2081", organisation="T", settings=s)


def test_points_snapped_and_names_warned(brott_env, tmp_path):
    from lagesbild.services.brott_handelser import import_handelser, list_handelser

    s, st, ops = brott_env
    deso = st.geometries(level="deso", kommun="2081", version="DeSO2018")
    p = deso.geometry.iloc[0].representative_point()
    f = _csv(tmp_path / "p.csv", [{"datum": "2025-04-01", "tid_fran": "22:00", "tid_till": "23:30",
                                   "kategori": "brand", "x": p.x, "y": p.y,
                                   "fritext": "Anna Andersson ringde om brand"}])
    res = import_handelser(st, ops, f, kommun="2081", organisation="Räddningstjänsten", settings=s)
    assert len(res["varningar"]) == 1 and "rad 2" in res["varningar"][0]
    df = list_handelser(ops, kommun="2081", organisation="Räddningstjänsten")
    assert df.iloc[0]["omrade"] == deso["code"].iloc[0]


def test_review_ownership_and_withdrawal(brott_env):
    from lagesbild.brott.handelser import validate_incidents
    from lagesbild.brott.kategorier import default_taxonomy
    from lagesbild.brott.perioder import parse_period
    from lagesbild.brott.tabeller import insert_incidents, list_incidents, review, withdraw
    from lagesbild.services.brott_lagesbild import lagesbild

    s, st, ops = brott_env
    raw = pd.DataFrame({"datum": ["2026-12-29"] * 3, "kategori": ["klotter"] * 3, "omrade": ["2081R005"] * 3})
    df = validate_incidents(raw, default_taxonomy(), file="x")
    a = insert_incidents(ops, df, kommun="2081", organisation="Tunabyggen")
    b = insert_incidents(ops, df.head(1), kommun="2081", organisation="Polisen")

    def total():
        return lagesbild(st, ops, kommun="2081", period="2026-W53")["totalt"]["antal"]

    assert total() == 0  # submitted, not yet approved: nothing counts
    # a rapportör sees only its own organisation's records
    own = list_incidents(ops, kommun="2081", organisation="Polisen")
    assert set(own["id"]) == set(b) and set(own["organisation"]) == {"Polisen"}
    # another organisation's record is not found: neither withdrawn nor revealed
    with pytest.raises(NotFoundError):
        withdraw(ops, a[0], organisation="Polisen")
    assert list_incidents(ops, kommun="2081", organisation=None, status="inskickad")["id"].isin(a).sum() == 3
    with pytest.raises(PermissionDeniedError):
        review(ops, a, decision="godkand", reviewer="x", role="rapportor")
    review(ops, a[:2], decision="godkand", reviewer="samordnaren", role="granskare")
    review(ops, a[2:], decision="avvisad", reviewer="samordnaren", role="granskare")
    assert total() == 2
    assert parse_period("2026-W53").label == "2026-W53"
    withdraw(ops, a[0], organisation="Tunabyggen")
    assert total() == 1
    row = list_incidents(ops, kommun="2081", organisation="Tunabyggen", status="aterkallad").iloc[0]
    assert row["id"] == a[0] and row["fritext"] is None


def test_no_table_holds_personal_identifiers(brott_env):
    from lagesbild.store.operational import METADATA

    pattern = ("personnummer", "pnr", "fodelse", "namn_person", "email", "telefon")
    for table in METADATA.tables.values():
        if table.name.startswith("brott_"):
            for col in table.columns:
                assert not any(p in col.name.lower() for p in pattern), (table.name, col.name)


def test_density_peaks_where_points_exist(brott_env):
    from lagesbild.brott.handelser import validate_incidents
    from lagesbild.brott.kategorier import default_taxonomy
    from lagesbild.brott.tabeller import insert_incidents, review
    from lagesbild.services.brott_lagesbild import lagesbild

    s, st, ops = brott_env
    deso = st.geometries(level="deso", kommun="2081", version="DeSO2018")
    p = deso.geometry.iloc[3].representative_point()
    n = 12
    raw = pd.DataFrame({"datum": ["2027-03-02"] * n, "kategori": ["brand"] * n,
                        "x": [f"{p.x + 10 * i:.1f}" for i in range(n)], "y": [f"{p.y:.1f}"] * n})
    df = validate_incidents(raw, default_taxonomy(), file="x")
    ids = insert_incidents(ops, df, kommun="2081", organisation="Räddningstjänsten")
    assert lagesbild(st, ops, kommun="2081", period="2027-W09")["tathet"] == []  # none approved yet
    review(ops, ids, decision="godkand", reviewer="t", role="granskare")
    peaks = lagesbild(st, ops, kommun="2081", period="2027-W09")["tathet"]
    assert peaks and abs(peaks[0]["x"] - (p.x + 55)) < 150 and abs(peaks[0]["y"] - p.y) < 150


def test_excel_and_semicolon_csv_import(brott_env, tmp_path):
    from lagesbild.services.brott_handelser import import_handelser

    s, st, ops = brott_env
    rows = [{"datum": "2025-08-01", "tid_fran": "23:30", "tid_till": "01:00", "kategori": "Ordningsstörning",
             "omrade": "2081R013", "miljo": "halvoffentlig", "allvarlighet": "2", "antal": "3"}]
    x = tmp_path / "bostadsbolag.xlsx"
    pd.DataFrame(rows).to_excel(x, index=False)
    res = import_handelser(st, ops, x, kommun="2081", organisation="Bostadsbolaget X", settings=s)
    assert res["antal"] == 1
    c = tmp_path / "bevakning.csv"
    c.write_text("datum;kategori;plats;fritext\n2025-08-02;klotter;Stationen;Tagg på perrongen\n", encoding="utf-8")
    assert import_handelser(st, ops, c, kommun="2081", organisation="Bevakning AB", settings=s)["antal"] == 1
    from lagesbild.services.brott_handelser import list_handelser

    got = list_handelser(ops, kommun="2081", organisation="Bostadsbolaget X").iloc[0]
    # the window crosses midnight; the category label was mapped to its code; the row stands for three
    assert (got["kategori"], got["antal"], got["miljo"]) == ("ordningsstorning", 3, "halvoffentlig")
    assert str(got["observerad_till"]).startswith("2025-08-02 01:00")
