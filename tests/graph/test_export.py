"""Export: every format parses back (with rdflib, not our code) to the same graph, streamed in bounded chunks."""
from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from graph import export, jsonld
from graph.pipeline import Importer, SourceInput
from graph.store import open_store
from graph.store.base import Store

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "ilo-news-2021.txt"
BASE = "http://127.0.0.1:8000/"
RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld", "xml": "xml"}


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def seed_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    url = "memory:" if request.param == "memory" else f"oxigraph:{tmp_path_factory.mktemp('export') / 'db'}"
    store = open_store(url)
    Importer(store, BASE).run([SourceInput(str(SEEDS), SEEDS.read_bytes())])
    yield store
    store.close()


@pytest.fixture(autouse=True)
def lexical_literals(monkeypatch: pytest.MonkeyPatch) -> None:
    """Compare literals as written: rdflib would otherwise rewrite e.g. dateTime lexical forms."""
    monkeypatch.setattr(rdflib, "NORMALIZE_LITERALS", False)


def _exported(store: Store, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    export.write_export(store, fmt, buffer, **options)
    return buffer.getvalue()


def _store_quads(store: Store) -> set[tuple[str, str, str, str]]:
    """What the store holds, read with pyoxigraph from its own N-Quads dump."""
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
            for q in ox.parse(_exported(store, "nq"), format=ox.RdfFormat.N_QUADS)}


def _n3(term: rdflib.term.Node) -> str:
    if isinstance(term, rdflib.Literal) and term.datatype == rdflib.XSD.string:
        return rdflib.Literal(str(term)).n3()
    return term.n3()


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "xml"])
def test_graph_formats_parse_back_to_the_union_of_all_graphs(seed_store: Store, fmt: str) -> None:
    parsed = rdflib.Graph().parse(data=_exported(seed_store, fmt), format=RDFLIB_FORMAT[fmt])
    expected = {(s, p, o) for s, p, o, _ in _store_quads(seed_store)}
    assert {(_n3(s), _n3(p), _n3(o)) for s, p, o in parsed} == expected


@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_dataset_formats_parse_back_to_the_same_named_graphs(seed_store: Store, fmt: str) -> None:
    parsed = rdflib.Dataset().parse(data=_exported(seed_store, fmt), format=RDFLIB_FORMAT[fmt])
    quads = {(_n3(s), _n3(p), _n3(o), _n3(g)) for s, p, o, g in parsed.quads((None, None, None, None))}
    assert quads == _store_quads(seed_store)


def test_seed_export_has_one_named_graph_per_story(seed_store: Store) -> None:
    graphs = {g for *_, g in _store_quads(seed_store)}
    stories = {s for s, p, o, _ in _store_quads(seed_store) if o == "<https://schema.org/NewsArticle>"}
    assert stories and stories <= graphs


def test_jsonld_reads_as_plain_json_with_the_published_context(seed_store: Store) -> None:
    url = BASE + jsonld.CONTEXT_PATH
    document = json.loads(_exported(seed_store, "jsonld", context=url))
    assert document["@context"] == url
    story = next(n for n in document["@graph"] if n.get("type") == "NewsArticle")
    assert isinstance(story["headline"], str)
    assert story["date"][:2] == "20" and story["publishedOn"].startswith(BASE + "date/")


def test_jsonld_with_the_context_url_parses_to_the_same_graph_once_the_context_is_known(seed_store: Store) -> None:
    document = json.loads(_exported(seed_store, "jsonld", context="http://example.invalid/context.jsonld"))
    document["@context"] = jsonld.context_document()["@context"]
    parsed = rdflib.Graph().parse(data=json.dumps(document), format="json-ld")
    assert len(parsed) == len({(s, p, o) for s, p, o, _ in _store_quads(seed_store)})


def test_streamed_export_is_the_same_bytes_in_bounded_chunks(seed_store: Store) -> None:
    chunks = list(export.iter_export(seed_store, "nq", chunk_size=4096, max_chunks=2))
    assert len(chunks) > 3
    assert all(len(c) < 4096 * 2 for c in chunks)
    assert b"".join(chunks) == _exported(seed_store, "nq")


def test_closing_a_stream_early_stops_the_dump_cleanly(seed_store: Store) -> None:
    stream = export.iter_export(seed_store, "ttl", chunk_size=1024, max_chunks=1)
    assert next(stream)
    stream.close()
    assert _exported(seed_store, "ttl")  # the store is still usable


def test_nt_export_keeps_default_graph_triples_intact() -> None:
    store = open_store("memory:")
    store._store.add(ox.Quad(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), ox.NamedNode("http://x/o")))
    store._store.add(ox.Quad(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), ox.Literal("a <b> ."), ox.NamedNode("http://x/g")))
    parsed = {(str(q.subject), str(q.object)) for q in ox.parse(_exported(store, "nt"), format=ox.RdfFormat.N_TRIPLES)}
    assert parsed == {("<http://x/s>", "<http://x/o>"), ("<http://x/s>", '"a <b> ."')}


def test_unknown_format_is_refused_with_the_choices() -> None:
    with pytest.raises(Exception, match="choose one of ttl, nt, nq"):
        export.write_export(open_store("memory:"), "csv", io.BytesIO())


def test_cli_export_writes_the_file(tmp_path: Path) -> None:
    from server.cli import main
    db = tmp_path / "db"
    seeds = Path(__file__).resolve().parents[2] / "seeds" / "ilo-news-2021.txt"
    assert main(["import", "--quiet", "--db", str(db), str(seeds)]) == 0
    out = tmp_path / "graph.nt"
    assert main(["export", "--db", str(db), "--format", "nt", "-o", str(out)]) == 0
    assert len(rdflib.Graph().parse(out, format="nt")) > 100
