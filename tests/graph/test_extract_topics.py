"""Topic evidence: distinct topic cues (sg:topicCue) that meet make a story about a theme none of its labels named."""
from graph.extract import PASSES, Extractor
from graph.extract.knowledge import Theme
from graph.extract.pipeline import pass_names
from graph.extract.topics import topic_table
from graph.records import EntityKind, StoryRecord

# the rule passes only: what topic evidence does is this file's subject, and the learned pass after it (whose veto
# and addition follow ontology/theme-model.tsv, retrained as batches are opened) has its own tests
EXTRACTOR = Extractor(passes=tuple(p for p in PASSES if p.name != "learned-themes"))
BUDGET = "Quillbury votes on a new budget"


def themes(title: str, summary: str) -> set[str]:
    return {m.key for m in EXTRACTOR.extract(StoryRecord(title, summary, None)) if m.kind is EntityKind.THEME}


def test_two_distinct_cues_make_the_story_about_their_theme():
    assert "supply-chains" in themes("Quillbury brands review their procurement",
                                     "The firms said on Tuesday they would publish the list next spring.")


def test_a_cue_in_the_title_and_another_in_the_summary_meet():
    assert "supply-chains" in themes("Quillbury brands meet in Tarrow",
                                     "The firms said on Tuesday their procurement would change next spring.")


def test_one_cue_alone_is_no_evidence():
    assert "supply-chains" not in themes("Quillbury brands meet in Tarrow",
                                         "The firms said on Tuesday they would meet again next spring.")


def test_two_cues_in_the_summary_meet_too():
    assert "social-protection" in themes(BUDGET, "The budget raises a welfare allowance for families.")


def test_the_same_cue_said_again_counts_once_singular_or_plural():
    assert "social-protection" not in themes(BUDGET, "The budget raises welfare. Welfare rises again in May, and "
                                                     "welfare is paid monthly.")
    assert "supply-chains" not in themes("Quillbury brands meet in Tarrow", "One brand said it would leave.")


def test_a_label_that_did_not_make_the_theme_by_itself_is_a_cue():
    # "pensions" is a weak label of social protection: said once it is no theme, beside a cue it is evidence
    assert "social-protection" not in themes(BUDGET, "The budget raises pensions for families.")
    assert "social-protection" in themes(BUDGET, "The budget raises pensions and welfare for families.")


def test_words_inside_an_organizations_name_are_not_cues():
    assert "social-protection" not in themes("Quillbury Welfare Allowance Agency opens", "It opened on Monday.")


def test_a_story_whose_labels_found_two_themes_needs_three_cues():
    title = "Dock workers strike over the minimum wage"
    two = themes(title, "The strike at the port of Quillbury also asked for a welfare allowance for families.")
    assert {"social-dialogue", "working-conditions"} <= two
    assert "social-protection" not in two
    assert "social-protection" in themes(title, "The strike at the port of Quillbury also asked for a welfare "
                                                "allowance and a cash transfer for families.")


def test_topic_evidence_adds_at_most_one_theme():
    found = themes("Brands and procurement: Quillbury budget raises the welfare allowance",
                   "The city said on Tuesday the subsidy starts in May.")
    assert found & {"supply-chains", "social-protection"}
    assert len(found & {"supply-chains", "social-protection"}) == 1


def test_every_form_of_a_cue_points_to_every_theme_it_is_evidence_of():
    table = topic_table((Theme("a", "urn:a", "A", ("a",), topics=("buyer",)),
                         Theme("b", "urn:b", "B", ("b",), topics=("buyers", "procurement"))))
    assert table["buyer"] == ("a", "b")
    assert table["buyers"] == ("a", "b")
    assert table["procurement"] == ("b",)


def test_topic_cues_are_not_labels():
    theme = EXTRACTOR.resources.knowledge.theme_by_id["supply-chains"]
    assert "buyers" in theme.topics
    assert "buyers" not in theme.labels


def test_topic_evidence_runs_after_the_theme_selection():
    names = pass_names()
    assert names.index("topic-themes") == names.index("theme-selection") + 1
