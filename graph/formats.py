"""The format registry: every RDF, query-results and page format, named once with its media types.

In the spirit of rdflib's plugin registry: a format is looked up by (kind, name) or by media type,
and every other table (the CLI's choices, /export, /sparql, Linked Data pages, store dumps, what a
remote engine's answer is parsed as) derives from REGISTRY. Adding a format is adding one line.

Kinds: "dataset" (keeps named graphs), "graph" (one graph: the union of the story graphs),
"solutions" (SELECT/ASK results), "page" (HTML for people). Names are unique within a kind; "xml"
is both RDF/XML (graph) and SPARQL/XML (solutions), as the SPARQL endpoint's ?format= has it.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import pyoxigraph as ox

Kind = Literal["dataset", "graph", "solutions", "page"]
RDF_KINDS: tuple[Kind, ...] = ("graph", "dataset")


@dataclass(frozen=True, slots=True)
class Format:
    """One format: its short name, kind, media type (first one preferred), file extension and engine format."""

    name: str
    kind: Kind
    media_types: tuple[str, ...]
    extension: str
    rdf: ox.RdfFormat | None = None
    results: ox.QueryResultsFormat | None = None
    aliases: tuple[str, ...] = ()
    charset: bool = False

    @property
    def media_type(self) -> str:
        """The preferred media type, without parameters."""
        return self.media_types[0]

    @property
    def content_type(self) -> str:
        """The Content-Type header an answer in this format carries."""
        return self.media_type + ("; charset=utf-8" if self.charset else "")

    @property
    def dataset(self) -> bool:
        """Whether the format keeps named graphs."""
        return self.kind == "dataset"


REGISTRY: tuple[Format, ...] = (
    # RDF, in the order the CLI lists them (the first is what */* gets on /export).
    Format("ttl", "graph", ("text/turtle", "application/x-turtle"), "ttl", ox.RdfFormat.TURTLE,
           aliases=("turtle",), charset=True),
    Format("nt", "graph", ("application/n-triples", "text/plain"), "nt", ox.RdfFormat.N_TRIPLES,
           aliases=("ntriples",), charset=True),
    Format("nq", "dataset", ("application/n-quads", "text/x-nquads"), "nq", ox.RdfFormat.N_QUADS,
           aliases=("nquads",), charset=True),
    Format("trig", "dataset", ("application/trig",), "trig", ox.RdfFormat.TRIG, charset=True),
    Format("jsonld", "graph", ("application/ld+json", "application/json"), "jsonld", ox.RdfFormat.JSON_LD,
           aliases=("json-ld",)),
    Format("xml", "graph", ("application/rdf+xml",), "rdf", ox.RdfFormat.RDF_XML, aliases=("rdfxml",)),
    # SPARQL query results.
    Format("json", "solutions", ("application/sparql-results+json", "application/json"), "srj",
           results=ox.QueryResultsFormat.JSON),
    Format("xml", "solutions", ("application/sparql-results+xml", "application/xml", "text/xml"), "srx",
           results=ox.QueryResultsFormat.XML),
    Format("csv", "solutions", ("text/csv",), "csv", results=ox.QueryResultsFormat.CSV, charset=True),
    Format("tsv", "solutions", ("text/tab-separated-values",), "tsv", results=ox.QueryResultsFormat.TSV, charset=True),
    # Pages for people.
    Format("html", "page", ("text/html", "application/xhtml+xml"), "html", charset=True),
)


def formats(*kinds: Kind) -> dict[str, Format]:
    """Formats of the given kinds by name, in registry order (the first one wins a shared name)."""
    out: dict[str, Format] = {}
    for fmt in REGISTRY:
        if fmt.kind in kinds:
            out.setdefault(fmt.name, fmt)
    return out


def get(name: str, *kinds: Kind) -> Format | None:
    """The format called `name` (or one of its aliases) among `kinds`, or None."""
    name = name.lower()
    for fmt in REGISTRY:
        if fmt.kind in kinds and (fmt.name == name or name in fmt.aliases):
            return fmt
    return None


def by_media_type(media_type: str, kinds: Iterable[Kind] = RDF_KINDS) -> Format | None:
    """The format a media type (parameters ignored) names among `kinds`, or None."""
    media = media_type.split(";")[0].strip().lower()
    kinds = tuple(kinds)
    for fmt in REGISTRY:
        if fmt.kind in kinds and media in fmt.media_types:
            return fmt
    return None


RDF_FORMATS = formats("graph", "dataset")
"""Every RDF format by name: what `storygraph export` and /export offer."""
EXPORT_NAMES = tuple(fmt.name for fmt in REGISTRY if fmt.kind in RDF_KINDS)
SOLUTION_FORMATS = formats("solutions")
GRAPH_FORMATS = formats("graph")
PAGE_FORMATS = formats("page")
