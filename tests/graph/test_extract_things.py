"""Reading "articled-names" (pass "guessed-people"): a name guessed a person's that the story also writes after an
article is a thing's."""
from graph.records import EntityKind
from tests.graph.extracted import found


def test_a_headline_name_the_summary_writes_after_the_is_no_person():
    kinds = found("Quillbury Countdown: heat cost working hours",
                  "Heat cost working hours, according to the annual report of the Quillbury Countdown.")
    assert kinds.get("Quillbury Countdown") is not EntityKind.PERSON


def test_a_headline_speaker_the_summary_names_without_an_article_stays_a_person():
    kinds = found("Tomasz Wierzba: pay must rise", "Tomasz Wierzba told the union that pay must rise.")
    assert kinds.get("Tomasz Wierzba") is EntityKind.PERSON


def test_a_person_whose_name_starts_a_body_after_the_stays_a_person():
    kinds = found("x", "Tomasz Wierzba spoke first. The Tomasz Wierzba Children's Foundation said the campaign worked.")
    assert kinds.get("Tomasz Wierzba") is EntityKind.PERSON
