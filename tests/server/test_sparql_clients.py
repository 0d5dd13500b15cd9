"""Clients we did not write (SPARQLWrapper, rdflib's SPARQLStore) against the endpoint served by real uvicorn."""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib

from graph.pipeline import Importer, SourceInput
from graph.store import open_store
from server.app import create_app
from server.settings import Settings

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "ilo-news-2021.txt"
STORIES = "SELECT ?s ?title WHERE { ?s a <https://schema.org/NewsArticle> ; <https://schema.org/headline> ?title }"


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    """/sparql of the app over the seeds, served by uvicorn on a free 127.0.0.1 port."""
    import uvicorn
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    store = open_store("memory:")
    Importer(store, base).run([SourceInput(str(SEEDS), SEEDS.read_bytes())])
    server = uvicorn.Server(uvicorn.Config(create_app(Settings(store_url="memory:", base=base), store=store),
                                           host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        threading.Event().wait(0.02)
    yield base + "sparql"
    server.should_exit = True
    thread.join(timeout=10)


def test_sparqlwrapper_select_as_json(endpoint: str) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper
    client = SPARQLWrapper(endpoint)
    client.setQuery(STORIES)
    client.setReturnFormat(JSON)
    assert len(client.query().convert()["results"]["bindings"]) == 20


def test_sparqlwrapper_post_select_as_xml(endpoint: str) -> None:
    from SPARQLWrapper import POST, XML, SPARQLWrapper
    client = SPARQLWrapper(endpoint)
    client.setMethod(POST)
    client.setQuery(STORIES)
    client.setReturnFormat(XML)
    assert len(client.query().convert().getElementsByTagName("result")) == 20


def test_sparqlwrapper_construct_as_turtle(endpoint: str) -> None:
    from SPARQLWrapper import TURTLE, SPARQLWrapper
    client = SPARQLWrapper(endpoint)
    client.setQuery("CONSTRUCT { ?s <https://schema.org/headline> ?t } WHERE { ?s <https://schema.org/headline> ?t }")
    client.setReturnFormat(TURTLE)
    graph = rdflib.Graph().parse(data=client.query().convert(), format="turtle")
    assert len(graph) == 20


def test_sparqlwrapper_update_is_refused(endpoint: str) -> None:
    from SPARQLWrapper import POST, SPARQLWrapper
    from urllib.error import HTTPError
    client = SPARQLWrapper(endpoint, updateEndpoint=endpoint)
    client.setMethod(POST)
    client.setQuery("INSERT DATA { <http://x/s> <http://x/p> <http://x/o> }")
    with pytest.raises(Exception) as caught:
        client.query()
    cause = caught.value if isinstance(caught.value, HTTPError) else caught.value.__cause__ or caught.value
    assert "403" in str(cause) or "read-only" in str(cause) or "Forbidden" in str(cause)


def test_rdflib_sparqlstore_reads_the_graph(endpoint: str) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore
    graph = rdflib.Graph(store=SPARQLStore(endpoint, returnFormat="json"))
    rows = list(graph.query(STORIES))
    assert len(rows) == 20 and all(isinstance(title, rdflib.Literal) for _, title in rows)
