"""Themes from the SKOS scheme, tolerant of number and spelling; the scheme is replaceable."""
from pathlib import Path

from graph.extract import Extractor
from graph.extract.themes import label_forms
from graph.records import EntityKind, StoryRecord

EXTRACTOR = Extractor()


def themes(summary: str, extractor: Extractor = EXTRACTOR) -> set[str]:
    return {m.key for m in extractor.extract(StoryRecord("x", summary, None)) if m.kind is EntityKind.THEME}


def test_us_spelling_and_plural_match():
    assert themes("Child labor and global supply chain risks") == {"child-labour", "supply-chains"}


def test_longest_label_wins():
    assert themes("Gender equality at work") == {"gender-equality"}


def test_campaign_links_add_their_theme():
    assert "gender-equality" in themes("Celebrating International Women's Day together")


def test_words_inside_an_organization_name_are_not_themes():
    assert themes("The Food and Agriculture Organization met") == set()


def test_label_forms_cover_isation_and_hyphens():
    assert {"digitalisation", "digitalizations"} <= label_forms("digitalization")
    assert "vaccine rollout" in label_forms("vaccine roll-out")


def test_a_replaced_scheme_is_used_without_code_changes(tmp_path: Path):
    (tmp_path / "themes.ttl").write_text(
        '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
        '<https://example.org/t/ocean> a skos:Concept ; skos:prefLabel "Oceans"@en ; skos:altLabel "fishery"@en .\n')
    assert themes("New fisheries rules for child labour", Extractor(tmp_path)) == {"ocean"}


def test_a_one_word_activity_label_matches_its_verb():
    assert "skills" in themes("The project trained 300 welders.")


def test_trade_union_leaders_are_social_dialogue_not_leadership():
    assert themes("Trade union leaders met.") == {"social-dialogue"}


def story_themes(title: str, summary: str) -> set[str]:
    return {m.key for m in EXTRACTOR.extract(StoryRecord(title, summary, None)) if m.kind is EntityKind.THEME}


def test_a_weak_label_said_once_in_passing_does_not_classify_the_story():
    assert "employment" not in story_themes("Unions met the minister", "The law covers employment in three sectors.")


def test_a_weak_label_in_the_title_or_said_twice_does():
    assert "employment" in story_themes("Employment rises in Kenya", "Figures were published.")
    assert "employment" in story_themes("x", "Employment rose. Employment in services rose most.")


def test_the_pandemic_said_once_in_passing_is_background_but_covid_said_once_is_not():
    assert "covid-19" not in story_themes("Dockers win a pay rise", "The deal, the first since the pandemic, raises pay.")
    assert "covid-19" in story_themes("Dockers win a pay rise", "The deal, the first since COVID-19, raises pay.")
    assert "covid-19" in story_themes("The pandemic hits the docks", "Dockers lost their jobs.")


def test_other_publishers_words_for_union_action_are_social_dialogue():
    assert "social-dialogue" in themes("Dockers staged a walkout after pay talks with the port operator collapsed.")
    assert "social-dialogue" in themes("Baristas at a Leeds cafe chain voted to unionise.")


def test_union_said_once_in_passing_is_not_enough_but_twice_is():
    assert "social-dialogue" not in themes("The bakery, whose owner once led a union, opened a second shop.")
    assert "social-dialogue" in themes("Nurses joined the union in March; the union now speaks for 4,000 of them.")


def test_other_publishers_words_for_safety_supply_chains_and_green_economy():
    assert "occupational-safety-and-health" in themes("Call-centre staff report overwork and poor mental health.")
    assert "supply-chains" in themes("The toy brand audited its suppliers in Guangdong.")
    assert "green-economy" in themes("The utility set out its plan for the energy transition and lower emissions.")


def test_app_said_once_is_not_digitalization_but_twice_is():
    assert "digitalization" not in themes("Residents can book the clinic through an app.")
    assert "digitalization" in themes("Couriers log in to the app; the app assigns each delivery.")


def test_a_known_union_tips_a_story_with_one_union_word_into_social_dialogue():
    assert "social-dialogue" in themes("COSATU marched in Durban; the union wants a higher floor.")
    assert "social-dialogue" not in themes("COSATU welcomed the new clinic in Durban.")


def test_leaders_said_once_is_not_leadership():
    assert "leadership" not in themes("World leaders met in Lima to discuss trade.")
    assert "leadership" in themes("She became the first female head of the port authority.")


