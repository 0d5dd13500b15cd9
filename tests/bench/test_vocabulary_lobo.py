"""bench.vocabulary_lobo: which words a fold's pruning counts and drops."""
from collections import Counter

import pyoxigraph

from bench.vocabulary_lobo import THEME_IRI, Story, dropped, verdicts

CUE = pyoxigraph.NamedNode("https://w3id.org/storygraph#topicCue")


def word(concept: str, text: str) -> pyoxigraph.Quad:
    return pyoxigraph.Quad(pyoxigraph.NamedNode(THEME_IRI + concept), CUE, pyoxigraph.Literal(text, language="en"))


def story(text: str, found: set[str], gold: set[str], optional: set[str] = frozenset()) -> Story:
    return Story(text, frozenset(gold), frozenset(optional), frozenset(found))


def test_a_word_counts_the_added_themes_of_its_concept_in_the_stories_that_say_it():
    quads = [word("skills", "apprentices"), word("rural-development", "herders")]
    before = [story("the plant hires apprentices", set(), set()), story("apprentices and herders", set(), set())]
    after = [story("the plant hires apprentices", {"skills"}, {"skills"}),
             story("apprentices and herders", {"skills"}, {"employment"})]
    tally = verdicts(quads, before, after)
    assert tally["apprentices"] == {"right": 1, "wrong": 1}
    assert "herders" not in tally  # its concept was not added


def test_a_word_in_a_longer_word_or_an_optional_theme_does_not_count():
    quads = [word("skills", "tvet")]
    before = [story("tvetcorp shares", set(), set()), story("a tvet college", set(), set())]
    after = [story("tvetcorp shares", {"skills"}, set()), story("a tvet college", {"skills"}, set(), {"skills"})]
    assert verdicts(quads, before, after) == {}


def test_words_wrong_more_often_than_right_over_the_sets_are_dropped():
    drop, total = dropped([{"a": Counter(right=1, wrong=1), "b": Counter(wrong=1)},
                           {"b": Counter(right=1, wrong=1), "c": Counter(wrong=1)}])
    assert drop == {"b", "c"}
    assert total["b"] == {"right": 1, "wrong": 2}
