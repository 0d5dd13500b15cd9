"""Campaigns no gazetteer knows: accords and compacts by their head, slogans by their cue or apposition."""
from graph.extract import Extractor
from graph.records import EntityKind, StoryRecord
from tests.graph.extracted import found

EXTRACTOR = Extractor()


def campaigns(summary: str) -> list[str]:
    return [m.name for m in EXTRACTOR.extract(StoryRecord("x", summary, None)) if m.kind is EntityKind.CAMPAIGN]


def test_a_slogan_under_a_banner_is_a_campaign_not_a_person():
    summary = "Workers protested under the banner Make Tarvo Pay, led by unions."
    assert campaigns(summary) == ["Make Tarvo Pay"]
    assert not [m for m in EXTRACTOR.extract(StoryRecord("x", summary, None)) if m.kind is EntityKind.PERSON]


def test_what_someone_called_the_name_is_a_campaign():
    assert campaigns("launching what the union called the Stand Firm Strike.") == ["Stand Firm Strike"]


def test_an_apposition_says_a_name_is_a_programme():
    assert campaigns("The bank presented Verdant Futures, an umbrella programme for the region.") == ["Verdant Futures"]


def test_an_accord_keeps_the_country_it_runs_in():
    assert campaigns("Brands signed the Accord on Fire and Building Safety in Bangladesh in 2013.") == [
        "Accord on Fire and Building Safety in Bangladesh"]


def test_a_hashtag_campaign_is_named_by_its_hashtag():
    assert campaigns("Unions launched the #PayUpNow campaign.") == ["#PayUpNow"]


def test_a_month_after_in_is_when_not_part_of_the_name():
    assert campaigns("Employers joined Living Wage Week in November.") == ["Living Wage Week"]


def test_a_day_is_named_without_the_places_marching_on_it():
    assert campaigns("Nurses marched in Tarvo, Lessin and Orsk on Global Care Workers Day.") == ["Global Care Workers Day"]
    assert campaigns("Dockers walked out in Port Tarvo on National Dockers Week.") == ["National Dockers Week"]


def test_a_declaration_on_a_day_keeps_its_on():
    assert campaigns("Ministers adopted the Declaration on Care Workers Day.") == ["Declaration on Care Workers Day"]


def orgs(summary: str) -> list[str]:
    return [m.name for m in EXTRACTOR.extract(StoryRecord("x", summary, None)) if m.kind is EntityKind.ORGANIZATION]


def test_a_coalition_for_a_cause_is_a_campaign_with_its_place():
    assert campaigns("The Coalition to End Debt Bondage in the Punjab Region wrote to buyers.") == [
        "Coalition to End Debt Bondage in the Punjab Region"]
    assert campaigns("Cities joined the Global Alliance for Clean Cooking this year.") == [
        "Global Alliance for Clean Cooking"]


def test_an_alliance_named_for_its_members_stays_an_organization():
    assert orgs("The Alliance of Independent Bakers met in Lyon.") == ["Alliance of Independent Bakers"]
    assert not campaigns("The Alliance of Independent Bakers met in Lyon.")


def test_an_alliance_against_a_cause_is_a_campaign_too():
    assert campaigns("Ministers met at the launch of a Global Alliance against Drought and Debt this year.") == [
        "Global Alliance against Drought and Debt"]


def test_a_defined_coalition_keeps_its_whole_name():
    found = campaigns("Mayors backed the World Alliance for Housing and Transport (WAHT) in Quito.")
    assert "World Alliance for Housing and Transport" in found


def test_a_listed_cause_runs_on_past_the_commas():
    assert campaigns("Ministers signed the Regional Compact for Fair, Safe and Dignified Work in Lima.") == [
        "Regional Compact for Fair, Safe and Dignified Work"]


def test_a_slogan_with_a_figure_before_campaign_or_movement():
    assert campaigns("Cooks joined the Fight for €12 movement in Dublin.") == ["Fight for €12"]
    assert campaigns("She launched the 50 Schools for 50 Towns campaign in Accra.") == ["50 Schools for 50 Towns"]


def test_after_a_naming_cue_a_capitalized_small_word_starts_the_name():
    assert campaigns("Staff can join a new scheme called Live Well Now from May.") == ["Live Well Now"]


def test_a_quoted_slogan_after_theme_is_a_campaign():
    assert campaigns('Unions marked the day under the theme "Safe Hands, Fair Wages".') == ["Safe Hands, Fair Wages"]
    assert campaigns('The agency chose the theme "Work in Cities: Green Streets by 2040".') == ["Green Streets by 2040"]


def test_a_defined_name_called_an_initiative_is_a_campaign():
    assert "Fair Harvest for Growers" in campaigns(
        "The bank backed the Fair Harvest for Growers (FHG) initiative in Kenya.")
    assert "Builders for Clean Air" in campaigns("Firms formed Builders for Clean Air (BCA), a coalition hosted by Arup.")


def test_whose_campaign_it_is_is_not_its_name():
    assert not campaigns("Voters backed Governor Ana Ruiz's campaign in Lima.")
    assert not campaigns("She joined the TUC campaign last year.")


def test_pledges_walkouts_and_a_plus_in_a_slogan():
    assert campaigns("Brands signed the Open Supplier Pledge.") == ["Open Supplier Pledge"]
    assert campaigns("Staff joined the Netflix Walkout for Fair Pay in May.") == ["Netflix Walkout for Fair Pay"]
    assert campaigns("Crowds joined the No+Tolls movement in Lima.") == ["No+Tolls"]


def test_a_name_holding_in_before_a_lower_case_head():
    assert campaigns("It funds the Girls in Engineering programme.") == ["Girls in Engineering programme"]


def test_a_place_after_in_with_an_apposition_is_not_a_campaign():
    assert campaigns("She launched it in Cusco, a pilot initiative of the bank.") == []


def test_a_slogan_or_headed_campaign_holds_a_known_organization():
    assert campaigns("Crowds joined the No+IMF movement in Quito.") == ["No+IMF"]
    assert "ASEAN Accord on the Rights of Fishers" in campaigns("Ministers signed the ASEAN Accord on the Rights of Fishers.")


def test_a_known_campaign_after_an_organization_stays_the_known_one():
    assert campaigns("The ILO International Women's Day event drew crowds.") == ["International Women's Day"]


