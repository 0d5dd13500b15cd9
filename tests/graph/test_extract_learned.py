"""Learned theme evidence: per-theme word weights trained offline add the one theme a story's words make likely."""
import dataclasses
from pathlib import Path

from ontology import DIRECTORY

from graph.extract import Extractor
from graph.extract.folding import fold
from graph.extract.learned import (KEEP_FEATURES, KEEP_FILE, MODEL_FILE, KeepModel, ThemeModel, features,
                                   learned_themes, probability, shipped_keep, shipped_model, stem, surfaces)
from graph.extract.pipeline import pass_names
from graph.records import EntityKind, Field, StoryRecord

EXTRACTOR = Extractor()
# an invented model: "quillwort" and "tarrowing" are words of the skills theme, nothing else is
MODEL = ThemeModel.of(("skills", "employment"), (-3.0, -3.0), {"quillwort": {0: 2.0}, "tarrowing": {0: 1.5, 1: -0.5}})
STORY = StoryRecord("Quillworts for Tarrow", "The Tarrowing of the quillwort beds ends on Friday, the council said.", None)


def run(story: StoryRecord, model: ThemeModel, **settings) -> list:
    """The themes the pass adds with this model (the shipped keep decision off unless `keep` says otherwise)."""
    doc = EXTRACTOR.run(story, until="learned-themes")
    learned_themes(doc, model, **{"keep": False, **settings})
    return [s for s in doc.found if s.kind is EntityKind.THEME and s.method == "learned"]


def test_stems_are_cut_plain_plurals_and_possessives_only():
    assert [stem(w) for w in ("workers", "policies", "worker's", "class", "status", "wages")] == [
        "worker", "policy", "worker", "class", "status", "wage"]


def test_every_surface_form_of_a_stem_reduces_to_it():
    assert {"worker", "workers", "worker's"} <= set(surfaces("worker"))
    assert "policies" in surfaces("policy")
    assert all(stem(form) == "policy" for form in surfaces("policy"))


def test_the_pass_reads_the_same_features_the_training_saw():
    title, summary = fold(STORY.title), fold(STORY.summary)
    assert MODEL.features(title, summary) == {f for f in features(title, summary) if f in MODEL.rows}
    assert MODEL.features(title, summary) == {"quillwort", "tarrowing"}


def test_a_confident_theme_is_added_with_the_heaviest_word_as_evidence():
    [span] = run(STORY, MODEL)
    assert span.key == "skills"
    assert STORY.title[span.start:span.end] == "Quillworts"  # weight 2.0, in the title
    assert span.confidence == round(probability(-3.0 + 2.0 + 1.5), 3)


def test_an_unsure_model_adds_nothing():
    assert run(STORY, MODEL, add_at=0.7) == []
    assert run(StoryRecord("Quillworts for Tarrow", "The beds open on Friday.", None), MODEL) == []


def test_a_story_the_rules_gave_enough_themes_gets_none_more():
    busy = StoryRecord("Quillworts for Tarrow", "Forced labour, child labour and the gender pay gap in the quillwort "
                                                "beds were discussed in the Tarrowing talks.", None)
    assert run(busy, MODEL, have_below=1) == []


def test_a_story_with_fewer_rule_themes_than_the_bound_may_gain_one_more():
    two = StoryRecord("Quillworts for Tarrow", "Forced labour and child labour in the quillwort beds were discussed in "
                                               "the Tarrowing talks.", None)
    [span] = run(two, MODEL)
    assert span.key == "skills"
    assert run(two, MODEL, have_below=2) == []
    three = StoryRecord("Quillworts for Tarrow", "Forced labour, child labour and the gender pay gap in the quillwort "
                                                 "beds were discussed in the Tarrowing talks.", None)
    assert run(three, MODEL, have_below=3) == []
    [span] = run(three, MODEL)  # the shipped bound (4 since round extract46) lets a story with three gain a fourth
    assert span.key == "skills"


def test_a_theme_the_rules_found_is_not_added_twice():
    model = ThemeModel.of(("child-labour",), (2.0,), {})
    story = StoryRecord("Child labour in Tarrow", "Child labour rose in the quillwort beds.", None)
    assert run(story, model) == []


def test_the_shipped_model_weighs_only_the_schemes_themes_and_says_how_it_was_trained():
    model = shipped_model()
    assert model is not None
    assert set(model.themes) <= set(EXTRACTOR.resources.knowledge.theme_by_id)
    header = [line for line in (Path(DIRECTORY) / MODEL_FILE).read_text(encoding="utf-8").splitlines()
              if line.startswith("#")]
    assert any("python -m bench.train_themes" in line for line in header)
    assert any(line.startswith("# Trained on:") for line in header)


def test_learned_evidence_runs_last_after_topic_evidence():
    names = pass_names()
    assert names.index("learned-themes") == names.index("topic-themes") + 1


# the rules give this story three themes: child labour (its own name, once), forced labour (twice), working conditions
# (one everyday word, "wages")
BUSY = StoryRecord("Child labour and forced labour in the quillwort beds",
                   "Inspectors found children and forced labourers in the Tarrow quillwort beds. The growers also cut "
                   "wages last year, the council said.", None)


