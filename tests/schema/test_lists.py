"""Connections, filters, ordering, Relay lookups and search over a small imported listing."""
from __future__ import annotations

import pytest



def _titles(data: dict) -> list[str]:
    return [e["node"]["title"] for e in data["stories"]["edges"]]


@pytest.fixture
def iri(run):
    def find(name: str) -> str:
        return next(iri for iri, row in run.network.current().entities.items() if name in (row.name, *row.aliases))
    return find


def test_story_filters_combine_fields_with_and(run, iri) -> None:
    data = run("""query($org: String!, $place: String!) { stories(filter: {organizations: [$org], places: [$place]}) {
        totalCount edges { node { title } } } }""", org=iri("ILO"), place=iri("Jordan"))
    assert data["stories"]["totalCount"] == 2
    assert _titles(data) == ["Guy Ryder on social justice", "Jordan and the ILO"]


def test_story_filter_lists_match_any_of_their_entities(run, iri) -> None:
    data = run("query($p: [String!]) { stories(filter: {people: $p}) { totalCount } }",
               p=[iri("Laura Pausini"), iri("Sophia Loren")])
    assert data["stories"]["totalCount"] == 2


def test_story_filter_by_theme_id_and_dates(run) -> None:
    data = run('{ stories(filter: {themes: ["child-labour"], from: "2021-02-15", to: "2021-12-31"}) { edges { node { title } } } }')
    assert _titles(data) == ["Guy Ryder on social justice"]


def test_story_text_filter_ignores_case_and_accents(run) -> None:
    data = run('{ stories(filter: {text: "SAO PAULO"}) { edges { node { title } } } }')
    assert _titles(data) == ["Sophia Loren on women at work"]


def test_stories_can_be_ordered_oldest_first(run) -> None:
    data = run("{ stories(orderBy: OLDEST, first: 2) { edges { node { date } } } }")
    assert [e["node"]["date"] for e in data["stories"]["edges"]] == ["2020-12-17", "2021-02-10"]


def test_cursor_pagination_covers_a_filtered_list_once(run, iri) -> None:
    seen, after = [], None
    while True:
        page = run("""query($after: String, $org: String!) { stories(first: 1, after: $after, filter: {organizations: [$org]}) {
            totalCount pageInfo { hasNextPage endCursor } edges { node { iri } } } }""", after=after, org=iri("ILO"))["stories"]
        seen += [e["node"]["iri"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == page["totalCount"] == 3


def test_page_size_is_capped(run) -> None:
    out = run("{ stories(first: 101) { totalCount } }", expect_errors=True)
    assert "`first` must be between 0 and 100" in out["errors"][0]


def test_entity_lists_filter_by_name_and_co_occurrence(run, iri) -> None:
    data = run("""query($ilo: String!) { people(filter: {relatedTo: [$ilo]}) { edges { node { name } } }
        places(filter: {text: "sao"}) { edges { node { name } } } }""", ilo=iri("ILO"))
    assert [e["node"]["name"] for e in data["people"]["edges"]] == ["AR Rahman", "Guy Ryder"]
    assert [e["node"]["name"] for e in data["places"]["edges"]] == ["São Paulo"]


def test_entities_page_their_stories_as_a_connection(run, iri) -> None:
    data = run("""query($iri: String!) { entity(iri: $iri) { ... on Organization { storyCount
        storiesConnection(first: 2) { totalCount pageInfo { hasNextPage } edges { node { date } } } } } }""", iri=iri("ILO"))
    conn = data["entity"]["storiesConnection"]
    assert data["entity"]["storyCount"] == conn["totalCount"] == 3 and conn["pageInfo"]["hasNextPage"]
    assert [e["node"]["date"] for e in conn["edges"]] == ["2021-02-19", "2021-02-10"]


def test_nodes_resolves_global_ids_in_order_with_nulls_for_unknown(run) -> None:
    data = run("{ stories(first: 2) { edges { node { id title } } } }")
    ids = [e["node"]["id"] for e in data["stories"]["edges"]]
    found = run("query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Story { title } } }", ids=[ids[1], "bm9wZQ==", ids[0]])
    assert [n and n["id"] for n in found["nodes"]] == [ids[1], None, ids[0]]


def test_search_ranks_names_and_matches_prefixes_without_accents(run) -> None:
    data = run('{ search(query: "sao pau") { score node { __typename ... on Entity { name } ... on Story { title } } } }')
    hits = data["search"]
    assert hits[0]["node"] == {"__typename": "Place", "name": "São Paulo"}
    assert hits[1]["node"]["__typename"] == "Story" and hits[0]["score"] > hits[1]["score"]


def test_search_can_be_limited_to_types(run) -> None:
    data = run('{ search(query: "laur", types: [PERSON]) { node { ... on Person { name } } } }')
    assert data["search"] == [{"node": {"name": "Laura Pausini"}}]