def test_an_acronym_with_a_figure_is_defined():
    assert "Builders for Inclusive Growth" in campaigns(
        "Thirty firms formed Builders for Inclusive Growth (B4IG), a coalition of 30 brands.")


def test_two_headed_names_joined_by_and_are_two_campaigns():
    assert campaigns("Norland has merged its Farm Worker Programme and Coastal Labour Scheme into one.") == [
        "Farm Worker Programme", "Coastal Labour Scheme"]


def test_a_public_benefit_or_guarantee_is_a_programme():
    assert campaigns("Ministers announced the Norland Recovery Benefit and a Regional Jobs Guarantee.") == [
        "Norland Recovery Benefit", "Regional Jobs Guarantee"]
    # yojana and abhiyan: Hindi for scheme and campaign, the heads of Indian programme names
    assert campaigns("Rations are paid under the Gram Shakti Yojana from April.") == ["Gram Shakti Yojana"]


def test_a_benefit_that_goes_on_into_a_bill_is_the_bill():
    assert campaigns("The Family Care Benefit (Amendment) Bill was passed.") == []


def test_a_slogan_with_a_year_and_by_is_a_campaign_after_a_possessive():
    assert campaigns("The mayor's ACT by 2035 to End Hunger campaign opened today.") == [
        "ACT by 2035 to End Hunger"]


def test_a_capitalized_campaign_head_after_a_figure_is_part_of_the_name():
    assert campaigns("The trial was run with the 3 Hour Shift Campaign in spring.") == ["3 Hour Shift Campaign"]


def test_a_city_after_in_says_where_a_programme_was_launched():
    assert campaigns("The agency launched the Open Ports Initiative in Accra on Monday.") == ["Open Ports Initiative"]
    # a programme named for where it runs keeps its region
    assert campaigns("The bank runs the Coastal Skills Initiative in Africa.") == ["Coastal Skills Initiative in Africa"]


def test_what_is_launched_with_no_head_noun_is_a_programme():
    assert campaigns("The Commission has launched the Nordic Volunteer Corps for young people.") == [
        "Nordic Volunteer Corps"]
    assert campaigns("The bank launched its Jobs for Women in Africa to train 10,000 people.") == [
        "Jobs for Women in Africa"]


def test_what_is_launched_is_not_a_programme_when_it_is_something_else():
    # a head noun, a document's word, money, or one bare word: not a programme by this rule
    assert campaigns("The union launched the Harbour Workers Federation last year.") == []
    assert campaigns("The agency launched the Global Wage Report on Monday.") == []
    assert campaigns("The bank launched a US$9 billion facility.") == []
    assert campaigns("Google launched Gemini for schools.") == []


def test_a_proper_name_before_scheme_is_a_campaign():
    assert campaigns("Workers come under the Seasonal Harvest scheme from June.") == ["Seasonal Harvest"]


def test_a_title_cased_theme_in_single_quotes_is_a_campaign():
    assert campaigns("The year was proclaimed under the theme 'Harbours Build a Fairer Coast', to show ...") == [
        "Harbours Build a Fairer Coast"]


def test_a_sentence_in_single_quotes_after_theme_is_speech_not_a_name():
    assert campaigns("This year's theme 'ports must pay their dockers more' drew crowds.") == []


def test_a_proper_name_before_grant_or_cash_transfers_is_a_programme_without_the_noun():
    assert campaigns("Families can apply for the R350 Harbour Relief grant from Monday.") == ["Harbour Relief"]
    assert campaigns("The package raises the Nadra and Sahel cash transfers by a tenth.") == ["Nadra and Sahel"]


def test_a_name_set_off_by_commas_after_a_programme_noun_is_the_programme():
    assert campaigns("It has launched its first insurance scheme, Loss of Harbour Income, which is compulsory.") == [
        "Loss of Harbour Income"]


def test_a_name_after_a_programme_noun_that_ends_the_clause_is_not_called_one():
    assert campaigns("The state funds the scheme, Quillbury said.") == []


def test_a_year_after_a_name_explained_as_a_plan_is_part_of_the_name():
    assert campaigns("The cabinet approved Harbour 2040, a plan to cut the port's reliance on coal.") == ["Harbour 2040"]


def test_a_named_declaration_is_a_campaign_with_its_subject():
    assert campaigns("Forty ports signed the Quillbury Declaration on Dockworker Safety and Fair Shifts.") == [
        "Quillbury Declaration on Dockworker Safety and Fair Shifts"]
    assert campaigns("Ministers recalled the Tarrow Declaration at the meeting.") == ["Tarrow Declaration"]


def test_an_observance_of_the_one_and_the_other_is_one_name():
    assert campaigns("Health ministers marked the International Year of the Potter and the Weaver with pledges.") == [
        "International Year of the Potter and the Weaver"]


def test_a_slogan_goes_on_past_its_exclamation_mark():
    summary = "The federation launched Stay Open! Fund Libraries, a campaign for public reading rooms."
    assert campaigns(summary) == ["Stay Open! Fund Libraries"]
    assert orgs(summary) == []


def test_named_agreements_plans_strategies_and_frameworks_are_campaigns():
    assert campaigns("The two sides signed the Marrow Agreement in 2022, ending the strike.") == ["Marrow Agreement"]
    assert campaigns("Kelvar Foods expanded the Kelvar Cocoa Plan to more villages.") == ["Kelvar Cocoa Plan"]
    assert campaigns("The commission presented the Nordic Care Strategy in Oslo.") == ["Nordic Care Strategy"]
    assert campaigns("States adopted the Coastal Refugee Response Framework.") == ["Coastal Refugee Response Framework"]


def test_a_company_programme_that_cares_is_a_campaign():
    assert campaigns("The retailer said Dunmore Cares had funded twelve clinics.") == ["Dunmore Cares"]


def test_a_plan_leading_a_name_is_an_organization_not_a_campaign():
    assert campaigns("Plan International said children were at risk.") == []


def test_a_strategy_named_in_capitals_is_a_campaign_but_not_an_acronyms_strategy():
    assert campaigns("Farmers were funded under its Grow Sahel strategy from 2016.") == ["Grow Sahel"]
    assert campaigns("Ministers debated the EU strategy on care.") == []


