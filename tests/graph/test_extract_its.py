"""Pass "its-bodies": a name guessed a person's that opens a sentence and does something to "its" things is a body."""
from graph.extract.pipeline import pass_names
from graph.records import EntityKind
from tests.graph.extracted import found


def test_a_guessed_person_acting_on_its_own_things_is_an_organization_with_every_mention():
    kinds = found("Quillrack gives its staff a week off",
                  "Quillrack closed its offices for a week. Quillrack joined other firms in the trial.")
    assert kinds.get("Quillrack") is EntityKind.ORGANIZATION


def test_a_person_named_as_its_officer_stays_a_person():
    kinds = found("x", "The union elected Tomasz Wierzba as its president. Wierzba joined the union in 1990.")
    assert kinds.get("Tomasz Wierzba") is EntityKind.PERSON


def test_a_person_known_by_a_title_stays_a_person_whatever_follows():
    kinds = found("x", "Minister Tomasz Wierzba spoke. Wierzba defended its budget in parliament.")
    assert kinds.get("Tomasz Wierzba") is EntityKind.PERSON


def test_a_speaker_who_says_its_is_speaking_of_something_else():
    kinds = found("x", "The report came out on Monday. Tomasz Wierzba said its figures were too low.")
    assert kinds.get("Tomasz Wierzba") is EntityKind.PERSON


def test_its_bodies_runs_after_the_people_and_their_repeats():
    names = pass_names()
    assert names.index("people-repeats") < names.index("its-bodies") < names.index("acronyms")
