"""JSON-LD that reads as plain JSON: statements compacted with storygraph's published @context.

Used by exports and by query results (CONSTRUCT/DESCRIBE answers asked for as JSON-LD); streams node by node,
so memory stays bounded by one subject's statements.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from typing import BinaryIO

import pyoxigraph as ox

from ontology import DIRECTORY as ONTOLOGY

CONTEXT_FILE = ONTOLOGY / "context.jsonld"
CONTEXT_PATH = "ontology/context.jsonld"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_JSON = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON"


@lru_cache(maxsize=1)
def context_document() -> dict:
    """ontology/context.jsonld as JSON."""
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _terms() -> dict[str, tuple[str, str | None, str | None]]:
    """Full IRI -> (term, coerced type or '@id', language) from the context; prefixes are not terms."""
    context = context_document()["@context"]
    prefixes = {k: v for k, v in context.items() if isinstance(v, str) and v.endswith(("#", "/"))}

    def expand(value: str) -> str:
        prefix, sep, rest = value.partition(":")
        return prefixes[prefix] + rest if sep and prefix in prefixes else value

    terms: dict[str, tuple[str, str | None, str | None]] = {}
    for term, definition in context.items():
        if term.startswith("@") or term in prefixes:
            continue
        if isinstance(definition, str):
            definition = {"@id": definition}
        iri = expand(definition.get("@id", ""))
        if iri.startswith("@"):
            continue
        coerced = definition.get("@type")
        terms.setdefault(iri, (term, expand(coerced) if coerced and coerced != "@id" else coerced,
                               definition.get("@language")))
    return terms


def _value(term: object, coerced: str | None, language: str | None) -> object:
    """A JSON-LD value for an object term, native when the term's coercion already says what it is."""
    if isinstance(term, ox.NamedNode):
        return term.value if coerced == "@id" else {"@id": term.value}
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}" if coerced == "@id" else {"@id": f"_:{term.value}"}
    if not isinstance(term, ox.Literal):
        raise ValueError(f"no JSON-LD form for the RDF-star term {term}")
    literal = term
    if literal.language:
        if language == literal.language and coerced is None:
            return literal.value
        return {"@value": literal.value, "@language": literal.language}
    datatype = literal.datatype.value
    if datatype == RDF_JSON:
        # Each value in the expanded form: a term coerced to @json would read a list of values as one JSON array.
        return {"@value": json.loads(literal.value), "@type": "@json"}
    if datatype == XSD_STRING:
        return literal.value if coerced is None and language is None else {"@value": literal.value}
    if coerced == datatype:
        return literal.value
    return {"@value": literal.value, "@type": datatype}


def _node_id(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    raise ValueError(f"no JSON-LD form for the RDF-star subject {term}")


def write_jsonld(statements: Iterable[ox.Triple | ox.Quad], output: BinaryIO, context: str | None = None) -> None:
    """Triples (a quad's graph is ignored: the union graph) as compact JSON-LD, one node object per subject run.

    `context` is the URL of the published @context; None inlines it so the file stands alone.
    """
    terms = _terms()
    ctx = json.dumps(context) if context else json.dumps(context_document()["@context"], ensure_ascii=False)
    output.write(b'{"@context": ' + ctx.encode() + b',\n "@graph": [')
    first = True
    node: dict[str, object] = {}  # empty until the first subject
    subject = None

    def flush() -> None:
        nonlocal first
        if node:
            output.write((b"\n  " if first else b",\n  ") + json.dumps(node, ensure_ascii=False).encode())
            first = False

    for statement in statements:
        if statement.subject != subject:
            flush()
            subject = statement.subject
            node = {"id": _node_id(subject)}
        predicate = statement.predicate.value
        key: str
        value: object
        if predicate == RDF_TYPE and isinstance(statement.object, ox.NamedNode):
            key, value = "type", terms.get(statement.object.value, (statement.object.value,))[0]
        else:
            term, coerced, language = terms.get(predicate, (predicate, None, None))
            key, value = term, _value(statement.object, coerced, language)
        existing = node.get(key)
        if existing is None:
            node[key] = value
        elif isinstance(existing, list):
            existing.append(value)
        else:
            node[key] = [existing, value]
    flush()
    output.write(b"\n]}\n")
