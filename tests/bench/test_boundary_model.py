"""bench.boundary_model: which other boundaries a name is offered, how one is labelled from the gold, and how a changed
boundary is scored."""
import datetime as dt

import numpy as np

from bench.boundary_model import (Alternative, Data, Lexicon, Unit, _tokens, alternative_features, candidates, decide,
                                  oracle, scored)
from graph.extract.spans import GUESS, PATTERN, Span
from graph.records import EntityKind, Field, Mention, StoryRecord

TEXT = "Staff at Northern Copper Mills met the Board of Harbour Pilots and Dell & Marrow on Tuesday."


def _range(tokens, words: str) -> tuple[int, int]:
    texts = [t for t, _, _ in tokens]
    parts = words.split()
    first = next(k for k in range(len(texts)) if texts[k:k + len(parts)] == parts)
    return first, first + len(parts)


def _forms(tokens, words: str) -> set[str]:
    first, last = _range(tokens, words)
    return {" ".join(t for t, _, _ in tokens[a:b]) for a, b, _, _ in candidates(tokens, first, last)}


def test_a_name_is_offered_the_capitalised_words_and_connected_runs_beside_it():
    tokens = _tokens(TEXT)
    assert {"Northern Copper", "Copper Mills"} <= _forms(tokens, "Copper")  # one side at a time
    assert "Board of Harbour Pilots" in _forms(tokens, "Harbour Pilots")
    assert "Board of Harbour Pilots" in _forms(tokens, "Board")
    assert "Dell & Marrow" in _forms(tokens, "Marrow")


def test_a_name_is_offered_itself_without_a_word_at_either_end_or_either_side_of_a_connector():
    tokens = _tokens(TEXT)
    forms = _forms(tokens, "Board of Harbour Pilots")
    assert {"Harbour Pilots", "Board of Harbour", "Board"} <= forms
    assert "of Harbour Pilots" not in forms  # a trim never leaves a connector at the edge


def test_the_model_reads_the_edit_the_words_it_adds_and_where_the_new_name_would_end():
    tokens = _tokens(TEXT)
    first, last = _range(tokens, "Copper")
    span = Span(EntityKind.ORGANIZATION, Field.SUMMARY, TEXT.index("Copper"), TEXT.index("Copper") + 6, GUESS, "rule",
                0.5, "Copper", source="shape")
    lex = Lexicon(frozenset({"northern"}), frozenset({"mills"}), frozenset())
    features = alternative_features(TEXT, tokens, span, first, last, first - 1, last, "left1", (), {}, lex, TEXT)
    assert {"edit=left1", "family=left", "edit-src=left/shape", "add=northern", "add:vocab", "add:unclaimed",
            "new-r1=mills", "new-r1:cap", "new-l1=at", "kind=organization"} <= features
    assert "old-only-inside-new" in features  # "Copper" is never said without "Northern" before it


def _data() -> Data:
    story = StoryRecord("Pilots meet", TEXT, dt.date(2024, 5, 2))
    board, pilots = TEXT.index("Board"), TEXT.index("Harbour Pilots")
    mentions = [Mention(EntityKind.ORGANIZATION, "Harbour Pilots", Field.SUMMARY, pilots, pilots + 14, "rule", 0.5,
                        "Harbour Pilots"),
                Mention(EntityKind.ORGANIZATION, "Board", Field.SUMMARY, board, board + 5, "rule", 0.5, "Board")]
    gold = [{"organizations": ["Board of Harbour Pilots"]}]
    right = Alternative(board, pilots + 14, "left-of", frozenset({"conn=of"}), True)
    wrong = Alternative(pilots + 8, pilots + 14, "trim-first", frozenset({"family=trim"}), False)
    unit = Unit(0, EntityKind.ORGANIZATION, Field.SUMMARY, pilots, pilots + 14, PATTERN, "Harbour Pilots", True,
                [wrong, right])
    return Data(gold, [story], [mentions], [unit])


def test_a_changed_boundary_is_resolved_and_scored_again_by_the_gold_rules():
    data = _data()
    before, after = scored(data, ()), scored(data, ((0, 1),))
    assert (before.scores["organizations"].f1, after.scores["organizations"].f1) == (0.0, 1.0)
    assert after.scores["organizations"].predictions == 1  # the name the longer one now covers is dropped with it
    assert scored(data, ((0, 0),)).scores["organizations"].f1 == 0.0


def test_a_unit_takes_its_likeliest_alternative_only_over_the_cut_and_the_oracle_its_right_one():
    data = _data()
    model = ({"conn=of": 0, "family=trim": 1}, np.array([0.0]), np.array([[2.0], [-2.0]]))
    assert decide(model, data, 0.8, "all") == ((0, 1),)
    assert decide(model, data, 0.9, "all") == ()
    data.units[0].priority = 4  # a gazetteer hit: changed only when every finder is eligible
    assert decide(model, data, 0.8, "weak") == ()
    assert oracle(data, "all") == ((0, 1),) and oracle(data, "weak") == ()