def test_a_movement_or_scheme_named_in_capitals_is_named_without_its_lower_case_noun():
    # other publishers name "the Entregadores Antifascistas movement" and "the PALM scheme" by the proper name alone
    assert campaigns("A courier who leads the Riders Against Fascism movement spoke in Tarrow.") == [
        "Riders Against Fascism"]
    assert campaigns("Workers came under the Pacific Harvest scheme last year.") == ["Pacific Harvest"]
    assert campaigns("The Quill Harbour programme visited 40 factories.") == ["Quill Harbour programme"]


def test_a_launched_slogan_with_lower_case_words_is_named_whole_up_to_its_apposition():
    kinds = found("Campaign starts", "Unions launched Enough is Enough, a campaign against the cost of living.")
    assert kinds.get("Enough is Enough") is EntityKind.CAMPAIGN
    assert "Enough" not in kinds


def test_a_launched_slogan_led_by_a_function_word_is_not_cut_to_its_last_word():
    kinds = found("Quillfam launches Even It Up campaign against inequality",
                  "Quillfam launched Even It Up, a global campaign against extreme inequality.")
    assert kinds.get("Even It Up") is EntityKind.CAMPAIGN
    assert "Up" not in kinds


def test_a_cueless_fragment_of_a_run_is_no_campaign():
    kinds = found("Report out", "The group published Even It Up, a campaign report, on Monday.")
    assert "Up" not in kinds


def test_a_named_roadmap_deal_pilot_incentive_or_strike_is_a_campaign():
    kinds = found("Plans", "The Commission will present a Quillbury Jobs Roadmap beside the Tarrow Green Deal. The "
                           "province ended the Quillbury Basic Income Pilot, while the Tarrow Hiring Incentive went on. "
                           "Pupils joined the Quillbury Climate Strike.")
    for name in ("Quillbury Jobs Roadmap", "Tarrow Green Deal", "Quillbury Basic Income Pilot", "Tarrow Hiring Incentive",
                 "Quillbury Climate Strike"):
        assert kinds.get(name) is EntityKind.CAMPAIGN, name


def test_a_general_strike_or_a_new_deal_names_nothing_more_than_its_head():
    kinds = found("Strike", "Unions called a General Strike and asked for a New Deal.")
    assert "General Strike" not in kinds and "New Deal" not in kinds


def test_a_name_known_as_after_a_programme_noun_is_a_campaign_and_keeps_its_own_language():
    kinds = found("Permits", "The authority began issuing a flexible work permit, known as the Quill Permit, to migrants. "
                             "Unions signed an agreement, known as the Patto della quillbria or Tarrow Pact.")
    assert kinds.get("Quill Permit") is EntityKind.CAMPAIGN
    assert kinds.get("Patto della quillbria") is EntityKind.CAMPAIGN
    assert "Patto" not in kinds


def test_a_name_known_as_after_a_body_or_a_person_is_no_campaign():
    kinds = found("Union", "The confederation, known as QTF, objected, and a rider known as Tarrowby spoke.")
    assert kinds.get("QTF") is not EntityKind.CAMPAIGN and kinds.get("Tarrowby") is not EntityKind.CAMPAIGN


def test_a_plan_called_a_name_with_a_glued_colon_is_one_campaign():
    kinds = found("Carmaker cuts", "Quillbury will close plants under a turnaround plan called Re:Tarrow, it said.")
    assert kinds.get("Re:Tarrow") is EntityKind.CAMPAIGN
    assert "Re" not in kinds


def test_a_call_to_action_on_a_cause_is_a_campaign():
    kinds = found("Heat", "The Secretary-General issued a Call to Action on Rising Sea Heat, urging governments to act.")
    assert kinds.get("Call to Action on Rising Sea Heat") is EntityKind.CAMPAIGN


def test_a_named_commitment_is_a_campaign_but_a_lower_case_one_is_not():
    kinds = found("Care", "Ministers adopted the Quillmark Commitment towards a care society, a commitment to act.")
    assert kinds.get("Quillmark Commitment") is EntityKind.CAMPAIGN


def test_a_movement_the_apposition_makes_of_people_is_an_organization():
    kinds = found("Riders", "The rules were won by Tarrow Ciclistas, a movement of immigrant delivery riders, and "
                            "welcomed by Quill Raíz, the rural movement that campaigned for them.")
    assert kinds.get("Tarrow Ciclistas") is EntityKind.ORGANIZATION
    assert kinds.get("Quill Raíz") is EntityKind.ORGANIZATION


def test_a_movement_against_a_cause_stays_a_campaign():
    kinds = found("Marches", "Thousands marched with Tarrow Nunca Más, a movement against violence towards women.")
    assert kinds.get("Tarrow Nunca Más") is EntityKind.CAMPAIGN


def test_a_movement_owned_by_a_plural_of_people_is_an_organization_a_movement_for_a_cause_a_campaign():
    kinds = found("Land", "The Quillan Smallholders' Movement occupied farms, and the Tarrow Free Fare Movement marched.")
    assert kinds.get("Quillan Smallholders' Movement") is EntityKind.ORGANIZATION
    assert kinds.get("Tarrow Free Fare Movement") is EntityKind.CAMPAIGN


def test_a_founders_name_before_a_shared_head_names_a_body_a_cause_before_it_a_campaign():
    # (campaigns61: "the John Lewis Partnership", batches 4, 37 and 48, was read as a campaign)
    kinds = found("Bonus", "The Peter Quillby Partnership, which its staff own, said the bonus would be paid, and "
                           "the Tarrow Fair Pay Partnership welcomed it.")
    assert kinds.get("Peter Quillby Partnership") is EntityKind.ORGANIZATION
    assert kinds.get("Tarrow Fair Pay Partnership") is EntityKind.CAMPAIGN


def test_a_name_glossed_in_brackets_before_a_programme_noun_is_that_programme():
    kinds = found("Schools", "The president launched the Free Quill High School (Free QHS) programme, and the "
                             "Vida Além do Tarrow (Life Beyond Tarrow) movement gathered signatures.")
    assert kinds.get("Free Quill High School") is EntityKind.CAMPAIGN
    assert kinds.get("Vida Além do Tarrow") is EntityKind.CAMPAIGN


