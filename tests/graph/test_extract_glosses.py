"""Reading "glossed-bodies" (pass "guessed-people"): a name in brackets right after an organization's is that
organization, not a person."""
from graph.records import EntityKind
from tests.graph.extracted import found, named


def test_a_body_glossed_in_its_own_language_is_no_person():
    kinds = found("x", "The Federation of Quillbury Growers (Quelbrak Vorsand) signed a pay deal.")
    assert EntityKind.PERSON not in kinds.values()
    assert named(EntityKind.ORGANIZATION, "The Federation of Quillbury Growers (Quelbrak Vorsand) signed a pay deal.") \
        == ["Federation of Quillbury Growers", "Federation of Quillbury Growers"]


def test_the_gloss_said_again_in_the_title_is_the_body_too():
    summary = "A survey by the Quillbury Research Network (Quelbrak Vorsand) found hunger rising."
    kinds = found("Quelbrak Vorsand survey: hunger rises", summary)
    assert "Quelbrak Vorsand" not in kinds
    assert kinds.get("Quillbury Research Network") is EntityKind.ORGANIZATION


def test_a_person_in_brackets_after_words_that_are_no_body_stays_a_person():
    kinds = found("x", "The new chair (Tomasz Wierzba) opened the meeting.")
    assert kinds.get("Tomasz Wierzba") is EntityKind.PERSON
