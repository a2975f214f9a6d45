"""Own area sets: keys from DeSO, checked; aggregation through the key."""

import pandas as pd
import pytest

from lagesbild.errors import ConflictError, GeographyVersionError, SchemaError
from lagesbild.store.keys import import_key


def test_bundled_primaromrade_key_maps_every_goteborg_deso_once(bundled_store):
    k = bundled_store.area_keys(from_version="DeSO2025", to_version="gbg_primaromraden2025")
    deso = bundled_store.areas(version="DeSO2025", kommun="1480")
    assert set(k["from_code"]) == set(deso["code"]) and k["from_code"].is_unique


def test_key_import_checks_and_aggregates(writable_bundled_store, tmp_path):
    st = writable_bundled_store
    deso = st.areas(version="DeSO2018", kommun="0127")["code"].tolist()
    half = len(deso) // 2
    key = pd.DataFrame({"deso": deso, "delomrade": ["Norr"] * half + ["Söder"] * (len(deso) - half)})
    key.iloc[:-1].to_csv(tmp_path / "short.csv", index=False)
    with pytest.raises(SchemaError, match="exakt en gång"):
        import_key(st, tmp_path / "short.csv", from_version="DeSO2018", to_version="botkyrka_delar",
                   kommun="0127")
    pd.concat([key, key.iloc[:1]]).to_csv(tmp_path / "twice.csv", index=False)
    with pytest.raises(SchemaError, match="summerar till 2"):
        import_key(st, tmp_path / "twice.csv", from_version="DeSO2018", to_version="botkyrka_delar",
                   kommun="0127")
    pd.concat([key, pd.DataFrame({"deso": ["0180C1010"], "delomrade": ["X"]})]).to_csv(
        tmp_path / "other.csv", index=False)
    with pytest.raises(GeographyVersionError, match="0180C1010"):
        import_key(st, tmp_path / "other.csv", from_version="DeSO2018", to_version="botkyrka_delar",
                   kommun="0127")
    key.to_csv(tmp_path / "ok.csv", index=False)
    res = import_key(st, tmp_path / "ok.csv", from_version="DeSO2018", to_version="botkyrka_delar",
                     kommun="0127")
    assert res == {"keys": len(deso), "areas": 2}
    agg = st.observations_at(["folkmangd"], level="custom", version="botkyrka_delar", kommun="0127",
                             year=2023).set_index("area_code")["value"]
    pop = st.observations("folkmangd", version="DeSO2018", kommun="0127", year=2023).set_index("area_code")["value"]
    assert agg["Norr"] == pop[deso[:half]].sum() and agg["Söder"] == pop[deso[half:]].sum()
    key2 = key.assign(delomrade=["Öst"] * len(deso))
    key2.to_csv(tmp_path / "new.csv", index=False)
    with pytest.raises(ConflictError, match="--replace"):
        import_key(st, tmp_path / "new.csv", from_version="DeSO2018", to_version="botkyrka_delar", kommun="0127")
