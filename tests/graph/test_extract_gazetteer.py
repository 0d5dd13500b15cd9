"""Organizations and campaigns: the gazetteer in ontology/, acronyms, name patterns."""
import shutil
from pathlib import Path

from graph.extract import Extractor
from graph.records import EntityKind, StoryRecord
from ontology import DIRECTORY
from tests.graph.extracted import found as found_kinds, organizations

EXTRACTOR = Extractor()


def found(summary: str, kind: EntityKind, extractor: Extractor = EXTRACTOR) -> list[tuple[str, str]]:
    return [(m.text, m.name) for m in extractor.extract(StoryRecord("x", summary, None)) if m.kind is kind]


def test_acronym_and_full_name_share_the_canonical_name():
    assert found("The International Labour Organization (ILO) and the ILO's partners", EntityKind.ORGANIZATION) == [
        ("International Labour Organization", "International Labour Organization"),
        ("ILO", "International Labour Organization"), ("ILO", "International Labour Organization")]


def test_acronyms_match_only_in_capitals():
    assert found("Those who work with WHO", EntityKind.ORGANIZATION) == [("WHO", "World Health Organization")]


def test_a_definition_teaches_an_unknown_acronym():
    orgs = found("The Jordan Garment Exporters Association (JGEA) met. JGEA members agreed.", EntityKind.ORGANIZATION)
    assert [n for _, n in orgs] == ["Jordan Garment Exporters Association"] * 3


def test_an_acronym_the_story_defines_as_another_thing_is_not_the_gazetteers():
    # "CPP" is the Cambodian People's Party in the parties' gazetteer; this story defines it as a pension plan
    summary = "Ministers agreed to enhance the Canada Pension Plan (CPP). The CPP will rise from 2019."
    assert found(summary, EntityKind.ORGANIZATION) == []
    assert {name for _, name in found(summary, EntityKind.CAMPAIGN)} == {"Canada Pension Plan"}
    assert len(found(summary, EntityKind.CAMPAIGN)) == 3


def test_a_defined_name_the_gazetteer_knows_keeps_its_reading():
    # the name's form ("... Programme") would make a campaign; the gazetteer knows it as an organization
    assert found("The World Food Programme (WFP) said WFP trucks were stopped.", EntityKind.ORGANIZATION) == [
        ("World Food Programme", "World Food Programme"), ("WFP", "World Food Programme"),
        ("WFP", "World Food Programme")]


def test_unknown_organizations_and_campaigns_by_their_form():
    assert found("the Ministry of Labour and Social Affairs said", EntityKind.ORGANIZATION) == [
        ("Ministry of Labour and Social Affairs", "Ministry of Labour and Social Affairs")]
    assert found("launched the Decent Jobs for Rural Youth Initiative 2023 today", EntityKind.CAMPAIGN) == [
        ("Decent Jobs for Rural Youth Initiative 2023", "Decent Jobs for Rural Youth Initiative")]


def test_observance_needs_a_marker():
    assert found("Every Day counts. Last Year was hard.", EntityKind.CAMPAIGN) == []


def test_campaign_short_form_after_the_full_name():
    assert [t for t, _ in found("The Water for Workers Campaign began. Water for Workers reached 5 cities.",
                                EntityKind.CAMPAIGN)] == ["Water for Workers Campaign", "Water for Workers"]


def _local_extractor(directory: Path, turtle: str) -> Extractor:
    """An extractor on the shipped themes and main gazetteer plus a user's own `gazetteer-local.ttl` holding `turtle`."""
    for name in ("themes.ttl", "gazetteer.ttl"):
        shutil.copy(DIRECTORY / name, directory / name)
    (directory / "gazetteer-local.ttl").write_text(turtle)
    return Extractor(directory)


def test_a_users_own_gazetteer_file_is_used_without_code_changes(tmp_path: Path):
    local = _local_extractor(tmp_path,
        '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n@prefix schema: <https://schema.org/> .\n'
        '<urn:x:acme> a schema:Organization ; skos:prefLabel "Acme Textiles Cooperative" ; skos:altLabel "ACT" .\n')
    assert found("ACT signed.", EntityKind.ORGANIZATION, local) == [("ACT", "Acme Textiles Cooperative")]
    assert found("ACT signed.", EntityKind.ORGANIZATION) == [("ACT", "ACT")]


def test_un_prefix_and_united_nations_name_the_same_body():
    assert found("The UN Office on Drugs and Crime (UNODC) warned.", EntityKind.ORGANIZATION) == [
        ("UN Office on Drugs and Crime", "United Nations Office on Drugs and Crime"),
        ("UNODC", "United Nations Office on Drugs and Crime")]


def test_a_broadcasters_edition_is_the_broadcaster_not_a_place():
    assert found("Speaking to BBC Africa and Al Jazeera English, she warned.", EntityKind.ORGANIZATION) == [
        ("BBC Africa", "British Broadcasting Corporation"), ("Al Jazeera English", "Al Jazeera")]
    assert found("Speaking to BBC Africa, she warned.", EntityKind.PLACE) == []


