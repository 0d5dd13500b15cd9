"""Places: countries by any name, demonyms, subdivisions and towns."""
from graph.extract import Extractor
from graph.records import EntityKind, StoryRecord

EXTRACTOR = Extractor()


def places(summary: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.key) for m in EXTRACTOR.extract(StoryRecord("x", summary, None)) if m.kind is EntityKind.PLACE]


def test_demonym_names_its_country():
    assert places("A Syrian refugee found work.") == [("Syrian", "SY")]


def test_short_and_official_country_names_share_a_key():
    assert places("Turkey, Türkiye, Laos and the Lao People's Democratic Republic") == [
        ("Turkey", "TR"), ("Türkiye", "TR"), ("Laos", "LA"), ("Lao People's Democratic Republic", "LA")]


def test_a_saint_country_shortened_to_st_is_that_country():
    assert places("Nurses from St Lucia and St. Kitts and Nevis came.") == [("St Lucia", "LC"), ("St. Kitts and Nevis", "KN")]


def test_named_subdivisions_and_villages():
    found = places("in Daktleup Village, Dakcheung District, Sekong Province.")
    assert [t for t, _ in found] == ["Daktleup Village", "Dakcheung District", "Sekong Province"]


def test_unknown_town_after_in():
    assert ("Nkwantaso", None) in places("Workshops in Nkwantaso and Accra trained 40 people.")


def test_country_inside_an_organization_name_is_also_a_place():
    found = EXTRACTOR.extract(StoryRecord("x", "The Vietnam General Confederation of Labour agreed.", None))
    assert {(m.kind, m.text) for m in found if m.kind in (EntityKind.PLACE, EntityKind.ORGANIZATION)} == {
        (EntityKind.ORGANIZATION, "Vietnam General Confederation of Labour"), (EntityKind.PLACE, "Vietnam")}


def test_common_words_are_not_places():
    assert places("The Central committee met in March to discuss the Capital plan.") == []


def test_an_unknown_town_after_from():
    assert ("Mekelle", None) in places("Tsehaye Gebremedhin, a former teacher from Mekelle, supervises a crew.")


def test_a_list_of_towns_after_in_is_all_places():
    assert [t for t, _ in places("Clinics in Bembeke, Ntcheu and Dedza opened.")] == ["Bembeke", "Ntcheu", "Dedza"]


def test_a_plural_place_noun_before_such_as_opens_a_list_of_places():
    assert [t for t, _ in places("Families fled to towns such as Velmora, Ostrapa and Dunkeret.")] == [
        "Velmora", "Ostrapa", "Dunkeret"]
    assert [t for t, _ in places("Prices rose in areas such as Kessaro.")] == ["Kessaro"]
    assert places("Brands such as Velmora sold well.") == []


def test_a_lower_case_place_noun_before_of_names_a_place():
    assert [t for t, _ in places("Protests began in the oil town of Varkesh.")] == ["Varkesh"]
    assert [t for t, _ in places("Ships waited at the port of Ostrano.")] == ["Ostrano"]
    assert "Varkesh" not in [t for t, _ in places("The City of Varkesh Council met.")]


def test_saint_s_abbreviation_stays_in_the_name_it_opens():
    assert [t for t, _ in places("Workers in St. Varnley struck.")] == ["St. Varnley"]
    mentions = EXTRACTOR.extract(StoryRecord("x", "Nurses at St. Ostrel Hospital voted.", None))
    assert [m.text for m in mentions if m.kind is EntityKind.ORGANIZATION] == ["St. Ostrel Hospital"]


def test_a_name_shaped_as_a_person_s_in_a_list_of_places_is_a_place():
    assert [t for t, _ in places("Plants in Varnley, St. Ostrel and Dunkeret stay open.")] == [
        "Varnley", "St. Ostrel", "Dunkeret"]
    assert [t for t, _ in places("Residents of towns such as Velmara Cortisso fell ill.")] == ["Velmara Cortisso"]
    mentions = EXTRACTOR.extract(StoryRecord("x", "A judge in Varnley, Alessia Vornet, freed her.", None))
    assert [m.text for m in mentions if m.kind is EntityKind.PERSON] == ["Alessia Vornet"]