def themes_after(story: StoryRecord, model: ThemeModel, **settings) -> set[str | None]:
    doc = EXTRACTOR.run(story, until="learned-themes")
    learned_themes(doc, model, **{"keep": False, **settings})
    return {s.key for s in doc.found if s.kind is EntityKind.THEME}


def test_the_model_vetoes_a_lone_everyday_word_it_finds_unlikely_among_three_themes():
    doubting = ThemeModel.of(("child-labour", "forced-labour", "working-conditions"), (2.0, 2.0, -4.0), {})
    assert themes_after(BUSY, doubting, veto_at=0.0) == {"child-labour", "forced-labour", "working-conditions"}
    assert themes_after(BUSY, doubting) == {"child-labour", "forced-labour"}


def test_a_theme_said_by_its_own_name_or_twice_is_never_vetoed():
    doubting = ThemeModel.of(("child-labour", "forced-labour", "working-conditions"), (-4.0, -4.0, 2.0), {})
    assert themes_after(BUSY, doubting) == {"child-labour", "forced-labour", "working-conditions"}


def test_a_story_with_two_themes_keeps_both_however_doubted():
    pair = StoryRecord("Forced labour in the quillwort beds", "Inspectors found forced labourers there. The growers "
                                                              "also cut wages, the council said.", None)
    doubting = ThemeModel.of(("forced-labour", "working-conditions"), (2.0, -4.0), {})
    assert themes_after(pair, doubting) == {"forced-labour", "working-conditions"}


# three themes in the title; skills said once in the summary's first sentence ("training"), working conditions once
# after it ("wages")
CROWDED = StoryRecord("Child labour, forced labour and migrant workers in the quillwort beds",
                      "Inspectors found training gaps in the Tarrow quillwort beds. The growers also cut wages last "
                      "year, the council said.", None)
FIVE = ("child-labour", "forced-labour", "migration-and-refugees", "skills", "working-conditions")


def test_a_doubted_theme_said_once_after_the_first_sentence_is_an_aside_beside_three_title_themes():
    doubting = ThemeModel.of(FIVE, (2.0, 2.0, 2.0, -4.0, -4.0), {})
    assert themes_after(CROWDED, doubting, veto_at=0.0, aside_at=0.0) == set(FIVE)
    # (the asides are off as shipped since round extract48, ASIDE_AT 0: measured here at round extract17's 0.15)
    assert themes_after(CROWDED, doubting, veto_at=0.0, aside_at=0.15) == set(FIVE) - {"working-conditions"}


def test_no_aside_where_the_model_finds_the_theme_likely_or_fewer_than_three_themes_lead():
    likely = ThemeModel.of(FIVE, (2.0, 2.0, 2.0, -4.0, 0.0), {})
    assert themes_after(CROWDED, likely, veto_at=0.0, aside_at=0.15) == set(FIVE)
    doubting = ThemeModel.of(("child-labour", "forced-labour", "working-conditions"), (2.0, 2.0, -4.0), {})
    assert themes_after(BUSY, doubting, veto_at=0.0, aside_at=0.15) == {"child-labour", "forced-labour",
                                                                         "working-conditions"}


def test_the_dense_scores_are_the_sparse_sums_bit_for_bit():
    # each theme's bias, then its weight of each feature in the features' order, as a loop over the sparse rows adds
    # them: the pass's decisions and the added theme's confidence are the same floats either way
    model = shipped_model()
    assert model is not None
    stories = [STORY, *(StoryRecord(f"Workers and unions {i}", text, None) for i, text in enumerate((
        "Domestic workers won a minimum wage and social protection after the strike.",
        "Child labour in cocoa supply chains: due diligence laws and forced labour audits.",
        "Green jobs and skills training for young people in the just transition.")))]
    for story in stories:
        feats = model.features(fold(story.title), fold(story.summary))
        total = list(model.biases)
        for f in feats:
            for index, weight in model.rows[f]:
                total[index] += weight
        assert model.scores(feats) == total
        assert [model.score(feats, i) for i in range(len(model.themes))] == total
    assert MODEL.scores(["tarrowing", "quillwort"]) == [-3.0 + 1.5 + 2.0, -3.0 - 0.5]


def keeping(bias: float, at: float = 0.5, **weights: float) -> KeepModel:
    """A keep decision weighing the named features (the others 0)."""
    return KeepModel(bias, tuple(weights.get(f, 0.0) for f in KEEP_FEATURES), at)