def test_a_body_defined_in_brackets_without_a_programme_noun_stays_a_body():
    kinds = found("Schools", "The Quill High School (QHS) said fees would fall.")
    assert kinds.get("Quill High School") is EntityKind.ORGANIZATION


def organizations(summary: str) -> list[str]:
    return [m.name for m in EXTRACTOR.extract(StoryRecord("x", summary, None)) if m.kind is EntityKind.ORGANIZATION]


def test_a_run_ending_in_a_plan_is_the_plan_not_the_college_inside_it():
    summary = "Staff may study for free under the Quillbury College Savings Plan, the firm said."
    assert campaigns(summary) == ["Quillbury College Savings Plan"]
    assert organizations(summary) == []


def test_a_body_owning_a_programme_by_its_possessive_is_two_names():
    summary = "Growers joined the Federation of Orchard Pickers' Fair Harvest Program last year."
    assert campaigns(summary) == ["Fair Harvest Program"]
    assert organizations(summary) == ["Federation of Orchard Pickers"]


def test_a_day_marked_for_by_a_known_body_starts_after_for():
    summary = "The report was released by the World Bank for Clean Water Access Day."
    assert campaigns(summary) == ["Clean Water Access Day"]
    assert organizations(summary) == ["World Bank"]


def test_a_figure_slogan_stays_inside_its_sentence_and_its_noun():
    assert campaigns("The bill was passed by the Tarrow Assembly in 2017. Campaigners welcomed the vote.") == []


def test_one_word_after_the_and_before_a_programme_noun_names_the_programme():
    assert campaigns("The ministry said the drive supported the Quillat programme, which sets hiring quotas.") == [
        "Quillat"]


def test_a_named_agenda_is_a_programme_with_what_it_is_for():
    assert campaigns("The commission adopted a New Skills Agenda for Tarrow, with ten actions.") == [
        "New Skills Agenda for Tarrow"]
    assert campaigns("The summit closed with 3,000 commitments to his Agenda for Humanity.") == ["Agenda for Humanity"]


def test_what_is_adopted_or_signed_after_an_article_is_a_programme():
    assert campaigns("The council adopts the Tarrow Mobility Card for persons with disabilities.") == [
        "Tarrow Mobility Card"]
    assert campaigns("Donors signed a Grand Quillbury Bargain to channel more money to local groups.") == [
        "Grand Quillbury Bargain"]


def test_an_adopt_verb_before_a_bare_name_or_a_document_names_no_programme():
    assert campaigns("The ministry announced Maria Quillby as its new director.") == []
    assert campaigns("The president signed Executive Order No. 51 in Tarrow City.") == []
    assert campaigns("The president signed the National Minimum Wage (Amendment) Act into law.") == []
    assert campaigns("The council adopted the Tarrow Platform Work Directive, which sets rules.") == []
    assert campaigns("Leaders adopted the Sustainable Tarrow Goals at the summit.") == []


def test_a_named_mission_with_its_figure_and_not_the_summit_before_it():
    assert campaigns("Ministers met in Tarrow for the Energy Summit of Mission 300, the drive to connect homes.") == [
        "Mission 300"]
    assert campaigns("He unveiled the National Skill Quillbury Mission and a new scheme.") == [
        "National Skill Quillbury Mission"]


def test_a_defined_name_led_by_a_campaign_head_is_a_campaign():
    found = {m.name: m.kind for m in EXTRACTOR.extract(StoryRecord("x", "The agency published the results of its "
             "Programme for Tarrow Pupil Assessment (PTPA) 2022, which tested pupils.", None))}
    assert found.get("Programme for Tarrow Pupil Assessment") is EntityKind.CAMPAIGN


def test_a_calendar_word_leading_a_cause_inside_a_sentence_is_an_observance():
    assert campaigns("The Tarrow Union makes 2024 its Year of Education.") == ["Year of Education"]
    assert campaigns("Tarrow Bank's report 2019: A Decade of Reform finds little change.") == []


def test_a_name_after_the_that_an_apposition_calls_a_strike_is_a_campaign():
    assert campaigns("Women stopped work for a day in the Quillbyverkfall, the largest women's strike since 1975.") == [
        "Quillbyverkfall"]
    assert campaigns("Nurses walked out in Tarrow and Quillby, the largest health care strike in years.") == []


def test_what_something_is_done_under_is_a_programme_but_not_a_government():
    assert campaigns("Payments are made under the Tarrow Plaza Arrangement, which brings brands together.") == [
        "Tarrow Plaza Arrangement"]
    assert campaigns("Wages fell under the Quillby Administration, which denied it.") == []
    assert campaigns("Wages fell under the Quillby Plaza rules.") == []


def test_a_mission_sent_somewhere_is_no_programme():
    assert campaigns("A statement by the Permanent Mission of Tarrow to the United Nations said so.") == []
    assert campaigns("An IMF Staff Mission visited Quillby City in May.") == []


def test_a_policy_or_model_named_over_its_comma_or_who_named_it_is_a_campaign():
    assert campaigns("Under the policy, called Desk Freedom, staff may live anywhere.") == ["Desk Freedom"]
    assert campaigns("The firm moved staff home under a model it called Remote Always.") == ["Remote Always"]
    assert campaigns("Nurses walked out in a strike they called Mogok Jururawat Kontrak, demanding posts.") == [
        "Mogok Jururawat Kontrak"]


def test_a_man_called_so_is_no_campaign():
    assert campaigns("A rider called Tomas Brenner led the protest.") == []


def test_a_cued_name_goes_on_over_an_article_into_the_next_capitals():
    assert campaigns("Thousands marched under the banner Workers Deserve a Fair Deal, protesting cuts.") == [
        "Workers Deserve a Fair Deal"]


def test_what_is_done_under_the_x_banner_is_a_campaign_but_not_an_acronym():
    assert campaigns("Teachers in Utah are preparing protests under the Blue for Schools banner.") == ["Blue for Schools"]
    assert campaigns("Teachers rallied under the NEA banner.") == []


def test_an_ordinal_inside_a_headed_name_stays_in_it():
    assert campaigns("The minister launched the Global Nurses First Initiative in Geneva.") == [
        "Global Nurses First Initiative"]