def test_more_publishers_words_for_mobility_disease_schooling_and_privacy():
    assert "migration-and-refugees" in themes("The agency will police the rules on posted workers in the EU.")
    assert "occupational-safety-and-health" in themes("Miners suing the firm say dust caused occupational diseases.")
    assert "skills" in themes("Some 3 million girls remain out of school in the region.")
    assert "digitalization" in themes("The court ruled the bank's surveillance of staff email unlawful.")


def test_a_portfolio_in_an_office_title_is_not_a_theme():
    # the office is named by what it covers; the story is about what the office-holder does
    assert themes("Minister for Migration and Training Ana Ruiz opened the new port terminal.") == set()
    assert themes("Migration and Training Minister Ana Ruiz opened the new port terminal.") == set()
    assert themes("The Director for Skills, Migration and Youth said the port would reopen.") == set()
    assert themes("Ministers for migration met to discuss fisheries quotas.") == set()


def test_a_portfolio_word_elsewhere_in_the_story_still_counts():
    assert themes("Minister Ana Ruiz said migration would rise.") == {"migration-and-refugees"}


def test_other_publishers_words_for_office_automation_benefits_and_fairness():
    assert themes("Priya Nair has taken office as head of the regional bank.") == {"leadership"}
    assert themes("Gig work will shape the jobs of the future, the study says.") == {"future-of-work"}
    assert themes("Couriers will get injury compensation and provident fund contributions.") == {"social-protection"}
    assert themes("The rise will restore the purchasing power of pensioners.") == {"social-justice"}
    assert themes("The plant closure means job losses for the town.") == {"employment"}
    assert themes("The new labour law bans non-compete clauses.") == {"working-conditions"}


def test_a_noun_label_used_as_a_verb_is_not_the_theme():
    # "pay" is marked sg:nounLabel: the wage, not the act of paying
    assert themes("The court ordered the state to pay compensation to the families.") == set()
    assert themes("The scheme pays 500 rupees a month to farmers' households.") == {"rural-development"}
    assert themes("Nurses want better pay and safer wards.") == {"working-conditions"}


def test_a_noun_label_in_a_replaced_scheme(tmp_path: Path):
    (tmp_path / "themes.ttl").write_text(
        '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n@prefix sg: <https://w3id.org/storygraph#> .\n'
        '<https://example.org/t/fishing> a skos:Concept ; skos:prefLabel "Fishing"@en ; sg:nounLabel "catch"@en .\n')
    assert themes("Boats landed a record catch.", Extractor(tmp_path)) == {"fishing"}
    assert themes("Boats hope to catch more cod.", Extractor(tmp_path)) == set()


def test_a_head_of_unit_title_is_an_office_too():
    assert themes("Lena Park, Head of Migration and Youth at the Forum, opened the port.") == set()


def test_a_crisis_named_for_its_cause_is_that_causes_theme():
    assert themes("Pay rises help workers through the cost-of-living crisis.") == {"working-conditions"}
    assert themes("Profits will go to fighting the climate crisis.") == {"green-economy"}


def test_other_publishers_words_for_pay_gaps_harassment_and_carmakers():
    assert themes("Firms must report their pay gap.") == {"gender-equality"}
    assert themes("Auto workers at the car plant voted on the deal.") == {"automotive"}


def test_a_platform_company_beside_a_word_of_its_theme_makes_the_story_about_platform_work():
    # "Deliveroo" (sg:theme digitalization) counts like a weak label: with "app" said once, the story is about it
    assert "digitalization" in themes("Quillbury court: Deliveroo riders are employees. The Deliveroo app sets "
                                      "their routes.")


def test_a_platform_company_named_in_passing_is_not_the_story_s_theme():
    assert "digitalization" not in themes("Quillbury dockers strike; a Deliveroo rider joined the picket.")


def test_unequal_pay_and_pay_equity_are_gender_equality_not_wages():
    assert themes("Quillbury tribunal finds unequal pay at the port") == {"gender-equality"}
    assert themes("Quillbury passes a pay transparency law") == {"gender-equality"}


def test_the_s_form_of_an_activity_is_the_activity_only_with_an_object():
    assert themes("The Quillbury Pact trains young dockers every year.") >= {"skills"}
    assert "skills" not in themes("Dockers may not be charged fares for trains or buses.")
    assert "skills" not in themes("The strike shut down long-distance trains, most ports and ferries.")


