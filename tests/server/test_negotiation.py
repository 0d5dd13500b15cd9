"""Content negotiation: one Accept parser and one picker over the format registry."""
from __future__ import annotations

import pytest

from graph import export, formats
from server.negotiation import first_offer, negotiate, parse_accept

EXPORTS = tuple(export.FORMATS.values())


def _export_format(accept: str) -> str | None:
    chosen = negotiate(accept, EXPORTS, wildcards=first_offer(EXPORTS, "*/*", "application/*"))
    return chosen.name if isinstance(chosen, formats.Format) else None


@pytest.mark.parametrize(("accept", "expected"), [
    ("text/turtle", "ttl"),
    ("application/n-triples", "nt"),
    ("application/ld+json", "jsonld"),
    ("application/n-quads;q=0.5, application/trig", "trig"),
    ("text/html, */*;q=0.1", "ttl"),
    ("image/png", None),
])
def test_accept_header_picks_the_format(accept: str, expected: str | None) -> None:
    assert _export_format(accept) == expected


def test_ranges_are_ordered_by_quality_then_header_order_and_q0_is_refused() -> None:
    ranges = parse_accept("text/a;q=0.5, text/b, text/c;q=0, TEXT/D")
    assert [r.media for r in ranges] == ["text/b", "text/d", "text/a"]


def test_a_malformed_quality_counts_as_absent() -> None:
    assert parse_accept("text/a;q=high")[0].q == 1.0


def test_every_registry_media_type_names_one_format_per_kind() -> None:
    for kind in ("graph", "dataset", "solutions", "page"):
        seen: dict[str, str] = {}
        for fmt in formats.REGISTRY:
            if fmt.kind == kind:
                for media in fmt.media_types:
                    assert seen.setdefault(media, fmt.name) == fmt.name


def test_cli_and_export_offer_the_registry_rdf_formats() -> None:
    from server.cli import EXPORT_FORMATS
    assert tuple(export.FORMATS) == EXPORT_FORMATS == ("ttl", "nt", "nq", "trig", "jsonld", "xml")