def test_an_exclaimed_slogan_is_named_whole_from_its_owner():
    assert campaigns("Unions, whose Pay Up, Brandco! campaign accused the company, welcomed it.") == ["Pay Up, Brandco!"]


def test_a_dash_joins_two_campaign_readings_into_one_name():
    assert campaigns("The bank launched Jobs and Skills – Lending for Youth, a programme to lend 6 billion euros.") == [
        "Jobs and Skills – Lending for Youth"]


def test_a_head_going_on_into_of_is_inside_a_longer_name():
    assert campaigns("Ministers endorsed a Protocol on Free Movement of Persons in the Region.") == []


def test_the_names_listed_after_a_plural_programme_noun_and_a_colon():
    assert campaigns("It has three schemes: Amal for farmers, Nour for traders, and Sabr for people on low pay.") == [
        "Amal", "Nour", "Sabr"]


def test_one_word_written_as_a_brand_after_its_owner_names_the_programme():
    assert campaigns("The firm will invest in its FarmLink programme, which sends advice by phone.") == ["FarmLink"]


def test_a_peoples_movement_after_a_possessive_is_no_name():
    assert campaigns("Peru's Indigenous movement ended its strike.") == []


def test_a_known_programme_with_its_head_in_lower_case_is_named_without_it():
    assert campaigns("Ghana expanded the National Health Insurance Scheme in 2012.") == ["National Health Insurance Scheme"]
    assert campaigns("Indonesia began its National Health Insurance scheme, run by a new agency.") == [
        "National Health Insurance"]


def test_branded_names_a_programme_only_after_a_programme_noun():
    assert campaigns("The ministry rolled out a scheme branded Work Ready Now for school leavers.") == ["Work Ready Now"]
    assert campaigns("Unions branded the Tarvo Plan a failure.") == ["Tarvo Plan"]
    assert campaigns("Critics branded the Government's wage plan a failure.") == []


def test_a_plans_cause_after_for_is_part_of_its_name():
    assert campaigns("Tarrovia approves a Master Plan for Decent Work to curb temporary contracts.") == [
        "Master Plan for Decent Work"]
    assert campaigns("It proposed an Economic Rescue Plan for All, with cash grants.") == ["Economic Rescue Plan for All"]
    assert "Quill Strategy on Healthy Oceans and Blue Economies" in campaigns(
        "The bank launched the Quill Strategy on Healthy Oceans and Blue Economies at its meeting.")


def test_a_plans_cause_ends_before_a_small_word_that_starts_another_phrase():
    assert "Investment Plan for Tarrovia" in campaigns(
        "He presented an Investment Plan for Tarrovia to the Quill Parliament.")


def test_capitals_after_for_that_qualify_a_lower_case_noun_are_not_the_plans():
    assert campaigns("He launched the Quill Compensation Scheme for Commonwealth citizens and their families.") == [
        "Quill Compensation Scheme"]


def test_where_a_programme_runs_is_not_an_owners_possessive():
    assert campaigns("He unveiled the Quill Level-Up Programme in Tarrovia's Budget 2024, giving a top-up.") == [
        "Quill Level-Up Programme"]


def test_south_asias_named_shutdowns_and_marches_are_campaigns():
    assert campaigns("Ten central trade unions held a Quillistan Bandh against the labour codes.") == ["Quillistan Bandh"]
    assert "Tarrow Chalo" in campaigns("Farmers set out on the Tarrow Chalo march to the capital.")


def test_a_body_by_its_own_head_stays_a_body_whatever_an_apposition_calls_it():
    kinds = found("x", "The Council of Quillish Workers and Labourers (CQWL), an alliance of three confederations, "
                       "demanded an end to outsourcing.")
    assert kinds.get("Council of Quillish Workers and Labourers") is EntityKind.ORGANIZATION


def test_a_slogan_of_parallel_runs_is_one_campaign():
    assert campaigns("The governor launched One Village, One Loom in Tarrow, pledging a mill in every district.") == [
        "One Village, One Loom"]
    assert campaigns("The agency marked it with the campaign One Million Riders: One Million Chances, which asks "
                     "travellers to buy locally.") == ["One Million Riders: One Million Chances"]
    assert campaigns("Quillmart adopted a No Burning, No Clearing, No Forced Work policy for its suppliers.") == [
        "No Burning, No Clearing, No Forced Work"]


def test_parallel_runs_in_a_list_or_of_known_places_are_no_slogan():
    assert campaigns("Members of Scheduled Quills, Scheduled Tarrows and Other Backward Groups were excluded.") == []
    assert campaigns("Workers walked out in Boston, San Jose, San Diego, Detroit and Honolulu.") == []


def test_a_figure_hyphened_to_a_names_first_word_is_part_of_the_name():
    assert campaigns("The association announced the 7-Star Pledge, a commitment to give cleaners alarms.") == [
        "7-Star Pledge"]
    assert campaigns("The party set out a 12-Point Plan for Quill workers.") == ["12-Point Plan"]


def test_a_strategy_someone_called_by_a_name_is_a_programme():
    assert campaigns("It will cut 900 jobs under a strategy called Quillnet2030 that moves its towers to a unit.") == [
        "Quillnet2030"]


def test_a_figure_by_a_figure_launched_or_named_is_a_targets_slogan():
    assert campaigns("The federation launched 15 by 15, a campaign for fifteen ratifications.") == ["15 by 15"]
    assert campaigns("The target, known as 30 by 30, was backed by Tarrovia's presidency.") == ["30 by 30"]


def test_a_figure_by_a_year_after_to_is_a_date_not_a_slogan():
    assert campaigns("It raised the retirement age from 60 to 62 by 2018 and launched 10 by 10 metres of cloth.") == []


def test_a_singular_possessive_opening_a_programmes_run_is_its_owners():
    assert campaigns("Clients get advice through the Bank's Quill Help for Small Farms programme.") == [
        "Quill Help for Small Farms programme"]


def test_a_name_set_off_after_a_programme_noun_may_end_the_sentence():
    assert campaigns("From 2013 it replaces three jobless schemes with a single benefit, QuAsI. Unions objected.") == [
        "QuAsI"]


def test_a_first_person_opening_a_slogan_is_part_of_its_name():
    assert campaigns("We Are Tarrow, the union-backed coalition that collected a million signatures, won the vote.") == [
        "We Are Tarrow"]


