"""The general-knowledge campaign lists (rounds extract25, extract30, extract31, extract34, extract47 in
tests/data/NONILO.md),
organization lists (round extract36) and reference place lists (round extract37): each loads as entities of its kind, one entry per IRI, and none of its labels
is shared with another entry of any gazetteer (a shared label would give one name two targets). What each list finds
is specified in its own test file."""
from pathlib import Path

import pytest

from graph.extract.knowledge import load
from graph.records import EntityKind
from ontology import DIRECTORY

# file -> fewest entries it is meant to hold (well under its size: a file cut short by a bad edit fails)
LISTS = {"gazetteer-observances.ttl": 100, "gazetteer-programmes.ttl": 100, "gazetteer-initiatives.ttl": 100,
         "gazetteer-programmes2.ttl": 250, "gazetteer-initiatives2.ttl": 250, "gazetteer-campaigns3.ttl": 500,
         "gazetteer-campaigns4.ttl": 400, "gazetteer-campaigns5.ttl": 250,
         "gazetteer-companies2.ttl": 250, "gazetteer-public-bodies.ttl": 180,
         "gazetteer-research.ttl": 70, "gazetteer-unions2.ttl": 20, "gazetteer-geonames.ttl": 1000,
         "gazetteer-states.ttl": 150}
# lists of places -> the schema class of every entry (each place also has its country); of organizations; every other
# list is of campaigns
PLACES = {"gazetteer-geonames.ttl": "City", "gazetteer-states.ttl": "AdministrativeArea"}
ORGANIZATIONS = {"gazetteer-companies2.ttl", "gazetteer-public-bodies.ttl", "gazetteer-research.ttl",
                 "gazetteer-unions2.ttl"}


@pytest.fixture(scope="module")
def knowledge():
    return load()


@pytest.mark.parametrize("name", sorted(LISTS))
def test_a_list_loads_as_entities_of_its_kind_with_labels_no_other_entry_has(knowledge, name):
    keys = {e.key: e for e in knowledge.entries}
    holders: dict[str, set[str]] = {}
    for entry in knowledge.entries:
        for label in entry.labels:
            holders.setdefault(label.casefold(), set()).add(entry.key)
    text = (Path(DIRECTORY) / name).read_text(encoding="utf-8")
    iris = [line.split(">", 1)[0][1:] for line in text.splitlines() if line.startswith("<https://")]
    assert len(iris) > LISTS[name] and len(set(iris)) == len(iris)
    kind = EntityKind.PLACE if name in PLACES else EntityKind.ORGANIZATION if name in ORGANIZATIONS else EntityKind.CAMPAIGN
    assert all(keys[iri].kind is kind for iri in iris)
    if name in PLACES:
        assert all(keys[iri].country for iri in iris)
        assert all(f"a schema:{PLACES[name]} ;" in line for line in text.splitlines() if line.startswith("<https://"))
    shared = sorted(label for iri in iris for label in keys[iri].labels if len(holders[label.casefold()]) > 1)
    assert shared == []
