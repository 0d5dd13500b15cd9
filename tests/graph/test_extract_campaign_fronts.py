"""Campaign fronts: a capitalized function word inside a sentence, right before a campaign's name, is its first word."""
from graph.extract.pipeline import pass_names
from graph.records import EntityKind
from tests.graph.extracted import found


def campaigns(title: str, summary: str) -> set[str]:
    return {name for name, kind in found(title, summary).items() if kind is EntityKind.CAMPAIGN}


def test_a_capitalized_function_word_after_an_article_or_an_owner_starts_the_name():
    names = campaigns("Climate talks end", "Parties agreed to establish a Just Harvest Work Programme, and the "
                                           "union's More Than Applause campaign went on.")
    assert {"Just Harvest Work Programme", "More Than Applause"} <= names


def test_a_sentence_s_first_word_is_left_out():
    names = campaigns("Forum opens", "More Than Applause campaign workers marched. Every Quill Programme office shut.")
    assert not any(name.startswith(("More", "Every")) for name in names)


def test_the_pass_runs_before_the_arbitration():
    names = pass_names()
    assert names.index("lower-plans") < names.index("campaign-fronts") < names.index("arbitrate")
