"""Claims answer from each field's spans exactly what a scan of every claimed span answers, in claim order."""
from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from graph.extract.spans import GUESS, Claims, Span
from graph.records import EntityKind, Field

_SPAN = st.builds(lambda field, start, size: Span(EntityKind.ORGANIZATION, field, start, start + size, GUESS, "rule",
                                                  0.5, "x"),
                  st.sampled_from([Field.TITLE, Field.SUMMARY]), st.integers(0, 40), st.integers(1, 12))


def _scan(spans: list[Span], field: Field, start: int, end: int) -> Span | None:
    """The first claimed span overlapping [start, end) of `field`: the linear scan the index replaces."""
    return next((s for s in spans if s.field is field and s.start < end and start < s.end), None)


@given(st.lists(_SPAN, max_size=12), _SPAN)
def test_overlap_tests_find_the_first_overlapping_claim_of_the_field(claimed: list[Span], probe: Span) -> None:
    claims = Claims()
    for span in claimed:
        claims.add(span)
    first = _scan(claimed, probe.field, probe.start, probe.end)
    assert claims.conflict(probe) is first
    assert claims.at(probe.field, probe.start, probe.end) is first
    assert claims.covered(probe.field, probe.start, probe.end) is (first is not None)
    assert claims.spans == claimed
    assert claims.in_field(probe.field) == [s for s in claimed if s.field is probe.field]


def test_a_field_without_claims_reads_no_span_and_keeps_none() -> None:
    claims = Claims()
    assert claims.in_field(Field.TITLE) == []
    claims.add(Span(EntityKind.PLACE, Field.SUMMARY, 0, 5, GUESS, "rule", 0.5, "Accra"))
    assert claims.in_field(Field.TITLE) == [] and not claims.covered(Field.TITLE, 0, 5)
    assert claims.covered(Field.SUMMARY, 4, 9)


def test_a_replaced_span_is_what_both_views_then_hold() -> None:
    claims = Claims()
    project = Span(EntityKind.CAMPAIGN, Field.TITLE, 0, 20, GUESS, "rule", 0.5, "Outlaw Ocean Project")
    other = Span(EntityKind.PLACE, Field.TITLE, 30, 35, GUESS, "rule", 0.5, "Accra")
    claims.add(project)
    claims.add(other)
    body = replace(project, kind=EntityKind.ORGANIZATION)
    claims.replace({id(project): body})
    assert claims.spans == [body, other] and claims.spans[0] is body
    assert claims.in_field(Field.TITLE)[0] is body
    assert claims.conflict(replace(project, start=5, end=6)) is body