def test_two_owners_letters_joined_by_and_are_not_the_programmes_first_word():
    assert campaigns("A report by the QWO and TRF Joint Quill Monitoring Programme found gaps.") == [
        "Joint Quill Monitoring Programme"]


def test_an_agreement_leading_its_cause_is_a_campaign():
    assert "Agreement for Quill Employment and Collective Bargaining" in campaigns(
        "Employers and unions signed the fifth Agreement for Quill Employment and Collective Bargaining (AQEC) on Monday.")


def test_a_defined_name_that_pays_out_loans_is_a_programme_not_a_body():
    assert "Tarrow Emergency Business Account" in campaigns(
        "Small firms must repay their Tarrow Emergency Business Account (TEBA) loans by January.")
    kinds = found("x", "The government drew on Quill Development Bank (QDB) loans to pay nurses.")
    assert kinds.get("Quill Development Bank") is EntityKind.ORGANIZATION


def test_a_vision_a_year_names_is_a_plan():
    assert campaigns("Ministers endorsed Vision 2041: Invest in the Coastlands, a plan for the region.") == ["Vision 2041"]
    assert campaigns("The cabinet approved Moravia Vision 2035 to diversify the economy.") == ["Moravia Vision 2035"]


def test_a_vision_without_a_year_is_no_plan():
    assert campaigns("The Shared Vision of the council was welcomed in 2031.") == []
    assert campaigns("Its Vision 2027 per cent target was missed.") == []


def test_a_place_after_in_the_is_where_not_the_apposition_s_plan():
    assert "Borealands" not in campaigns("The bank backed growth in the Borealands, a plan to create jobs.")


def test_capitals_before_a_known_campaign_of_the_same_head_name_a_longer_one():
    assert campaigns("Women marched in the All-Moravia Women's Strike against the ban.") == ["All-Moravia Women's Strike"]


def test_a_month_or_an_owner_s_letters_before_a_known_observance_are_not_its_name():
    assert campaigns("Staff marked the ZTU International Women's Day in July.") == ["International Women's Day"]
    assert campaigns("The event was held on 15 July World Youth Skills Day.") == ["World Youth Skills Day"]


def test_a_programme_s_letters_with_its_noun_in_the_headline_are_the_programme_the_summary_defines():
    found = [(m.name, m.text) for m in EXTRACTOR.extract(StoryRecord(
        "Bank approves funds for Zembla's ZEP-WORK programme",
        "The Bank approved funds for the Zembla Employment Promotion for Work (ZEP-WORK) programme, which pays small firms.",
        None)) if m.kind is EntityKind.CAMPAIGN]
    assert {name for name, _text in found} == {"Zembla Employment Promotion for Work"}
    assert ("Zembla Employment Promotion for Work", "ZEP-WORK") in found


def test_a_body_s_letters_with_a_programme_noun_stay_the_body_s_programme():
    found = [m.name for m in EXTRACTOR.extract(StoryRecord(
        "Bank approves funds for the ZEPWA programme",
        "The Bank approved funds for the Zembla Employment Promotion Agency (ZEPWA), which pays small firms.",
        None)) if m.kind is EntityKind.CAMPAIGN]
    assert found == ["ZEPWA programme"]


def test_capitals_before_in_open_a_head_named_programme():
    assert campaigns("The bank lent funds to Zembla's Rural Roads and Youth in Agribusiness Project, which builds "
                     "canals.") == ["Rural Roads and Youth in Agribusiness Project"]
    assert campaigns("The bank lent funds to the Girls in Coding Initiative.") == ["Girls in Coding Initiative"]


def test_a_sentence_s_body_before_in_is_not_the_programme_s_name():
    assert campaigns("The Bank in Zembla Youth Project began work.") == ["Zembla Youth Project"]


def test_people_who_organise_as_a_name_name_their_movement():
    assert campaigns("The pickers organised outside the unions as Vella Sangam (Pickers' Unity), blocking roads.") == [
        "Vella Sangam"]
    assert campaigns("Organising themselves as Vella Sangam, or Pickers' Unity, the women kept the unions away.") == [
        "Vella Sangam"]


def test_organised_as_a_place_or_a_body_names_no_movement():
    assert campaigns("The march was organised as Zembla marched.") == []
    assert campaigns("The strike was organised as Parliament debated the bill.") == []
    assert campaigns("Drivers organised themselves as Zembla Drivers Union, and struck.") == []


def test_a_known_programme_joined_by_and_to_a_headed_name_is_part_of_it():
    found_names = campaigns("The president launched the Universal Credit and Coastal Export Development Programme.")
    assert found_names == ["Universal Credit and Coastal Export Development Programme"]
    assert campaigns("It extended Universal Credit and the ILO programme.") == ["Universal Credit"]


def test_a_known_programme_run_on_by_a_bodys_head_names_the_body_that_runs_it():
    mentions = EXTRACTOR.extract(StoryRecord("x", "A Universal Credit Authority will coordinate the programme.", None))
    assert [(m.kind, m.name) for m in mentions if m.kind in (EntityKind.CAMPAIGN, EntityKind.ORGANIZATION)] == [
        (EntityKind.ORGANIZATION, "Universal Credit Authority")]


def test_a_headlines_shorter_campaign_is_the_one_the_summary_names_in_full():
    story = StoryRecord("Leaders adopt a Coastal Jobs Framework",
                        "Leaders of the region adopted the Pacific Coastal Jobs Framework and the Harbour Skills Plan.", None)
    names = {(m.field.name, m.name) for m in EXTRACTOR.extract(story) if m.kind is EntityKind.CAMPAIGN}
    assert ("TITLE", "Pacific Coastal Jobs Framework") in names
    # (two summary names it could shorten: left as it is)
    story = StoryRecord("Leaders adopt a Harbour Plan",
                        "They adopted the Harbour Skills Plan and the Harbour Jobs Plan.", None)
    assert ("TITLE", "Harbour Plan") in {(m.field.name, m.name) for m in EXTRACTOR.extract(story)
                                          if m.kind is EntityKind.CAMPAIGN}