def test_a_known_body_inside_a_campaign_name_is_also_reported():
    assert found("Marking the ILO Centenary, delegates met.", EntityKind.ORGANIZATION) == [
        ("ILO", "International Labour Organization")]


def test_a_known_name_starting_with_a_digit_is_still_capitalized():
    assert found("They joined the 16 Days of Activism.", EntityKind.CAMPAIGN) == [("16 Days of Activism", "16 Days of Activism")]


def test_hashtags_name_campaigns():
    assert found("She joined the #EndChildLabour2025 campaign.", EntityKind.CAMPAIGN) == [
        ("#EndChildLabour2025 campaign", "#EndChildLabour2025")]


def test_names_listed_after_companies_such_as_are_organizations():
    assert found("Platforms such as Rappi and Uber and firms including Glencore, Vale and BHP joined.",
                 EntityKind.ORGANIZATION) == [("Rappi", "Rappi"), ("Uber", "Uber"), ("Glencore", "Glencore"),
                                              ("Vale", "Vale"), ("BHP", "BHP")]


def test_foreign_head_nouns_and_of_phrases_make_organization_names():
    assert found("The Assam Chah Mazdoor Sangha met the ILO Conditions of Work and Equality Department.",
                 EntityKind.ORGANIZATION) == [("Assam Chah Mazdoor Sangha", "Assam Chah Mazdoor Sangha"),
                                              ("ILO", "International Labour Organization"),
                                              ("Conditions of Work and Equality Department", "Conditions of Work and Equality Department")]


def test_a_head_noun_alone_after_a_known_name_names_nothing():
    assert found("The ILO Project Office in Doha helped.", EntityKind.ORGANIZATION) == [
        ("ILO", "International Labour Organization")]


def test_a_convention_named_after_workers_is_not_an_organization():
    assert found("Ratifications of the Domestic Workers Convention lag.", EntityKind.ORGANIZATION) == []


def test_a_programme_name_may_run_across_to():
    assert found("The EU-funded Ship to Shore Rights project helped.", EntityKind.CAMPAIGN) == [
        ("Ship to Shore Rights project", "Ship to Shore Rights project")]


def test_a_definition_spells_its_acronym_across_a_comma_with_the_small_words():
    orgs = found("The Kenyan Ministry of Labour, Pensions and Social Welfare (MOLPSW) met. MOLPSW agreed.",
                 EntityKind.ORGANIZATION)
    assert {n for _, n in orgs} == {"Ministry of Labour, Pensions and Social Welfare"}


def test_a_definition_reaches_back_over_in():
    orgs = found("The Textile Exporters Association in Lesotho (TEAL) signed.", EntityKind.ORGANIZATION)
    assert {n for _, n in orgs} == {"Textile Exporters Association in Lesotho"}


def test_a_ministry_keeps_its_comma_listed_portfolio():
    orgs = found("the Ministry of Health, Labour and Welfare announced", EntityKind.ORGANIZATION)
    assert [t for t, _ in orgs] == ["Ministry of Health, Labour and Welfare"]


def test_a_listed_country_ends_a_ministry_name():
    orgs = found("the Ministry of Labour, Egypt and Jordan signed", EntityKind.ORGANIZATION)
    assert [t for t, _ in orgs] == ["Ministry of Labour"]


def test_acronyms_with_accented_capitals_are_whole():
    orgs = found("the Polish Labour Agency (ŁPZ) said", EntityKind.ORGANIZATION)
    assert ("ŁPZ", "Polish Labour Agency") in orgs


def test_an_office_branch_is_an_organization_not_a_person():
    text = "said the Chief of the Labour Statistics Branch."
    assert found(text, EntityKind.PERSON) == []
    assert [t for t, _ in found(text, EntityKind.ORGANIZATION)] == ["Labour Statistics Branch"]


def test_a_known_name_written_in_a_case_of_its_own_is_another_name():
    # "Unite" is a known union; "UNiTE" (a capital inside) and "UNITE HERE" (capitals going on) are not it
    assert found("The UNiTE campaign opened today.", EntityKind.ORGANIZATION) == []
    assert ("Unite", "Unite the Union") in found("Unite said members would strike.", EntityKind.ORGANIZATION)
    assert not [f for f in found("UNITE HERE reached a deal.", EntityKind.ORGANIZATION) if f[1] == "Unite the Union"]


def test_well_known_programmes_and_movements_are_campaigns_without_a_cue():
    kinds = found_kinds("Claimants move to Universal Credit", "Protesters of the gilets jaunes movement marched while "
                                                        "NextGenerationEU money arrived.")
    for name in ("Universal Credit", "gilets jaunes", "NextGenerationEU"):
        assert kinds.get(name) is EntityKind.CAMPAIGN, name


def test_a_campaigns_label_holding_a_first_name_is_left_out_so_people_stay_people():
    kinds = found_kinds("Economist speaks", "Economist Bharat Quillbury said wages would rise.")
    assert kinds.get("Bharat Quillbury") is EntityKind.PERSON


