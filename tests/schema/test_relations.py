"""Relationship queries answer from the data of a small listing imported by the test."""
from __future__ import annotations

import pytest



@pytest.fixture
def iri(run):
    """IRI of an entity by its name, whatever slug the resolver gives it."""
    def find(name: str) -> str:
        return next(iri for iri, row in run.network.current().entities.items() if name in (row.name, *row.aliases))
    return find


def test_related_entities_are_weighted_by_shared_stories_and_carry_them(run, iri) -> None:
    data = run("""query($iri: String!) { entity(iri: $iri) { ... on Organization {
        related(first: 10) { totalCount edges { weight node { name } stories { title } } } } } }""", iri=iri("ILO"))
    edges = data["entity"]["related"]["edges"]
    assert edges[0]["node"]["name"] == "Jordan" and edges[0]["weight"] == 2
    assert {s["title"] for s in edges[0]["stories"]} == {"Guy Ryder on social justice", "Jordan and the ILO"}
    assert data["entity"]["related"]["totalCount"] == 5


def test_related_can_be_limited_to_types(run, iri) -> None:
    data = run("""query($iri: String!) { entity(iri: $iri) { ... on Organization {
        related(types: [PERSON]) { edges { node { __typename name } } } } } }""", iri=iri("ILO"))
    assert {e["node"]["name"] for e in data["entity"]["related"]["edges"]} == {"AR Rahman", "Guy Ryder"}


def test_paths_go_through_the_shared_campaign_with_supporting_stories(run, iri) -> None:
    data = run("""query($a: String!, $b: String!) { paths(from: $a, to: $b, maxHops: 4) {
        length nodes { name } hops { story { title } } } }""", a=iri("Laura Pausini"), b=iri("AR Rahman"))
    path = data["paths"][0]
    assert [n["name"] for n in path["nodes"]] == ["Laura Pausini", "Music Against Child Labour Initiative", "AR Rahman"]
    assert [h["story"]["title"] for h in path["hops"]] == [
        "Laura Pausini: Education and music empowers children", "AR Rahman joins the fight against child labour"]


def test_paths_longer_than_max_hops_are_not_returned(run, iri) -> None:
    data = run("query($a: String!, $b: String!) { paths(from: $a, to: $b, maxHops: 1) { length } }",
               a=iri("Laura Pausini"), b=iri("AR Rahman"))
    assert data["paths"] == []


def test_paths_refuse_more_than_four_hops(run, iri) -> None:
    out = run("query($a: String!) { paths(from: $a, to: $a, maxHops: 9) { length } }", a=iri("ILO"), expect_errors=True)
    assert "`maxHops` must be between 1 and 4" in out["errors"][0]


def test_neighbourhood_is_a_node_link_graph(run, iri) -> None:
    data = run("""query($iri: String!) { neighbourhood(iri: $iri, depth: 1) { truncated
        nodes { ... on Entity { iri name } } edges { source target kind weight stories { title } } } }""", iri=iri("Guy Ryder"))
    graph = data["neighbourhood"]
    iris = {n["iri"] for n in graph["nodes"]}
    assert iris == {iri("Guy Ryder"), iri("ILO"), iri("Jordan"), iri("child labour")}
    assert all(e["source"] in iris and e["target"] in iris and e["kind"] == "CO_OCCURS" for e in graph["edges"])
    ilo_jordan = next(e for e in graph["edges"] if {e["source"], e["target"]} == {iri("ILO"), iri("Jordan")})
    assert ilo_jordan["weight"] == 2 and not graph["truncated"]


def test_neighbourhood_stops_at_its_limit_and_says_so(run, iri) -> None:
    data = run("query($iri: String!) { neighbourhood(iri: $iri, depth: 3, limit: 3) { truncated nodes { id } } }", iri=iri("ILO"))
    assert len(data["neighbourhood"]["nodes"]) == 3 and data["neighbourhood"]["truncated"]


def test_neighbourhood_edge_cap_keeps_every_node_connected(run, iri) -> None:
    full = run("""query($iri: String!) { neighbourhood(iri: $iri, depth: 2) { truncated
        nodes { ... on Entity { iri } } edges { source target } } }""", iri=iri("Guy Ryder"))["neighbourhood"]
    cap = len(full["nodes"]) - 1
    assert len(full["edges"]) > cap and not full["truncated"]
    capped = run("""query($iri: String!, $cap: Int!) { neighbourhood(iri: $iri, depth: 2, maxEdges: $cap) { truncated
        nodes { ... on Entity { iri } } edges { source target } } }""", iri=iri("Guy Ryder"), cap=cap)["neighbourhood"]
    assert capped["truncated"] and len(capped["edges"]) == cap
    # The ties that reached each node are kept, so every node is still joined to the start.
    joined, edges = {iri("Guy Ryder")}, [(e["source"], e["target"]) for e in capped["edges"]]
    for _ in edges:
        joined |= {b for a, b in edges if a in joined} | {a for a, b in edges if b in joined}
    assert joined == {n["iri"] for n in capped["nodes"]}


def test_neighbourhood_depth_is_capped_at_three(run, iri) -> None:
    out = run("query($iri: String!) { neighbourhood(iri: $iri, depth: 4) { truncated } }", iri=iri("ILO"), expect_errors=True)
    assert "`depth` must be between 0 and 3" in out["errors"][0]


