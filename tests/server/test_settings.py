"""Settings: declared once, read from the environment in one place, secrets never printed."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from server.settings import SETTINGS, SettingError, Settings

ROOT = Path(__file__).resolve().parents[2]


def test_the_environment_fills_every_declared_setting() -> None:
    env = {"STORYGRAPH_DB": "/tmp/x", "STORYGRAPH_BASE": "http://example.org/", "STORYGRAPH_SPARQL_TIMEOUT": "2.5",
           "STORYGRAPH_SPARQL_MAX_RESULTS": "50", "STORYGRAPH_IMPORT_TOKEN": "s3cret"}
    settings = Settings.from_env(environ=env)
    assert (settings.store_url, settings.base, settings.sparql_timeout, settings.sparql_max_results) == \
        ("/tmp/x", "http://example.org/", 2.5, 50)
    assert settings.base_is_explicit and settings.token == "s3cret"


def test_command_line_values_come_before_the_environment() -> None:
    settings = Settings.from_env(db="/cli", base="http://cli.example/", environ={"STORYGRAPH_DB": "/env"})
    assert settings.store_url == "/cli" and settings.base == "http://cli.example/"


def test_without_a_base_the_servers_own_address_is_used_and_a_stored_base_may_replace_it() -> None:
    settings = Settings.from_env(host="127.0.0.1", port=9000, environ={})
    assert settings.base == "http://127.0.0.1:9000/" and not settings.base_is_explicit


def test_the_import_token_never_prints() -> None:
    settings = Settings.from_env(environ={"STORYGRAPH_IMPORT_TOKEN": "s3cret"})
    assert "s3cret" not in repr(settings) and "s3cret" not in str(settings)
    assert all("s3cret" not in value for _, value, _ in settings.describe())


@pytest.mark.parametrize("env", [{"STORYGRAPH_SPARQL_TIMEOUT": "soon"}, {"STORYGRAPH_SPARQL_MAX_RESULTS": "-1"}])
def test_an_unusable_value_names_the_variable(env: dict[str, str]) -> None:
    with pytest.raises(SettingError, match=next(iter(env))):
        Settings.from_env(environ=env)


def test_remote_endpoints_from_the_environment_join_the_store_url() -> None:
    settings = Settings.from_env(environ={"STORYGRAPH_STORE": "sparql:http://h:1/q?update=http://h:1/old",
                                          "STORYGRAPH_SPARQL_UPDATE": "http://h:1/u", "STORYGRAPH_SPARQL_STORE": "http://h:1/s"})
    from graph.store.sparql import parse_location
    assert parse_location(settings.store_url[len("sparql:"):]) == ("http://h:1/q", "http://h:1/u", "http://h:1/s")


def test_describe_lists_every_declared_setting() -> None:
    assert [env for env, _, _ in Settings().describe()] == [s.env for s in SETTINGS]


def test_no_other_module_reads_the_environment_for_a_setting() -> None:
    readers = [str(p.relative_to(ROOT)) for package in ("graph", "schema", "server") for p in (ROOT / package).rglob("*.py")
               if re.search(r"environ(?:\.get)?\(?\[?[\"']STORYGRAPH_|getenv\([\"']STORYGRAPH_", p.read_text(encoding="utf-8"))]
    assert readers == []


def test_writes_in_flight_from_the_environment_join_the_store_url() -> None:
    settings = Settings.from_env(environ={"STORYGRAPH_STORE": "sparql:http://h:1/q?writes=4", "STORYGRAPH_SPARQL_WRITES": "1"})
    from graph.store.sparql import parse_location, parse_writes
    location = settings.store_url[len("sparql:"):]
    assert parse_writes(location) == 1 and parse_location(location)[0] == "http://h:1/q"
    with pytest.raises(SettingError, match="STORYGRAPH_SPARQL_WRITES"):
        Settings.from_env(environ={"STORYGRAPH_STORE": "sparql:http://h:1/q", "STORYGRAPH_SPARQL_WRITES": "0"})
