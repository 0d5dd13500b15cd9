"""The store interface every backend implements: SPARQL reads, atomic graph writes, dumps."""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from graph.results import QueryLimits

Row = tuple[str | None, ...]


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


class Store(ABC):
    """A quad store holding one named graph per story, plus the entities and meta graphs."""

    url: str = ""

    @abstractmethod
    def select(self, sparql: str) -> list[Row]:
        """Run a SELECT; each row holds the bindings' lexical values (IRIs without brackets) in order."""

    @abstractmethod
    def ask(self, sparql: str) -> bool:
        """Run an ASK query."""

    @abstractmethod
    def query_bytes(self, sparql: str, result_format: str, *, limits: "QueryLimits | None" = None,
                    jsonld_context: str | None = None) -> tuple[bytes, str]:
        """Run any query and serialize its result: 'json'|'xml'|'csv'|'tsv' for solutions,
        'ttl'|'nt'|'jsonld'|'xml' for graphs, within `limits` (time, rows). Returns (body, media type)."""

    @abstractmethod
    def write(self, change: Write) -> None:
        """Apply one change atomically: after a crash, either all of it is visible or none."""

    @abstractmethod
    def dump(self, output: BinaryIO, rdf_format: str) -> None:
        """Serialize the whole dataset ('nq', 'trig') or its union graph ('nt', 'ttl', 'xml', 'jsonld')."""

    def iter_dump(self, rdf_format: str, chunk_size: int = 1 << 16) -> Iterator[bytes]:
        """The dump as chunks, for streaming responses."""
        import io
        buffer = io.BytesIO()
        self.dump(buffer, rdf_format)
        view = buffer.getbuffer()
        for start in range(0, len(view), chunk_size):
            yield bytes(view[start:start + chunk_size])

    @abstractmethod
    def quad_count(self) -> int:
        """Number of quads in the dataset."""

    def close(self) -> None:
        """Release files, locks and connections."""
