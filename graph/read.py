"""The graph's read interface: batched SPARQL lookups that the GraphQL layer (and others) build on.

Every method takes many keys at once so callers (DataLoaders) issue one store query per
batch, never one per node.
"""
from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from graph import rdf, terms
from graph.iris import Iris, as_iris
from graph.records import EntityKind
from graph.store import Store
from graph.store.base import Row


@dataclass(frozen=True, slots=True)
class StoryRow:
    iri: str
    title: str
    summary: str
    date: dt.date | None
    url: str | None


@dataclass(frozen=True, slots=True)
class EntityRow:
    iri: str
    kind: EntityKind
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MentionRow:
    story: str
    entity: str
    text: str
    field: str
    start: int
    end: int
    method: str
    confidence: float


def _entity_rows(rows: list[Row]) -> dict[str, EntityRow]:
    """(entity, class, name, alias) rows, one per alias, as one EntityRow per entity of a known class."""
    acc: dict[str, tuple[EntityKind, str, set[str]]] = {}
    for e, t, name, alias in rows:
        kind = rdf.KIND_OF_CLASS.get(t or "")
        if kind is None or e is None:
            continue
        entry = acc.setdefault(e, (kind, name or "", set()))
        if alias:
            entry[2].add(alias)
    return {e: EntityRow(e, k, n, tuple(sorted(a))) for e, (k, n, a) in acc.items()}


@dataclass(frozen=True, slots=True)
class MergeCandidateRow:
    node: str
    left: str
    right: str
    score: float
    evidence: str


# Above this many stories one scan of all content hashes beats batches of VALUES lookups.
_HASH_SCAN_MIN = 5_000
_VALUES_BATCH = 2_000


def stored_version(store: Store) -> tuple[Iris | None, str]:
    """The Iris a store was imported under (from its meta graph's name) and its dataset version.

    The one place the version is read: readers that know their base ask `GraphReader.version`, which
    reads the same triple in the graph they expect.
    """
    rows = store.select(f"SELECT ?g ?v WHERE {{ GRAPH ?g {{ ?d <{rdf.SG}version> ?v }} }} LIMIT 1")
    if not rows or not rows[0][0]:
        return None, "0"
    graph, version = rows[0]
    if not graph:
        return None, "0"
    return Iris.from_meta_graph(graph), version or "0"


