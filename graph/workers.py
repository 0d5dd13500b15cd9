"""The import's per-story work that needs no shared state — extraction and the story's own RDF text —
done ahead of resolution, in worker processes for big batches (graph/pipeline.py resolves and writes)."""
from __future__ import annotations

import gc
import multiprocessing
import operator
import os
import pickle
import signal
from collections.abc import Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, fields
from multiprocessing.process import BaseProcess
from typing import Any

from graph import rdf
from graph.extract.construct import builder
from graph.iris import Iris
from graph.records import EntityKind, Field, Mention, MentionExtractor, StoryRecord

# Worker processes only for batches this big: below it, starting the workers and pickling stories
# and their text costs more than the second core saves.
PARALLEL_MIN_STORIES = 4_000
# Input this big may hold that many stories (generated JSON Lines: ~370 bytes a story): its workers are
# started while it is parsed, so that their start-up (~0.7 s: a forkserver, imports, the extractor
# unpickled) overlaps the parse instead of following it.
EARLY_START_BYTES = PARALLEL_MIN_STORIES * 256
_CHUNK = 500
_FIRST_CHUNK = 50
# More workers than this only add start-up and pickling time on the machines we measured.
_MAX_WORKERS = 8
# A worker process's collector (gc.set_threshold). Its long-lived heap is the extractor's tables, and what it makes
# is freed by reference counting at the end of each chunk: Python's default full collections (11 over 20,000
# synthetic stories) walked those tables and freed nothing, 9-10 % of the process's CPU, and young collections
# every 700 allocations took another 3 %. Young ones every 5,000 and full ones 100 times rarer: 2 % in all
# (`python -m bench.extract_speed --collector default` against the default, `worker`).
WORKER_COLLECTOR = (5_000, 10, 1_000)


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

    def prepare(self, todos: list[Todo]) -> Iterator[Prepared]:
        """Each story's mentions and text, in order: by `extract_many` where the extractor has it (graph.extract's
        runs each pass over a few dozen stories at a time, faster), else story by story (stand-ins in tests)."""
        many = getattr(self.extractor, "extract_many", None)
        stories = [todo.story for todo in todos]
        extracted = many(stories) if many is not None else map(self.extractor.extract, stories)
        done = 0
        try:
            for todo, mentions in zip(todos, extracted):
                yield Prepared(mentions, rdf.story_text(self.iris, todo.story, todo.iri, todo.digest, mentions))
                done += 1
        except Exception as exc:
            raise ExtractionError(self._why_failed(todos[done:], exc)) from exc

    def _why_failed(self, todos: list[Todo], exc: Exception) -> str:
        """What the ExtractionError says: the first story (of those not yet prepared) that fails on its own, how,
        and what to do. A bug in the extractor or a store text writer, not in the input: the input was valid."""
        failed, why = todos[0].story if len(todos) == 1 else None, exc
        for todo in todos if failed is None else ():
            try:
                rdf.story_text(self.iris, todo.story, todo.iri, todo.digest, self.extractor.extract(todo.story))
            except Exception as alone:  # noqa: BLE001 - the one to name
                failed, why = todo.story, alone
                break
        where = (f"{failed.source or '<input>'} item {failed.item} ({failed.title[:60]!r})" if failed is not None
                 else _where(todos) if todos else "the input")
        return (f"extraction failed on {where}: {type(why).__name__}: {why}; nothing was imported. This is a bug in "
                "storygraph, not in the input: please report it with that item (STORYGRAPH_DEBUG=1 shows where it "
                "failed); `--skip-invalid` does not skip it")

    def chunk(self, wire: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        return [_prepared_out(prepared) for prepared in self.prepare([_todo_in(item) for item in wire])]


class Workers:
    """The worker processes of one import, started when made (`started`) or on first need, in a
    thread, so that the importer goes on (e.g. parsing) while they start; a context manager that
    ends them."""

    def __init__(self, extractor: MentionExtractor, iris: Iris, *, started: bool = True) -> None:
        self._work = _Work(extractor, iris)
        self._pool: Future[_Pool | None] | None = None
        if started:
            self._start()

    def _start(self) -> Future[_Pool | None]:
        if self._pool is None:
            starter = ThreadPoolExecutor(1, thread_name_prefix="storygraph-workers")
            self._pool = starter.submit(_new_pool, self._work)
            starter.shutdown(wait=False)
        return self._pool

    def prepare_all(self, todos: list[Todo]) -> Iterator[Prepared]:
        """Each story prepared, in order: by the workers for big batches, else by this process.
        Raises WorkerError when a worker process dies (killed, out of memory, crashed)."""
        pool = self._start().result() if len(todos) >= PARALLEL_MIN_STORIES else None
        if pool is None:
            yield from self._work.prepare(todos)
            return
        bounds = list(_bounds(len(todos)))
        chunks = [[_todo_out(todo) for todo in todos[i:j]] for i, j in bounds]
        try:
            for prepared in pool.executor.map(_prepare_chunk, range(len(chunks)), chunks):
                yield from map(_prepared_in, prepared)
        except BrokenProcessPool as exc:
            raise WorkerError(pool.why_broken(exc, [todos[i:j] for i, j in bounds])) from None

    def close(self) -> None:
        """End the worker processes: now, or as soon as they have started (an import with little new to
        extract does not wait for workers it started early)."""
        if self._pool is not None and self._pool is not _NO_POOL:
            self._pool.add_done_callback(_end_pool)
            self._pool = _NO_POOL

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _bounds(total: int) -> Iterator[tuple[int, int]]:
    """Chunks of `total` stories: small ones first, so that the importer starts resolving (and the
    store loading) within milliseconds instead of waiting for a whole first chunk, then `_CHUNK`."""
    start, size = 0, _FIRST_CHUNK
    while start < total:
        yield start, min(start + size, total)
        start, size = start + size, min(size * 2, _CHUNK)


@dataclass(frozen=True)
class _Pool:
    """An import's worker processes. A ProcessPoolExecutor, not multiprocessing.Pool: when a worker dies
    (killed, out of memory, a crash in C code) the executor fails the chunks still to come
    (BrokenProcessPool) and ends the other workers, where Pool started a new worker and waited for ever
    for the lost chunk (and its terminate() can wait for ever too, for a lock the dead worker held)."""

    executor: ProcessPoolExecutor
    # The executor's own {pid: process}, which it keeps private (Python 3.14 adds terminate_workers()):
    # read to say which worker died and how, and to end them at once rather than after their chunk.
    processes: Mapping[int, BaseProcess]
    # Two numbers a worker, written by it: its pid, and the number + 1 of the chunk it is on (0 between chunks).
    doing: Any

    def why_broken(self, exc: BrokenProcessPool, chunks: list[list[Todo]]) -> str:
        """What the WorkerError says: which worker died, how, and on which stories."""
        ended = [p for p in list(self.processes.values()) if p.exitcode is not None]
        # Once one has died the executor ends the others (SIGTERM): the first did not end that way, or not only.
        dead = next((p for p in ended if p.exitcode != -signal.SIGTERM), ended[0] if ended else None)
        if dead is None:
            return f"an import worker process failed ({exc}); nothing was imported"
        doing = self.doing.get_obj()
        chunk = next((doing[i + 1] for i in range(0, len(doing), 2) if doing[i] == dead.pid), 0)
        stories = f" while extracting stories {_where(chunks[chunk - 1])}" if 0 < chunk <= len(chunks) else ""
        return f"worker process {dead.pid} {_how_ended(dead.exitcode or 0)}{stories}; nothing was imported"

    def end(self) -> None:
        """End the workers now, even mid-chunk (an import that failed or was interrupted), and wait for them."""
        self.executor.shutdown(wait=False, cancel_futures=True)
        processes = list(self.processes.values())
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(_END_SECONDS)


def _how_ended(code: int) -> str:
    if code >= 0:
        return f"exited with code {code}"
    try:
        name = signal.Signals(-code).name
    except ValueError:
        name = "an unknown signal"
    hint = "; out of memory?" if -code == signal.SIGKILL else ""
    return f"was killed by signal {-code} ({name}{hint})"


def _where(todos: list[Todo]) -> str:
    """Where a chunk's stories came from: "corpus.jsonl items 4001-4500" (or "a.jsonl item 9 to b.jsonl item 40")."""
    first, last = todos[0].story, todos[-1].story
    if first.source == last.source:
        return f"{first.source or '<input>'} items {first.item}-{last.item}"
    return f"{first.source or '<input>'} item {first.item} to {last.source or '<input>'} item {last.item}"


# Workers ended (SIGTERM) are gone in milliseconds: this only bounds the wait for one that is stuck in C code.
_END_SECONDS = 5.0

_NO_POOL: Future[_Pool | None] = Future()
_NO_POOL.set_result(None)


def _end_pool(started: Future[_Pool | None]) -> None:
    pool = started.result() if started.exception() is None else None
    if pool is not None:
        pool.end()


def _new_pool(work: _Work) -> _Pool | None:
    """Worker processes for `work`, or None when one process must do it (one core, or an extractor
    that cannot be pickled)."""
    workers = min(os.cpu_count() or 1, _MAX_WORKERS)
    state = _pickled(work) if workers > 1 else None
    if state is None:
        return None
    # Not fork: the store's RocksDB threads make forking this process unsafe.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    doing = context.Array("q", 2 * workers)
    executor = ProcessPoolExecutor(workers, context, initializer=_start_worker, initargs=(state, doing))
    # The executor starts a process for each task given while none is idle: started now, all of them, not at the first chunk.
    for _ in range(workers):
        executor.submit(int)
    return _Pool(executor, executor._processes, doing)


_worker: _Work | None = None
# Why this worker process could not start, told by the first chunk it is given: an initializer that raised would
# break the pool with no reason given (and made multiprocessing.Pool start a new worker in its place, for ever).
_not_started: str | None = None
# Where this worker says which chunk it is on (_Pool.doing), if it found a place there.
_doing: Any = None
_chunk_at = -1


class WorkerError(RuntimeError):
    """A worker process could not prepare stories (the import then fails whole, as for any other error)."""


class ExtractionError(RuntimeError):
    """The extractor (or a story's RDF text) raised on a valid story: a bug, reported with the story (the import
    then fails whole). Raised alike in this process and in a worker, whose executor hands it back pickled."""


def _pickled(work: _Work) -> bytes | None:
    """The work for worker processes, or None when the extractor cannot be pickled (then one process does it)."""
    try:
        return pickle.dumps(work, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return None


def collect_as_worker() -> None:
    """Set this process's cyclic collector as a worker's (WORKER_COLLECTOR): for processes that only prepare stories."""
    gc.set_threshold(*WORKER_COLLECTOR)


def _start_worker(state: bytes, doing: Any) -> None:
    global _worker, _not_started, _doing, _chunk_at
    collect_as_worker()
    with doing.get_lock():
        _doing = doing.get_obj()
        free = next((i for i in range(0, len(_doing), 2) if _doing[i] == 0), None)
        if free is not None:
            _doing[free], _chunk_at = os.getpid(), free + 1
    try:
        _worker = pickle.loads(state)
    except Exception as exc:  # noqa: BLE001 - raised here, it would restart workers for ever (see _not_started)
        _not_started = f"{type(exc).__name__}: {exc}"


def _prepare_chunk(number: int, wire: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    if _worker is None:
        raise WorkerError(f"an import worker process could not load the extractor ({_not_started}); "
                          "nothing was imported")
    if _chunk_at < 0:
        return _worker.chunk(wire)
    _doing[_chunk_at] = number + 1
    try:
        return _worker.chunk(wire)
    finally:
        _doing[_chunk_at] = 0


# Between processes records travel as tuples of plain values: pickling a frozen slotted dataclass runs
# Python code per object (dataclasses' __getstate__/__setstate__), and an enum member is rebuilt by a
# call; for ~10 mentions a story that cost the importing process more than resolving them.
_STORY_FIELDS = tuple(f.name for f in fields(StoryRecord))
_story_values = operator.attrgetter(*_STORY_FIELDS)
_new_story = builder(StoryRecord)
_MENTION_FIELDS = tuple(f.name for f in fields(Mention))
_new_mention = builder(Mention)
_KIND = {kind.value: kind for kind in EntityKind}
_FIELD = {field.value: field for field in Field}
_new_text = builder(rdf.StoryText)
_text_values = operator.attrgetter(*(f.name for f in fields(rdf.StoryText)))
assert _MENTION_FIELDS == ("kind", "text", "field", "start", "end", "method", "confidence", "name", "key", "role",
                          "affiliation"), "_prepared_out sends a Mention's fields in this order"


def _todo_out(todo: Todo) -> tuple[Any, ...]:
    return todo.iri, todo.digest, _story_values(todo.story)


def _todo_in(wire: tuple[Any, ...]) -> Todo:
    iri, digest, story = wire
    return Todo(iri, _new_story(*story), digest)


def _prepared_out(prepared: Prepared) -> tuple[Any, ...]:
    # `_value_`, not `value`: an Enum's `value` is a Python property, and this runs for every mention.
    mentions = [(m.kind._value_, m.text, m.field._value_, m.start, m.end, m.method, m.confidence, m.name, m.key,
                 m.role, m.affiliation) for m in prepared.mentions]
    return mentions, _text_values(prepared.text)


def _prepared_in(wire: tuple[Any, ...]) -> Prepared:
    mentions, text = wire
    kinds, field_of = _KIND, _FIELD
    return Prepared([_new_mention(kinds[k], t, field_of[f], *rest) for k, t, f, *rest in mentions], _new_text(*text))
