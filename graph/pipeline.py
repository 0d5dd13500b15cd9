"""Import orchestration: parse -> extract -> resolve -> one atomic write, with progress and a summary."""
from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field

from graph import rdf, sources
from graph.extract import Extractor
from graph.network import Network, NetworkView, centrality
from graph.network.update import Delta, apply, empty_network
from graph.read import EntityRow, GraphReader, StoryRow
from graph.records import (
    Entity, EntityKind, MentionExtractor, MergeCandidate, ParsedSource, SourceError, SourceProblem, StoryRecord, WriterBusy,
)
from graph.resolve import Resolver
from graph.resolver_cache import kept_for
from graph.search import SearchIndex
from graph.segments import Change as SegmentChange
from graph.segments import Segments, store_graphs_of
from graph.store import Store, Write
from graph.store.base import NewQuads
from graph.workers import EARLY_START_BYTES, Todo, Workers
from graph.iris import Iris, as_iris

Progress = Callable[[int, int], None]
_PROGRESS_EVERY = 500
# New stories' quads go to the store in batches of this many stories (~100 quads each), so that
# storing them overlaps extracting the next ones.
_BATCH_STORIES = 250
# Entity lookups by IRI go to the store this many at a time (one VALUES query each).
_LOOKUP_BATCH = 2_000
_ANY_QUAD = "ASK { ?s ?p ?o }"
log = logging.getLogger("storygraph.import")


