"""The committed schema.graphql is the API's contract: it must match what the code serves."""
from __future__ import annotations

from pathlib import Path

from schema.schema import sdl

COMMITTED = Path(__file__).resolve().parents[2] / "schema" / "schema.graphql"


def test_committed_sdl_matches_the_code() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == sdl(), (
        "schema/schema.graphql differs from the code's schema; if the change is intended, run "
        "`.venv/bin/storygraph schema > schema/schema.graphql` and commit it with the code")


def test_contract_fields_are_kept() -> None:
    text = sdl()
    for needle in ("stories(first: Int = 20, after: String = null", "type StoryConnection", "totalCount: Int!",
                   "entity(iri: String!): Node", "node(id: ID!): Node", "type PageInfo"):
        assert needle in text
