"""Real GraphQL clients from npm (Apollo Client 3 with persisted queries, graphql-request) against a live server."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from graph.pipeline import Importer, SourceInput
from graph.store import open_store
from server.app import create_app
from server.settings import Settings
from tests.e2e.conftest import npm_installed

CLIENTS = Path(__file__).resolve().parent / "clients"
SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "ilo-news-2021.txt"
BASE = "http://storygraph.test/"

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def results(module_live_server) -> dict[str, Any]:
    """What each client got from a server holding the seeds (one node run for the module)."""
    node = npm_installed(CLIENTS, "@apollo/client")
    store = open_store("memory:")
    Importer(store, BASE).run([SourceInput(str(SEEDS), SEEDS.read_bytes())])
    url = module_live_server(create_app(Settings(store_url="memory:", base=BASE), store=store)) + "/graphql"
    done = subprocess.run([node, "clients.mjs", url], cwd=CLIENTS, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _found_pausini(result: dict[str, Any]) -> None:
    assert "error" not in result, result.get("error")
    assert result["answers"] and all("Laura Pausini" in answer for answer in result["answers"])


def test_apollo_client_plain_query_works(results) -> None:
    _found_pausini(results["apollo-plain"])


def test_apollo_persisted_queries_over_get_are_answered_as_graphql_not_graphiql(results) -> None:
    result = results["apollo-apq-get"]
    _found_pausini(result)
    hashed_gets = [e for e in result["exchanges"] if e["method"] == "GET" and "extensions" in e["params"] and "query" not in e["params"]]
    assert hashed_gets, result["exchanges"]
    assert all(not e["contentType"].startswith("text/html") for e in hashed_gets)
    assert any(e["status"] == 200 for e in hashed_gets[1:]), "the second run must be answered from the hash alone"


def test_apollo_persisted_queries_over_post_work(results) -> None:
    result = results["apollo-apq-post"]
    _found_pausini(result)
    assert {e["method"] for e in result["exchanges"]} == {"POST"}


def test_graphql_request_works(results) -> None:
    _found_pausini(results["graphql-request"])