def test_a_workplace_closure_in_the_title_is_about_jobs_but_said_once_in_passing_is_not():
    story = StoryRecord("Union vows to fight the closure of the Quillbury plant", "The vote was on Monday.", None)
    assert "employment" in {m.key for m in EXTRACTOR.extract(story) if m.kind is EntityKind.THEME}
    assert "employment" not in themes("Dockers marched past the harbour; a road closure slowed them.")


def test_workers_killed_is_about_safety_at_work_when_it_is_the_story():
    story = StoryRecord("Fourteen dockers killed in Quillbury port explosion", "The blast hit the grain store.", None)
    assert "occupational-safety-and-health" in {m.key for m in EXTRACTOR.extract(story) if m.kind is EntityKind.THEME}
    assert "occupational-safety-and-health" not in themes("Police said one protester was killed as dockers marched.")


def test_leave_transfers_migration_lay_offs_and_informal_work_in_other_publishers_words():
    assert "social-protection" in themes("Fathers may now take six months of parental leave.")
    assert "social-protection" in themes("Families receive monthly cash transfers by mobile money.")
    assert "migration-and-refugees" in themes("The region needs 260,000 immigrants a year, the study says.")
    assert "employment" in themes("The start-up lays off 420 junior developers.")
    assert "informal-economy" in themes("Most vendors work in the informal sector without contracts.")


def test_slavery_without_modern_and_work_away_from_the_office():
    assert "forced-labour" in themes("Inspectors freed 40 pickers held in conditions of slavery on a farm.")
    assert "forced-labour" in themes("The court ordered the firm to compensate wartime forced labourers.")
    assert "home-work" in themes("Most of its 5,000 staff will keep working remotely after the pandemic.")
    assert "home-work" in themes("The bank told staff to return to the office five days a week.")


def test_social_media_said_once_is_where_news_spreads_not_digitalization():
    assert "digitalization" not in themes("The protest was organised on social media without unions.")
    assert "digitalization" in themes("Social media firms hired moderators, and social media rules changed.")


def test_a_label_inside_a_phrase_of_another_sense_is_not_the_theme():
    # "strikes down" is marked sg:otherSense of social dialogue: a court's ruling, not a strike (nor a topic cue)
    assert themes("The Constitutional Court strikes down four austerity measures.") == set()
    assert themes("The High Court struck down the law, striking down its quota.") == set()
    assert themes("Women marched in the women's strikes and the school strikes.") == {"gender-equality"}
    assert themes("Dockers strike over the law the court refused to strike down.") == {"social-dialogue"}


def test_another_sense_in_a_replaced_scheme(tmp_path: Path):
    (tmp_path / "themes.ttl").write_text(
        '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n@prefix sg: <https://w3id.org/storygraph#> .\n'
        '<https://example.org/t/fishing> a skos:Concept ; skos:prefLabel "Fishing"@en ; skos:altLabel "catch"@en ;'
        ' sg:otherSense "catch up"@en, "to catch"@en .\n')
    assert themes("Boats landed a record catch.", Extractor(tmp_path)) == {"fishing"}
    assert themes("Wages must catch up with prices.", Extractor(tmp_path)) == set()
    assert themes("Boats went out to catch cod.", Extractor(tmp_path)) == set()


def test_the_unorganised_sector_is_the_informal_economy():
    # India's official name for its informal economy (round themes53), in either spelling
    assert "informal-economy" in themes("A health insurance scheme for poor families working in the unorganised sector.")
    assert "informal-economy" in themes("The portal will register 380 million unorganized workers.")


def test_a_company_that_employs_a_number_of_people_is_about_employment():
    assert "employment" in themes("Varnholt Foods, which employs about 4,300 workers at its Delsing plant, was sold")
    assert "employment" in themes("The Quarrenby mill employed several thousand people before it shut")
    assert "employment" in themes("Tessaline Logistics, employing hundreds in the port, moved its depot")


def test_employ_without_a_number_is_not_employment():
    assert "employment" not in themes("Varnholt Foods will employ new methods to cut waste at its Delsing plant")


def test_employs_a_number_after_other_employ_words_and_at_the_start():
    # the pattern is tried at every "mploy", not only the first (round themes62), and in any case
    assert "employment" in themes("Employers praised Brackwell Tiles, which employs 1,200 people near Osterby")
    assert "employment" in themes("Employing about 900 staff, the Quorrel depot is the town's largest site")
