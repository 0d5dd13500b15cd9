"""Limits hold whatever the query's shape: depth, aliases through fragments, tokens, cost from real degrees."""
from __future__ import annotations

from graph.store import open_store
from tests.schema.conftest import CountingStore, import_listing


def test_depth_beyond_the_limit_is_refused(run) -> None:
    deep = "{ stories { edges { node { people { related { edges { node { stories { people { related { edges { node { stories { people { name } } } } } } } } } } } } } } }"
    out = run(deep, expect_errors=True)
    assert any("exceeds maximum operation depth" in e for e in out["errors"])


def test_a_query_text_is_validated_once(run, monkeypatch) -> None:
    import strawberry.schema.schema as strawberry_schema
    deep = "{ stories { edges { node { people { related { edges { node { stories { people { related { edges { node { stories { people { aliases } } } } } } } } } } } } } } }"
    first = run(deep, expect_errors=True)

    def not_again(*args: object) -> None:
        raise AssertionError("validated a second time")

    monkeypatch.setattr(strawberry_schema, "validate_document", not_again)
    assert run(deep, expect_errors=True) == first
    assert any("exceeds maximum operation depth" in e for e in first["errors"])


def test_aliases_hidden_in_fragments_count(run) -> None:
    aliases = " ".join(f"a{i}: __typename" for i in range(31))
    out = run(f"query {{ ...F }} fragment F on Query {{ {aliases} }}", expect_errors=True)
    assert "aliases" in out["errors"][0]


def test_too_many_tokens_are_refused(run) -> None:
    out = run("{ " + " ".join(["__typename"] * 2100) + " }", expect_errors=True)
    assert "token" in out["errors"][0].lower()


def test_cost_limit_refuses_fan_out_before_running(run) -> None:
    out = run("""{ stories(first: 100) { edges { node { people { related(first: 100) { edges { node {
        related(first: 100) { totalCount } } } } } } } } }""", expect_errors=True)
    assert "exceeds the limit" in out["errors"][0] and out["data"] is None


def test_cost_uses_the_real_degree_of_the_entity(run, reader) -> None:
    from schema.context import Context
    from schema.cost import estimate_cost
    from graphql import parse
    network = run.network.current()
    hub = max(network.entities, key=network.degree)
    leaf = min((e for e in network.entities if network.degree(e) > 0), key=network.degree)
    query = parse("query($iri: String!) { entity(iri: $iri) { ... on Entity { related(first: 100) { edges { node { name } } } } } }")
    context = Context(reader=reader, network_view=run.network)
    hub_cost = estimate_cost(query, {"iri": hub}, context)
    leaf_cost = estimate_cost(query, {"iri": leaf}, context)
    assert hub_cost > leaf_cost
    # each related item costs its edge, node and name
    assert hub_cost - leaf_cost == 3 * (network.degree(hub) - network.degree(leaf))


def test_invalid_cursor_is_a_clear_error(run) -> None:
    out = run('{ stories(after: "nope") { totalCount } }', expect_errors=True)
    assert "invalid cursor" in out["errors"][0]


def _listing(n: int) -> str:
    people = ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra"]
    return "\n".join(f"{i}. Story {i} with {people[i % 4]}\n\n    {1 + i % 28:02d} March 2021\n\n"
                     f"    {people[(i + 1) % 4]} meets {people[i % 4]} at the ILO in Jordan.\n" for i in range(1, n + 1))


def test_a_depth_three_query_over_100_stories_issues_a_bounded_number_of_store_queries(monkeypatch, tmp_path) -> None:
    import asyncio
    from graph.network import NetworkView
    from graph.read import GraphReader
    from graph.search import SearchIndex
    from schema.context import Context
    from schema.schema import schema
    from tests.schema import conftest
    monkeypatch.setattr(conftest, "NAMES", {**conftest.NAMES, **{p: conftest.EntityKind.PERSON for p in
                                                               ("Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra")}})
    inner = open_store("memory:")
    import_listing(inner, _listing(100))
    store = CountingStore(inner)
    reader = GraphReader(store, conftest.BASE)
    network, search = NetworkView(reader), SearchIndex(reader, tmp_path / "s.sqlite")
    query = """{ stories(first: 100) { totalCount edges { node { title mentions { text }
        people { name related(first: 5) { edges { weight node { name stories(first: 5) { title } } } } }
        places { name stories(first: 3) { title } } } } } }"""

    def execute() -> int:
        before = store.selects
        result = asyncio.run(schema.execute(query, context_value=Context(reader=reader, network_view=network, search_index=search)))
        assert not result.errors, result.errors
        assert len(result.data["stories"]["edges"]) == 100
        return store.selects - before

    cold, warm = execute(), execute()
    assert warm <= 8, f"{warm} store queries for one request"
    assert cold <= warm + 4  # + version and the three whole-graph reads of the network view
    inner.close()


def test_every_list_field_of_the_schema_has_a_price() -> None:
    from graphql import GraphQLInterfaceType, GraphQLList, GraphQLNonNull, GraphQLObjectType

    from schema.cost import FIELD_PRICING
    from schema.schema import schema

    lists = set()
    for type_name, graphql_type in schema._schema.type_map.items():
        if type_name.startswith("__") or not isinstance(graphql_type, (GraphQLObjectType, GraphQLInterfaceType)):
            continue
        for field_name, field in graphql_type.fields.items():
            inner = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
            if isinstance(inner, GraphQLList) or getattr(inner, "name", "").endswith("Connection"):
                lists.add(field_name)
    assert lists - set(FIELD_PRICING) == set(), "price these list fields in schema/cost.py FIELD_PRICING"
    assert set(FIELD_PRICING.values()) <= {"page", "degree", "graph", "paths", "ids", "fan-out", "parent", "scalars"}


def test_a_list_of_central_entities_costs_as_many_rows_as_it_asks_for(run, reader) -> None:
    from graphql import parse

    from schema.context import Context
    from schema.cost import estimate_cost
    context = Context(reader=reader, network_view=run.network)
    small, large = (estimate_cost(parse(f"{{ central(first: {n}) {{ name }} }}"), {}, context) for n in (2, 50))
    assert large - small == 48  # each entity costs its name
