"""The direct pass answers every explorer and benchmark query byte for byte as graphql-core's execution does.

Both paths run through the HTTP layer's worker (`GraphQLApp._answer_in_worker`: execute, format errors,
encode), over one imported store, for many variable values: random entities and stories, unknown IRIs,
pages and cursors (bad ones too), search texts (empty, no hit, prefixes, too long), depths and limits
past their bounds. Whatever the direct pass cannot answer exactly (errors, DataLoaders) it hands back,
so errors are compared as well as data.
"""
from __future__ import annotations

import base64
import random
import time
from collections.abc import Iterator
from typing import Any

import pytest

from bench import generate
from graph.pipeline import Importer, SourceInput
from graph.read import GraphReader
from graph.records import EntityKind
from graph.store import open_store
from schema.direct import DirectPass
from schema.execution import PlainObjectExecutor
from server.graphql_http import GRAPHQL_RESPONSE, JSON, GraphQLApp, RequestError, _Run
from server.settings import Settings

BASE = "http://sg.test/"
ENTITY = """query Details($iri: String!) {
  entity(iri: $iri) {
    __typename
    ... on Entity {
      iri name aliases storyCount centrality
      stories(first: 20) { iri title date summary links { entity { iri } evidence { text field start end method confidence } } }
    }
    ... on Person { affiliations { role organization { iri name } stories { iri } } }
    ... on Story { iri title date summary url links { type entity { iri name } evidence { text field start end method confidence } } }
  }
}"""
GRAPH = """truncated nodes { __typename ... on Entity { iri name storyCount centrality } ... on Story { iri title date } }
    edges { source target kind weight }"""
# (document, how to draw its variables): the bench's six queries and the explorer's (server/static/explore/api.js).
QUERIES: dict[str, str] = {
    "stories page": "query($first: Int, $after: String) { stories(first: $first, after: $after) { totalCount "
                    "pageInfo { hasNextPage endCursor } edges { cursor node { title date people { name } themes { name } } } } }",
    "related": """query($iri: String!, $first: Int) { entity(iri: $iri) { ... on Entity { name
        ... on Organization { related(first: $first) { edges { weight node { name } } } } } } }""",
    "neighbourhood": """query($iri: String!, $depth: Int, $limit: Int) { neighbourhood(iri: $iri, depth: $depth, limit: $limit) {
        nodes { __typename ... on Entity { name } } edges { source target weight } } }""",
    "explorer neighbourhood": f"""query Neighbourhood($iri: String!, $limit: Int!) {{
        neighbourhood(iri: $iri, limit: $limit, includeStories: true) {{ {GRAPH} }} }}""",
    "subgraph": f"""query Subgraph($iris: [String!]!) {{
        subgraph(iris: $iris, depth: 0, limit: 100, includeStories: true) {{ {GRAPH} }} }}""",
    "expandPreview": "query Preview($iri: String!) { expandPreview(iri: $iri) { stories neighbours byType { type count } "
                     "byYear { year count } } }",
    "search": "query($q: String!, $first: Int) { search(query: $q, first: $first) { score node { __typename } } }",
    "explorer search": """query Search($text: String!) { search(query: $text, first: 8) {
        node { __typename ... on Entity { iri name storyCount } ... on Story { iri title date } } } }""",
    "paths": "query($iri: String!, $to: String!, $hops: Int) { paths(from: $iri, to: $to, maxHops: $hops) { length } }",
    "explorer paths": """query Paths($from: String!, $to: String!) { paths(from: $from, to: $to, maxHops: 4, first: 3) {
        length nodes { __typename iri name storyCount centrality }
        hops { source { iri } target { iri } weight stories(first: 3) { iri title date } } } }""",
    "tie": """query Tie($a: String!, $b: String!) { subgraph(iris: [$a, $b], depth: 0) {
        edges { source target weight stories(first: 20) { iri title date summary } } } }""",
    "entity": ENTITY,
    "story links": """query($first: Int) { stories(first: $first) { edges { node { iri t: title date
        people { id iri name aliases } organizations { name } places { name } campaigns { name } themes { key name }
        again: people { name } } } } }""",
    "neighbourhood columns": """query($iri: String!, $depth: Int, $limit: Int) { neighbourhood(iri: $iri, depth: $depth, limit: $limit) {
        edges { __typename s: source t: target kind weight w: weight } } }""",
    "typename and aliases": """query($iri: String!) { __typename e: entity(iri: $iri) { __typename
        ... on Entity { n: name, again: name } } }""",
}


@pytest.fixture(scope="module")
def app() -> Iterator[GraphQLApp]:
    store = open_store("memory:")
    Importer(store, BASE).run([SourceInput("bench.jsonl", generate.corpus(400).encode())])
    served = GraphQLApp(GraphReader(store, BASE), Settings(store_url="memory:", base=BASE))
    yield served
    served.close()
    store.close()


def _answer(app: GraphQLApp, query: str, variables: dict[str, Any], media: str) -> tuple[int, bytes]:
    reader = app.reader
    context = dict(reader=reader, request=None, network_view=app.network, search_index=app.search, import_token=None,
                   authorization=None, on_import=None, text_limits=app.text_limits,
                   deadline=time.monotonic() + 60, _version=reader.cached_version(0))
    try:
        answer = app._answer_in_worker(_Run(deadline=time.monotonic() + 60), "POST", media, query, variables, None, context)
    except RequestError as exc:
        return exc.status, str(exc).encode()
    return answer.status, answer.body


def _both(app: GraphQLApp, query: str, variables: dict[str, Any], media: str = JSON) -> tuple[tuple[int, bytes], ...]:
    direct = _answer(app, query, variables, media)
    PlainObjectExecutor.direct = False
    try:
        reference = _answer(app, query, variables, media)
    finally:
        PlainObjectExecutor.direct = True
    return direct, reference


