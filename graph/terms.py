"""SPARQL and N-Quads terms: every IRI and literal that reaches a query or the store is written here.

Values are bound, never spliced: `iri()` refuses what cannot be an IRI and `literal()` escapes every
character that could end a literal or a line in either syntax (the two grammars share their term
forms), so no story text, source name or request path can change the shape of a query or a quad.
Escaping is the grammar's own (`\\"`, `\\n`, `\\uXXXX`), so the stored value is exactly the input's;
only unpaired surrogates, which no RDF text can hold, become U+FFFD.
"""
from __future__ import annotations

import re
from collections.abc import Iterable


class TermError(ValueError):
    """A value that cannot be written as the RDF term asked for."""


# IRIREF in SPARQL 1.1 and N-Quads: no controls, space or <>"{}|^`\ .
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\\ud800-\udfff]')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
# What must not appear raw inside a quoted literal: the quote, the escape, every control character
# and the line and paragraph separators that line-based readers (Python's splitlines among them) split on.
_NEEDS_ESCAPE = re.compile('[\\\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]')
# The same, less the quote and the escape: a value holding none of these (JSON, say) needs only two replaces.
_NEEDS_ESCAPE_RARE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_LANG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
_SHORT = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    short = _SHORT.get(char)
    if short:
        return short
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:  # an unpaired surrogate (e.g. a file name decoded with surrogateescape)
        return "\ufffd"
    return f"\\u{code:04X}"


def escape(value: str) -> str:
    """The inside of a quoted literal: safe in SPARQL and N-Quads alike."""
    # Most values need no escape: one search is far cheaper than a substitution on every string.
    if _NEEDS_ESCAPE.search(value) is None:
        return value
    if _NEEDS_ESCAPE_RARE.search(value) is None:
        # Only quotes and escapes (every evidence literal is JSON): a call per character cost an import
        # of 20k stories 1.8 s.
        return value.replace("\\", "\\\\").replace('"', '\\"')
    return _NEEDS_ESCAPE.sub(_escape_char, value)


def literal(value: str, datatype: str | None = None, lang: str | None = None) -> str:
    """A literal term, `"…"`, `"…"@lang` or `"…"^^<datatype>`."""
    text = '"' + escape(value) + '"'
    if lang:
        if not _LANG.fullmatch(lang):
            raise TermError(f"not a language tag: {lang!r}")
        return f"{text}@{lang}"
    return f"{text}^^{iri(datatype)}" if datatype else text


def is_iri(value: str) -> bool:
    """True when `value` is an absolute IRI that can be written as `<value>`."""
    return bool(_SCHEME.match(value)) and _BAD_IRI.search(value) is None


def iri(value: str) -> str:
    """An IRI term, `<value>`; raises TermError for anything that is not an absolute IRI."""
    if not is_iri(value):
        raise TermError(f"not an absolute IRI: {value[:200]!r}")
    return f"<{value}>"


def values(variable: str, iris: Iterable[str]) -> str:
    """A `VALUES ?variable { <a> <b> … }` block of IRIs.

    A string that is not an IRI names nothing in the store: it is left out, so a lookup of it finds
    nothing instead of failing (request data reaches here).
    """
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", variable):
        raise TermError(f"not a SPARQL variable name: {variable!r}")
    return f"VALUES ?{variable} {{ {' '.join(f'<{i}>' for i in iris if is_iri(i))} }}"


def literal_values(variable: str, texts: Iterable[str]) -> str:
    """A `VALUES ?variable { "a" "b" … }` block of plain literals."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", variable):
        raise TermError(f"not a SPARQL variable name: {variable!r}")
    return f"VALUES ?{variable} {{ {' '.join(literal(t) for t in texts)} }}"


def lines(nquads: str) -> list[str]:
    """N-Quads text -> its statements. Only LF ends a statement (literals escape every other break)."""
    return [line for line in nquads.split("\n") if line]
