"""bench.kind_model: what the kind model reads of an accepted name, how a name is labelled from the gold, and how a
change to a name's kind is scored."""
import datetime as dt

from bench.kind_model import KINDS, Data, Unit, _label, _tokens, decide, scored, span_features
from graph.extract.spans import GUESS, PATTERN, Span
from graph.records import EntityKind, Field, Mention, StoryRecord

TEXT = "Workers at Brindle Yards joined the Fair Harbour campaign, Mayor Ana Velho said on Tuesday."


def _span(name: str, kind: EntityKind, source: str, priority: int = PATTERN) -> Span:
    start = TEXT.index(name)
    return Span(kind, Field.SUMMARY, start, start + len(name), priority, "rule", 0.55, name, source=source)


def test_the_model_reads_the_name_its_finder_and_the_words_around_it():
    features = span_features(TEXT, _tokens(TEXT), _span("Fair Harbour", EntityKind.ORGANIZATION, "shape", GUESS),
                             frozenset({"fair"}))
    assert {"w=fair", "w=harbour", "first=fair", "last=harbour", "len=2", "src=shape", "prio=1",
            "rule=organization", "rule-src=organization/shape", "vocab=some", "l1=the", "l2=joined",
            "r1=campaign", "r2=,"} <= features
    assert "near=joined" in features and "near=campaign" in features
    assert "in-title" not in features and "sentence-start" not in features


def test_a_name_is_labelled_with_the_gold_kind_it_matches_its_own_first():
    item = {"people": ["Ana Velho"], "organizations": ["Fair Harbour"], "campaigns": ["Fair Harbour"],
            "places": ["Brindle Yards"], "optional": ["Tuesday"]}
    assert _label({"fair harbour"}, EntityKind.CAMPAIGN, item) == "campaign"
    assert _label({"fair harbour"}, EntityKind.PERSON, item) == "organization"
    assert _label({"ana velho"}, EntityKind.ORGANIZATION, item) == "person"
    assert _label({"brindle yards"}, EntityKind.PERSON, item) is None  # a place: none of the three kinds
    assert _label({"tuesday"}, EntityKind.PERSON, item) is None  # optional
    assert _label({"workers"}, EntityKind.ORGANIZATION, item) == "none"


def _data() -> Data:
    story = StoryRecord("Harbour workers", TEXT, dt.date(2024, 5, 2))
    start = TEXT.index("Fair Harbour")
    wrong = Mention(EntityKind.PERSON, "Fair Harbour", Field.SUMMARY, start, start + 12, "rule", 0.55, "Fair Harbour")
    gold = [{"campaigns": ["Fair Harbour"]}]
    unit = Unit(0, EntityKind.PERSON, [(Field.SUMMARY, start, start + 12)], GUESS, "Fair Harbour",
                frozenset({"w=harbour"}), "campaign")
    return Data(gold, [story], [[wrong]], [unit])


def test_a_relabelled_name_is_resolved_and_scored_again_by_the_gold_rules():
    data = _data()
    before, after = scored(data, ()), scored(data, ((0, "campaign"),))
    assert (before.scores["campaigns"].recall, before.scores["people"].precision) == (0.0, 0.0)
    assert (after.scores["campaigns"].f1, after.scores["people"].predictions) == (1.0, 0)
    assert scored(data, ((0, "none"),)).scores["people"].predictions == 0  # dropped


def test_only_a_weak_finder_is_overridden_and_only_over_the_cut():
    import numpy as np

    data = _data()
    model = {"all": ({"w=harbour": 0}, np.array([0.0, 0.0, 0.0, 0.0]), np.array([[-3.0, -3.0, 3.0, -3.0]]))}
    assert decide(model, data, 0.5, 1.01, "weak") == ((0, "campaign"),)
    assert decide(model, data, 1.01, 1.01, "weak") == ()
    data.units[0].priority = 4  # a gazetteer hit: never overridden unless every finder is eligible
    assert decide(model, data, 0.5, 1.01, "weak") == ()
    assert decide(model, data, 0.5, 1.01, "all") == ((0, "campaign"),)
    assert KINDS[EntityKind.PERSON] == "person"


def test_the_oracle_gives_every_eligible_wrong_name_its_gold_label():
    from bench.kind_model import oracle

    data = _data()
    assert oracle(data, "weak") == ((0, "campaign"),)
    data.units[0].priority = 4
    assert oracle(data, "weak") == () and oracle(data, "all") == ((0, "campaign"),)
