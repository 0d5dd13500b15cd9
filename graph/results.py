"""SPARQL query results under limits: rows/triples capped, a deadline checked as they stream, then serialized.

Backends hand over pyoxigraph result objects (their own, or parsed from a remote endpoint's
answer), so the limits and the formats behave the same on every store.
"""
from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar, cast
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from graph import formats
from graph.jsonld import write_jsonld
from graph.records import StoreError

T = TypeVar("T")

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RESULT_MEDIA_TYPES = {name: fmt.content_type for name, fmt in formats.SOLUTION_FORMATS.items()}


@dataclass(frozen=True, slots=True)
class QueryLimits:
    """How long a query may run and how many rows (or triples) it may return."""

    timeout: float = 5.0
    max_results: int = 10_000


class QueryLimitError(StoreError):
    """A query hit a limit; `limit` names it ('timeout' or 'results') so the HTTP layer can say which."""

    def __init__(self, limit: str, message: str) -> None:
        super().__init__(message)
        self.limit = limit


def timeout_error(limits: QueryLimits) -> QueryLimitError:
    return QueryLimitError("timeout", f"the query ran longer than the {limits.timeout:g} s time limit; "
                                      "narrow it (fewer patterns, a LIMIT) or ask the operator to raise --sparql-timeout")


def _capped(items: Iterable[T], limits: QueryLimits, what: str) -> list[T]:
    deadline = time.monotonic() + limits.timeout
    out: list[T] = []
    for item in items:
        if len(out) >= limits.max_results:
            raise QueryLimitError("results", f"the query returns more than {limits.max_results} {what} (the endpoint's "
                                             "result limit); add a LIMIT or page with OFFSET")
        if time.monotonic() > deadline:
            raise timeout_error(limits)
        out.append(item)
    if time.monotonic() > deadline:
        raise timeout_error(limits)
    return out


def serialize_limited(make_result: Callable[[], object], result_format: str, limits: QueryLimits, *,
                      jsonld_context: str | None = None) -> tuple[bytes, str]:
    """Evaluate and serialize in this thread, and drop the result here even when a limit is hit.

    pyoxigraph's result iterators must be freed by the thread that made them; an exception
    carrying them (through its traceback's frames) to the event loop would free them there.
    """
    failure: QueryLimitError | None = None
    result = make_result()
    try:
        return serialize_result(result, result_format, limits, jsonld_context=jsonld_context)
    except QueryLimitError as exc:
        failure = QueryLimitError(exc.limit, str(exc))
    finally:
        del result
    raise failure


def serialize_result(result: object, result_format: str, limits: QueryLimits, *,
                     jsonld_context: str | None = None) -> tuple[bytes, str]:
    """Serialize a pyoxigraph query result: solutions as json|xml|csv|tsv, triples as ttl|nt|jsonld|xml."""
    if isinstance(result, ox.QueryBoolean) or isinstance(result, bool):
        fmt = result_format if result_format in ("json", "xml") else "json"
        return _boolean(bool(result), fmt), RESULT_MEDIA_TYPES[fmt]
    if isinstance(result, ox.QuerySolutions):
        fmt = result_format if result_format in RESULT_MEDIA_TYPES else "json"
        names = [v.value for v in result.variables]
        rows = [[s[n] for n in names] for s in _capped(result, limits, "rows")]
        return _SOLUTION_WRITERS[fmt](names, rows), RESULT_MEDIA_TYPES[fmt]
    # Anything else is a CONSTRUCT/DESCRIBE answer: pyoxigraph's QueryTriples, or a list of triples.
    triples: list[ox.Triple] = _capped(cast("Iterable[ox.Triple]", result), limits, "triples")
    if result_format == "jsonld":
        buffer = io.BytesIO()
        write_jsonld(triples, buffer, jsonld_context)
        return buffer.getvalue(), formats.GRAPH_FORMATS["jsonld"].content_type
    spec = formats.GRAPH_FORMATS.get(result_format) or formats.GRAPH_FORMATS["ttl"]
    rdf_format = spec.rdf
    from graph.rdf import PREFIXES
    body = ox.serialize(triples, format=rdf_format, prefixes=PREFIXES if rdf_format is ox.RdfFormat.TURTLE else None)
    return body or b"", spec.content_type


def _json_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def _solutions_json(names: list[str], rows: list[list]) -> bytes:
    bindings = [{n: _json_term(t) for n, t in zip(names, row) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False).encode()


def _xml_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


_XML_HEAD = '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'


def _solutions_xml(names: list[str], rows: list[list]) -> bytes:
    out = [_XML_HEAD, "<head>", *(f"<variable name={quoteattr(n)}/>" for n in names), "</head><results>"]
    for row in rows:
        out.append("<result>")
        out += [f"<binding name={quoteattr(n)}>{_xml_term(t)}</binding>" for n, t in zip(names, row) if t is not None]
        out.append("</result>")
    out.append("</results></sparql>\n")
    return "".join(out).encode()


def _solutions_csv(names: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow(["" if t is None else (f"_:{t.value}" if isinstance(t, ox.BlankNode) else t.value) for t in row])
    return buffer.getvalue().encode()


def _solutions_tsv(names: list[str], rows: list[list]) -> bytes:
    # TSV cells are terms in N-Triples syntax, which is what pyoxigraph's str() of a term gives.
    lines = ["\t".join("?" + n for n in names)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def _boolean(value: bool, fmt: str) -> bytes:
    if fmt == "xml":
        return f"{_XML_HEAD}<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n".encode()
    return json.dumps({"head": {}, "boolean": value}).encode()


_SOLUTION_WRITERS = {"json": _solutions_json, "xml": _solutions_xml, "csv": _solutions_csv, "tsv": _solutions_tsv}
