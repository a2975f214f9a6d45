"""An import that would supersede an official value says so and needs an explicit choice."""

from __future__ import annotations

import pandas as pd
import pytest

from lagesbild.errors import ConflictError
from lagesbild.store.precedence import is_official


def _setup(store):
    store.write(areas=pd.DataFrame([{"code": "1780R001", "version": "RegSO2025", "level": "regso", "name": "A",
                                     "kommun": "1780", "lan": "17"},
                                    {"code": "1780R002", "version": "RegSO2025", "level": "regso", "name": "B",
                                     "kommun": "1780", "lan": "17"}]),
                variables=pd.DataFrame([{"id": "folkmangd", "label_sv": "Folkmängd", "kind": "count"}]),
                sources=pd.DataFrame([{"id": "scb:TAB6574", "publisher": "SCB",
                                       "retrieved_at": pd.Timestamp("2026-01-01")},
                                      {"id": "file:egen", "publisher": "Kommunen",
                                       "retrieved_at": pd.Timestamp("2026-06-01")}]),
                observations=pd.DataFrame({"area_code": ["1780R001", "1780R002"], "area_version": "RegSO2025",
                                           "year": 2024, "variable": "folkmangd", "value": [1000.0, 2000.0],
                                           "source_id": "scb:TAB6574", "status": None}))


def _import(values, **kw):
    return pd.DataFrame({"area_code": ["1780R001", "1780R002"], "area_version": "RegSO2025", "year": 2024,
                         "variable": "folkmangd", "value": values, "source_id": "file:egen", "status": None})


def test_import_superseding_official_is_refused_with_count_and_example(empty_store):
    st = empty_store
    _setup(st)
    before = st.sql("SELECT count(*) AS n FROM observations")["n"].iloc[0]
    with pytest.raises(ConflictError) as exc:
        st.write(observations=_import([1100.0, 2000.0]), prefer_import=False, label="filen egen.csv")
    msg = exc.value.message("sv")
    assert msg.startswith("1 värden i filen egen.csv skulle ersätta officiella värden")
    assert "1780R001 2024 folkmangd: 1000 från scb:TAB6574, 1100 i importen" in msg and "--prefer-import" in msg
    assert st.sql("SELECT count(*) AS n FROM observations")["n"].iloc[0] == before  # store unchanged
    # the same numbers supersede nothing a user sees: allowed
    st.write(observations=_import([1000.0, 2000.0]).iloc[[0]], prefer_import=False, label="x")


def test_prefer_import_takes_precedence_and_reports_it(empty_store):
    st = empty_store
    _setup(st)
    stats = st.write(observations=_import([1100.0, 2200.0]), prefer_import=True, label="filen egen.csv")
    assert stats["observations_superseding_official"] == 2
    got = st.observations("folkmangd").set_index("area_code")
    assert got.loc["1780R001", "value"] == 1100.0 and got.loc["1780R001", "source_id"] == "file:egen"
    # the official value is kept beside it
    allv = st.observations("folkmangd", all_sources=True)
    assert sorted(allv["source_id"]) == ["file:egen", "file:egen", "scb:TAB6574", "scb:TAB6574"]


def test_fetchers_are_not_checked(empty_store):
    st = empty_store
    _setup(st)
    st.write(observations=_import([5.0, 6.0]).assign(source_id="file:egen"), label="x")  # prefer_import=None
    assert is_official("kolada:N15428") and not is_official("file:x") and not is_official(None)


def test_file_import_over_scb_values_needs_prefer_import(writable_bundled_store, tmp_path):
    """The importer path: a kommun's own file for Göteborg's RegSO 2025 population 2024 (bundled from SCB)."""
    from lagesbild.store.importer import import_file

    st = writable_bundled_store
    official = st.observations("folkmangd", level="regso", kommun="1480", version="RegSO2025", year=2024)
    row = official.sort_values("area_code").iloc[0]
    (tmp_path / "m.yaml").write_text("source: {id: 'file:egen_befolkning', publisher: Göteborgs Stad}\n"
                                     "area: {column: regso, version: RegSO2025}\nyear: {column: ar}\n"
                                     "values: {folkmangd: antal}\n", encoding="utf-8")
    f = tmp_path / "egen.csv"
    f.write_text(f"regso,ar,antal\n{row['area_code']},2024,{int(row['value']) + 7}\n", encoding="utf-8")
    with pytest.raises(ConflictError) as exc:
        import_file(st, f, tmp_path / "m.yaml")
    msg = exc.value.message("sv")
    assert msg.startswith("1 värden i filen egen.csv skulle ersätta officiella värden")
    assert f"{row['area_code']} 2024 folkmangd" in msg and "bundled:regso2025_alder_kon_2024" in msg
    assert st.observations("folkmangd", codes=[row["area_code"]], year=2024)["value"].iloc[0] == row["value"]
    res = import_file(st, f, tmp_path / "m.yaml", prefer_import=True)
    assert res["observations_superseding_official"] == 1
    assert st.observations("folkmangd", codes=[row["area_code"]], year=2024)["value"].iloc[0] == row["value"] + 7
