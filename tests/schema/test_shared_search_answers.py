"""Processes serving one store share their ranked search answers: one ranks a prefix, the others find it."""
from __future__ import annotations

import pytest

import graph.search_answers
from graph.search import SearchIndex
from graph.search_answers import SharedAnswers
from tests.schema.conftest import import_listing

MORE = """\
1. Laura Pausini sings in Jordan

    12 March 2021

    Laura Pausini performs for the ILO in Jordan.
"""


def _cannot_rank(index: SearchIndex) -> None:
    """From now on, `index` fails if it opens its own SQLite index to rank anything."""
    def refuse(version: str | None = None) -> None:
        raise AssertionError("ranked again instead of using the shared answer")
    index._connection = refuse  # type: ignore[method-assign]


def test_an_answer_ranked_by_one_process_is_found_by_another(reader, tmp_path) -> None:
    shared = tmp_path / "answers.sqlite"
    first = SearchIndex(reader, tmp_path / "search.sqlite", shared_answers=shared)
    ranked = first.search("ilo")
    assert ranked
    second = SearchIndex(reader, tmp_path / "search.sqlite", shared_answers=shared)
    second.search("pausini")  # opens its index at this version
    _cannot_rank(second)
    assert second.search("ilo") == ranked


def test_an_answer_is_never_shared_across_versions(reader, store, tmp_path) -> None:
    shared = tmp_path / "answers.sqlite"
    first = SearchIndex(reader, tmp_path / "search.sqlite", shared_answers=shared)
    assert not first.search("sings")
    import_listing(store.inner, MORE, name="more.txt")
    second = SearchIndex(reader, tmp_path / "search.sqlite", shared_answers=shared)
    assert [h.kind for h in second.search("sings")] == ["story"]


def test_the_shared_file_keeps_a_bounded_number_of_answers(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(graph.search_answers, "MAX_ANSWERS", 30)
    monkeypatch.setattr(graph.search_answers, "PRUNE_EVERY", 10)
    answers = SharedAnswers(tmp_path / "answers.sqlite")
    for i in range(200):
        answers.put(SharedAnswers.key("v1", [f"prefix{i}"]), (("urn:x", "story", 1.0),))
    assert answers.count() <= 30 + 10
    assert answers.get(SharedAnswers.key("v1", ["prefix199"])) == (("urn:x", "story", 1.0),)
    assert answers.get(SharedAnswers.key("v1", ["prefix0"])) is None


def test_an_unusable_shared_file_leaves_search_as_it_was(reader, tmp_path) -> None:
    broken = tmp_path / "answers.sqlite"
    broken.write_bytes(b"not a database" * 100)
    index = SearchIndex(reader, tmp_path / "search.sqlite", shared_answers=broken)
    assert index.search("ilo") == SearchIndex(reader, tmp_path / "search.sqlite").search("ilo")
