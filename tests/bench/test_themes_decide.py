"""bench.themes_decide and bench.themes_lead: the pass's decisions per theme and by count, and the model read from a
story's lead (round themes57)."""
import math

from graph.extract.learned import ThemeModel, logit

from bench.themes_decide import Story, by_count, decide, f1
from bench.themes_lead import LeadModel, lead


def _story(base: set[str], scores: dict[str, float], gold: set[str], lone: set[str] = frozenset()) -> Story:
    return Story(set(base), set(lone), scores, set(scores), gold)


def test_the_replay_with_no_offsets_is_the_shipped_addition():
    story = _story({"a"}, {"a": 2.0, "b": logit(0.5), "c": logit(0.3)}, {"a", "b"})
    assert decide(story, {}, {}) == {"a", "b"}
    assert decide(story, {"b": math.inf}, {}) == {"a"}  # b never added; c is under the bar
    assert decide(story, {"b": math.inf, "c": -1.0}, {}) == {"a", "c"}
    assert f1([story], {}, {}) == 1.0


def test_a_story_with_enough_themes_gets_no_addition_and_a_drop_spares_the_likeliest():
    full = _story({"a", "b", "c", "d"}, {"a": 0.0, "b": 0.0, "c": 0.0, "d": 0.0, "e": 3.0}, set())
    assert decide(full, {}, {}) == {"a", "b", "c", "d"}
    story = _story({"a", "b"}, {"a": logit(0.05), "b": logit(0.02), "e": -9.0}, set(), lone={"a", "b"})
    assert decide(story, {}, {"a": 0.1, "b": 0.1}) == {"a"}  # a is the likeliest: kept


def test_the_count_form_fills_toward_the_expected_number_of_themes():
    scores = {"a": 3.0, "b": logit(0.4), "c": logit(0.3), "d": -9.0}  # expected ~1.65
    story = _story({"a"}, scores, set())
    assert by_count(story, 0.0, 1.0) == {"a"}  # floor 1: the pass as shipped (b is under ADD_AT)
    assert by_count(story, 0.5, 0.25) == {"a", "b"}
    assert by_count(story, 1.5, 0.25) == {"a", "b", "c"}
    assert by_count(story, 1.5, 0.35) == {"a", "b"}


def test_the_lead_is_the_first_sentences():
    text = "the union struck. pay fell! talks resume on monday. women marched"
    assert lead(text, 1) == "the union struck."
    assert lead(text, 2) == "the union struck. pay fell!"
    assert lead(text, 0) == text


def test_the_lead_model_reads_the_title_and_the_lead_only():
    rows = ["t\t\t-1.0", "t\tstrike\t1.0", "t\twomen\t2.0"]
    model = LeadModel.from_lead_rows(rows, 1)
    assert model.features("a strike", "workers struck. women marched") == {"strike"}
    assert ThemeModel.from_rows(rows).features("a strike", "workers struck. women marched") == {"strike", "women"}
    assert model.scores({"strike"}) == [0.0]
