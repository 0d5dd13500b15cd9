"""The plain-object executor answers exactly what graphql-core's own executor answers, data and errors alike."""
from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence as SequenceOf
from enum import Enum
from typing import Any

import pytest
import strawberry

from schema.context import Context
from schema.cost import extensions
from schema.direct import COLUMNS_FROM, _plain_call
from schema.execution import PlainObjectExecutor
from schema.mutations import Mutation
from schema.queries import Query
from schema.rows import Rows as RowsOf
from schema.schema import schema
from schema.types import Campaign, Day, Organization, Person, Place, Story, Theme

# The same schema with graphql-core's executor: the reference every answer is compared with.
REFERENCE = strawberry.Schema(query=Query, mutation=Mutation, types=[Story, Person, Organization, Place, Campaign, Theme, Day],
                              extensions=extensions())

QUERIES = [
    "{ stories(first: 20) { totalCount edges { node { title date people { name } themes { name } } } } }",
    """query($iri: String!) { entity(iri: $iri) { ... on Entity { name
        ... on Organization { related(first: 10) { edges { weight node { name } } } } } } }""",
    """query($iri: String!) { neighbourhood(iri: $iri, depth: 2, limit: 50) {
        nodes { __typename ... on Entity { name } } edges { source target weight } } }""",
    """query($iri: String!) { neighbourhood(iri: $iri, depth: 2, includeStories: true) {
        nodes { __typename id ... on Story { title date url } ... on Entity { iri n: name aliases } }
        edges { kind a: source b: target weight source } truncated } }""",
    """query($iri: String!) { neighbourhood(iri: $iri, depth: 1, limit: 10, includeStories: true) {
        edges { kind source target weight stories(first: 2) { title } } } }""",
    "query($iri: String!) { expandPreview(iri: $iri) { iri stories neighbours byType { type count } byYear { year count } } }",
    "query($iri: String!) { timeline(iri: $iri, granularity: YEAR) { period count } }",
    """query($iri: String!, $with: Boolean!) { neighbourhood(iri: $iri) {
        edges { source target @include(if: $with) weight @skip(if: $with) } } }""",
    """query($iri: String!) { neighbourhood(iri: $iri) { nodes { ...named } } }
       fragment named on Entity { name ...more } fragment more on Node { id }""",
    "{ search(query: \"ilo\") { score node { __typename ... on Entity { name } ... on Story { title } } } }",
    "{ stories { edges { node { mentions { text field start end method confidence } } } } }",
    "query($iri: String!, $to: String!) { paths(from: $iri, to: $to, maxHops: 4) { length } }",
    """query($iri: String!, $to: String!) { paths(from: $iri, to: $to, maxHops: 4, first: 5) { length
        hops { weight source { name } target { iri } story { title } stories(first: 2) { title date } } } }""",
]


def _answer(chosen: Any, query: str, reader, run, **variables: Any) -> tuple[Any, list[tuple[str, Any]]]:
    context = Context(reader=reader, network_view=run.network, search_index=run.search)
    result = asyncio.run(chosen.execute(query, variable_values=variables, context_value=context))
    return result.data, [(e.message, e.path) for e in result.errors or ()]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("with_", [True, False])
def test_every_explorer_query_answers_as_graphql_core_does(query: str, with_: bool, reader, run) -> None:
    network = run.network.current()
    iri = next(i for i, row in network.entities.items() if "ILO" in (row.name, *row.aliases))
    # An entity two hops away, so paths have a middle hop.
    to = next(e for e in network.entities if network.paths(iri, e, 4, 1) and len(network.paths(iri, e, 4, 1)[0]) == 2)
    variables = {k: v for k, v in {"iri": iri, "with": with_, "to": to}.items() if f"${k}" in query}
    ours, theirs = _answer(schema, query, reader, run, **variables), _answer(REFERENCE, query, reader, run, **variables)
    assert ours == theirs
    assert json.dumps(ours[0]) == json.dumps(theirs[0])  # the same bytes: keys in the same order too
    assert ours[0] is not None and not ours[1]


@strawberry.enum
class Colour(Enum):
    RED = "red"


@strawberry.type
class Item:
    name: str
    note: str | None
    tags: list[str]
    colour: Colour
    size: int


@strawberry.type
class Items:
    @strawberry.field
    def items(self) -> list[Item]:
        return [Item(name="a", note=None, tags=["x"], colour=Colour.RED, size=1),
                Item(name=None, note="n", tags=["y"], colour=Colour.RED, size=2),  # type: ignore[arg-type]
                Item(name="c", note=None, tags=[None], colour=Colour.RED, size=3),  # type: ignore[list-item]
                Item(name="d", note=None, tags=[], colour="blue", size=4),  # type: ignore[arg-type]
                Item(name="e", note=None, tags=[], colour=Colour.RED, size="many")]  # type: ignore[arg-type]


