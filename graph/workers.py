"""The import's per-story work that needs no shared state — extraction and the story's own RDF text —
done ahead of resolution, in worker processes for big batches (graph/pipeline.py resolves and writes)."""
from __future__ import annotations

import multiprocessing
import os
import pickle
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from graph import rdf
from graph.iris import Iris
from graph.records import Mention, MentionExtractor, StoryRecord

# Worker processes only for batches this big: below it, starting the workers and pickling stories
# and their text costs more than the second core saves.
PARALLEL_MIN_STORIES = 4_000
_CHUNK = 500
# More workers than this only add start-up and pickling time on the machines we measured.
_MAX_WORKERS = 8


@dataclass(frozen=True, slots=True)
class Todo:
    """A story to write: its IRI and content hash (both decided by the importer first)."""

    iri: str
    story: StoryRecord
    digest: str


@dataclass(frozen=True, slots=True)
class Prepared:
    """A story's mentions and the RDF text that needs no entity IRI."""

    mentions: list[Mention]
    text: rdf.StoryText


class _Work:
    """What one process (the importer's or a worker) needs to prepare stories."""

    def __init__(self, extractor: MentionExtractor, iris: Iris) -> None:
        self.extractor, self.iris = extractor, iris

    def prepare(self, todo: Todo) -> Prepared:
        mentions = self.extractor.extract(todo.story)
        return Prepared(mentions, rdf.story_text(self.iris, todo.story, todo.iri, todo.digest, mentions))

    def chunk(self, todos: Sequence[Todo]) -> list[Prepared]:
        return [self.prepare(todo) for todo in todos]


def prepare_all(extractor: MentionExtractor, iris: Iris, todos: list[Todo]) -> Iterator[Prepared]:
    """Each story prepared, in order; big batches are split over worker processes."""
    work = _Work(extractor, iris)
    workers = min(os.cpu_count() or 1, _MAX_WORKERS)
    state = _pickled(work) if len(todos) >= PARALLEL_MIN_STORIES and workers > 1 else None
    if state is None:
        yield from map(work.prepare, todos)
        return
    # Not fork: the store's RocksDB threads make forking this process unsafe.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    chunks = [todos[i:i + _CHUNK] for i in range(0, len(todos), _CHUNK)]
    with multiprocessing.get_context(method).Pool(workers, _start_worker, (state,)) as pool:
        for prepared in pool.imap(_prepare_chunk, chunks):
            yield from prepared


_worker: _Work | None = None


def _pickled(work: _Work) -> bytes | None:
    """The work for worker processes, or None when the extractor cannot be pickled (then one process does it)."""
    try:
        return pickle.dumps(work, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return None


def _start_worker(state: bytes) -> None:
    global _worker
    _worker = pickle.loads(state)


def _prepare_chunk(todos: list[Todo]) -> list[Prepared]:
    assert _worker is not None
    return _worker.chunk(todos)
