"""bench.themes_kinds: the kinds of entities a story names, as features of the theme model (round themes55)."""
from graph.extract.learned import ThemeModel
from graph.extract.spans import SUMMARY, Span
from graph.records import EntityKind

from bench import themes_kinds
from bench.themes_kinds import KindModel, entity_features, rule_features


def _span(kind: EntityKind, name: str, source: str = "", role: str | None = None, key: str | None = None) -> Span:
    return Span(kind, SUMMARY, 0, len(name), 0, "rule", 1.0, name, key=key, role=role, source=source)


def test_organizations_people_and_campaigns_give_their_kinds():
    spans = [_span(EntityKind.ORGANIZATION, "Malaysian Employers Federation", "entry"),
             _span(EntityKind.ORGANIZATION, "Constitutional Court", "head"),
             _span(EntityKind.ORGANIZATION, "Cartel Alfa", "known-union"),
             _span(EntityKind.PERSON, "Tobias Billström", "role", role="Minister for Migration"),
             _span(EntityKind.CAMPAIGN, "Play Fair at the Olympics", "entry")]
    assert entity_features(spans) == {"@org", "@employers", "@court", "@union", "@person", "@minister", "@campaign"}


def test_places_and_themes_give_no_kind_and_rule_themes_their_own_feature():
    spans = [_span(EntityKind.PLACE, "Romania", "country"),
             _span(EntityKind.THEME, "wages", key="working-conditions")]
    assert entity_features(spans) == set()
    assert rule_features(spans) == {"@rule:working-conditions"}


def test_the_model_reads_a_storys_extra_features_beside_its_stems():
    rows = ["t\t\t-1.0", "t\tstrike\t1.0", "t\t@union\t2.0"]
    model = KindModel.of_rows(rows)
    themes_kinds.EXTRA[("a strike", "")] = {"@union", "@court"}  # @court has no weight: left out
    try:
        assert model.features("a strike", "") == {"strike", "@union"}
        assert ThemeModel.from_rows(rows).features("a strike", "") == {"strike"}
        assert model.features("a strike", "more") == {"strike"}  # another story: no extra features
    finally:
        themes_kinds.EXTRA.clear()


def test_the_addition_only_form_keeps_the_shipped_weights_for_everything_but_the_ranking():
    base = ["t\t\t-1.0", "t\tstrike\t1.0", "u\t\t-2.0", "u\tstrike\t0.5"]
    kinds = ["t\t\t-1.5", "t\tstrike\t0.8", "u\t\t-2.0", "u\t@union\t3.0"]
    model = KindModel.addition_only(base, kinds)
    themes_kinds.EXTRA[("a strike", "")] = {"@union"}
    try:
        feats = model.features("a strike", "")
        assert feats == {"strike", "@union"}
        assert model.score(feats, model.position["t"]) == 0.0  # the shipped weights: -1 + 1
        assert model.scores(feats) == [-1.5 + 0.8, -2.0 + 3.0]  # the kinds model's, "strike" unweighted for u
    finally:
        themes_kinds.EXTRA.clear()