@pytest.mark.parametrize("query", [
    "{ items { name note tags colour size __typename } }",
    "{ items { note size } }",
    "{ items { ... on Item { x: note y: size } } }",
    "{ items { __typename size n: name } }",
])
def test_nulls_and_bad_values_are_reported_as_graphql_core_reports_them(query: str) -> None:
    fast, reference = strawberry.Schema(Items, execution_context_class=PlainObjectExecutor), strawberry.Schema(Items)
    ours, theirs = asyncio.run(fast.execute(query)), asyncio.run(reference.execute(query))
    assert ours.data == theirs.data and json.dumps(ours.data) == json.dumps(theirs.data)
    assert [(e.message, e.path) for e in ours.errors or ()] == [(e.message, e.path) for e in theirs.errors or ()]
    if "name" in query:
        assert ours.errors  # the null name reaches the client as graphql-core words it


def test_a_node_link_graph_is_completed_as_plain_objects(reader, run, monkeypatch) -> None:
    completed: list[str] = []
    plain, plain_list = PlainObjectExecutor._complete_plain, PlainObjectExecutor._complete_plain_list

    def counting(return_type, steps, source):
        answer = plain(return_type, steps, source)
        completed.append(return_type.name if answer is not None else "-")
        return answer

    def counting_list(return_type, steps, sources):
        answers = plain_list(return_type, steps, sources)
        completed.extend([return_type.name] * len(sources) if answers is not None else "-")
        return answers
    monkeypatch.setattr(PlainObjectExecutor, "_complete_plain", staticmethod(counting))
    monkeypatch.setattr(PlainObjectExecutor, "_complete_plain_list", staticmethod(counting_list))
    iri = next(i for i, row in run.network.current().entities.items() if "ILO" in (row.name, *row.aliases))
    data, errors = _answer(schema, QUERIES[2], reader, run, iri=iri)
    assert not errors and len(completed) == len(data["neighbourhood"]["nodes"]) + len(data["neighbourhood"]["edges"])
    assert "GraphEdge" in completed and "-" not in completed


@strawberry.type
class Row:
    name: str
    size: int


@strawberry.type
class Rows:
    @strawberry.field
    def rows(self, sizes: list[int], named: bool = True) -> list[Row]:
        return [Row(name="r" if named else None, size=s) for s in sizes]  # type: ignore[arg-type]  # a null, on purpose


def test_a_list_is_completed_field_by_field_only_when_every_value_is_plain() -> None:
    """The whole-list path gives up (None) on the first value graphql-core would check or report, and agrees
    with the object-by-object path otherwise."""
    fast, reference = strawberry.Schema(Rows, execution_context_class=PlainObjectExecutor), strawberry.Schema(Rows)
    many = list(range(COLUMNS_FROM + 4))
    for sizes, named in ((many, True), (many, False), ([*many, 2**31], True), ([-2**31, *many], True), ([], True), ([5], True)):
        query = f"{{ rows(sizes: {sizes}, named: {str(named).lower()}) {{ __typename name size }} }}"
        ours, theirs = asyncio.run(fast.execute(query)), asyncio.run(reference.execute(query))
        assert json.dumps(ours.data) == json.dumps(theirs.data)
        assert [(e.message, e.path) for e in ours.errors or ()] == [(e.message, e.path) for e in theirs.errors or ()]


class Deny(strawberry.BasePermission):
    message = "not for you"

    def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
        return False


made: list[str] = []


@strawberry.type
class Box:
    size: int

    @strawberry.field
    def double(self) -> int:  # only self: called by the direct pass itself, without strawberry's wrapper
        return self.size * 2

    @strawberry.field
    def wide(self) -> int:
        return 2**31 if self.size > 2 else self.size  # out of Int's range for the bigger boxes

    @strawberry.field
    def boom(self) -> int:
        raise ValueError(f"box {self.size} has no boom")

    @strawberry.field(permission_classes=[Deny])
    def secret(self) -> str:  # an extension (the permission): strawberry's wrapper must run it
        return "s"

    @strawberry.field
    def with_info(self, info: strawberry.Info) -> str:
        return info.field_name

    @strawberry.field
    async def later(self) -> int:
        return self.size

    @strawberry.field
    def inner(self) -> list[Item]:
        return [Item(name=f"i{self.size}", note=None, tags=[], colour=Colour.RED, size=self.size)]


@strawberry.type
class Edge:
    source: str
    weight: int
    colour: Colour

    def __post_init__(self) -> None:
        made.append(self.source)


