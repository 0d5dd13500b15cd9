"""The store interface every backend implements: SPARQL reads, atomic graph writes, dumps."""
from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, BinaryIO

import pyoxigraph as ox

if TYPE_CHECKING:
    from graph.results import QueryLimits

Row = tuple[str | None, ...]
_WRITER_INIT = threading.Lock()


@dataclass(frozen=True, slots=True)
class Write:
    """One atomic change: drop whole graphs, run SPARQL deletes, then add N-Quads.

    `new_nquads` holds only quads of `new_graphs` (graphs that did not exist before) and of
    `new_subjects` (entities first described by this change): a backend may bulk-load them
    and, after a crash, roll them back by name. Everything else goes in `nquads`. `after`
    holds SPARQL updates run last, in the same transaction (e.g. removing orphaned entities).
    """

    drop_graphs: tuple[str, ...] = ()
    delete: tuple[str, ...] = ()
    nquads: str = ""
    new_nquads: str = ""
    new_graphs: tuple[str, ...] = ()
    new_subjects: tuple[str, ...] = ()
    after: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.drop_graphs or self.delete or self.nquads or self.new_nquads)

    def adding(self, batches: Sequence[NewQuads]) -> Write:
        """This change with `batches` added to its new quads."""
        return replace(self, new_nquads="".join(b.nquads for b in batches) + self.new_nquads,
                       new_graphs=tuple(g for b in batches for g in b.graphs) + self.new_graphs,
                       new_subjects=tuple(s for b in batches for s in b.subjects) + self.new_subjects)


@dataclass(frozen=True, slots=True)
class NewQuads:
    """A batch of new quads for `Store.write_stream`: `nquads` holds only quads of `graphs` (graphs
    that did not exist before) and about `subjects` (entities first described by this change)."""

    graphs: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    nquads: str = ""


@dataclass(frozen=True, slots=True)
class RemoteOptions:
    """What a remote engine needs besides its URL: an account allowed to write, and its row cap when
    it does not announce it. The password is kept out of repr()."""

    user: str | None = None
    password: str | None = field(default=None, repr=False)
    max_rows: int | None = None


def union_triples(quads: Iterable[ox.Quad]) -> Iterator[ox.Triple]:
    """The union graph of quads with each triple once.

    A triple about a graph's own subject (the story, or its `#` fragments such as mentions) is
    in that graph only; any other (an entity's description, a fact two stories state) may be in
    several, so those are remembered: memory grows with the entity facts, not with the stories.
    """
    seen: set[ox.Triple] = set()
    for quad in quads:
        triple = quad.triple
        graph, subject = quad.graph_name, triple.subject
        if isinstance(graph, ox.NamedNode) and isinstance(subject, ox.NamedNode) and (
                subject.value == graph.value or subject.value.startswith(graph.value + "#")):
            yield triple
        elif triple not in seen:
            seen.add(triple)
            yield triple


class Store(ABC):
    """A quad store holding one named graph per story, plus the entities and meta graphs."""

    url: str = ""
    _writer: threading.Lock | None = None

    @property
    def writer(self) -> threading.Lock:
        """Held by whoever reads the version, plans and writes a change: two imports through one Store
        object (the server's API imports run in threads) must not plan from the same version."""
        if self._writer is None:
            with _WRITER_INIT:
                if self._writer is None:
                    self._writer = threading.Lock()
        return self._writer

    @property
    def writing(self) -> bool:
        """Whether a write through this Store object is in progress (its `writer` is held)."""
        return self._writer is not None and self._writer.locked()

    def settle(self) -> None:
        """Wait until the write in progress through this Store object, if any, has finished."""
        if self.writing:
            with self.writer:
                pass

    @abstractmethod
    def select(self, sparql: str) -> list[Row]:
        """Run a SELECT; each row holds the bindings' lexical values (IRIs without brackets) in order."""

    @abstractmethod
    def ask(self, sparql: str) -> bool:
        """Run an ASK query."""

    @abstractmethod
    def query_bytes(self, sparql: str, result_format: str, *, limits: QueryLimits | None = None,
                    jsonld_context: str | None = None) -> tuple[bytes, str]:
        """Run any query and serialize its result: 'json'|'xml'|'csv'|'tsv' for solutions,
        'ttl'|'nt'|'jsonld'|'xml' for graphs, within `limits` (time, rows). Returns (body, media type)."""

    @abstractmethod
    def write(self, change: Write) -> None:
        """Apply one change atomically: after a crash, either all of it is visible or none."""

    def write_stream(self, new: Iterable[NewQuads], rest: Callable[[], Write]) -> None:
        """Apply one change atomically whose new quads arrive in batches while they are being made.

        `rest` is called once, after `new` is exhausted, for the remainder of the change (changed
        graphs, deletes, ...). An exception raised by `new` or `rest` propagates and leaves the store
        as it was. This default gathers everything and calls `write`; a backend may store batches
        as they come, so that storing overlaps making them.
        """
        batches = list(new)
        change = rest().adding(batches)
        if not change.empty:
            self.write(change)

    @abstractmethod
    def dump(self, output: BinaryIO, rdf_format: str) -> None:
        """Serialize the whole dataset ('nq', 'trig') or its union graph ('nt', 'ttl', 'xml', 'jsonld')."""

    @abstractmethod
    def quad_count(self) -> int:
        """Number of quads in the dataset."""

    def close(self) -> None:  # noqa: B027 - a backend with nothing to release need not override it
        """Release files, locks and connections."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
