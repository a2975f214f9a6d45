"""Writes tests/store/data/release-0.1.duckdb(.gz): a small store made by release 0.1 (synthetic data).

Run with the source of release 0.1 on PYTHONPATH (git archive 4cc6ae6 src), then gzip -9 the file.
"""
import sys


def main(path: str) -> None:
    import pandas as pd

    from lagesbild._config import resolve_settings
    from lagesbild.prevention import auth, malkedja, registry, selfassessment
    from lagesbild.store import open_store

    s = resolve_settings(config_file=None, env={}, store=path)
    st = open_store(path, settings=s)
    areas = pd.DataFrame([
        {"code": "0127", "version": "kommun2025", "level": "kommun", "name": "Botkyrka", "kommun": "0127"},
        {"code": "0127R001", "version": "RegSO2020", "level": "regso", "name": "Alfa", "parent_code": "0127",
         "parent_version": "kommun2025", "kommun": "0127"}])
    st.write(areas=areas, variables=pd.DataFrame([{"id": "folkmangd", "label_sv": "Folkmängd", "kind": "count"}]),
             sources=pd.DataFrame([{"id": "test", "publisher": "syntetiskt testdata"}]),
             observations=pd.DataFrame([{"area_code": "0127R001", "area_version": "RegSO2020", "year": 2023,
                                         "variable": "folkmangd", "value": 4321.0, "source_id": "test"}]), label="t")
    malkedja.save_goal(st, {"id": "mal-1", "kommun": "0127", "name": "Ökad trygghet"}, "ada")
    i = registry.create(st, {"kommun": "0127", "name": "Läxhjälp (syntetisk)", "organisation": "Botkyrka kommun",
                         "arenas": ["skola"], "levels": ["universell"], "life_stages": ["lagstadiet"],
                         "themes": ["vald"], "goals": ["mal-1"]}, "ada")
    registry.update(st, i.id, {**registry.insats_to_dict(i), "name": "Läxhjälp i Alfa (syntetisk)"}, "bo")
    auth.create_user(st, "bo.redaktor", "ett-langt-losenord-9", "redaktor", "ada")
    selfassessment.save(st, "0127", 2024, {}, "ada", comment="syntetisk")
    auth.secret_for(st)
    st.close()
    print("ok")


if __name__ == "__main__":
    main(sys.argv[1])