def test_a_lower_case_camp_s_name_is_the_place_without_the_noun():
    assert [t for t, _ in places("Aid reached the Tarrak refugee camps and the Vosk camp.")] == ["Tarrak", "Vosk"]
    assert [t for t, _ in places("Families in the Tarrak and Pelko camps waited.")] == ["Tarrak", "Pelko"]
    assert places("Similar camps opened.") == []


def test_an_island_is_named_without_its_noun_and_opens_a_place_after_of():
    assert [t for t, _ in places("Mines on Tarvoka island grew.")] == ["Tarvoka"]
    assert [t for t, _ in places("Boats reached islands such as Vessko and the island of Parnel.")] == [
        "Vessko", "Parnel"]
    assert places("Small island states met.") == []


def test_a_facility_s_noun_before_at_cues_an_unknown_place():
    assert [t for t, _ in places("It opened its car plant at Varkesh, near the coast.")] == ["Varkesh"]
    assert places("Staff at Quillbury walked out.") == []


def test_a_known_place_carries_a_list_on():
    assert "Kasungu" in [t for t, _ in places("Clinics in Lilongwe, Mzuzu and Kasungu opened.")]


def test_a_subdivision_that_owns_something_is_the_place():
    assert [text for text, _ in places("Oregon's nurses voted to strike.")] == ["Oregon"]


def test_a_large_city_named_without_a_cue_is_a_place_not_a_person():
    assert [text for text, _ in places("Hotel cleaners in Munich and Valencia walked out.")] == ["Munich", "Valencia"]
    assert places("Chicago teachers ended their strike.")[0][0] == "Chicago"


def test_a_direction_before_a_known_place_names_a_region_of_it():
    assert [p for p, _ in places("Nurses in Northern Portugal and Southern Europe went on strike.")] == [
        "Northern Portugal", "Southern Europe"]


def test_a_direction_before_a_province_names_a_region_kept_as_the_province_would_be():
    # "Sulawesi" is an ISO 3166-2 name: the region keeps its cue ("in", its country), not the bare province
    assert [p for p, _ in places("Smelters in South Sulawesi hired.")] == ["South Sulawesi"]
    assert [p for p, _ in places("Nickel mines in West Sulawesi's hills closed.")] == ["West Sulawesi"]
    assert places("South Sulawesi smelters hired.") == []


def test_upper_lower_and_peninsular_before_a_known_place_name_a_region_of_it():
    assert [p for p, _ in places("Cleaners in Lower Austria and Peninsular Spain struck.")] == [
        "Lower Austria", "Peninsular Spain"]


def test_a_direction_opens_an_unknown_place_after_in_and_its_list():
    assert [p for p, _ in places("Families fled fighting in North Quellan, South Quellan and Tolvenne.")] == [
        "North Quellan", "South Quellan", "Tolvenne"]
    assert [p for p, _ in places("Mills in Dorbanto, Central Quellan, make uniforms.")] == ["Dorbanto", "Central Quellan"]
    assert places("He spoke in Central Committee meetings.") == []


def test_a_country_s_letters_before_dollars_name_the_currency_not_a_place_nor_an_organization():
    found = EXTRACTOR.extract(StoryRecord("x", "The bank lent 40 million US dollars to Varnholm Mills.", None))
    assert "US" not in [m.text for m in found]
    assert [p for p, _ in places("Teachers earn 900 Canadian dollars a month.")] == ["Canadian"]


def test_an_unknown_name_before_a_facility_s_noun_is_where_it_stands():
    assert [p for p, _ in places("Varnholm said its Quillbury assembly plant would close.")] == ["Quillbury"]
    assert [p for p, _ in places("The Tarrowby coal mine flooded; Varnholm's Ostrel smelter shut.")] == ["Tarrowby", "Ostrel"]
    # a word the vocabulary knows, or a name read otherwise, is not one
    assert places("the Flat Rock plant and the Ford factory") == []
    # a place said after the noun is where it stands; the name before is a brand's or an owner's
    assert [p for p, _ in places("Varnholm will close its Quellbo factory in Tarrowby.")] == ["Tarrowby"]


def test_the_parties_of_a_case_after_in_are_no_places():
    assert places("The court ruled in Varnholm and Others v. Quellia that the law held.") == []
    assert places("The court ruled in Ostrel v. Tarrow Mills that pay was due.") == []


