"""Entity objects are made once per row and reused while the row is the same, within a bounded number."""
from __future__ import annotations

import pytest

from graph.read import EntityRow
from graph.records import EntityKind
from schema import types
from schema.types import Organization, Person, named_from_row


def test_the_same_row_gives_the_same_object_and_a_new_row_a_new_one() -> None:
    row = EntityRow("http://sg.test/person/ada", EntityKind.PERSON, "Ada", ("A. L.",))
    ada = named_from_row(row)
    assert isinstance(ada, Person) and (ada.iri, ada.name, ada.aliases) == (row.iri, "Ada", ["A. L."])
    assert named_from_row(row) is ada
    renamed = EntityRow(row.iri, EntityKind.ORGANIZATION, "Ada Inc.", ())  # the next version's row for the IRI
    again = named_from_row(renamed)
    assert again is not ada and isinstance(again, Organization) and again.name == "Ada Inc." and again.aliases == []
    assert named_from_row(renamed) is again


def test_at_most_a_bounded_number_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(types, "ENTITY_OBJECTS", 3)
    rows = [EntityRow(f"http://sg.test/place/p{i}", EntityKind.PLACE, f"P{i}", ()) for i in range(10)]
    made = [named_from_row(r) for r in rows]
    assert len(types._MADE) <= 3
    assert named_from_row(rows[-1]) is made[-1] and named_from_row(rows[0]) is not made[0]  # the oldest went first