def test_a_defined_name_set_off_after_a_programme_noun_is_the_programme():
    kinds = found("x", "The government's plan, Rebuilding Aid on Tarrow (RAT), puts the cost at 8 billion dollars.")
    assert kinds.get("Rebuilding Aid on Tarrow") is EntityKind.CAMPAIGN


def test_a_programmes_head_after_a_defined_names_letters_says_it_is_a_programme():
    kinds = found("x", "The bank lent US$1 billion under its Building Resilience with Active Tarrow Expenditures (BRATE) "
                       "Program to protect the poor.")
    assert kinds.get("Building Resilience with Active Tarrow Expenditures") is EntityKind.CAMPAIGN
    # (a small word opens the name when the letters spell it)
    kinds = found("x", "The Quill Forest Trust (TQFT) helped map the areas.")
    assert kinds.get("The Quill Forest Trust") is EntityKind.ORGANIZATION


def test_an_apposition_names_what_follows_in_when_it_is_no_known_place():
    assert campaigns("Some 900 firms took part in Quiet Commute Days, a campaign led by the ministry.") == [
        "Quiet Commute Days"]
    assert campaigns("The bank launched it in Davos, a pilot initiative of the forum.") == []


def test_a_coalition_named_by_a_qualifier_before_its_head_is_a_campaign():
    kinds = found("x", "The Quill State Domestic Workers Coalition, which had campaigned for the law, welcomed it.")
    assert kinds.get("Quill State Domestic Workers Coalition") is EntityKind.CAMPAIGN
    kinds = found("x", "The Coalition of Tarrow Farm Workers launched a boycott.")
    assert kinds.get("Coalition of Tarrow Farm Workers") is EntityKind.ORGANIZATION


def test_a_slogan_set_off_after_slogan_is_a_campaign_whatever_its_case():
    assert campaigns("Their slogan, 'Seis anos e dois dias', has become the name of the campaign.") == [
        "Seis anos e dois dias"]
    assert campaigns("'we will not wait', the minister said of the theme 'a fair deal'.") == []


def test_a_body_headed_name_an_apposition_calls_a_campaign_is_a_campaign():
    summary = "Former staff and the Committee for Fairer Tarrow Banks, a campaign backed by a union, said targets were impossible."
    assert campaigns(summary) == ["Committee for Fairer Tarrow Banks"]


def test_a_body_an_apposition_calls_a_campaign_group_stays_a_body():
    summary = "The Quillbury Workers Committee, a campaign group of drivers, said fares were too low."
    assert campaigns(summary) == []


def test_a_plan_of_action_on_a_cause_is_a_campaign_with_the_capitals_before_it():
    summary = "Governments were urged to act under the UN Plan of Action on the Safety of Quill Workers and the Issue of Impunity."
    assert campaigns(summary) == ["UN Plan of Action on the Safety of Quill Workers and the Issue of Impunity"]
    assert campaigns("The Plan of Action on Tarrow Youth Employment was adopted.") == ["Plan of Action on Tarrow Youth Employment"]


def test_a_movement_noun_right_before_a_name_names_a_campaign():
    assert campaigns("The citizen movement Le Vent Nouveau mobilised young people.") == ["Le Vent Nouveau"]
    # (not a body's acronym, nor a body by its head noun)
    assert campaigns("the employers' movement MEVAR said.") == []
    assert campaigns("the campaign Velmor Workers Union said.") == []


def test_a_cued_name_keeps_its_own_languages_preposition_and_what_follows_it():
    # (campaigns61: "known as AusBildung bis 18", batch 48; "the grassroots movement PO in actie", batch 44)
    assert campaigns("Under the scheme, known as Lernweg bis 21, offices will call every school leaver.") == [
        "Lernweg bis 21"]
    assert campaigns("teachers marched with the grassroots movement VQ in beweging, which began online.") == [
        "VQ in beweging"]
    # (an acronym with no such words after it stays a body's, and a capital after "in" is a place)
    assert campaigns("the employers' movement MEVAR in turn said.") == []
    assert campaigns("Under the scheme, known as Lernweg in Tarrow, offices will call.") == ["Lernweg"]


def test_a_name_set_off_after_a_cash_benefit_noun_is_the_programme():
    assert campaigns("employers must pay a second bonus, the Premio por Velmora or double pay, each year.") == [
        "Premio por Velmora"]
    # (not a body, a known place, or a lone word)
    assert campaigns("Under the plan, the Ministry of Labour, which runs it, pays.") == []
    assert campaigns("a new pension, Brazil, in turn, said.") == []


def test_what_a_law_creates_or_sets_up_with_no_head_noun_is_a_programme():
    # (and its defined letters name the same programme, whichever order they spell)
    assert set(campaigns("Velmora's president signed a law creating the National Integrated Velmo System (NIVS).")) == {
        "National Integrated Velmo System"}
    assert set(campaigns("Velmora's president signed a law creating the National Integrated Velmo System (SNIV).")) == {
        "National Integrated Velmo System"}
    assert campaigns("teachers began setting up the Escuela Pública Velmora, a mobile school.") == [
        "Escuela Pública Velmora"]
    # (a body's head noun keeps its own reading)
    assert campaigns("a law creating the Superintendency of the Velmo Economy") == []


def test_a_week_one_word_names_is_an_observance():
    assert campaigns("The Tarrow report was released at the start of Anti-Hunger Week.") == ["Anti-Hunger Week"]
    assert campaigns("Midwives rallied in Quillby during Midwives Week.") == ["Midwives Week"]


def test_a_time_or_a_fair_one_word_puts_before_week_is_no_observance():
    assert campaigns("Prices rose during Holy Week and fell in Fashion Week.") == []
    assert campaigns("The strike began on Monday; Next Week the talks resume.") == []


def test_a_strategy_a_year_names_is_a_plan():
    assert campaigns("The Tarrow Development Bank adopted Strategy 2031, its long-term plan.") == ["Strategy 2031"]
    assert campaigns("The bank will build on its Strategy 2041 to help the region.") == ["Strategy 2041"]


def test_a_strategy_over_a_range_of_years_is_not_cut_at_its_first_year():
    assert "National Strategy 2031" not in campaigns("Quillby adopted its National Strategy 2031-2035 on Monday.")


