"""Pass "articled-organizations": a capitalized "The" inside a sentence is the organization's own."""
from graph.extract.pipeline import pass_names
from tests.graph.extracted import organizations


def test_a_the_inside_a_sentence_is_part_of_the_organizations_name():
    assert organizations("The board ruled in The Quillanta Opera, Inc. that stylists were employees.") == [
        "The Quillanta Opera, Inc."]
    assert organizations("The survey was carried out with The Tarrowing Institute in March.") == [
        "The Tarrowing Institute"]


def test_a_sentences_first_the_is_not():
    assert organizations("Pay rose. The Tarrowing Institute said so.") == ["Tarrowing Institute"]


def test_the_pass_runs_after_arbitration_and_the_short_forms():
    names = pass_names()
    assert names.index("short-forms") < names.index("articled-organizations") < names.index("people")
