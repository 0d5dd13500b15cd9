"""The schema's periods and orders are the network view's own enums, said once."""
from __future__ import annotations

from graph import network
from schema import queries, types


def test_the_schema_exposes_the_network_views_enums_rather_than_copies() -> None:
    assert types.Granularity is network.Granularity
    assert queries.StoryOrder is network.StoryOrder and queries.EntityOrder is network.EntityOrder


def test_every_order_and_period_is_a_graphql_enum_value() -> None:
    from schema.schema import schema
    sdl = schema.as_str()
    for enum in (network.Granularity, network.StoryOrder, network.EntityOrder):
        block = sdl[sdl.index(f"enum {enum.__name__} {{"):]
        assert [line.strip() for line in block.splitlines()[1:len(enum) + 1]] == [m.name for m in enum]
