"""A query document that ran cleanly before is answered straight through graphql-core, exactly as Strawberry answers it."""
from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from schema.context import Context
from schema.known_queries import execute_known, known, remember
from schema.schema import schema
from tests.schema.test_execution import QUERIES


def _context(reader, run) -> Context:
    return Context(reader=reader, network_view=run.network, search_index=run.search)


def _variables(query: str, run) -> dict[str, Any]:
    network = run.network.current()
    iri = next(i for i, row in network.entities.items() if "ILO" in (row.name, *row.aliases))
    to = next(e for e in network.entities if network.paths(iri, e, 4, 1) and len(network.paths(iri, e, 4, 1)[0]) == 2)
    return {k: v for k, v in {"iri": iri, "with": True, "to": to}.items() if f"${k}" in query}


@pytest.mark.parametrize("query", QUERIES)
def test_a_known_explorer_query_answers_byte_for_byte_as_strawberry_does(query: str, reader, run) -> None:
    variables = _variables(query, run)
    through_strawberry = asyncio.run(schema.execute(query, variable_values=variables, context_value=_context(reader, run)))
    assert not through_strawberry.errors
    remember(query, None)
    direct = asyncio.run(execute_known(schema, query, variables, None, _context(reader, run)))
    assert direct is not None and direct.errors is None
    assert json.dumps(direct.data) == json.dumps(through_strawberry.data)
    assert direct.extensions == through_strawberry.extensions == {"cost": through_strawberry.extensions["cost"]}


def test_a_document_never_run_cleanly_is_left_to_strawberry(reader, run) -> None:
    query = "query($n: Int!, $never: Int) { stories(first: $n) { totalCount } }"
    assert not known(query, None) and not known(query, "Named")
    assert asyncio.run(execute_known(schema, query, {"n": 1}, None, _context(reader, run))) is None


def test_errors_and_costs_over_the_limit_are_left_to_strawberry_which_reports_them(reader, run) -> None:
    query = """query($n: Int!) { stories(first: $n) { edges { node { people {
        related(first: $n) { edges { node { name stories(first: $n) { title } } } } } } } } }"""
    assert not asyncio.run(schema.execute(query, variable_values={"n": 1}, context_value=_context(reader, run))).errors
    remember(query, None)
    assert asyncio.run(execute_known(schema, query, {"n": 1}, None, _context(reader, run))) is not None
    # A page size out of range (an error in a resolver), then a cost over the limit.
    for n, words in ((-1, "`first` must be between"), (100, "exceeds the limit")):
        assert asyncio.run(execute_known(schema, query, {"n": n}, None, _context(reader, run))) is None
        refused = asyncio.run(schema.execute(query, variable_values={"n": n}, context_value=_context(reader, run)))
        assert refused.errors and words in refused.errors[0].message


def test_no_schema_extension_resolves_fields_so_the_middleware_manager_is_empty_as_strawberry_makes_it() -> None:
    assert not any(extension._implements_resolve() for extension in schema.get_extensions())
