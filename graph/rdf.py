"""RDF mapping: the vocabulary's terms in one place, and resolved stories -> N-Quads text.

Quads are produced as N-Quads text because the store bulk-loads text far faster than it
takes Python term objects one by one: no per-triple Python objects on the import path.

Layout (one named graph per story, named by the story's IRI):
  story graph    the story, its mention nodes (evidence) and the facts it states
  entities graph one canonical description per entity (type, name, aliases, sameAs),
                 written when an entity is first seen or gains an alias
  meta graph     dataset version and last import time, bumped by every write
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import math
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from graph import terms
from graph.records import Entity, EntityKind, Link, Mention, MergeCandidate, Relation, ResolvedStory, StoryRecord
from graph.iris import Iris

SG = "https://w3id.org/storygraph#"
SCHEMA = "https://schema.org/"
DCTERMS = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"

PREFIXES = {
    "sg": SG, "schema": SCHEMA, "dcterms": DCTERMS, "skos": SKOS, "prov": PROV,
    "rdfs": RDFS, "xsd": XSD, "owl": OWL, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}
SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())

CLASS_OF: dict[EntityKind, str] = {
    EntityKind.PERSON: SCHEMA + "Person",
    EntityKind.ORGANIZATION: SCHEMA + "Organization",
    EntityKind.PLACE: SCHEMA + "Place",
    EntityKind.CAMPAIGN: SG + "Campaign",
    EntityKind.THEME: SKOS + "Concept",
    EntityKind.DATE: SG + "Day",
}
KIND_OF_CLASS = {iri: kind for kind, iri in CLASS_OF.items()}
STORY_CLASS = SCHEMA + "NewsArticle"
PREDICATE_OF_RELATION = {
    "affiliation": SCHEMA + "affiliation",
    "theme": DCTERMS + "subject",
}

# Every literal is written by the one term helper (graph/terms.py); these names keep rdf.literal readable here.
_escape = terms.escape
literal = terms.literal
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

RDF_JSON = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON"
# How a story states its evidence: `<story> sg:linkEvidence '{"entity": IRI, "spans": [[field, start, end,
# method, confidence], …]}'^^rdf:JSON`, one literal per schema:mentions link holding every span of the story
# that names the entity. Offsets count Unicode code points of the field (title or summary), `end` exclusive,
# so a span's text is `field[start:end]`. One quad per link instead of a node of nine quads per mention: a
# story's quads fell from ~111 to ~29, and union exports still say which story each span is in.
EVIDENCE = SG + "linkEvidence"


def new_version(iris: Iris, stamp: str | None = None) -> tuple[str, str]:
    """A change's version bump: (SPARQL delete of the old version, N-Quads of the new one).

    The version keys every cache and derived view, so any write that changes what readers see
    must carry one. `stamp` is the new version (a fresh one when not given), for a writer that
    brings derived views to the version it writes.
    """
    g = f" <{iris.meta_graph}> .\n"
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    node = f"<{iris.dataset}> "
    return (f"DELETE WHERE {{ GRAPH <{iris.meta_graph}> {{ ?s ?p ?o }} }}",
            node + f"<{SG}version> " + literal(stamp or str(time.time_ns()), XSD + "integer") + g
            + node + f"<{DCTERMS}modified> " + literal(now, XSD + "dateTime") + g)


def orphan_cleanup(iris: Iris) -> str:
    """SPARQL update: drop entity descriptions no story links to any more (after stories were removed)."""
    entities = iris.entities_graph
    return (f"DELETE {{ GRAPH <{entities}> {{ ?e ?p ?o }} }} WHERE {{ GRAPH <{entities}> {{ ?e ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?s <{SCHEMA}mentions>|<{SG}publishedOn> ?e }} }} }}")


def close_merge_candidate(iris: Iris, node: str, left: str, right: str, accept: bool) -> tuple[str, str]:
    """A reviewed candidate: (SPARQL delete of its review node, N-Quads of the decision)."""
    if accept:
        fact = f"{terms.iri(left)} <{OWL}sameAs> {terms.iri(right)} <{iris.entities_graph}> .\n"
    else:
        fact = f"{terms.iri(left)} <{OWL}differentFrom> {terms.iri(right)} <{iris.review_graph}> .\n"
    return f"DELETE WHERE {{ GRAPH <{iris.review_graph}> {{ {terms.iri(node)} ?p ?o }} }}", fact


def alias_nquads(graph: str, entities: Iterable[Entity]) -> str:
    """New aliases of entities already described."""
    g = f" <{graph}> .\n"
    return "".join(f"<{e.iri}> <{SKOS}altLabel> {literal(a)}" + g for e in entities for a in e.aliases)


def content_hash(story: StoryRecord) -> str:
    """What decides whether a re-imported story changed."""
    parts = (story.title, story.summary, story.date.isoformat() if story.date else story.date_text,
             story.url or "", "\x1f".join(story.categories))
    return hashlib.sha1("\x1e".join(parts).encode()).hexdigest()


def safe_url(url: str) -> bool:
    """Whether a story's URL is written to the store (as schema:url)."""
    parts = urlsplit(url)
    return bool(parts.scheme and parts.netloc) and not any(c in url for c in ' <>"{}|\\^`')


