"""How many Graph Store writes an import keeps in flight: the engine's safe default, or the `writes=N` asked for.

Virtuoso 7.2 crashed now and then (glibc: "malloc(): unaligned tcache chunk detected") under four
concurrent PUTs of story graphs, so an import writes to it one graph at a time unless told
otherwise; other engines get four (bench/RESULTS.md, "Writes in flight").
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from graph.pipeline import Importer, SourceInput
from graph.read import GraphReader
from graph.records import StoreError
from graph.store import open_store
from graph.store.sparql import SparqlStore

pytestmark = pytest.mark.e2e
SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "ilo-news-2021.txt"
BASE = "http://testserver/"


def _with_writes(url: str, writes: int | None) -> str:
    if writes is None:
        return url
    return f"{url}{'&' if '?' in url else '?'}writes={writes}"


def _import_counting_writes_in_flight(store: SparqlStore) -> int:
    """Import the seeds; the most Graph Store writes that were in flight at once."""
    lock = threading.Lock()
    now, most = 0, 0
    put = store._put_graph

    def counting(graph: str, triples: list[str], method: str = "PUT") -> None:
        nonlocal now, most
        with lock:
            now += 1
            most = max(most, now)
        try:
            put(graph, triples, method)
        finally:
            with lock:
                now -= 1

    store._put_graph = counting  # type: ignore[method-assign]
    Importer(store, BASE).run([SourceInput(str(SEEDS), SEEDS.read_bytes())])
    return most


@pytest.mark.parametrize(("engine", "expected"), [("sparql", 4), ("virtuoso", 1)])
def test_an_engine_gets_its_own_default_number_of_writes(store_url_factory: Callable[[str], str], engine: str,
                                                         expected: int) -> None:
    store = open_store(store_url_factory(engine))
    try:
        assert isinstance(store, SparqlStore) and store.writes_in_flight() == expected
    finally:
        store.close()


def test_an_import_into_virtuoso_writes_one_graph_at_a_time_by_default(store_url_factory: Callable[[str], str]) -> None:
    store = open_store(store_url_factory("virtuoso"))
    try:
        assert isinstance(store, SparqlStore)
        assert _import_counting_writes_in_flight(store) == 1
        assert GraphReader(store, BASE).story_count() == 20
    finally:
        store.close()


@pytest.mark.parametrize(("engine", "writes"), [("sparql", 1), ("sparql", 2), ("virtuoso", 2)])
def test_an_import_keeps_at_most_the_writes_asked_for_in_flight(store_url_factory: Callable[[str], str], engine: str,
                                                                writes: int) -> None:
    store = open_store(_with_writes(store_url_factory(engine), writes))
    try:
        assert isinstance(store, SparqlStore) and store.writes_in_flight() == writes
        assert 1 <= _import_counting_writes_in_flight(store) <= writes
        assert GraphReader(store, BASE).story_count() == 20
    finally:
        store.close()


def test_the_writes_parameter_is_no_part_of_the_query_url(store_url_factory: Callable[[str], str]) -> None:
    store = open_store(_with_writes(store_url_factory("sparql"), 3))
    try:
        assert isinstance(store, SparqlStore) and "writes" not in store.query_url
        assert store.select("SELECT (1 AS ?one) WHERE {}") == [("1",)]
    finally:
        store.close()


@pytest.mark.parametrize("value", ["0", "-1", "four", ""])
def test_a_writes_value_that_is_not_a_positive_number_is_refused(value: str) -> None:
    with pytest.raises(StoreError, match="writes="):
        open_store(f"sparql:http://127.0.0.1:9/query?writes={value}")