@dataclass(slots=True)
class ImportSummary:
    """What one import did, for the command line, the API and the tests."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    duplicates: int = 0
    new_entities: Counter[str] = field(default_factory=Counter)
    merge_candidates: int = 0
    problems: list[SourceProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    version: str = ""  # the graph version the import wrote ("" when it changed nothing)
    # Of `seconds`, after the write committed, bringing the network view and search index to `version`
    # (a write that drops nothing has its network view made while the store loads, before this).
    views_seconds: float = 0.0

    @property
    def stories(self) -> int:
        return self.added + self.updated + self.unchanged


@dataclass(frozen=True, slots=True)
class SourceInput:
    """One input to import: its name for messages and pruning, and its bytes."""

    name: str
    data: bytes


class Importer:
    """Imports sources into a store under a base IRI; reuse one Importer for many imports.

    The import brings the derived views to the version it writes, from what it wrote: the network
    view (with its PageRank) and the search index of the previous version are updated, not rebuilt,
    so the first query after an import is as fast as any other. Give the views a server answers
    from; an on-disk store's kept views are found beside it when none are given.
    """

    def __init__(self, store: Store, base: Iris | str, extractor: MentionExtractor | None = None,
                 network: NetworkView | None = None, search: SearchIndex | None = None) -> None:
        self.store = store
        self.iris = as_iris(base)
        self.extractor: MentionExtractor = extractor or Extractor()
        self.reader = GraphReader(store, self.iris)
        on_disk = getattr(store, "path", None) is not None
        self.network = network if network is not None or not on_disk else NetworkView(self.reader)
        self.search = search if search is not None or not on_disk else SearchIndex(self.reader)
        # What the last plan resolved, to keep once its write commits: (resolver, version, entity rows written).
        self._resolved: tuple[Resolver, str, dict[str, EntityRow]] | None = None
        # The network view the last plan made ahead of its write (None: made after the write commits).
        self._network_ahead: Network | None = None

    def parse(self, inputs: Sequence[SourceInput], format: str = "auto", skip_invalid: bool = False) -> tuple[list[ParsedSource], int]:
        """Parse every input first: a bad file stops the import before anything is written."""
        parsed, problems, duplicates = [], [], 0
        for source in inputs:
            try:
                result = sources.parse(source.data, format, source=source.name, skip_invalid=skip_invalid)
            except SourceError as exc:
                problems.extend(exc.problems)
                continue
            result.stories, dropped = sources.deduplicate(result.stories)
            duplicates += dropped
            parsed.append(result)
        if problems:
            raise SourceError(problems)
        return parsed, duplicates

    def run(self, inputs: Sequence[SourceInput], *, format: str = "auto", skip_invalid: bool = False,
            prune: bool = False, progress: Progress | None = None, wait: float | None = None) -> ImportSummary:
        """Import all inputs as one atomic write; raises SourceError (nothing written) on bad input.

        Imports through one Store object run one at a time: each plans from the version the last wrote.
        `wait` bounds the seconds spent waiting for the one before to finish (WriterBusy past it)."""
        if not self.store.writer.acquire(timeout=-1 if wait is None else max(wait, 0.0)):
            raise WriterBusy(f"another import has held the store for more than {wait:g} s; nothing was imported, "
                             "retry in a moment")
        try:
            return self._run(inputs, format, skip_invalid, prune, progress)
        finally:
            self.store.writer.release()

    def _run(self, inputs: Sequence[SourceInput], format: str, skip_invalid: bool, prune: bool,
             progress: Progress | None) -> ImportSummary:
        started = time.perf_counter()
        big = sum(len(source.data) for source in inputs) >= EARLY_START_BYTES
        with Workers(self.extractor, self.iris, started=big) as workers:
            return self._import(inputs, format, skip_invalid, prune, progress, workers, started)

    def _import(self, inputs: Sequence[SourceInput], format: str, skip_invalid: bool, prune: bool,
                progress: Progress | None, workers: Workers, started: float) -> ImportSummary:
        parsed, duplicates = self.parse(inputs, format, skip_invalid)
        summary = ImportSummary(duplicates=duplicates)
        for result in parsed:
            summary.problems.extend(result.problems)
        stories = [s for result in parsed for s in result.stories]
        prune_sources = []
        for source, result in zip(inputs, parsed):
            if prune and result.problems:
                # A skipped bad item may be a story that is still listed: pruning would delete it.
                summary.notes.append(f"{source.name}: not pruned, because some of its items were skipped")
            elif prune:
                prune_sources.append(source.name)
        segments = Segments.beside(self.store)
        with segments.writing() if segments is not None else nullcontext():
            old_version = self.reader.version()
            base = self.network.existing(old_version) if self.network is not None else None
            if base is None and old_version == "0":
                base = empty_network(old_version)
            delta = Delta() if base is not None or self.search is not None else None
            kept = segments.change(old_version, old_version == "0" and not self.store.ask(_ANY_QUAD)) if segments else None
            new_quads, rest = _split(self._plan(stories, prune_sources, summary, progress, workers, base, delta, kept))
            self._resolved, self._network_ahead = None, None
            try:
                self.store.write_stream(new_quads, rest)
            except BaseException:
                if kept is not None:
                    kept.abort()
                raise
            if self._resolved is not None:
                resolver, version, written = self._resolved
                kept_for(self.store).keep(resolver, self.iris, version, written.values())
            self._resolved = None
            if kept is not None:
                self._keep_segments(kept, summary.version)
        ahead, self._network_ahead = self._network_ahead, None
        if delta is not None and summary.version:
            began = time.perf_counter()
            self._update_views(old_version, summary.version, base, delta, ahead)
            summary.views_seconds = time.perf_counter() - began
        summary.seconds = time.perf_counter() - started
        return summary

    # -- planning the write ---------------------------------------------------------------------
    def _plan(self, stories: list[StoryRecord], prune_sources: list[str], summary: ImportSummary,
              progress: Progress | None, workers: Workers, base: Network | None = None,
              delta: Delta | None = None, kept: SegmentChange | None = None) -> Generator[NewQuads, None, Write]:
        """Yield new stories' quads in batches as they are made, then new entities' descriptions;
        return the rest of the write. The store may load the batches while later ones are made.
        `delta` (when given) collects what the write changes, for the derived views; `kept` (when
        given) the story graphs it adds and drops, for the export segments."""
        by_iri = {self.iris.story(s): s for s in stories}  # a later duplicate IRI wins, as in the source
        known_hashes = self.reader.content_hashes(list(by_iri))
        # The previous version's view holds every entity row: no need to read them from the store.
        known_entities = base.entities if base is not None else self.reader.all_entities()
        old_version = base.version if base is not None else self.reader.version()
        # Read before the first batch is yielded: the store may be loading after that.
        removed = [s for s in self.reader.stories_from_sources(prune_sources) if s not in by_iri] if prune_sources else []
        # The writer's resolver is kept across imports (graph/resolver_cache.py): seeded from every known
        # entity only when the store changed behind it.
        kept_resolver = kept_for(self.store)
        resolver = kept_resolver.take(self.iris, old_version, known_entities.values)

        new_parts: list[tuple[str, str]] = []
        new_graphs, changed_parts, drop = [], [], []
        entities: dict[str, Entity] = {}
        names: dict[str, set[str]] = {}  # entity IRI -> the names its mentions gave
        candidates: list[MergeCandidate] = []
        total = len(by_iri)
        todo: list[Todo] = []
        replaced: set[str] = set()
        for iri, story in by_iri.items():
            digest = rdf.content_hash(story)
            previous = known_hashes.get(iri)
            if previous == digest:
                summary.unchanged += 1
            else:
                todo.append(Todo(iri, story, digest))
                if previous is not None:
                    replaced.add(iri)
        if delta is not None:
            # Entities only the dropped or replaced stories link to may be removed by the write.
            delta.dropped = {*removed, *replaced}
            linked = self.reader.story_entities(sorted(delta.dropped)) if delta.dropped else {}
            delta.gone = {e for found in linked.values() for e, _ in found}
        if progress:
            progress(summary.unchanged, total)
        prepared = workers.prepare_all(todo)
        for done, (item, ready) in enumerate(zip(todo, prepared), start=summary.unchanged + 1):
            iri, story = item.iri, item.story
            resolved = resolver.resolve(story, iri, ready.mentions)
            own, facts = rdf.story_graph(ready.text, resolved.links, resolved.relations)
            if iri not in replaced:
                summary.added += 1
                new_parts.append((own, facts))
                new_graphs.append(iri)
                if len(new_graphs) == _BATCH_STORIES:
                    yield self._new_batch(new_graphs, new_parts, kept)
                    new_parts, new_graphs = [], []
            else:
                summary.updated += 1
                changed_parts.append(own + facts)
                drop.append(iri)
            if delta is not None:
                url = story.url if story.url and rdf.safe_url(story.url) else None
                delta.stories.append(StoryRow(iri, story.title, story.summary, story.date, url))
                delta.links.extend(dict.fromkeys((iri, link.entity.iri) for link in resolved.links
                                                 if link.mention.method != "metadata"))
            for link in resolved.links:
                # An entity's aliases only grow as stories are resolved: its latest copy holds every earlier one's.
                e = link.entity
                entities[e.iri] = e
                m = link.mention
                named = names.get(e.iri)
                if named is None:
                    names[e.iri] = {m.name or m.text}
                else:
                    named.add(m.name or m.text)
            if story.date:
                day = self.iris.day(story.date)
                entities.setdefault(day, Entity(day, EntityKind.DATE, story.date.isoformat()))
            candidates.extend(resolved.merge_candidates)
            if progress and (done % _PROGRESS_EVERY == 0 or done == total):
                progress(done, total)
        workers.close()  # every story is prepared: their memory goes back before the store's last load
        if new_graphs:
            yield self._new_batch(new_graphs, new_parts, kept)

        summary.removed = len(removed)
        if kept is not None:
            kept.add(drop, changed_parts)  # `drop` holds the changed stories' IRIs so far, in order
            kept.drop([*drop, *removed])
        drop.extend(removed)

        fresh, alias_updates = [], []
        for iri, e in entities.items():
            known = known_entities.get(iri)
            known_names = {known.name, *known.aliases} if known else set()
            forms = names.get(iri, set()).union(e.aliases)
            extra = tuple(sorted(a for a in forms if a != e.name and a not in known_names))
            if known is None:
                fresh.append(Entity(iri, e.kind, e.name, tuple(a for a in extra if a != e.name), e.same_as))
                summary.new_entities[e.kind.value] += 1
            elif extra:
                alias_updates.append(Entity(iri, e.kind, known.name, extra))
        written = {e.iri: EntityRow(e.iri, e.kind, e.name, tuple(sorted(set(e.aliases)))) for e in fresh}
        for e in alias_updates:
            known = known_entities[e.iri]
            written[e.iri] = EntityRow(e.iri, known.kind, known.name, tuple(sorted({*known.aliases, *e.aliases})))
        if delta is not None:
            delta.entities = written
        summary.merge_candidates = len(candidates)
        if fresh:
            yield NewQuads((), tuple(e.iri for e in fresh), rdf.entity_nquads(self.iris.entities_graph, fresh))

        after = (rdf.orphan_cleanup(self.iris),) if drop else ()
        changes = bool(summary.added or changed_parts or drop)
        summary.version = str(time.time_ns()) if changes else ""
        # Kept for the next import once the write commits (_run); a drop may remove orphaned entities it knows.
        self._resolved = None if drop else (resolver, summary.version or old_version, written)
        if delta is not None and base is not None and self.network is not None and summary.version and not delta.gone:
            # The store is still loading the last batches, in its own thread and without the GIL: the
            # network view of the new version (and its PageRank, kept with it) is made meanwhile, and
            # adopted once the write commits.
            self._network_ahead = apply(base, summary.version, delta)
            if self.network.kept is not None and self.network.saves:
                centrality.ranks(self._network_ahead)
        drop_version, version = rdf.new_version(self.iris, summary.version) if changes else ("", "")
        return Write(
            drop_graphs=tuple(drop),
            nquads="".join(changed_parts) + rdf.alias_nquads(self.iris.entities_graph, alias_updates)
            + rdf.merge_candidate_nquads(self.iris, candidates) + version,
            delete=(drop_version,) if changes else (),
            after=after,
        )

    @staticmethod
    def _new_batch(graphs: list[str], parts: list[tuple[str, str]], kept: SegmentChange | None) -> NewQuads:
        """New story graphs for the store (and the export segments): `parts[i]` is `rdf.story_graph`'s pair."""
        if kept is not None:
            kept.add_split(graphs, parts)
        return NewQuads(tuple(graphs), (), "".join([text for pair in parts for text in pair]))

    def _keep_segments(self, kept: SegmentChange, version: str) -> None:
        """Publish the export segments at the version the store committed (graph/segments.py)."""
        if not version:
            kept.abort()
            return
        try:
            kept.commit(version, store_graphs_of(self.iris))
        except OSError as exc:  # the import is committed: the next export reads the store instead
            kept.abort()
            log.warning("the export segments were not updated (%s); the next export rebuilds them", exc)
        except Exception:  # a bug in the segments must not turn a committed import into a failed one
            kept.abort()
            log.exception("the export segments were not updated; the next export rebuilds them")

    # -- the derived views -------------------------------------------------------------------------
    def _update_views(self, old: str, version: str, base: Network | None, delta: Delta,
                      ahead: Network | None = None) -> None:
        """Bring the network view and the search index from `old` to `version` with what was written
        (`ahead`: the network view of `version`, when the plan made it already)."""
        if self.reader.version() != version:
            return  # another writer came in between: the views will be rebuilt on first use
        if delta.gone:
            # The write removes the entities nothing links to any more: of those that might be, the gone ones.
            candidates = sorted(delta.gone)
            still: set[str] = set()
            for start in range(0, len(candidates), _LOOKUP_BATCH):
                still.update(self.reader.entities(candidates[start:start + _LOOKUP_BATCH]))
            delta.gone = set(candidates) - still
        indexing = None
        if self.search is not None:
            # SQLite releases the GIL while it indexes: the search index is brought up on another core
            # while this thread updates the network view.
            pool = ThreadPoolExecutor(1, thread_name_prefix="storygraph-search")
            indexing = pool.submit(self.search.apply, old, version, delta.stories, delta.entities.values(),
                                   delta.dropped | delta.gone)
            pool.shutdown(wait=False)
        try:
            if base is not None and self.network is not None:
                self.network.adopt(ahead if ahead is not None else apply(base, version, delta))
        finally:
            if indexing is not None:
                indexing.result()


def _split(plan: Generator[NewQuads, None, Write]) -> tuple[Iterator[NewQuads], Callable[[], Write]]:
    """A plan that yields new quads and returns the rest of the write -> (its batches, a function
    returning the rest once the batches are consumed), as `Store.write_stream` takes them."""
    rest: list[Write] = []

    def batches() -> Iterator[NewQuads]:
        rest.append((yield from plan))

    return batches(), lambda: rest[0]