class GraphReader:
    """Read queries over a store; its Iris decides which graphs are the entities, meta and review graphs."""

    def __init__(self, store: Store, base: Iris | str) -> None:
        self.store = store
        self.iris = as_iris(base)
        self.base = self.iris.base
        self.entities_graph, self.meta_graph = self.iris.entities_graph, self.iris.meta_graph
        self._version_cache: tuple[str, float, int | None] | None = None

    def version(self) -> str:
        """Changes whenever an import changes the graph; keys caches and derived views."""
        rows = self.store.select(f"SELECT ?v WHERE {{ GRAPH <{self.meta_graph}> {{ ?d <{rdf.SG}version> ?v }} }}")
        return rows[0][0] or "0" if rows else "0"

    def modified(self) -> str | None:
        """When the last write happened (xsd:dateTime), if any."""
        rows = self.store.select(f"SELECT ?m WHERE {{ GRAPH <{self.meta_graph}> {{ ?d <{rdf.DCTERMS}modified> ?m }} }}")
        return rows[0][0] if rows else None

    # -- what an import needs to know ---------------------------------------------------------
    def content_hashes(self, iris: Sequence[str]) -> dict[str, str]:
        """The stored content hash of each of these stories that exists."""
        found: dict[str, str] = {}
        if len(iris) >= _HASH_SCAN_MIN:
            wanted = set(iris)
            for s, h in self.store.select(f"SELECT ?s ?h WHERE {{ GRAPH ?s {{ ?s <{rdf.SG}contentHash> ?h }} }}"):
                if s in wanted and h is not None:
                    found[s] = h
            return found
        for start in range(0, len(iris), _VALUES_BATCH):
            for s, h in self.store.select(f"SELECT ?s ?h WHERE {{ {terms.values('s', iris[start:start + _VALUES_BATCH])} "
                                          f"GRAPH ?s {{ ?s <{rdf.SG}contentHash> ?h }} }}"):
                if s is not None and h is not None:
                    found[s] = h
        return found

    def stories_from_sources(self, names: Sequence[str]) -> list[str]:
        """Stories imported from any of these source names (what `--prune` may remove)."""
        if not names:
            return []
        rows = self.store.select(f"SELECT DISTINCT ?s WHERE {{ {terms.literal_values('src', names)} "
                                 f"GRAPH ?s {{ ?s <{rdf.SG}source> ?src }} }}")
        return [s for (s,) in rows if s]

    def merge_candidates(self) -> list[MergeCandidateRow]:
        """Open merge candidates, most likely first."""
        sg = rdf.SG
        rows = self.store.select(f"""
            SELECT ?n ?a ?b ?score ?evidence WHERE {{ GRAPH <{self.iris.review_graph}> {{
              ?n a <{sg}MergeCandidate> ; <{sg}left> ?a ; <{sg}right> ?b ; <{sg}score> ?score ; <{sg}evidence> ?evidence }} }}
            ORDER BY DESC(?score) ?a ?b""")
        return [MergeCandidateRow(n, a, b, float(score), evidence) for n, a, b, score, evidence in rows
                if n and a and b and score and evidence]  # every one is bound by the pattern; mypy sees Optional

    # -- descriptions for Linked Data -----------------------------------------------------------
    def story_description(self, iri: str) -> str:
        """CONSTRUCT query: a story's graph and the names and types of what it links to."""
        s, entities = terms.iri(iri), self.entities_graph
        return f"""CONSTRUCT {{ ?s ?p ?o . ?e a ?t ; <{rdf.SCHEMA}name> ?n ; <{rdf.SKOS}prefLabel> ?l }} WHERE {{
            {{ GRAPH {s} {{ ?s ?p ?o }} }} UNION
            {{ GRAPH {s} {{ {s} <{rdf.SCHEMA}mentions>|<{rdf.SG}publishedOn> ?e }}
               GRAPH <{entities}> {{ ?e a ?t OPTIONAL {{ ?e <{rdf.SCHEMA}name> ?n }}
                 OPTIONAL {{ ?e <{rdf.SKOS}prefLabel> ?l }} }} }} }}"""

    def entity_description(self, iri: str) -> str:
        """CONSTRUCT query: what is said of an entity and which stories and entities point at it."""
        e = terms.iri(iri)
        return f"""CONSTRUCT {{ {e} ?p ?o . ?s ?q {e} }} WHERE {{
            {{ GRAPH ?g {{ {e} ?p ?o }} }} UNION
            {{ GRAPH ?h {{ ?s ?q {e} FILTER(?q IN (<{rdf.SCHEMA}mentions>, <{rdf.SG}publishedOn>,
                 <{rdf.DCTERMS}subject>, <{rdf.SCHEMA}affiliation>, <{rdf.OWL}sameAs>)) }} }} }}"""

    # -- stories -----------------------------------------------------------------------------
    def story_count(self) -> int:
        rows = self.store.select(f"SELECT (COUNT(?s) AS ?n) WHERE {{ GRAPH ?s {{ ?s a <{rdf.STORY_CLASS}> }} }}")
        return int(rows[0][0] or 0)

    def story_page(self, offset: int, limit: int) -> list[str]:
        """Story IRIs newest first (ties by IRI), for cursor pagination."""
        rows = self.store.select(
            f"SELECT ?s WHERE {{ GRAPH ?s {{ ?s a <{rdf.STORY_CLASS}> ; <{rdf.DCTERMS}date> ?d }} }} "
            f"ORDER BY DESC(?d) ?s OFFSET {int(offset)} LIMIT {int(limit)}")
        return [r[0] for r in rows if r[0]]

    def stories(self, iris: Sequence[str]) -> dict[str, StoryRow]:
        if not iris:
            return {}
        rows = self.store.select(f"""
            SELECT ?s ?title ?summary ?date ?url WHERE {{ {terms.values('s', iris)}
              GRAPH ?s {{ ?s a <{rdf.STORY_CLASS}> ; <{rdf.SCHEMA}headline> ?title ; <{rdf.SCHEMA}abstract> ?summary }}
              OPTIONAL {{ GRAPH ?s {{ ?s <{rdf.DCTERMS}date> ?date }} }} OPTIONAL {{ GRAPH ?s {{ ?s <{rdf.SCHEMA}url> ?url }} }} }}""")
        return {s: StoryRow(s, t or "", m or "", dt.date.fromisoformat(d) if d else None, u)
                for s, t, m, d, u in rows if s is not None}

    def story_entities(self, story_iris: Sequence[str]) -> dict[str, list[tuple[str, EntityKind]]]:
        """Entities each story links to (mentions and publication day), with their kinds."""
        out: dict[str, list[tuple[str, EntityKind]]] = defaultdict(list)
        if not story_iris:
            return out
        rows = self.store.select(f"""
            SELECT ?s ?e ?type WHERE {{ {terms.values('s', story_iris)}
              GRAPH ?s {{ ?s <{rdf.SCHEMA}mentions>|<{rdf.SG}publishedOn> ?e }}
              GRAPH <{self.entities_graph}> {{ ?e a ?type }} }}""")
        for s, e, t in rows:
            kind = rdf.KIND_OF_CLASS.get(t or "")
            if kind is not None and s and e and (e, kind) not in out[s]:
                out[s].append((e, kind))
        return out

    def entity_stories(self, entity_iris: Sequence[str]) -> dict[str, list[str]]:
        """Stories linking to each entity, newest first."""
        out: dict[str, list[str]] = defaultdict(list)
        if not entity_iris:
            return out
        rows = self.store.select(f"""
            SELECT ?e ?s WHERE {{ {terms.values('e', entity_iris)}
              GRAPH ?s {{ ?s <{rdf.SCHEMA}mentions>|<{rdf.SG}publishedOn> ?e ; <{rdf.DCTERMS}date> ?d }} }}
            ORDER BY DESC(?d) ?s""")
        for e, s in rows:
            if e and s and s not in out[e]:
                out[e].append(s)
        return out

    def entities(self, iris: Sequence[str]) -> dict[str, EntityRow]:
        if not iris:
            return {}
        rows = self.store.select(f"""
            SELECT ?e ?type ?name ?alias WHERE {{ {terms.values('e', iris)}
              GRAPH <{self.entities_graph}> {{ ?e a ?type }}
              OPTIONAL {{ GRAPH <{self.entities_graph}> {{ ?e <{rdf.SCHEMA}name>|<{rdf.SKOS}prefLabel> ?name }} }}
              OPTIONAL {{ GRAPH <{self.entities_graph}> {{ ?e <{rdf.SKOS}altLabel> ?alias }} }} }}""")
        return _entity_rows(rows)

    def entity_page(self, kind: EntityKind, offset: int, limit: int) -> list[str]:
        cls = rdf.CLASS_OF[kind]
        rows = self.store.select(f"""
            SELECT ?e WHERE {{ GRAPH <{self.entities_graph}> {{ ?e a <{cls}> ;
              <{rdf.SCHEMA}name>|<{rdf.SKOS}prefLabel> ?name }} }} ORDER BY LCASE(STR(?name)) ?e OFFSET {int(offset)} LIMIT {int(limit)}""")
        return [r[0] for r in rows if r[0]]

    def entity_counts(self) -> dict[EntityKind, int]:
        rows = self.store.select(f"SELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE {{ GRAPH <{self.entities_graph}> {{ ?e a ?t }} }} GROUP BY ?t")
        counts = {kind: 0 for kind in EntityKind}
        for t, n in rows:
            kind = rdf.KIND_OF_CLASS.get(t or "")
            if kind is not None:
                counts[kind] = int(n or 0)
        return counts

    def mentions(self, story_iris: Sequence[str]) -> dict[str, list[MentionRow]]:
        """The evidence of each story's links, in text order."""
        out: dict[str, list[MentionRow]] = defaultdict(list)
        if not story_iris:
            return out
        rows = self.store.select(f"""
            SELECT ?s ?evidence ?title ?summary WHERE {{ {terms.values('s', story_iris)}
              GRAPH ?s {{ ?s <{rdf.EVIDENCE}> ?evidence ; <{rdf.SCHEMA}headline> ?title ; <{rdf.SCHEMA}abstract> ?summary }} }}""")
        for s, evidence, title, summary in rows:
            if s is None or evidence is None:
                continue
            texts = {"title": title or "", "summary": summary or ""}
            e, spans = rdf.link_evidence(evidence)
            out[s].extend(MentionRow(s, e, texts.get(field, "")[start:end], field, start, end, method, confidence)
                          for field, start, end, method, confidence in spans)
        for found in out.values():
            found.sort(key=lambda m: (m.field != "title", m.start, m.entity))  # the title's first, in text order
        return out

    def affiliations(self, person_iris: Sequence[str]) -> dict[str, list[tuple[str, str | None, str]]]:
        """Each person's stated affiliations: (organization IRI, role or None, the story stating it)."""
        out: dict[str, list[tuple[str, str | None, str]]] = defaultdict(list)
        if not person_iris:
            return out
        rows = self.store.select(f"""
            SELECT ?p ?org ?role ?s WHERE {{ {terms.values('p', person_iris)}
              GRAPH ?s {{ ?p <{rdf.SCHEMA}affiliation> ?org }}
              OPTIONAL {{ GRAPH ?s {{ ?p <{rdf.SCHEMA}jobTitle> ?role }} }} }} ORDER BY ?p ?org ?role ?s""")
        for p, org, role, s in rows:
            if p and org and s:
                out[p].append((org, role, s))
        return out

    def all_stories(self) -> list[StoryRow]:
        """Every story with its text and date, for views that index the whole graph."""
        rows = self.store.select(f"""
            SELECT ?s ?title ?summary ?date ?url WHERE {{ GRAPH ?s {{ ?s a <{rdf.STORY_CLASS}> ;
              <{rdf.SCHEMA}headline> ?title ; <{rdf.SCHEMA}abstract> ?summary }}
              OPTIONAL {{ GRAPH ?s {{ ?s <{rdf.DCTERMS}date> ?date }} }} OPTIONAL {{ GRAPH ?s {{ ?s <{rdf.SCHEMA}url> ?url }} }} }}""")
        return [StoryRow(s, t or "", m or "", dt.date.fromisoformat(d) if d else None, u)
                for s, t, m, d, u in rows if s]

    def all_links(self) -> list[tuple[str, str]]:
        """Every (story, entity) pair a story mentions; publication days are left out."""
        # A graph holds a triple once, so (story, entity) pairs are already distinct.
        rows = self.store.select(f"SELECT ?s ?e WHERE {{ GRAPH ?s {{ ?s <{rdf.SCHEMA}mentions> ?e }} }}")
        return [(s, e) for s, e in rows if s and e]

    def all_entities(self) -> dict[str, EntityRow]:
        """Every entity of the entities graph with its names."""
        rows = self.store.select(f"""
            SELECT ?e ?type ?name ?alias WHERE {{ GRAPH <{self.entities_graph}> {{ ?e a ?type .
              OPTIONAL {{ ?e <{rdf.SCHEMA}name>|<{rdf.SKOS}prefLabel> ?name }}
              OPTIONAL {{ ?e <{rdf.SKOS}altLabel> ?alias }} }} }}""")
        return _entity_rows(rows)

    def cached_version(self, max_age: float) -> str:
        """`version()`, re-read at most every `max_age` seconds: a per-request check stays cheap.

        A store this process writes alone (an embedded store opened read-write holds its lock; a
        memory store) counts its writes: the version is then re-read only after a write, and no
        request pays a store query to learn it.
        """
        now = time.monotonic()
        writes = getattr(self.store, "generation", None) if getattr(self.store, "read_only", True) is False else None
        cached = self._version_cache
        if cached is not None and writes is not None and cached[2] != writes and self.writing():
            # An import is between its commit and bringing the views to its version: keep answering at
            # the version they are at, instead of sending every request to rebuild them.
            return cached[0]
        if cached is None or cached[2] != writes or (writes is None and now - cached[1] > max_age):
            cached = self._version_cache = (self.version(), now, writes)
        return cached[0]

    def writing(self) -> bool:
        """Whether a write through this process's Store object is in progress (see `Store.writer`)."""
        return self.store.writing

    def forget_version(self) -> None:
        """Make the next `cached_version()` read the store, e.g. right after an import."""
        cached = self._version_cache
        # Kept, but marked out of date: a later write still in flight is answered at this version (see above).
        self._version_cache = None if cached is None else (cached[0], float("-inf"), -1)


def newer_version(a: str, b: str) -> bool:
    """Whether version `a` was written after `b` (versions are nanosecond stamps; "0" is the empty store)."""
    try:
        return int(a) > int(b)
    except ValueError:
        return False
