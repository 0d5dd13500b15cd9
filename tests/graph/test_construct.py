"""construct.builder: a record built fast is the record its dataclass builds."""
from __future__ import annotations

import dataclasses
import pickle

import pytest

from graph.extract.construct import builder
from graph.records import EntityKind, Field, Link, Mention


def _mention(**changes: object) -> tuple:
    values = dict(kind=EntityKind.PERSON, text="Guy Ryder", field=Field.TITLE, start=0, end=9, method="rule",
                  confidence=0.9, name="Guy Ryder", key=None, role="Director-General", affiliation="ILO")
    values.update(changes)
    return tuple(values.values())


def test_a_built_record_equals_the_dataclass_one_and_is_one():
    built, made = builder(Mention)(*_mention()), Mention(*_mention())
    assert type(built) is Mention
    assert built == made and hash(built) == hash(made) and repr(built) == repr(made)
    assert pickle.loads(pickle.dumps(built)) == made


def test_a_built_record_stays_frozen():
    built = builder(Mention)(*_mention())
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.text = "someone else"


def test_defaults_fill_what_is_not_given():
    mention = builder(Mention)(EntityKind.PLACE, "Geneva", Field.SUMMARY, 3, 9, "gazetteer", 1.0)
    assert mention == Mention(EntityKind.PLACE, "Geneva", Field.SUMMARY, 3, 9, "gazetteer", 1.0)


def test_records_of_records_build_too():
    mention = Mention(*_mention())
    assert builder(Link)("entity", mention) == Link("entity", mention)


def test_a_class_it_cannot_build_is_returned_as_it_is():
    @dataclasses.dataclass(frozen=True)
    class Unslotted:
        a: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        a: int

        def __post_init__(self) -> None:
            if self.a < 0:
                raise ValueError("negative")

    assert builder(Unslotted) is Unslotted
    assert builder(Checked) is Checked