def test_the_keep_decision_drops_a_rule_theme_its_evidence_makes_unlikely():
    doubting = ThemeModel.of(("child-labour", "forced-labour", "working-conditions"), (0.0, 0.0, 0.0), {})
    # the title's two themes are kept, "wages" once in the second sentence is not
    assert themes_after(BUSY, doubting, veto_at=0.0, add_at=0.99, keep=keeping(-2.0, title=4.0)) == {
        "child-labour", "forced-labour"}
    # the words' lift: a theme the story's words make likelier than its bias is kept
    backed = ThemeModel.of(("child-labour", "forced-labour", "working-conditions"), (0.0, 0.0, -2.0),
                           {"wage": {2: 3.0}})
    assert themes_after(BUSY, backed, veto_at=0.0, add_at=0.99, keep=keeping(-2.0, title=4.0, lift=1.0)) == {
        "child-labour", "forced-labour", "working-conditions"}


def test_the_keep_decision_always_keeps_the_storys_likeliest_rule_theme():
    flat = ThemeModel.of(("child-labour", "forced-labour", "working-conditions"), (0.0, 0.0, 0.0), {})
    assert themes_after(BUSY, flat, veto_at=0.0, add_at=0.99, keep=keeping(-9.0, said=1.0)) == {"forced-labour"}


def test_the_shipped_keep_decision_weighs_every_feature_and_says_how_it_was_trained():
    keep = shipped_keep()
    assert keep is not None and len(keep.weights) == len(KEEP_FEATURES) and 0 < keep.at < 1
    header = [line for line in (Path(DIRECTORY) / KEEP_FILE).read_text(encoding="utf-8").splitlines()
              if line.startswith("#")]
    assert any("python -m bench.themes_keep" in line for line in header)


def _short_cut_against_full_scoring(keep: KeepModel) -> tuple[int, int]:
    """kept_out against keep_features then the bar on the fresh batches' stories (30-35) as the pass meets them:
    (stories compared, themes dropped)."""
    from graph.extract.learned import _under, keep_features, kept_out, logit
    from graph.sources import parse

    model = shipped_model()
    assert model is not None
    root = Path(__file__).resolve().parents[2]
    stories = [s for n in (30, 31, 32, 33, 34, 35) for s in parse(root / f"tests/data/nonilo{n}-stories.txt").stories]
    compared = dropped = 0
    for story in stories:
        doc = EXTRACTOR.run(story, until="learned-themes")
        said: dict[str, list] = {}
        for s in doc.found:
            if s.kind is EntityKind.THEME and s.key is not None:
                said.setdefault(s.key, []).append(s)
        if len(said) < 2:
            continue
        feats = model.features(doc.folded.get(Field.TITLE, ""), doc.folded.get(Field.SUMMARY, ""))
        fast_raw: dict[str, float] = {}
        full_raw: dict[str, float] = {}
        fast = kept_out(doc, model, feats, keep, said, fast_raw)
        full = _under(keep, keep_features(doc, model, feats, said, full_raw), logit(keep.at))
        assert fast == full, story.title
        assert fast_raw == {t: v for t, v in full_raw.items() if t in fast_raw}, story.title
        compared += 1
        dropped += len(fast)
    return compared, dropped


def test_the_keep_decisions_short_cut_drops_what_the_full_scoring_drops():
    # kept_out skips features whose weights cannot move a theme across the bar; on the open batches' stories, as the
    # pass meets them, it must drop exactly the themes the full scoring (keep_features, then the bar) drops, and hand
    # on the same log-odds
    keep = shipped_keep()
    assert keep is not None
    compared, dropped = _short_cut_against_full_scoring(keep)
    assert compared > 300 and dropped > 50  # the stories exercise both sides of the bar (312 and 61 at 99a0983)


def test_the_short_cut_weighs_the_long_summarys_rank_and_number_of_themes_as_the_full_scoring_does():
    # the story-level features of a long summary: the short cut ranks every theme first, then decides each
    shipped = shipped_keep()
    assert shipped is not None
    weights = dict(zip(KEEP_FEATURES, shipped.weights), **{"long-rank": -0.6, "long-themes": -0.2})
    keep = KeepModel(shipped.bias, tuple(weights[f] for f in KEEP_FEATURES), 0.3)
    compared, dropped = _short_cut_against_full_scoring(keep)
    assert compared > 300 and dropped > 150  # 312 and 265 at 99a0983, 312 and 200 with themes50's sense guards


def test_a_concepts_own_term_in_the_keep_file_is_read_and_added_to_its_themes_bias():
    keep = KeepModel.from_rows(["bias\t-1.0", "at\t0.5", *(f"{f}\t0.0" for f in KEEP_FEATURES),
                                "concept:employment\t-0.5"])
    zeros = (0.0,) * len(KEEP_FEATURES)
    assert keep.concepts == (("employment", -0.5),)
    assert keep.score(zeros, "employment") == -1.5 and keep.score(zeros, "skills") == keep.score(zeros) == -1.0


def test_the_short_cut_adds_each_concepts_own_term_as_the_full_scoring_does():
    shipped = shipped_keep()
    assert shipped is not None
    keep = dataclasses.replace(shipped, concepts=(("employment", -0.7), ("social-dialogue", -0.7),
                                                  ("green-economy", 0.8), ("migration-and-refugees", 0.5)))
    compared, dropped = _short_cut_against_full_scoring(keep)
    assert compared > 300 and dropped > 50
