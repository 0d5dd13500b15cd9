"""Pass "guessed-people": the people the finder guessed, read again beside the story's other names."""
from graph.extract.pipeline import pass_names


def test_guessed_people_runs_after_the_people_and_their_repeats_and_before_the_acronyms():
    names = pass_names()
    assert names.index("people-repeats") < names.index("guessed-people") < names.index("acronyms")
