"""Any string given where an IRI is expected finds nothing or gets a clear error; it never reaches SPARQL as text."""
from __future__ import annotations

import asyncio

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.terms import TermError
from schema.context import Context
from schema.schema import schema

HOSTILE = st.text(max_size=40) | st.sampled_from(['x> } UNION { ?s ?p ?o', "http://e.org/a>b", "a\u2028b", '"', "%3E",
                                                  "http://testserver/person/a b", "\x00"])
QUERIES = [
    'query($s: String!) { entity(iri: $s) { name } }',
    'query($s: String!) { stories(first: 3, filter: {people: [$s], themes: [$s]}) { totalCount } }',
    'query($s: String!) { neighbourhood(iri: $s, depth: 1, limit: 5) { nodes { __typename } } }',
    'query($s: String!) { expandPreview(iri: $s) { stories } }',
    'query($s: String!) { paths(from: $s, to: $s) { length } }',
    'query($s: String!) { subgraph(iris: [$s]) { nodes { __typename } } }',
]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(HOSTILE)
def test_hostile_iris_find_nothing_or_fail_cleanly(reader, value: str) -> None:
    for query in QUERIES:
        context = Context(reader=reader)
        result = asyncio.run(schema.execute(query, variable_values={"s": value}, context_value=context))
        for error in result.errors or []:
            original = error.original_error
            assert not isinstance(original, TermError), (query, value, error.message)
            assert original is None or isinstance(original, (ValueError, LookupError)), (query, value, repr(original))
