"""The term helper: any string becomes one literal that reads back unchanged, in N-Quads and in SPARQL."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph import terms

ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=["Cs"]), max_size=60)


@given(ANY_TEXT)
def test_a_literal_reads_back_unchanged_from_nquads(value: str) -> None:
    line = f"<http://e.org/s> <http://e.org/p> {terms.literal(value)} <http://e.org/g> .\n"
    (quad,) = list(ox.parse(line.encode(), format=ox.RdfFormat.N_QUADS))
    assert quad.object.value == value
    assert len(terms.lines(line)) == 1


@given(ANY_TEXT)
def test_a_literal_reads_back_unchanged_from_sparql(value: str) -> None:
    store = ox.Store()
    store.update(f"INSERT DATA {{ GRAPH <http://e.org/g> {{ <http://e.org/s> <http://e.org/p> {terms.literal(value)} }} }}")
    rows = list(store.query(f"SELECT ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o FILTER(?o = {terms.literal(value)}) }} }}"))
    assert [row["o"].value for row in rows] == [value]


@given(st.text(st.sampled_from('"\\{}:ab\u00e9'), max_size=40))
def test_quotes_and_escapes_alone_read_back_unchanged(value: str) -> None:
    """Values like JSON, whose only special characters are quotes and backslashes, take a shorter path."""
    line = f"<http://e.org/s> <http://e.org/p> {terms.literal(value)} <http://e.org/g> .\n"
    (quad,) = list(ox.parse(line.encode(), format=ox.RdfFormat.N_QUADS))
    assert quad.object.value == value


def test_unpaired_surrogates_become_the_replacement_character() -> None:
    assert terms.literal("a\ud800b") == '"a\ufffdb"'


@pytest.mark.parametrize("bad", ["", "relative/path", "http://e.org/a b", "http://e.org/>", 'http://e.org/"',
                                 "http://e.org/{x}", "http://e.org/\n", "http://e.org/\x00", "http://e.org/\\"])
def test_iri_refuses_what_is_not_an_absolute_iri(bad: str) -> None:
    with pytest.raises(terms.TermError):
        terms.iri(bad)


def test_iri_accepts_ordinary_iris_as_they_are() -> None:
    assert terms.iri("http://127.0.0.1:8000/person/laura-pausini") == "<http://127.0.0.1:8000/person/laura-pausini>"
    assert terms.iri("urn:isbn:0451450523") == "<urn:isbn:0451450523>"


def test_language_tags_and_datatypes_are_checked() -> None:
    assert terms.literal("Child labour", lang="en") == '"Child labour"@en'
    with pytest.raises(terms.TermError):
        terms.literal("x", lang="en } ; DROP ALL")
    with pytest.raises(terms.TermError):
        terms.literal("x", datatype="http://e.org/> ; DROP ALL")


def test_values_blocks_bind_every_value() -> None:
    assert terms.values("s", ["http://e.org/a"]) == "VALUES ?s { <http://e.org/a> }"
    assert terms.literal_values("n", ['a"b']) == 'VALUES ?n { "a\\"b" }'
    with pytest.raises(terms.TermError):
        terms.values("s } DROP", ["http://e.org/a"])
