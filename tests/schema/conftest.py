"""Fixtures: a small graph imported from a listing written here, with a word-list extractor, and a query runner."""
from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from graph.network import NetworkView
from graph.pipeline import Importer, SourceInput
from graph.read import GraphReader
from graph.records import EntityKind, Field, Mention, StoryRecord
from graph.search import SearchIndex
from graph.store import open_store
from graph.store.base import Store
from schema.context import Context
from schema.schema import schema

BASE = "http://sg.test/"

# Who/what each story names; the extractor below finds exactly these, so answers do not depend on
# the real extractor's progress.
NAMES = {
    "Laura Pausini": EntityKind.PERSON,
    "AR Rahman": EntityKind.PERSON,
    "Guy Ryder": EntityKind.PERSON,
    "Sophia Loren": EntityKind.PERSON,
    "Music Against Child Labour Initiative": EntityKind.CAMPAIGN,
    "ILO": EntityKind.ORGANIZATION,
    "Jordan": EntityKind.PLACE,
    "São Paulo": EntityKind.PLACE,
    "child labour": EntityKind.THEME,
}

LISTING = """\
1. Laura Pausini: Education and music empowers children

    10 March 2021

    The Music Against Child Labour Initiative's song competition will be judged by Laura Pausini.

2. AR Rahman joins the fight against child labour

    10 February 2021

    AR Rahman supports the Music Against Child Labour Initiative with the ILO.

3. Guy Ryder on social justice

    19 February 2021

    ILO Director-General Guy Ryder speaks about child labour in Jordan.

4. Sophia Loren on women at work

    08 March 2021

    Sophia Loren calls for social security in São Paulo.

5. Jordan and the ILO

    17 December 2020

    The ILO opens an office in Jordan.
"""


class WordListExtractor:
    """Finds the surface forms of NAMES, case-sensitively, in title and summary."""

    def extract(self, story: StoryRecord) -> list[Mention]:
        found = []
        for field, text in ((Field.TITLE, story.title), (Field.SUMMARY, story.summary)):
            for name, kind in NAMES.items():
                for match in re.finditer(re.escape(name), text):
                    key = name.replace(" ", "-") if kind is EntityKind.THEME else None
                    found.append(Mention(kind, name, field, match.start(), match.end(), "gazetteer", 0.9, name=name, key=key))
        return found


class CountingStore(Store):
    """Wraps a store and counts SELECT queries, to prove the API's reads are batched."""

    def __init__(self, inner: Store) -> None:
        self.inner = inner
        self.url = inner.url
        self.path = getattr(inner, "path", None)
        self.selects = 0

    def select(self, sparql: str):
        self.selects += 1
        return self.inner.select(sparql)

    def ask(self, sparql: str) -> bool:
        return self.inner.ask(sparql)

    def query_bytes(self, sparql: str, result_format: str):
        return self.inner.query_bytes(sparql, result_format)

    def write(self, change) -> None:
        self.inner.write(change)

    def dump(self, output, rdf_format: str) -> None:
        self.inner.dump(output, rdf_format)

    def quad_count(self) -> int:
        return self.inner.quad_count()


def import_listing(store: Store, text: str, name: str = "test-listing.txt") -> None:
    Importer(store, BASE, extractor=WordListExtractor()).run([SourceInput(name, text.encode())])


@pytest.fixture
def store(tmp_path) -> Iterator[CountingStore]:
    inner = open_store("memory:")
    import_listing(inner, LISTING)
    yield CountingStore(inner)
    inner.close()


@pytest.fixture
def reader(store: CountingStore) -> GraphReader:
    return GraphReader(store, BASE)


@pytest.fixture
def run(reader: GraphReader, tmp_path) -> Callable[..., dict[str, Any]]:
    """`run(query, **variables)` executes in-process with shared derived views, like the server does."""
    network, search = NetworkView(reader), SearchIndex(reader, tmp_path / "search.sqlite")

    def execute(query: str, *, expect_errors: bool = False, **variables: Any) -> dict[str, Any]:
        context = Context(reader=reader, network_view=network, search_index=search)
        result = asyncio.run(schema.execute(query, variable_values=variables, context_value=context))
        if expect_errors:
            assert result.errors, result.data
            return {"errors": [e.message for e in result.errors], "data": result.data}
        assert not result.errors, [e.message for e in result.errors]
        return result.data
    execute.network = network
    execute.search = search
    return execute