@dataclass(frozen=True, slots=True)
class StoryText:
    """What a story's quads need that no entity IRI decides, made before resolution (in the extraction
    workers): the story's own lines, and each mention's evidence span and job title as text."""

    iri: str
    head: str  # the story's own quads: type, headline, abstract, hash, dates, url, guid, source, keywords
    spans: tuple[str | None, ...]  # per mention: its span's JSON, escaped for the literal (None: metadata)
    roles: tuple[str | None, ...]  # per mention: its job title as a literal term (None: no role)


def story_text(iris: Iris, story: StoryRecord, s: str, digest: str, mentions: Sequence[Mention]) -> StoryText:
    """The parts of `story_nquads` that need no resolution; `s` is the story's IRI."""
    g = f" <{s}> .\n"
    S = f"<{s}> "
    out = [
        S + f"<{RDF_TYPE}> <{STORY_CLASS}>" + g,
        S + f"<{SCHEMA}headline> " + literal(story.title) + g,
        S + f"<{SCHEMA}abstract> " + literal(story.summary) + g,
        S + f"<{SG}contentHash> " + literal(digest) + g,
    ]
    if story.date:
        out.append(S + f"<{DCTERMS}date> " + literal(story.date.isoformat(), XSD + "date") + g)
        out.append(S + f"<{SG}publishedOn> <{iris.day(story.date)}>" + g)
    if story.date_text:
        out.append(S + f"<{SG}dateText> " + literal(story.date_text) + g)
    if story.url and safe_url(story.url):
        out.append(S + f"<{SCHEMA}url> " + literal(story.url, XSD + "anyURI") + g)
    if story.guid:
        out.append(S + f"<{SG}guid> " + literal(story.guid) + g)
    if story.source:
        out.append(S + f"<{SG}source> " + literal(story.source) + g)
    for category in dict.fromkeys(story.categories):  # each line once, as the graph's segment files hold it
        out.append(S + f"<{SCHEMA}keywords> " + literal(category) + g)
    spans: list[str | None] = []
    for m in mentions:
        if m.method == "metadata":
            spans.append(None)  # e.g. the publication day: stated by sg:publishedOn, there is no text to point at
            continue
        confidence = round(m.confidence, 3)
        # Integral numbers as JSON integers, as canonical JSON (RFC 8785) and JSON-LD's @json write them.
        number = str(int(confidence)) if confidence.is_integer() else repr(confidence)
        if not math.isfinite(confidence):
            number = _dumps(confidence)
        # `_dumps([field, start, end, method, confidence])`, escaped, from its pieces (a story has ~10).
        spans.append("[" + _json_string(m.field._value_) + "," + str(m.start) + "," + str(m.end) + ","
                     + _json_string(m.method) + "," + number + "]")
    return StoryText(s, "".join(out), tuple(spans), tuple(literal(m.role) if m.role else None for m in mentions))


# An evidence literal is JSON, `{"entity":IRI,"spans":[span,…]}`, escaped as a whole; escaping works
# character by character, so escaping its pieces one by one gives the same text.
_EVIDENCE_OPEN = _escape('{"entity":')
_EVIDENCE_SPANS = _escape(',"spans":[')
_EVIDENCE_CLOSE = _escape("]}") + f'"^^<{RDF_JSON}>'


_EVIDENCE_PREDICATE = f'<{EVIDENCE}> "' + _EVIDENCE_OPEN


