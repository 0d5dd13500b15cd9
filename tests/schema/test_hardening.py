"""Hostile text cannot stall the API: the token pre-check, search caps and linear search, byte-bounded caches, cursors."""
from __future__ import annotations

import base64
import tracemalloc
import time

import pytest
from graphql.language import Lexer, Source, TokenKind

from graph.search import SearchIndex, SearchTimeout, match_expression, search_terms
from schema.cache import ByteLRU
from schema.limits import LimitError, TextLimits, check_document, count_tokens


def _lexer_count(query: str) -> int:
    lexer, count = Lexer(Source(query)), 0
    while lexer.advance().kind is not TokenKind.EOF:
        count += 1
    return count


@pytest.mark.parametrize("query", [
    "{ a }",
    '\ufeff{a,b,,c} # trailing comment',
    'query Q($x: [Int!]! = [1, -2.5e3]) @dir(a: "s\\"tr\\u00e9") { ...F ... on T { b(c: """blo""ck \\""" "" """) } }\n'
    "fragment F on T { z }",
    'mutation { importDocument(content: "x\\ny", format: "auto") { added version } }',
    '{ search(query: "pausi", first: 3) { score node { __typename ... on Entity { name } } } }',
])
def test_the_token_pre_check_agrees_with_graphql_cores_lexer(query: str) -> None:
    assert count_tokens(query, 10**6) == _lexer_count(query)


@pytest.mark.parametrize("hostile", [
    "{ __typename" + " a" * 300_000 + " }",          # many tokens
    '"\\' * 50_000,                                    # a string opened again and again, never closed
    '"""x' * 25_000,                                   # block strings opened again and again
])
def test_the_token_pre_check_stops_at_the_limit(hostile: str) -> None:
    assert count_tokens(hostile, 2000) <= 2001


def test_too_many_tokens_are_refused_before_parsing() -> None:
    with pytest.raises(LimitError, match="more than 2000 tokens; the limit is 2000"):
        check_document("{ __typename" + " a" * 300_000 + " }", max_chars=10**7)


def test_a_document_is_refused_for_its_length_before_its_tokens_are_counted() -> None:
    with pytest.raises(LimitError, match="characters long; the limit is 100"):
        check_document("{ a }" + " " * 200, max_chars=100)


def test_a_long_string_or_comment_is_one_token() -> None:
    assert count_tokens('{ a(s: "' + "x" * 90_000 + '") }', 2000) == 8
    assert count_tokens("#" + "x" * 90_000 + "\n{ a }", 2000) == 3


def test_search_terms_are_distinct_and_drop_words_another_word_extends() -> None:
    assert search_terms("ab AB Ab abc Ábc zz z x") == ["abc", "x", "zz"]
    assert match_expression("ab " * 45_000) == '"ab"*'


def test_text_limits_name_the_limit() -> None:
    limits = TextLimits(max_chars=50, max_words=3)
    assert limits.check("query", "ab ab ab ab ab") == "ab ab ab ab ab"  # one distinct word
    with pytest.raises(LimitError, match="`query` has 4 distinct words; the limit is 3"):
        limits.check("query", "one two three four")
    with pytest.raises(LimitError, match="`query` is 51 characters long; the limit is 50"):
        limits.check("query", "x" * 51)


def test_search_and_text_filter_refuse_text_over_the_limits(run) -> None:
    words = " ".join(f"w{i:03d}" for i in range(21))
    out = run("query($q: String!) { search(query: $q) { score } }", expect_errors=True, q=words)
    assert "the limit is 20" in out["errors"][0]
    out = run("query($q: String!) { stories(filter: {text: $q}) { totalCount } }", expect_errors=True, q="x" * 501)
    assert "the limit is 500" in out["errors"][0]


def test_a_repeated_word_searches_like_the_word_once(run) -> None:
    once = run('{ search(query: "pausini") { node { id } } }')
    assert once["search"] and run('{ search(query: "pausini pausini pausini pausini") { node { id } } }') == once


def test_a_search_past_its_deadline_stops(reader, tmp_path) -> None:
    index = SearchIndex(reader, tmp_path / "search.sqlite")
    index.search("ilo")  # built
    with pytest.raises(SearchTimeout):
        index.search("ilo", deadline=time.monotonic() - 1)
    with pytest.raises(SearchTimeout):
        index.matching_stories("ilo", deadline=time.monotonic() - 1)
    assert index.search("ilo")  # the connection is usable again


def test_ranking_reads_a_bounded_candidate_set(reader, tmp_path, monkeypatch) -> None:
    import graph.search
    index = SearchIndex(reader, tmp_path / "search.sqlite")
    everything = index.search("i", limit=100)
    monkeypatch.setattr(graph.search, "CANDIDATES", 2)
    few = index.search("i", limit=100)
    assert len(everything) > 2 and len(few) == 2


def test_byte_bounded_cache_forgets_the_least_recently_used_by_size() -> None:
    cache = ByteLRU(100, entry_bytes=0)
    cache.put("a", "A", 40)
    cache.put("b", "B", 40)
    assert cache.get("a") == "A"  # now b is the least recently used
    cache.put("c", "C", 40)
    assert "b" not in cache and cache.get("a") == "A" and cache.get("c") == "C" and cache.bytes == 80
    assert not cache.put("huge", "H", 101) and "huge" not in cache and cache.bytes == 80
    cache.clear()
    assert len(cache) == 0 and cache.bytes == 0


def test_many_small_entries_stay_within_the_byte_budget() -> None:
    # Query texts of ~135 characters, as the per-text caches keep them: counted by length alone, a 1 MiB
    # cache held 2-3 MiB.
    budget = 1024 * 1024
    cache = ByteLRU(budget)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for n in range(50_000):
            text = f"query Q{n:06d} {{ stories(first: 10) {{ edges {{ node {{ id title date }} }} }} }}".ljust(135)
            cache.put(text, True, len(text))
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(cache) < 50_000 and cache.bytes <= budget
    assert held <= 1.25 * budget, f"{held / budget:.2f}× the budget"


def test_a_cursor_with_a_negative_offset_is_refused(run) -> None:
    cursor = base64.urlsafe_b64encode(b"offset:-10").decode()
    out = run('query($c: String) { stories(after: $c) { totalCount } }', expect_errors=True, c=cursor)
    assert "negative" in out["errors"][0]


@pytest.mark.parametrize("args", ['iri: ""', 'theme: ""', 'iri: "  "'])
def test_an_empty_timeline_target_is_an_error_not_the_global_timeline(run, args: str) -> None:
    out = run(f"{{ timeline({args}) {{ period count }} }}", expect_errors=True)
    assert "must not be empty" in out["errors"][0]


def test_a_negative_page_size_cannot_discount_the_cost_of_other_fields(run) -> None:
    expensive = ("stories(first: 100) { edges { node { people { related(first: 100) { edges { node { "
                 "related(first: 100) { totalCount } } } } } } } }")
    out = run(f"{{ a: stories(first: -100000) {{ edges {{ node {{ people {{ related(first: 100) {{ totalCount }} }} }} }} }} "
              f"b: {expensive} }}", expect_errors=True)
    assert any("exceeds the limit" in e for e in out["errors"]) and out["data"] is None


@pytest.mark.parametrize("text", ["", "   ", "!!!"])
def test_a_text_filter_without_words_constrains_nothing(run, text: str) -> None:
    everything = run("{ stories { totalCount } }")["stories"]["totalCount"]
    found = run("query($t: String) { stories(filter: {text: $t}) { totalCount } }", t=text)
    assert found["stories"]["totalCount"] == everything > 0
