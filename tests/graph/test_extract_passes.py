"""Each pass on its own: the Doc the earlier passes leave, the pass, and what it changed (spans in, spans out)."""
from graph.extract import Extractor
from graph.extract.acronyms import unknown_acronyms
from graph.extract.arbitration import arbitrate_candidates, trim
from graph.extract.nesting import nested_names, places_inside_names
from graph.extract.repeats import short_forms
from graph.extract.subdivisions import keep_cued
from graph.extract.themes import find_themes
from graph.records import EntityKind, Field, StoryRecord

EXTRACTOR = Extractor()


def before(name, summary, title="A story"):
    return EXTRACTOR.run(StoryRecord(title, summary, None), until=name)


def names(spans, kind=None):
    return {(s.name, s.kind.value) for s in spans if kind is None or s.kind is kind}


def test_cued_subdivisions_keeps_a_province_after_in_and_drops_a_bare_one():
    doc = before("cued-subdivisions", "Workers in Punjab met. Punjab growers too.")
    assert [s.start for s in doc.candidates if s.source == "subdivision"] == [11, 23]
    keep_cued(doc)
    assert [s.start for s in doc.candidates if s.source == "subdivision"] == [11]


def test_places_inside_names_lets_the_organization_outrank_its_country():
    doc = before("places-inside-names", "The Vietnam General Confederation of Labour met.")
    places_inside_names(doc)
    arbitrate_candidates(doc)
    assert ("Vietnam General Confederation of Labour", "organization") in names(doc.accepted)
    assert ("Viet Nam", "place") not in names(doc.accepted)


def test_places_inside_names_reads_a_hyphen_joining_two_names_as_part_of_the_name():
    doc = before("places-inside-names", "Monitors, including the Uzbek-German Quill Forum for Human Rights, reported.")
    places_inside_names(doc)
    arbitrate_candidates(doc)
    assert ("Uzbek-German Quill Forum for Human Rights", "organization") in names(doc.accepted)


def test_places_inside_names_leaves_a_place_before_a_hyphenated_qualifier_a_qualifier():
    doc = before("places-inside-names", "The Lagos-based Quillbridge Academy trains coders.")
    places_inside_names(doc)
    arbitrate_candidates(doc)
    assert ("Lagos-based Quillbridge Academy", "organization") not in names(doc.accepted)


def test_nested_names_reports_the_country_inside_an_accepted_name():
    doc = before("nested-names", "The Ministry of Labour of Jordan signed.")
    nested_names(doc)
    assert ("Jordan", "place") in names(doc.found)


def test_nested_names_leaves_a_city_or_province_inside_an_accepted_name_out():
    doc = before("nested-names", "The Calgary Nurses Federation and the Jiangsu Ministry of Labour of Jordan met.")
    nested_names(doc)
    found = names(doc.found)
    assert ("Jordan", "place") in found
    assert ("Calgary", "place") not in found and ("Jiangsu", "place") not in found


def test_nested_names_reports_the_longer_place_a_shorter_one_opens_not_both():
    doc = before("nested-names", "The Asia Pacific Quill Workers Federation met in Manila.")
    nested_names(doc)
    found = names(doc.found, EntityKind.PLACE)
    assert ("Asia and the Pacific", "place") in found and ("Asia", "place") not in found


def test_arbitration_trims_a_pattern_name_whose_front_is_known():
    assert trim("UNICEF and ILO to Launch Global Campaign", 14, 40) == (18, "to Launch Global Campaign"[3:])
    assert trim("ILO Project Office", 3, 18) is None


def test_short_forms_reads_a_taught_acronym_as_the_full_name():
    doc = before("short-forms", "The Garment Makers Association in Quillbury (GMAQ) said GMAQ members agreed.")
    short_forms(doc)
    repeats = [s for s in doc.accepted if s.source == "repeat"]
    assert [doc.texts[s.field][s.start:s.end] for s in repeats] == ["GMAQ"]
    assert repeats[0].name == "Garment Makers Association in Quillbury"


def test_unknown_acronyms_become_organizations_unless_a_name_is_in_capitals():
    doc = before("acronyms", "ZPWU helped. JONA OAK sang.")
    unknown_acronyms(doc)
    assert names(doc.accepted, EntityKind.ORGANIZATION) >= {("ZPWU", "organization")}
    assert not {n for n, _ in names(doc.accepted)} & {"JONA", "OAK"}


def test_themes_skip_labels_inside_an_organizations_name():
    doc = before("themes", "The Food and Agriculture Organization discussed child labour.")
    find_themes(doc)
    themes = {s.key for s in doc.found if s.kind is EntityKind.THEME}
    assert "child-labour" in themes
    assert all(s.field is Field.SUMMARY for s in doc.found)


def test_a_storys_own_short_name_outranks_a_known_company_inside_it():
    mentions = EXTRACTOR.extract(StoryRecord(
        "Hyundai Quillmotor union stages a strike",
        "Workers at Hyundai Quillmotor Company held partial strikes at plants in Ulsan.", None))
    title = [m for m in mentions if m.field is Field.TITLE and m.kind is EntityKind.ORGANIZATION]
    assert [(m.text, m.name) for m in title] == [("Hyundai Quillmotor", "Hyundai Quillmotor Company")]