def campaign_texts(summary: str) -> list[str]:
    """The campaign mentions as written (the name drops a trailing year)."""
    return [m.text for m in EXTRACTOR.extract(StoryRecord("x", summary, None)) if m.kind is EntityKind.CAMPAIGN]


def test_a_programme_keeps_the_range_of_years_written_after_its_name():
    assert campaign_texts("Nurses ratified the Tarrow Service Agreement 2031-2034 on Friday.") == [
        "Tarrow Service Agreement 2031-2034"]
    assert campaign_texts("The Quillby Decade of Clean Harbours 2030–2039 began in May.") == [
        "Quillby Decade of Clean Harbours 2030–2039"]


def test_a_name_adopted_with_a_range_of_years_keeps_the_range():
    assert campaign_texts("The Tarrow Development Bank adopted its Harbour Approach 2031-2035, the plan for its work.") == [
        "Harbour Approach 2031-2035"]


def test_a_range_is_no_figure_or_share_after_a_name():
    # (a growth rate, a share or a decimal after the years is no second year of the name)
    assert campaign_texts("The Tarrow Service Agreement 2031-2.5 was signed.") == ["Tarrow Service Agreement 2031"]


def test_a_capitalized_on_inside_an_observance_is_part_of_its_name():
    assert campaigns("The institute released the survey for its annual Leave Work On Time Day.") == [
        "Leave Work On Time Day"]


def test_a_capitalized_on_before_a_whole_observance_still_cuts_it():
    assert campaigns("Tarrow Nurses Rally On International Nurses Day") == ["International Nurses Day"]
    assert campaigns("On Midwives Week, nurses in Quillby struck.") == ["Midwives Week"]


def test_a_named_package_is_a_programme():
    assert campaigns("Employers and unions agreed a 12-point Anti-Slump Package for Quillby on Monday.") == [
        "Anti-Slump Package"]


def test_a_package_inside_a_company_name_is_no_programme():
    assert campaigns("Drivers delivered for Tarrow Ground Package System, Inc. in Quillby.") == []


def test_a_named_approach_is_a_programme_with_its_cause():
    assert "Tarrow Common Approach on Labour Mobility" in campaigns(
        "Ministers discussed the Tarrow Common Approach on Labour Mobility, which lets citizens work anywhere.")


def test_a_method_s_approach_is_no_programme():
    assert campaigns("The report calls for a Worker-Centred Approach in Quillby.") == []


def test_a_country_after_in_is_where_a_programme_is_financed_not_its_name():
    # (no gold of batches 1-43 names a head-ended programme with a lone country after "in"; batch 44 names two without)
    assert campaigns("The Tarrow Bank approved a loan for the Quillbury Skills Upgrade Program in Kenya.") == [
        "Quillbury Skills Upgrade Program"]
    assert campaigns("The bank financed the Quillbury Roads Project in the Philippines.") == [
        "Quillbury Roads Project"]


def test_a_place_after_in_that_is_no_country_alone_stays_in_the_name():
    assert campaigns("Donors back the Quillbury Fair Wages Initiative in Agriculture, launched in May.") == [
        "Quillbury Fair Wages Initiative in Agriculture"]


def test_a_named_permit_visa_or_card_is_a_scheme():
    assert campaigns("The court set aside the ending of the Tarrow Exemption Permit (TEP) for 90,000 holders.") == [
        "Tarrow Exemption Permit", "Tarrow Exemption Permit"]
    assert campaigns("Drivers with a disability may apply for the Quillbury Parking Card from May.") == [
        "Quillbury Parking Card"]


def test_a_permit_inside_a_longer_name_or_a_persons_surname_is_no_scheme():
    assert campaigns("Parliament amended the Tarrow Single Permit Directive on work and residence.") == []
    summary = "Maria Card of the Quillbury Institute won the prize for her studies of minimum wages."
    assert campaigns(summary) == []
    assert "Maria Card" in [m.name for m in EXTRACTOR.extract(StoryRecord("x", summary, None))
                            if m.kind is EntityKind.PERSON]


def test_an_adopted_name_its_head_opens_is_read_when_no_head_reading_takes_it():
    # (campaigns59: "signed the Commitment for ...", batch 46; the head readings take "commitment" only as a last word)
    assert campaigns("The unions signed the Commitment for Wages, Housing and Training with the employers.") == [
        "Commitment for Wages, Housing and Training"]
    # heads alone name nothing, and what is done under a headed name is left to the head readings
    assert campaigns("The unions signed the Framework Agreement for a fair shift with the employers.") == []


def test_an_adopted_name_a_known_place_opens_is_the_programme():
    # (campaigns59: "adopted the Thimphu Statement on Climate Change", batch 40)
    assert campaigns("Leaders meeting in Kigali adopted the Kigali Statement on Fair Recruitment and left.") == [
        "Kigali Statement on Fair Recruitment"]


def test_what_is_concluded_endorsed_or_announced_after_an_article_is_a_programme():
    # (campaigns59: batches 34 and 38; the article is still needed: "announced Maria Quillby as ..." names no one)
    assert campaigns("The parties concluded an Arrangement on Seasonal Work, outside the treaty.") == [
        "Arrangement on Seasonal Work"]
    assert campaigns("The firm announced a Quillbury Sourcing Policy ending clearance by its suppliers.") == [
        "Quillbury Sourcing Policy"]
    assert campaigns("Ministers endorsed the Quillbury Call on Care Work at the summit.") == [
        "Quillbury Call on Care Work"]


def test_a_run_that_goes_on_over_a_preposition_into_a_laws_name_is_no_programme():
    # (campaigns62: batches 10, 44 and 51 read the first part of a law's or a convention's name as a programme)
    assert campaigns("The firm was fined under the Rest and Recovery at Sea Act after the inquiry.") == []
    assert campaigns("Employers backed the new Noise Hazards in the Quillbury Workplace Convention at the meeting.") == []
    assert campaigns("Parliament passed the Tarrow Hardship Allowance of Workers Act in May.") == []
    # the guards: a name under which something is done and a benefit, a preposition but no law's name after them, stay
    assert campaigns("Dockers were hired under the Tarrow Fresh Start at the port.") == ["Tarrow Fresh Start"]
    assert campaigns("Parliament passed the Tarrow Hardship Allowance for workers in May.") == [
        "Tarrow Hardship Allowance"]
