"""The query-text check that runs before pyoxigraph's parser: limits that name themselves, SERVICE only when allowed."""
from __future__ import annotations

import pytest

from server.sparql_guard import GuardLimits, QueryRefused, check_query

LIMITS = GuardLimits(max_bytes=10_000, max_depth=50, max_operators=100)


def refused(text: str, limits: GuardLimits = LIMITS) -> str:
    with pytest.raises(QueryRefused) as caught:
        check_query(text, limits)
    return caught.value.limit


def test_an_ordinary_query_passes() -> None:
    check_query("PREFIX s: <https://schema.org/>\nSELECT ?s ?t WHERE { ?s a s:NewsArticle ; s:headline ?t . "
                "FILTER(CONTAINS(LCASE(?t), \"labour\") || ?t = 'x') } ORDER BY DESC(?t) LIMIT 10", LIMITS)


def test_brackets_inside_strings_comments_and_iris_do_not_count_as_nesting() -> None:
    check_query('ASK { ?s ?p "' + "(" * 500 + '" . ?s ?p """' + "{" * 500 + '""" } # ' + "[" * 500, LIMITS)


@pytest.mark.parametrize("opening, closing", [("(", ")"), ("{", "}"), ("[", "]")])
def test_deep_nesting_is_refused_before_parsing(opening: str, closing: str) -> None:
    assert refused("ASK { FILTER(" + opening * 2000 + "1" + closing * 2000 + ") }") == "query-depth"


def test_nesting_hidden_in_what_looks_like_an_iri_still_counts() -> None:
    # `?a <((…1…))> 0` is a comparison to the parser, not an IRI.
    assert refused("ASK { FILTER(?a <" + "(" * 60 + "1" + ")" * 60 + "> 0) }") == "query-depth"


@pytest.mark.parametrize("chain", ["+".join(["1"] * 500), "||".join(["true"] * 500), "!" * 500,
                                   " UNION ".join(["{ ?s ?p ?o }"] * 500)])
def test_long_operator_chains_are_refused(chain: str) -> None:
    assert refused("ASK { FILTER(" + chain + ") }") == "query-operators"


def test_a_query_over_the_size_limit_is_refused_by_size() -> None:
    assert refused("# " + "x" * 20_000 + "\nASK {}") == "query-size"


@pytest.mark.parametrize("target", ["<http://127.0.0.1:9/sparql>", "SILENT <http://169.254.169.254/>", "?endpoint",
                                    "ex:sparql", "<relative>"])
def test_service_is_refused_unless_allowed(target: str) -> None:
    text = f"PREFIX ex: <http://internal/> SELECT * WHERE {{ service {target} {{ ?s ?p ?o }} }}"
    assert refused(text) == "service"


def test_service_to_an_allowed_endpoint_passes_by_full_iri_or_prefixed_name() -> None:
    allowed = GuardLimits(service_allow=frozenset({"https://query.wikidata.org/sparql"}))
    check_query("SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }", allowed)
    check_query("PREFIX wd: <https://query.wikidata.org/> SELECT * WHERE { SERVICE SILENT wd:sparql { ?s ?p ?o } }",
                allowed)


def test_the_word_service_in_a_string_or_a_name_is_not_a_service_call() -> None:
    check_query('PREFIX ex: <http://x/> SELECT * WHERE { ?s ex:SERVICE "SERVICE <http://x/>" }', LIMITS)


def test_refusals_name_the_setting_to_change() -> None:
    with pytest.raises(QueryRefused, match="STORYGRAPH_SPARQL_MAX_DEPTH"):
        check_query("ASK " + "{" * 100 + "}" * 100, LIMITS)
    with pytest.raises(QueryRefused, match="STORYGRAPH_SPARQL_SERVICE_ALLOW"):
        check_query("ASK { SERVICE <http://x/> {} }", LIMITS)