def _variables(name: str, pick: random.Random, entities: list[str], orgs: list[str], stories: list[str],
               words: list[str]) -> dict[str, Any]:
    """One draw of the document's variables: mostly valid, sometimes unknown, out of bounds or malformed."""
    def iri() -> str:
        return pick.choice([*[pick.choice(entities)] * 6, pick.choice(orgs), pick.choice(stories),
                            f"{BASE}person/nobody-{pick.randrange(99)}", "", "not an iri"])

    def size() -> int | None:
        return pick.choice([None, 0, 1, 5, 10, 20, 50, 100, 101, 1000, -1])

    def text() -> str:
        word = pick.choice(words)
        return pick.choice([word, word[: max(1, len(word) // 2)], word.upper(), f"{word} {pick.choice(words)}", "",
                            "   ", "zzqxv", "*", "\"", "ab", "x" * 300, f"{word}*"])

    if name == "stories page":
        after = pick.choice([None, None, base64.b64encode(f"arrayconnection:{pick.randrange(-2, 500)}".encode()).decode(),
                             "not a cursor", "", "YXJyYXljb25uZWN0aW9uOng="])
        return {"first": size(), "after": after}
    if name == "related":
        return {"iri": pick.choice([pick.choice(orgs)] * 3 + [iri()]), "first": size()}
    if name == "story links":
        return {"first": size()}
    if name in ("neighbourhood", "neighbourhood columns"):
        return {"iri": iri(), "depth": pick.choice([None, 0, 1, 2, 3, 4, 5, -1]), "limit": size()}
    if name == "explorer neighbourhood":
        return {"iri": iri(), "limit": pick.choice([1, 10, 50, 200, 201, 5000, 0, -3])}
    if name == "subgraph":
        return {"iris": [iri() for _ in range(pick.randrange(0, 5))]}
    if name == "search":
        return {"q": text(), "first": size()}
    if name == "explorer search":
        return {"text": text()}
    if name == "paths":
        return {"iri": iri(), "to": iri(), "hops": pick.choice([None, 1, 2, 4, 6, 7, 0, -1])}
    if name in ("explorer paths",):
        return {"from": iri(), "to": iri()}
    if name == "tie":
        return {"a": iri(), "b": iri()}
    return {"iri": iri()}


@pytest.fixture
def direct_answers(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the operations the direct pass answered itself (it hands the others to graphql-core)."""
    answered: list[int] = []
    fields = DirectPass.fields

    def counted(self: DirectPass, parent_type: Any, source: Any, path: Any, grouped_field_set: Any) -> Any:
        out = fields(self, parent_type, source, path, grouped_field_set)
        if path is None:
            answered.append(1)
        return out
    monkeypatch.setattr(DirectPass, "fields", counted)
    return answered


@pytest.mark.parametrize("name", list(QUERIES))
def test_the_direct_pass_answers_byte_for_byte_as_graphql_core(app: GraphQLApp, name: str, direct_answers: list[int]) -> None:
    network = app.network.current()
    entities = sorted(network.entities)
    orgs = [iri for iri in entities if network.entities[iri].kind is EntityKind.ORGANIZATION]
    stories = sorted(network.stories_of(orgs[0]))[:20] + sorted(network.stories_of(entities[0]))[:20]
    words = sorted({w for iri in entities for w in network.entities[iri].name.split() if len(w) > 2})
    pick = random.Random(name)
    outcomes = {"data": 0, "errors": 0}
    for _ in range(60):
        variables = _variables(name, pick, entities, orgs, stories, words)
        direct, reference = _both(app, QUERIES[name], variables, pick.choice([JSON, GRAPHQL_RESPONSE]))
        assert direct == reference, variables
        outcomes["errors" if b'"errors"' in direct[1] else "data"] += 1
    assert outcomes["data"] > 0  # the draws reach answers, not only refusals
    if name not in ("entity", "typename and aliases"):  # DataLoaders, a root __typename: graphql-core's to answer
        assert direct_answers, "the direct pass answered none of them"


def test_refusals_and_errors_are_the_same_bytes(app: GraphQLApp) -> None:
    """Errors the schema raises (limits, unknown IRIs, bad cursors) and ones it reports in place of data."""
    cases = [
        ("{ stories(first: 101) { totalCount } }", {}),
        ("{ stories(after: \"bogus\") { totalCount } }", {}),
        ("query($n: Int!) { stories(first: $n) { totalCount } }", {}),  # a missing variable
        ("query($n: Int!) { stories(first: $n) { totalCount } }", {"n": "ten"}),
        ("{ neighbourhood(iri: \"http://sg.test/person/nobody\") { nodes { __typename } } }", {}),
        ("{ neighbourhood(iri: \"http://sg.test/person/nobody\", depth: 9) { nodes { __typename } } }", {}),
        ("{ search(query: \"a b c d e f g h i j k l m n o p q r s t u v w x y z\") { score } }", {}),
        ("{ paths(from: \"x\", to: \"y\", maxHops: 99) { length } }", {}),
        ("{ nope }", {}),
        ("{ stories { edges { node { title @skip(if: true) date } } } }", {}),
        ("{ stories(first: 3) { edges { node { title ... on Story { url } ...f } } } } fragment f on Story { summary }", {}),
        ("{ __schema { queryType { name } } }", {}),
        ("{ stories(first: 2) { edges { node { days { iri } mentions { text } } } } }", {}),
    ]
    for query, variables in cases:
        for media in (JSON, GRAPHQL_RESPONSE):
            direct, reference = _both(app, query, variables, media)
            assert direct == reference, query