def test_neighbourhood_with_stories_has_mention_edges_with_evidence(run, iri) -> None:
    data = run("""query($iri: String!) { neighbourhood(iri: $iri, includeStories: true) {
        nodes { __typename } edges { kind source target evidence { text field start end method confidence } } } }""",
               iri=iri("Laura Pausini"))
    mentions = [e for e in data["neighbourhood"]["edges"] if e["kind"] == "MENTIONS"]
    pausini = next(e for e in mentions if e["target"] == iri("Laura Pausini"))
    assert {(m["field"], m["start"], m["end"]) for m in pausini["evidence"]} == {("title", 0, 13), ("summary", 79, 92)}
    assert "Story" in {n["__typename"] for n in data["neighbourhood"]["nodes"]}


def test_subgraph_of_several_entities_has_the_ties_among_them(run, iri) -> None:
    data = run("query($iris: [String!]!) { subgraph(iris: $iris) { nodes { id } edges { weight } } }",
               iris=[iri("ILO"), iri("Jordan"), iri("Sophia Loren")])
    assert len(data["subgraph"]["nodes"]) == 3 and [e["weight"] for e in data["subgraph"]["edges"]] == [2]


def test_expand_preview_counts_neighbours_by_type_and_stories_by_year(run, iri) -> None:
    data = run("""query($iri: String!) { expandPreview(iri: $iri) { stories neighbours
        byType { type count } byYear { year count } } }""", iri=iri("ILO"))
    preview = data["expandPreview"]
    assert preview["stories"] == 3 and preview["neighbours"] == 5
    assert {t["type"]: t["count"] for t in preview["byType"]} == {"PERSON": 2, "PLACE": 1, "CAMPAIGN": 1, "THEME": 1}
    assert preview["byYear"] == [{"year": 2020, "count": 1}, {"year": 2021, "count": 2}]


def test_timeline_of_a_theme_counts_stories_per_month(run) -> None:
    data = run('{ timeline(theme: "child-labour", granularity: MONTH) { period count } '
               'all: timeline(granularity: YEAR) { period count } }')
    assert data["timeline"] == [{"period": "2021-02", "count": 2}]
    assert data["all"] == [{"period": "2020", "count": 1}, {"period": "2021", "count": 4}]


def test_centrality_orders_entities_by_pagerank(run) -> None:
    data = run("{ organizations(orderBy: CENTRALITY) { edges { node { name centrality } } } "
               "places(orderBy: CENTRALITY) { edges { node { name centrality } } } }")
    places = [e["node"] for e in data["places"]["edges"]]
    assert places[0]["name"] == "Jordan" and places[0]["centrality"] > places[1]["centrality"] > 0


def test_story_links_carry_their_mention_evidence(run) -> None:
    data = run("""{ stories(filter: {text: "Pausini"}) { edges { node { links(types: [CAMPAIGN]) {
        type entity { name } evidence { text field start end method confidence } } } } } }""")
    link = data["stories"]["edges"][0]["node"]["links"][0]
    assert link["type"] == "CAMPAIGN" and link["entity"]["name"] == "Music Against Child Labour Initiative"
    assert link["evidence"] == [{"text": "Music Against Child Labour Initiative", "field": "summary", "start": 4,
                                 "end": 41, "method": "gazetteer", "confidence": 0.9}]


def _hub_listing(n: int) -> str:
    """One hub (the ILO) in every story, each story with its own person: the hub has n neighbours."""
    return "\n".join(f"{i}. Story {i}\n\n    {1 + i % 28:02d} March 2021\n\n    Person{i:03d} Example works with the ILO.\n"
                     for i in range(1, n + 1))


def test_a_hubs_neighbourhood_and_related_page_stay_within_their_limits(monkeypatch) -> None:
    import asyncio
    from graph.network import NetworkView
    from graph.read import GraphReader
    from graph.store import open_store
    from schema.context import Context
    from schema.schema import schema
    from tests.schema import conftest
    people = {f"Person{i:03d} Example": conftest.EntityKind.PERSON for i in range(1, 301)}
    monkeypatch.setattr(conftest, "NAMES", {"ILO": conftest.EntityKind.ORGANIZATION, **people})
    store = open_store("memory:")
    conftest.import_listing(store, _hub_listing(300))
    reader = GraphReader(store, conftest.BASE)
    view = NetworkView(reader)
    hub = next(iri for iri, row in view.current().entities.items() if row.kind is conftest.EntityKind.ORGANIZATION)
    query = """query($iri: String!) { neighbourhood(iri: $iri, depth: 2, limit: 20) { truncated nodes { id } edges { weight } }
        entity(iri: $iri) { ... on Organization { storyCount related(first: 5) { totalCount edges { weight stories(first: 2) { title } } } } } }"""
    result = asyncio.run(schema.execute(query, variable_values={"iri": hub}, context_value=Context(reader=reader, network_view=view)))
    assert not result.errors, result.errors
    hood, entity = result.data["neighbourhood"], result.data["entity"]
    assert len(hood["nodes"]) == 20 and hood["truncated"] and len(hood["edges"]) == 19
    assert entity["storyCount"] == 300 and entity["related"]["totalCount"] == 300
    assert len(entity["related"]["edges"]) == 5 and all(len(e["stories"]) == 1 for e in entity["related"]["edges"])
    store.close()