@functools.lru_cache(maxsize=1024)
def _json_string(value: str) -> str:
    """A span's field or method as JSON, escaped for the literal (a handful of values recur)."""
    return _escape(_dumps(value))


@functools.lru_cache(maxsize=65536)
def _evidence_entity(entity: str) -> str:
    """An entity IRI as JSON in an evidence literal, up to its spans (entities recur story after story)."""
    return _escape(_dumps(entity)) + _EVIDENCE_SPANS


def story_graph(text: StoryText, links: Sequence[Link], relations: Iterable[Relation]) -> tuple[str, str]:
    """One story's named graph from its text and its resolved links (a link a mention, in order; links
    past the mentions, such as the publication day's, state nothing here), as (the quads about the
    story itself, the other quads: facts about entities it states), each quad once."""
    s = text.iri
    g = f" <{s}> .\n"
    S = f"<{s}> "
    out = [text.head]
    facts: list[str] = []
    spans: dict[str, list[str]] = {}
    for link, span, role in zip(links, text.spans, text.roles):
        if span is None:
            continue
        entity = link.entity
        e = entity.iri
        found = spans.get(e)
        if found is None:
            spans[e] = [span]
            out.append(S + f"<{SCHEMA}mentions> <{e}>" + g)
            if entity.kind is EntityKind.THEME:
                out.append(S + f"<{DCTERMS}subject> <{e}>" + g)
        else:
            found.append(span)
        if role is not None and entity.kind is EntityKind.PERSON:
            facts.append(f"<{e}> <{SCHEMA}jobTitle> " + role + g)
    # The evidence of each link, one literal per linked entity in the story's graph (see EVIDENCE).
    for e, found in spans.items():
        out.append(S + _EVIDENCE_PREDICATE + _evidence_entity(e) + ",".join(found) + _EVIDENCE_CLOSE + g)
    for r in relations:
        predicate = PREDICATE_OF_RELATION.get(r.predicate, SG + r.predicate)
        facts.append(f"<{r.subject}> <{predicate}> <{r.object}>" + g)
    return "".join(out), "".join(dict.fromkeys(facts)) if facts else ""


def story_nquads(iris: Iris, resolved: ResolvedStory, digest: str) -> str:
    """All quads of one story's named graph."""
    links = resolved.links
    text = story_text(iris, resolved.story, resolved.iri, digest, [link.mention for link in links])
    own, facts = story_graph(text, links, resolved.relations)
    return own + facts


def link_evidence(value: str) -> tuple[str, list[tuple[str, int, int, str, float]]]:
    """An sg:linkEvidence literal: (entity IRI, its spans as (field, start, end, method, confidence))."""
    data = json.loads(value)
    return data["entity"], [(f, int(a), int(b), str(m), float(c)) for f, a, b, m, c in data["spans"]]


def entity_nquads(graph: str, entities: Iterable[Entity]) -> str:
    """Canonical descriptions of entities for the entities graph."""
    g = f" <{graph}> .\n"
    out: list[str] = []
    for e in entities:
        E = f"<{e.iri}> "
        out.append(E + f"<{RDF_TYPE}> <{CLASS_OF[e.kind]}>" + g)
        if e.kind is EntityKind.THEME:
            out.append(E + f"<{SKOS}prefLabel> " + literal(e.name, lang="en") + g)
        else:
            out.append(E + f"<{SCHEMA}name> " + literal(e.name) + g)
        for alias in e.aliases:
            out.append(E + f"<{SKOS}altLabel> " + literal(alias) + g)
        for other in e.same_as:
            out.append(E + f"<{OWL}sameAs> <{other}>" + g)
    return "".join(out)


def merge_candidate_nquads(iris: Iris, candidates: Iterable[MergeCandidate]) -> str:
    """Merge candidates as reviewable nodes in the review graph; never as owl:sameAs."""
    g = f" <{iris.review_graph}> .\n"
    out: list[str] = []
    for c in candidates:
        a, b = sorted((c.a, c.b))
        node = f"<{iris.merge(a, b)}> "
        out += [
            node + f"<{RDF_TYPE}> <{SG}MergeCandidate>" + g,
            node + f"<{SG}left> <{a}>" + g,
            node + f"<{SG}right> <{b}>" + g,
            node + f"<{SG}score> " + literal(f"{c.score:.3f}", XSD + "decimal") + g,
            node + f"<{SG}evidence> " + literal(c.evidence) + g,
        ]
    return "".join(out)
