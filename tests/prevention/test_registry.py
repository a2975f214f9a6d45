"""Registry CRUD, the audit log (who, when, before, after), library and examples."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from lagesbild.errors import ConflictError, NotFoundError, PermissionDeniedError
from lagesbild.prevention import library, registry
from lagesbild.prevention.examples import EXAMPLE_KOMMUNER, example_insatser
from lagesbild.prevention.model import EXAMPLE_LABEL, parse_insats


def test_create_update_delete_are_audit_logged(small_store, base):
    ins = registry.create(small_store, base(), "anna")
    assert ins.id == "0127-testinsats"
    registry.update(small_store, ins.id, base(name="Nytt namn", status="pausad"), "bertil", expected_version=1)
    registry.delete(small_store, ins.id, "cecilia")
    log = registry.audit_log(small_store, object_id=ins.id)
    assert list(log["action"]) == ["ta_bort", "andra", "skapa"]
    assert list(log["who"]) == ["cecilia", "bertil", "anna"]
    assert log["changed_at"].notna().all()
    upd = log[log["action"] == "andra"].iloc[0]
    assert json.loads(upd["before_json"])["name"] == "Testinsats"
    assert json.loads(upd["after_json"])["name"] == "Nytt namn"
    assert json.loads(log.iloc[0]["before_json"])["status"] == "pausad" and pd.isna(log.iloc[0]["after_json"])
    with pytest.raises(NotFoundError):
        registry.get(small_store, ins.id)


def test_stale_version_and_duplicate_id_are_conflicts(small_store, base):
    ins = registry.create(small_store, base(), "anna")
    registry.update(small_store, ins.id, base(name="A"), "anna")
    with pytest.raises(ConflictError, match="ändrats av någon annan"):
        registry.update(small_store, ins.id, base(name="B"), "bertil", expected_version=1)
    with pytest.raises(ConflictError):
        registry.create(small_store, base(id=ins.id), "anna")
    assert registry.create(small_store, base(), "anna").id == "0127-testinsats-2"


def test_change_without_user_is_refused(small_store, base):
    with pytest.raises(PermissionDeniedError):
        registry.create(small_store, base(), " ")
    assert registry.list_insatser(small_store) == []


def test_upsert_many_is_all_or_nothing(small_store, base):
    with pytest.raises(Exception) as ei:
        registry.upsert_many(small_store, [base(id="ok-1"), base(id="bad", arenas="x")], "anna")
    assert "rad 2" in ei.value.message()
    assert registry.list_insatser(small_store) == []
    res = registry.upsert_many(small_store, [base(id="a-1"), base(id="a-2", name="Två")], "anna")
    assert res["created"] == ["a-1", "a-2"]
    res = registry.upsert_many(small_store, [base(id="a-1"), base(id="a-2", name="Ändrad")], "anna")
    assert res == {"created": [], "updated": ["a-2"], "unchanged": ["a-1"]}


def test_filters(small_store, base):
    registry.create(small_store, base(name="Skolinsats"), "a")
    registry.create(small_store, base(name="Områdesinsats", arenas=["fritid"], levels=["selektiv"], scope="omraden",
                                      areas=["0127A0010@DeSO2018"], themes=["andt"]), "a")
    items = registry.list_insatser(small_store, "0127")
    names = lambda xs: sorted(i.name for i in xs)  # noqa: E731
    assert names(registry.filter_insatser(items, arena="fritid")) == ["Områdesinsats"]
    parents = {"0127A0010": "0127R001"}
    assert names(registry.filter_insatser(items, area="0127R001", parents=parents)) == ["Områdesinsats", "Skolinsats"]
    assert names(registry.filter_insatser(items, area="0127R002")) == ["Skolinsats"]
    assert names(registry.filter_insatser(items, theme="andt", level="selektiv")) == ["Områdesinsats"]


def test_library_rct_filter_returns_abc_and_komet_not_nattvandring():
    items = [library.programme_insats(p["id"], "0127", "K") for p in library.programmes()]
    rct = {i.library_ref for i in registry.filter_insatser(items, rct_or_better=True)}
    assert rct == {"abc", "komet"}
    assert "nattvandring" not in rct


def test_library_programmes_have_sources_per_claim():
    ids = {p["id"] for p in library.programmes()}
    for needed in ("hembesoksprogrammet", "familjecentral", "abc", "komet", "connect", "triple_p", "taget", "mvp",
                   "sspf", "faltarbete", "avhopparverksamhet", "nattvandring", "ren_hardtraning",
                   "krogar_mot_knark", "tobaksfria_miljoer", "oppen_forskola", "lasframjande"):
        assert needed in ids
    for p in library.programmes():
        assert p["evidence"], p["id"]
        for e in p["evidence"]:
            assert e["source"] and e["url"].startswith("http"), p["id"]


def test_adopt_in_one_step(small_store):
    ins = library.adopt(small_store, "abc", "0127", "Botkyrka kommun", "anna")
    stored = registry.get(small_store, ins.id)
    assert stored.library_ref == "abc" and stored.arenas == ["familj"] and stored.status == "planerad"
    assert any(c.tier == "svensk_rct" for c in stored.evidence)
    assert registry.audit_log(small_store).iloc[0]["action"] == "skapa"
    with pytest.raises(NotFoundError):
        library.adopt(small_store, "finns-inte", "0127", "K", "anna")


@pytest.mark.parametrize("kommun", sorted(EXAMPLE_KOMMUNER))
def test_examples_are_labelled_sourced_and_valid(kommun):
    items = example_insatser(kommun)
    assert items
    for d in items:
        ins = parse_insats(d)
        assert ins.example_label == EXAMPLE_LABEL and ins.sources
        assert all(r.participants is None for r in ins.reach)  # no invented reach
