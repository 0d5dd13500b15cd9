"""Checks a SPARQL query's text before any parser sees it: size, nesting, operator count, SERVICE targets.

pyoxigraph's parser recurses once per nesting level and per operator in a chain: 5,000 nested
parentheses, 10,000 `+` or `||`, 10,000 `UNION` blocks or `!` each crash the process (SIGSEGV,
measured on pyoxigraph 0.5.13). This module is a linear, regex-driven lexer that never recurses,
so it refuses such text with a message naming the limit. It errs on the safe side: where its
lexing could differ from the parser's (brackets or operators inside an `<…>` that might be an
IRI or a `<` comparison) it counts them anyway. The query still runs in a killable worker
process (server/sparql_pool.py), so anything that slips past costs one worker, not the server.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Comments, strings and IRIs are skipped as units; every other token is looked at on its own.
_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>\"\"\"(?:\\.|[^\\])*?\"\"\"|'''(?:\\.|[^\\])*?'''|"(?:\\.|[^"\\\n\r])*"|'(?:\\.|[^'\\\n\r])*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00B7]+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<pname>(?:[^\W\d][\w.-]*)?:(?:\\.|[\w.:%-])*)
  | (?P<word>[^\W\d]\w*)
  | (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
  | (?P<open>[({\[])
  | (?P<close>[)}\]])
  | (?P<datatype>\^\^)
  | (?P<op>&&|\|\||!=|<=|>=|[+\-*/|^!=<>])
  | (?P<escape>\\.)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)
# Keywords that chain graph patterns the way operators chain expressions.
_CHAINING = {"UNION", "OPTIONAL", "MINUS"}
_IRI_OPERATORS = re.compile(r"&&|\|\||[+*!]")


@dataclass(frozen=True, slots=True)
class GuardLimits:
    """How big a query text may be before it reaches the parser."""

    max_bytes: int = 256 * 1024
    max_depth: int = 100
    max_operators: int = 2_000
    service_allow: frozenset[str] = frozenset()


class QueryRefused(ValueError):
    """A query text refused before parsing; `limit` names the limit or setting that refused it."""

    def __init__(self, limit: str, message: str) -> None:
        super().__init__(message)
        self.limit = limit


def check_query(text: str, limits: GuardLimits) -> None:
    """Raise QueryRefused if `text` is too large, too deeply nested, too long a chain, or calls a SERVICE not allowed."""
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > limits.max_bytes:
        raise QueryRefused("query-size", f"the query is {size} bytes; this endpoint accepts at most {limits.max_bytes} "
                                         "(setting STORYGRAPH_SPARQL_MAX_QUERY_BYTES)")
    depth = deepest = operators = 0
    prefixes: dict[str, str] = {}
    pending: list[str] = []  # the last few significant tokens: PREFIX declarations and SERVICE targets
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        token = match.group()
        if kind in ("space", "comment", "string"):
            continue
        if kind == "open":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limits.max_depth:
                    raise QueryRefused("query-depth", f"the query nests brackets more than {limits.max_depth} deep; "
                                                      "flatten it (setting STORYGRAPH_SPARQL_MAX_DEPTH)")
        elif kind == "close":
            depth = max(0, depth - 1)
        elif kind == "op" or (kind == "word" and token.upper() in _CHAINING):
            operators += 1
        elif kind == "iri":
            # `?a <((1)) > 0` is a comparison to the parser; count what it could see as code.
            inner = token[1:-1]
            operators += len(_IRI_OPERATORS.findall(inner))
            nested = inner.count("(") + inner.count("[")
            if depth + nested > limits.max_depth:
                raise QueryRefused("query-depth", f"the query nests brackets more than {limits.max_depth} deep; "
                                                  "flatten it (setting STORYGRAPH_SPARQL_MAX_DEPTH)")
        if operators > limits.max_operators:
            raise QueryRefused("query-operators", f"the query chains more than {limits.max_operators} operators "
                                                  "(+ - * / || && ! UNION OPTIONAL MINUS …); split it "
                                                  "(setting STORYGRAPH_SPARQL_MAX_OPERATORS)")
        pending = (pending + [token])[-4:]
        if len(pending) >= 3 and pending[-3].upper() == "PREFIX" and kind == "iri" and pending[-2].endswith(":"):
            prefixes[pending[-2]] = token[1:-1]
        _check_service(pending, kind, token, prefixes, limits.service_allow)


def _check_service(pending: list[str], kind: str | None, token: str, prefixes: dict[str, str],
                   allowed: frozenset[str]) -> None:
    """Refuse `SERVICE [SILENT] target` unless the target is an absolute IRI on the allow-list."""
    previous = [t.upper() for t in pending[:-1]]
    if not previous or token.upper() in ("SERVICE", "SILENT"):
        return
    if previous[-1] != "SERVICE" and not (previous[-1] == "SILENT" and len(previous) > 1 and previous[-2] == "SERVICE"):
        return
    if kind == "iri":
        target = token[1:-1]
    elif kind == "pname" and ":" in token:
        prefix, _, local = token.partition(":")
        target = prefixes.get(prefix + ":", "") + local if prefix + ":" in prefixes else ""
    else:
        target = ""
    if not target or target not in allowed:
        shown = target or token
        raise QueryRefused("service", f"SERVICE {shown} is refused: this endpoint calls no other endpoint unless "
                                      "its full IRI is listed in the setting STORYGRAPH_SPARQL_SERVICE_ALLOW "
                                      "(space-separated IRIs; empty by default)")
