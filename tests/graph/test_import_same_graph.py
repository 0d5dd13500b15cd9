"""The fast import writes the graph the plain mapping describes: the same quads and export segments
whether stories are prepared in worker processes or in the importer, and evidence literals that are
exactly the JSON of their spans."""
from __future__ import annotations

import gc
import json
import multiprocessing
import operator
import threading
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from bench import generate
from graph import pipeline, rdf, segments, sources, workers
from graph.extract import Extractor
from graph.iris import Iris
from graph.pipeline import Importer, SourceInput
from graph.read import GraphReader
from graph.resolve import Resolver
from graph.store.oxigraph import OxigraphStore

BASE = "http://example.org/"
STORIES = 1_200  # three chunks of worker input


def _import(db: Path, data: bytes) -> tuple[list[str], list[bytes]]:
    """(the store's quads but the meta graph's version and time, sorted; the segment files' lines, sorted)."""
    store = OxigraphStore(db)
    try:
        summary = Importer(store, BASE, Extractor()).run([SourceInput("corpus.jsonl", data)])
        assert summary.added == STORIES
        meta = f"<{Iris(BASE).meta_graph}>"
        dump = ox.serialize(store._store.quads_for_pattern(None, None, None, None), format=ox.RdfFormat.N_QUADS)
        quads = sorted(line for line in dump.decode().splitlines() if not line.endswith(meta + " ."))
    finally:
        store.close()
    segments = Path(f"{db}.segments")
    lines = sorted(line for path in segments.iterdir() if path.suffix in (".nq", ".nt")
                   for line in path.read_bytes().splitlines())
    return quads, lines


def test_worker_processes_write_the_same_quads_and_segments_as_one_process(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    data = generate.corpus(STORIES, "jsonl").encode()
    monkeypatch.setattr(workers, "PARALLEL_MIN_STORIES", STORIES + 1)
    alone = _import(tmp_path / "alone", data)
    monkeypatch.setattr(workers, "PARALLEL_MIN_STORIES", 1)
    parallel = _import(tmp_path / "parallel", data)
    assert len(alone[0]) > 20 * STORIES and alone[1]
    assert parallel == alone
    monkeypatch.setattr(pipeline, "EARLY_START_BYTES", 0)  # the workers start while the input is parsed
    assert _import(tmp_path / "early", data) == alone


def test_workers_started_early_and_not_needed_are_ended(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = generate.corpus(300, "jsonl").encode()
    store = OxigraphStore(tmp_path / "db")
    pools: list[Any] = []
    ended = threading.Event()

    def new_pool(work: Any) -> Any:
        pools.append(new(work))
        return pools[-1]

    def end_pool(started: Any) -> None:
        end(started)
        ended.set()
    new, end = workers._new_pool, workers._end_pool
    try:
        Importer(store, BASE, Extractor()).run([SourceInput("corpus.jsonl", data)])
        monkeypatch.setattr(pipeline, "EARLY_START_BYTES", 0)
        monkeypatch.setattr(workers, "_new_pool", new_pool)
        monkeypatch.setattr(workers, "_end_pool", end_pool)
        again = Importer(store, BASE, Extractor()).run([SourceInput("corpus.jsonl", data)])
    finally:
        store.close()
    assert again.unchanged == 300 and again.added == 0
    assert ended.wait(timeout=120)
    assert len(pools) == 1 and pools[0] is not None
    # shut down, or, when its thread saw the ended workers first, broken: either way it takes no more work
    with pytest.raises(RuntimeError, match="shutdown|terminated abruptly"):
        pools[0].executor.submit(int)
    assert pools[0].processes and not any(process.is_alive() for process in pools[0].processes.values())


class _Unloadable(Extractor):
    """Pickles, but cannot be unpickled: loading it in a worker process raises ZeroDivisionError."""

    def __reduce__(self) -> tuple[Any, ...]:
        return operator.truediv, (1, 0)


def test_a_worker_that_cannot_load_the_extractor_fails_the_import_whole_instead_of_hanging(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # multiprocessing.Pool replaces a worker whose initializer raised, for ever: the import waited for ever.
    monkeypatch.setattr(workers, "PARALLEL_MIN_STORIES", 1)
    store = OxigraphStore(tmp_path / "db")
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            Importer(store, BASE, _Unloadable()).run([SourceInput("corpus.jsonl", generate.corpus(200, "jsonl").encode())])
            outcome.append(None)
        except BaseException as exc:  # noqa: BLE001 - handed to the test's thread
            outcome.append(exc)
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=120)
    try:
        assert outcome, "the import still waits for its workers after 120 s"
        assert isinstance(outcome[0], workers.WorkerError)
        assert "ZeroDivisionError" in str(outcome[0]) and "nothing was imported" in str(outcome[0])
        assert GraphReader(store, BASE).story_count() == 0
    finally:
        store.close()


def test_evidence_literals_are_the_json_of_each_links_spans() -> None:
    iris, resolver, extractor = Iris(BASE), Resolver(BASE), Extractor()
    checked = 0
    for story in sources.parse(generate.corpus(300, "jsonl").encode(), "jsonl", source="c.jsonl").stories:
        iri = iris.story(story)
        resolved = resolver.resolve(story, iri, extractor.extract(story))
        expected: dict[str, list[list[object]]] = {}
        for link in resolved.links:
            m = link.mention
            if m.method != "metadata":
                c = round(m.confidence, 3)
                expected.setdefault(link.entity.iri, []).append(
                    [m.field.value, m.start, m.end, m.method, int(c) if c.is_integer() else c])
        graph = ox.Dataset(ox.parse(rdf.story_nquads(iris, resolved, "hash").encode(), ox.RdfFormat.N_QUADS))
        found = {}
        for quad in graph.quads_for_subject(ox.NamedNode(iri)):
            if quad.predicate.value == rdf.EVIDENCE:
                value = quad.object.value
                assert quad.object.datatype.value == rdf.RDF_JSON
                found[json.loads(value)["entity"]] = value
        assert found == {e: json.dumps({"entity": e, "spans": spans}, ensure_ascii=False, separators=(",", ":"))
                         for e, spans in expected.items()}
        checked += len(found)
    assert checked > 3 * 300


def test_a_story_graph_made_in_two_parts_gives_the_segment_files_of_the_whole() -> None:
    iris, resolver, extractor = Iris(BASE), Resolver(BASE), Extractor()
    with_facts = 0
    for story in sources.parse(generate.corpus(300, "jsonl").encode(), "jsonl", source="c.jsonl").stories:
        iri = iris.story(story)
        mentions = extractor.extract(story)
        resolved = resolver.resolve(story, iri, mentions)
        own, facts = rdf.story_graph(rdf.story_text(iris, story, iri, "hash", mentions), resolved.links, resolved.relations)
        assert own + facts == rdf.story_nquads(iris, resolved, "hash")
        assert segments.split_files(iri, own.encode(), facts.encode()) == segments.graph_files(iri, (own + facts).encode())
        with_facts += bool(facts)
    assert with_facts > 10


def test_a_worker_process_collects_garbage_as_a_worker_and_leaves_the_importers_collector_alone() -> None:
    before = gc.get_threshold()
    state = workers._pickled(workers._Work(Extractor(), Iris(BASE)))
    assert state is not None
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with context.Pool(1, workers._start_worker, (state, context.Array("q", 2))) as pool:
        assert pool.apply(gc.get_threshold) == workers.WORKER_COLLECTOR != before
    assert gc.get_threshold() == before