def test_employers_bodies_known_by_one_word_or_an_acronym_are_organizations():
    found = {m.text: m.kind for m in EXTRACTOR.extract(StoryRecord(
        "Keidanren elects a new chair", "Keidanren, MEDEF and Confindustria met BusinessEurope in Brussels.", None))}
    assert {found.get(n) for n in ("Keidanren", "MEDEF", "Confindustria", "BusinessEurope")} == {EntityKind.ORGANIZATION}


def test_armed_movements_named_as_actors_are_organizations_not_people():
    found = {m.text: m.kind for m in EXTRACTOR.extract(StoryRecord(
        "x", "Taliban authorities barred women from working for aid groups, as Islamic State attacks went on.", None))}
    assert found.get("Taliban") is EntityKind.ORGANIZATION and found.get("Islamic State") is EntityKind.ORGANIZATION


def _named(title: str, summary: str) -> dict[str, tuple[EntityKind, str]]:
    return {m.text: (m.kind, m.name) for m in EXTRACTOR.extract(StoryRecord(title, summary, None))}


def test_national_union_centres_known_by_acronym_or_own_language_are_organizations():
    found = _named("Unions call a general strike", "NUMSA and SAFTU marched with the Histadrut's envoys, while "
                   "Solidarność, the OPZZ and GEFONT sent greetings.")
    assert {found.get(n, (None,))[0] for n in ("NUMSA", "SAFTU", "Histadrut", "Solidarność", "OPZZ", "GEFONT")} == {
        EntityKind.ORGANIZATION}


def test_agencies_courts_and_research_bodies_named_bare_are_organizations():
    found = _named("Figures and rulings", "Eurostat and the BLS published new figures; the NLRB and the "
                   "Bundesarbeitsgericht ruled, and Brookings and Chatham House weighed in.")
    names = ("Eurostat", "BLS", "NLRB", "Bundesarbeitsgericht", "Brookings", "Chatham House")
    assert {found.get(n, (None,))[0] for n in names} == {EntityKind.ORGANIZATION}
    assert found["BLS"][1] == "Bureau of Labor Statistics"
    assert found["Bundesarbeitsgericht"][1] == "Federal Labour Court"


def test_a_foundation_named_after_a_person_leaves_that_persons_namesakes_people():
    found = _named("Foundation funds union schools", "Friedrich Ebert spoke for the Friedrich-Ebert-Stiftung, "
                   "and Hans Weber of the Hans-Böckler-Stiftung agreed.")
    assert found["Friedrich-Ebert-Stiftung"][0] is EntityKind.ORGANIZATION
    assert found["Hans Weber"][0] is EntityKind.PERSON
    assert found["Friedrich Ebert"][0] is EntityKind.PERSON


def test_common_nouns_in_capitals_are_no_organizations():
    assert organizations("The plant built an electric SUV with LCD screens; VAT rose and LGBT workers marched.") == []


def test_an_article_inside_the_quotes_around_a_known_campaign_is_part_of_its_name():
    texts = [t for t, _ in found("Women were invited to wear red in 'A Day Without a Woman', a strike.", EntityKind.CAMPAIGN)]
    assert texts == ["A Day Without a Woman"]
    assert [t for t, _ in found("Women joined A Day Without a Woman in March.", EntityKind.CAMPAIGN)] == [
        "Day Without a Woman"]


def test_a_known_day_does_not_run_on_over_an_article_after_it():
    names = [n for _, n in found("On May Day the Quillbury government launched a fund.", EntityKind.CAMPAIGN)]
    assert names == ["International Workers' Day"]


def test_labour_day_is_a_public_holiday_not_a_campaign():
    # (batches 1-44 name "Labour Day" or "Labor Day" in eight stories: optional in six, never a campaign)
    assert found("Quillbury workers marched on Labour Day for higher pay.", EntityKind.CAMPAIGN) == []
    assert [n for _, n in found("Quillbury workers marched on May Day.", EntityKind.CAMPAIGN)] == [
        "International Workers' Day"]


def test_a_known_campaigns_range_of_years_is_in_its_name_whole(tmp_path: Path):
    # a range of years after a known programme's name is the years it runs, as one year is ("... 2030"), not half of it
    local = _local_extractor(tmp_path,
        '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n@prefix sg: <https://w3id.org/storygraph#> .\n'
        '<urn:x:harbours> a sg:Campaign ; skos:prefLabel "Quillby Framework on Clean Harbours" .\n')
    assert found("Ministers adopted the Quillby Framework on Clean Harbours 2031-2037, which commits them to act.",
                 EntityKind.CAMPAIGN, local) == [
        ("Quillby Framework on Clean Harbours 2031-2037", "Quillby Framework on Clean Harbours")]
    assert found("The Quillby Framework on Clean Harbours 2031 targets were met.", EntityKind.CAMPAIGN, local) == [
        ("Quillby Framework on Clean Harbours 2031", "Quillby Framework on Clean Harbours")]
    # (a decimal after a year is no range: "2031-2.5" is not read past the year)
    assert found("The Quillby Framework on Clean Harbours 2031-2.5 per cent goal", EntityKind.CAMPAIGN, local) == [
        ("Quillby Framework on Clean Harbours 2031", "Quillby Framework on Clean Harbours")]