@strawberry.type
class Boxes:
    @strawberry.field
    def boxes(self) -> list[Box]:
        return [Box(size=s) for s in range(1, 5)]

    @strawberry.field
    def edges(self, n: int, bad: str = "") -> SequenceOf[Edge]:
        weights = [2**31 if bad == "weight" else i for i in range(n)]
        sources = [None if bad == "source" and i == n - 1 else f"s{i}" for i in range(n)]
        colours = ["blue" if bad == "colour" else Colour.RED] * n
        return RowsOf(Edge, source=sources, weight=weights, colour=colours)


@pytest.mark.parametrize("query", [
    "{ boxes { size double d: double } }",
    "{ boxes { double wide } }",
    "{ boxes { size boom } }",
    "{ boxes { secret } }",
    "{ boxes { withInfo later } }",
    "{ boxes { double inner { name size } } }",
])
def test_resolvers_that_take_only_self_answer_as_through_strawberry(query: str) -> None:
    """The direct pass calls a resolver of `self` alone itself; errors, permissions, resolve-info and awaitables
    are still strawberry's and graphql-core's."""
    fast, reference = strawberry.Schema(Boxes, execution_context_class=PlainObjectExecutor), strawberry.Schema(Boxes)
    ours, theirs = asyncio.run(fast.execute(query)), asyncio.run(reference.execute(query))
    assert json.dumps(ours.data) == json.dumps(theirs.data)
    assert [(e.message, e.path) for e in ours.errors or ()] == [(e.message, e.path) for e in theirs.errors or ()]
    if "secret" in query:
        assert ours.errors and ours.errors[0].message == "not for you"


@pytest.mark.parametrize("n", [0, 3, COLUMNS_FROM + 4])
@pytest.mark.parametrize("bad", ["", "weight", "source", "colour"])
def test_a_list_given_as_columns_answers_as_its_objects_would(n: int, bad: str) -> None:
    """A `Rows` is completed from its columns, without making its objects, when the selection is plain;
    anything graphql-core must check or report takes the objects (made then) and the usual path."""
    fast, reference = strawberry.Schema(Boxes, execution_context_class=PlainObjectExecutor), strawberry.Schema(Boxes)
    query = f'{{ edges(n: {n}, bad: "{bad}") {{ __typename s: source weight colour }} }}'
    made.clear()
    ours = asyncio.run(fast.execute(query))
    made_by_ours = len(made)
    theirs = asyncio.run(reference.execute(query))
    assert json.dumps(ours.data) == json.dumps(theirs.data)
    assert [(e.message, e.path) for e in ours.errors or ()] == [(e.message, e.path) for e in theirs.errors or ()]
    if not bad:
        assert made_by_ours <= 1  # at most the one object that decides the type


@strawberry.input
class Window:
    first: int = 2
    after: str | None = None


@strawberry.type
class Asked:
    @strawberry.field
    def echo(self, info: strawberry.Info, word: str, times: int = 1, scale: float | None = None, loud: bool = False,
             colours: list[Colour] | None = None, window: Window | None = None) -> str:
        if word == "boom":
            raise ValueError("no boom")
        parts = [word.upper() if loud else word] * times
        return " ".join([*parts, repr(scale), repr(colours), repr(window), info.field_name, type(info).__name__,
                         repr(info.path.key)])

    @strawberry.field
    def sized(self, size: int | None = strawberry.UNSET) -> str:
        return repr(size)


@pytest.mark.parametrize("query", [
    '{ echo(word: "hi") }',
    '{ echo(word: "hi", times: 2, scale: 1.5, loud: true) a: echo(word: "x", scale: null) }',
    '{ echo(word: "hi", colours: [RED, RED], window: {first: 3}) }',
    '{ echo(word: "hi", colours: null, window: {after: "c"}) }',
    '{ echo(word: "boom") ok: sized sized(size: null) s: sized(size: 4) }',
])
def test_a_root_resolver_with_arguments_is_called_as_strawberry_calls_it(query: str) -> None:
    """The direct pass calls a method resolver without field extensions itself, with strawberry's `Info` and the
    arguments under their Python names (as they are, or converted by strawberry: enums, input objects)."""
    fast, reference = strawberry.Schema(Asked, execution_context_class=PlainObjectExecutor), strawberry.Schema(Asked)
    ours, theirs = asyncio.run(fast.execute(query)), asyncio.run(reference.execute(query))
    assert json.dumps(ours.data) == json.dumps(theirs.data)
    assert [(e.message, e.path) for e in ours.errors or ()] == [(e.message, e.path) for e in theirs.errors or ()]
    field = fast.get_type_by_name("Asked").fields[0]  # type: ignore[union-attr]
    assert _plain_call(field, fast.schema_converter) is not None  # the call was made directly, not by the wrapper
