"""GraphQL response bodies are compact UTF-8 JSON, whatever the encoder that wrote them."""
from __future__ import annotations

import json

from server.graphql_http import _encode


def test_a_body_is_the_compact_utf8_json_of_the_payload() -> None:
    payload = {"data": {"name": "São Paulo — “quoted”", "weight": 3, "score": 0.25, "none": None, "list": [1, "a"]}}
    assert _encode(payload) == json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def test_what_the_fast_encoder_refuses_is_written_as_before() -> None:
    big = {"data": {"count": 2 ** 70}}
    assert json.loads(_encode(big)) == big