def test_a_bare_direction_is_never_a_province():
    # ISO 3166-2 has provinces called "Northern" and "Western": alone, the word qualifies, it names nothing
    assert places("Talks on the Northern and Western routes went on.") == []


def test_an_arabic_article_joined_by_a_hyphen_stays_in_a_place_name():
    assert [p for p, _ in places("Delegates met in Ras el-Khaimah, a port city.")] == ["Ras el-Khaimah"]


def test_a_site_named_by_its_square_park_gorge_or_bay_is_a_place_not_a_person():
    summary = ("Strikers marched from Veldmark Square to Olvenhoff Park, past Quarrow Gorge and Tamsin Bay, "
               "and rallied on Brenlow Boulevard.")
    assert [p for p, _ in places(summary)] == [
        "Veldmark Square", "Olvenhoff Park", "Quarrow Gorge", "Tamsin Bay", "Brenlow Boulevard"]
    found = EXTRACTOR.extract(StoryRecord("x", summary, None))
    assert not [m for m in found if m.kind is EntityKind.PERSON]


def test_park_after_a_title_or_alone_is_a_surname_and_an_industrial_park_is_no_site():
    found = EXTRACTOR.extract(StoryRecord("x", "Park Min-seo said the plan would work, and President Park agreed.", None))
    assert [m.text for m in found if m.kind is EntityKind.PLACE] == []
    assert "Park Min-seo" in [m.text for m in found if m.kind is EntityKind.PERSON]
    assert places("Workers at the Korvath Industrial Park (KIP) went on strike.") == []


def test_a_run_with_a_particle_after_in_at_or_near_is_a_place():
    def named(summary: str) -> list[str]:
        return [m.text for m in EXTRACTOR.extract(StoryRecord("x", summary, None)) if m.kind is EntityKind.PLACE]

    assert "Vila Nova do Quarrel" in named("Heavy rain fell in Vila Nova do Quarrel, officials said.")
    assert "Punta del Marrow" in named("The fire broke out at a warehouse near Punta del Marrow on Monday.")
    # a known place at its front gives way to the whole name
    assert named("Families lived on plantations in Santo Domingo de los Quarrels, the court found.") == [
        "Santo Domingo de los Quarrels"]
    # not after "of" (a person's name), not with an organization's head inside
    assert not any("Quarrel" in n for n in named("The court ruled on the case of Ana de Quarrel, a cleaner."))
    assert not any("Quarrel" in n for n in named("She works in Banco de Quarrel, a lender."))


def test_the_particle_pass_runs_before_the_arbitration():
    from graph.extract.pipeline import pass_names
    names = pass_names()
    assert names.index("particle-places") < names.index("arbitrate")


def test_the_mediterranean_and_the_health_regions_are_places():
    assert [t for t, _ in places("Boats crossed the Mediterranean Sea to the Eastern Mediterranean and the Western Pacific.")] == [
        "Mediterranean Sea", "Eastern Mediterranean", "Western Pacific"]
    assert [t for t, _ in places("Rescues in the Mediterranean fell.")] == ["Mediterranean"]


def test_a_sea_and_a_water_a_head_leads_are_places():
    assert [t for t, _ in places("Trawlers left the Varnock Sea for the Gulf of Ostrano.")] == [
        "Varnock Sea", "Gulf of Ostrano"]
    assert [t for t, _ in places("Farms around Lake Kessaro and the Bay of Velmora flooded.")] == [
        "Lake Kessaro", "Bay of Velmora"]
    # not after a capitalized word, not run on by one (a body's name), and "Sea" alone is no place
    assert places("Ostrel Lake Varnock opened a shop.") == []
    assert [m.text for m in EXTRACTOR.extract(StoryRecord("x", "The Gulf of Ostrano Research Institute said so.", None))
            if m.kind is EntityKind.ORGANIZATION] == ["Gulf of Ostrano Research Institute"]
    assert places("Sea levels rose.") == []


def test_metro_before_a_known_city_names_its_metropolitan_area():
    assert [t for t, _ in places("Rents rose across Metro Nairobi last year.")] == ["Metro Nairobi"]
    assert places("Metro Nairobi Holdings and Metro Varnock opened a shop.") == []  # a company; no known city
