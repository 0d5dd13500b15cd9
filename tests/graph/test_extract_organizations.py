"""Organizations no gazetteer knows: named by a noun before them, a workforce after them, or a company suffix."""
from graph.extract import Extractor
from graph.records import EntityKind, StoryRecord

EXTRACTOR = Extractor()


def found(summary: str, kind: EntityKind) -> list[str]:
    return [m.text for m in EXTRACTOR.extract(StoryRecord("x", summary, None)) if m.kind is kind]


def test_a_name_after_an_organization_noun_is_an_organization():
    assert found("Members of the union Varkobo stopped work.", EntityKind.ORGANIZATION) == ["Varkobo"]


def test_a_list_after_a_plural_organization_noun_is_all_organizations():
    assert found("the delivery companies Zupro, Kemba and Trilo Eats agreed.", EntityKind.ORGANIZATION) == [
        "Zupro", "Kemba", "Trilo Eats"]


def test_a_word_before_a_workforce_noun_is_an_employer_and_stays_one_later():
    orgs = found("Thousands of Zupro drivers walked out. Zupro said it would appeal.", EntityKind.ORGANIZATION)
    assert orgs == ["Zupro", "Zupro"]
    assert not found("Thousands of Zupro drivers walked out. Zupro said it would appeal.", EntityKind.PERSON)


def test_a_sentence_start_before_a_workforce_noun_names_nothing():
    assert not found("Delivery workers walked out.", EntityKind.ORGANIZATION)


def test_a_company_suffix_ends_the_name_and_the_short_name_repeats():
    assert found("Vantoro S.A. disclosed abuses. Vantoro's audit found fees.", EntityKind.ORGANIZATION) == [
        "Vantoro S.A.", "Vantoro"]


def test_shipping_and_cruises_end_a_company_s_name():
    assert found("The tanker's owner, Vorsk Shipping, paid the crew.", EntityKind.ORGANIZATION) == ["Vorsk Shipping"]
    assert found("The court let Maldera River Cruises enforce the clause.", EntityKind.ORGANIZATION) == [
        "Maldera River Cruises"]


def test_a_title_after_a_head_noun_starts_a_person():
    summary = "Coastal Development Bank President Ilan Rowe presented the plan."
    assert found(summary, EntityKind.ORGANIZATION) == ["Coastal Development Bank"]
    assert found(summary, EntityKind.PERSON) == ["Ilan Rowe"]


def test_money_is_neither_a_place_nor_an_organization():
    summary = "Fines of US$14,500 and GBP 32 million were paid."
    assert not found(summary, EntityKind.PLACE) and not found(summary, EntityKind.ORGANIZATION)


def test_a_company_suffix_keeps_its_legal_form():
    assert found("Workers at Hon Hai Precision Industry Co., Ltd. protested.", EntityKind.ORGANIZATION) == [
        "Hon Hai Precision Industry Co., Ltd."]


def test_an_acronym_and_an_unknown_word_are_one_organization():
    assert found("Wages rise in April. IG Metallix chair Jörg Hofmann called it a milestone.",
                 EntityKind.ORGANIZATION) == ["IG Metallix"]


def test_two_names_with_one_head_noun_are_two_organizations():
    assert found("courses at Brandman University and Bellevue University are free.", EntityKind.ORGANIZATION) == [
        "Brandman University", "Bellevue University"]


def test_a_plural_possessive_stays_inside_the_name():
    assert found("The Kailash Satyarthi Children's Foundation said so.", EntityKind.ORGANIZATION) == [
        "Kailash Satyarthi Children's Foundation"]


def test_a_large_company_is_known_without_a_cue():
    assert found("Walmart said it would raise hourly pay in its Texas stores.", EntityKind.ORGANIZATION) == ["Walmart"]
    assert found("A court in Jakarta heard the case against Gojek.", EntityKind.ORGANIZATION) == ["Gojek"]


def test_a_known_company_inside_a_longer_name_is_part_of_that_name():
    assert "Tesla Workers Association" in found("Staff formed the Tesla Workers Association in Berlin.",
                                                EntityKind.ORGANIZATION)
    assert "Make Nike Pay" in found("Activists marched under the banner Make Nike Pay.", EntityKind.CAMPAIGN)


def test_a_known_company_before_a_possessive_stays_the_company():
    assert "Nestlé" in found("Nestlé's Vevey laboratory will close.", EntityKind.ORGANIZATION)


def test_the_region_a_company_is_named_after_is_not_the_company():
    assert "Amazon" not in found("Loggers cleared land deep in the Amazon.", EntityKind.ORGANIZATION)
    assert "Amazon" not in found("Rainfall fell across the Amazon region.", EntityKind.ORGANIZATION)
    assert found("Pickers at the Amazon warehouse in Leeds walked out.", EntityKind.ORGANIZATION) == ["Amazon"]


def test_a_bare_legislature_is_an_organization_of_its_own():
    assert found("Peru's Congress voted on the pension bill.", EntityKind.ORGANIZATION) == ["Congress"]
    orgs = found("Unions lobbied the Ministry of Health and Parliament for months.", EntityKind.ORGANIZATION)
    assert orgs == ["Ministry of Health", "Parliament"]


def test_a_bare_legislature_of_a_country_is_named_with_its_country():
    assert found("The Parliament of Moldova passed the bill.", EntityKind.ORGANIZATION) == ["Parliament of Moldova"]
    assert found("The Parliament of the Bahamas passed it.", EntityKind.ORGANIZATION) == ["Parliament of the Bahamas"]
    # a senate keeps its bare name; "Congress of" is as often a union's; "of" and a run that is no country end nothing
    assert found("The Senate of Moldova passed it.", EntityKind.ORGANIZATION) == ["Senate"]
    assert "Congress of Moldova" not in found("The Congress of Moldova met.", EntityKind.ORGANIZATION)
    assert found("Parliament of Quillbury Workers met.", EntityKind.ORGANIZATION) != ["Parliament of Quillbury Workers"]


def test_a_head_noun_before_a_site_names_a_workplace_not_an_organization():
    assert not found("Welders at the Rosario Assembly Plant stopped work.", EntityKind.ORGANIZATION)


def test_a_known_organization_followed_by_a_country_is_its_branch():
    assert "Oxfam Peru" in found("Oxfam Peru published the figures.", EntityKind.ORGANIZATION)
    assert "Oxfam" in found("Oxfam, Peru and Chile signed.", EntityKind.ORGANIZATION)


def test_unions_named_by_united_and_a_trade():
    assert found("the United Dairy Workers struck in Ohio.", EntityKind.ORGANIZATION) == ["United Dairy Workers"]
    assert found("Members of Bakery Workers United marched.", EntityKind.ORGANIZATION) == ["Bakery Workers United"]
    assert found("Lawyers for the International Brotherhood of Dockers filed suit.",
                 EntityKind.ORGANIZATION) == ["International Brotherhood of Dockers"]


def test_a_legal_form_after_a_brand_in_small_letters_or_after_a_comma():
    assert found("Shares in zalvio AG fell.", EntityKind.ORGANIZATION) == ["zalvio AG"]
    assert found("Drivers sued Kestrel Haulage of Ohio, Inc. in May.", EntityKind.ORGANIZATION) == [
        "Kestrel Haulage of Ohio, Inc."]


def test_a_figure_before_a_name_is_not_part_of_it():
    assert "Brindle Foods Ltd" in found("Some 12,000 Brindle Foods Ltd staff struck.", EntityKind.ORGANIZATION)


def test_a_qualified_bare_legislature():
    assert found("The bill went to the National Assembly on Monday.", EntityKind.ORGANIZATION) == ["National Assembly"]
    assert found("Japan's Diet approved the plan.", EntityKind.ORGANIZATION) == ["Diet"]


def test_a_numbered_union_local_is_one_name():
    assert found("Members of Teamsters Local 728 voted.", EntityKind.ORGANIZATION) == ["Teamsters Local 728"]
    assert found("SEIU Local 32BJ members rallied.", EntityKind.ORGANIZATION) == ["SEIU Local 32BJ"]


def test_a_unions_numbered_district_is_one_name_that_outranks_the_union():
    assert found("Members of QWA District 751 voted.", EntityKind.ORGANIZATION) == ["QWA District 751"]
    assert found("Workers represented by QFSCME District Council 33 returned.", EntityKind.ORGANIZATION) == [
        "QFSCME District Council 33"]
    assert found("Unite Here Local 11 hotel workers walked out.", EntityKind.ORGANIZATION) == ["Unite Here Local 11"]


def test_a_numbered_district_of_no_union_is_no_organization():
    assert found("Voters in Tarrowby District 3 went to the polls.", EntityKind.ORGANIZATION) == []


def test_a_union_numbered_by_no_is_one_name():
    assert found("Quillbury Union No. 1, which represents 2,500 miners, struck.", EntityKind.ORGANIZATION) == [
        "Quillbury Union No. 1"]
    assert "Union No. 1" in found("Union No. 1 at the mine suspended a strike.", EntityKind.ORGANIZATION)


def test_a_plural_possessive_inside_a_name_goes_on():
    assert found("The Council on Children's Online Safety met.", EntityKind.ORGANIZATION) == [
        "Council on Children's Online Safety"]


def test_forums_roundtables_and_panels_are_organizations():
    assert found("The Dockside Business Roundtable wrote to ministers.", EntityKind.ORGANIZATION) == [
        "Dockside Business Roundtable"]
    assert found("The Andean Forum for Migrant Rights said so.", EntityKind.ORGANIZATION) == [
        "Andean Forum for Migrant Rights"]


def test_national_union_centres_are_known_by_acronym_or_word():
    assert found("Unifor said talks had failed.", EntityKind.ORGANIZATION) == ["Unifor"]
    assert "COSATU" in found("COSATU called a national strike.", EntityKind.ORGANIZATION)


def test_a_company_that_owns_what_follows_it():
    assert "Harbor Holdings" in found("Harbor Holdings' Lisbon plant will close.", EntityKind.ORGANIZATION)


def test_and_after_a_head_noun_starts_another_company():
    assert "Civic International" in found("It was led by the Dockers Union and Civic International.",
                                          EntityKind.ORGANIZATION)
    assert found("Members of Civic International marched.", EntityKind.ORGANIZATION) == ["Civic International"]


def test_a_head_noun_before_bill_names_a_draft_law_not_a_body():
    assert "Gig Workers" not in found("Lawmakers passed the Gig Workers Bill on Tuesday.", EntityKind.ORGANIZATION)
    assert "Bill Okafor" in [m.text for m in EXTRACTOR.extract(StoryRecord("x", "Union leader Bill Okafor spoke.", None))
                             if m.kind is EntityKind.PERSON]


def test_a_word_with_a_brands_capital_inside_is_an_organization_not_a_place():
    assert found("The survey drew on data from ShopLane and FlexiHire.", EntityKind.ORGANIZATION) == ["ShopLane", "FlexiHire"]
    assert found("The survey drew on data from ShopLane.", EntityKind.PLACE) == []


def test_a_surname_with_a_prefix_capital_is_not_a_brand():
    assert found("Senator McAllister and Jane MacArthur spoke.", EntityKind.ORGANIZATION) == []


def test_a_plural_possessive_of_people_stays_inside_a_name():
    assert found("A study by the Institute for Young Workers' Rights found gaps.", EntityKind.ORGANIZATION) == [
        "Institute for Young Workers' Rights"]


def test_and_after_a_company_suffix_starts_another_company():
    assert found("Deals were signed with Harbor Resorts International and Lakeside Resorts today.",
                 EntityKind.ORGANIZATION) == ["Harbor Resorts International", "Lakeside Resorts"]


def test_a_list_after_such_as_goes_on_through_a_known_name_with_a_joiner():
    # "H&M" is two runs of capitals; the list still goes on to the names after it
    assert "Varkobo" in found("Workers sew for brands such as H&M, Varkobo and Adidas.", EntityKind.ORGANIZATION)


def test_a_person_before_of_is_not_part_of_the_university_after_it():
    summary = "The study, by Orla Venkman of Quillbury University, found that output held."
    assert found(summary, EntityKind.ORGANIZATION) == ["Quillbury University"]


def test_two_people_of_two_bodies_leave_only_the_bodies():
    summary = "The prize went to Tarek J. Molnar of QTI and Ines Dufresne of Tarrow University."
    assert "Tarrow University" in found(summary, EntityKind.ORGANIZATION)
    assert not any(" of " in name for name in found(summary, EntityKind.ORGANIZATION))


def test_a_name_led_by_a_head_with_of_keeps_it():
    assert found("Loans came from the Quillbury Bank of Tarrow.", EntityKind.ORGANIZATION) == ["Quillbury Bank of Tarrow"]


def test_a_head_noun_name_running_over_and_into_a_known_place_is_two_names():
    summary = "Researchers at the University of Quillbury and Boston College ran the trial."
    assert found(summary, EntityKind.ORGANIZATION) == ["University of Quillbury", "Boston College"]


def test_a_name_after_an_agency_or_a_think_tank_is_an_organization():
    summary = "Cabin crew supplied by the agency Quillcrew joined, the think tank Tarrowmind said."
    assert found(summary, EntityKind.ORGANIZATION) == ["Quillcrew", "Tarrowmind"]


def test_an_apposition_naming_an_association_with_a_possessive_inside_names_an_organization():
    summary = "The case was brought by Quillcabs, a Tarrow taxi drivers' association, against the platform."
    assert found(summary, EntityKind.ORGANIZATION) == ["Quillcabs"]


def test_an_apposition_with_a_possessive_noun_names_no_organization():
    summary = "Ilse Marrow, the agencies' joint special representative, said hosts needed support."
    assert not found(summary, EntityKind.ORGANIZATION)


def test_a_name_an_organization_noun_follows_after_an_article_is_an_organization():
    assert found("Pilots represented by the Quillverein Tarrow union walked out.", EntityKind.ORGANIZATION) == [
        "Quillverein Tarrow"]
    assert found("A court ordered the Tarrowdrut labour federation to end its strike.", EntityKind.ORGANIZATION) == [
        "Tarrowdrut"]


def test_a_name_an_organization_noun_follows_without_an_article_is_not_read_so():
    assert "Tarrowdrut" not in found("Tarrowdrut union leaders met.", EntityKind.ORGANIZATION)


def test_one_common_word_named_by_a_single_organization_noun_is_an_organization():
    # ("Unity" is a word the vocabulary knows: alone, it names nothing without the noun)
    assert "Unity" in found("Business groups and the trade union Unity warned of job losses.", EntityKind.ORGANIZATION)
    assert "Unity" in found("The strike was backed by the Unity trade union on Monday.", EntityKind.ORGANIZATION)


def test_one_common_word_after_a_plural_noun_or_running_on_in_a_foreign_name_is_not_named():
    assert "Unity" not in found("Members of the unions Unity and Tarrowmark marched.", EntityKind.ORGANIZATION)
    assert "Initiative" not in found("The organisation Initiative pour la Bonne Gouvernance spoke.", EntityKind.ORGANIZATION)


def test_an_apposition_led_by_an_owners_possessive_names_the_organization():
    assert "Tarrowren" in found("Tarrowren, Japan's biggest business lobby, urged the change.", EntityKind.ORGANIZATION)


def test_a_place_made_an_adjective_before_an_organization_noun_is_no_name():
    orgs = found("Mechanics struck at Uber, forcing the Tarrowby-based airline to cancel flights.", EntityKind.ORGANIZATION)
    assert "Tarrowby-based" not in orgs


def test_tribunals_observatories_labs_ombudsmen_squads_forces_and_directorates_are_bodies_by_their_head():
    summary = ("The Quillbury Appeal Tribunal heard the case brought by the Varkobo Labour Directorate, the Kemba Poverty "
               "Observatory, the Trilo Economy Lab and the Zupro Work Ombudsman about the Varkobo Robbery Squad and "
               "the Kemba Support Forces.")
    assert found(summary, EntityKind.ORGANIZATION) == [
        "Quillbury Appeal Tribunal", "Varkobo Labour Directorate", "Kemba Poverty Observatory", "Trilo Economy Lab",
        "Zupro Work Ombudsman", "Varkobo Robbery Squad", "Kemba Support Forces"]
    assert found(summary, EntityKind.PERSON) == []


def test_an_observatory_does_not_run_over_of_into_the_body_that_hosts_it():
    found_ = found("The Kemba Debt Observatory of the Quillbury University said so.", EntityKind.ORGANIZATION)
    assert found_ == ["Kemba Debt Observatory", "Quillbury University"]


def test_a_bare_legislature_after_a_sentence_opening_the_or_after_and_the_is_an_organization():
    assert found("The Senate was debating the text.", EntityKind.ORGANIZATION) == ["Senate"]
    assert found("It passed the Chamber of Deputies and the Senate.", EntityKind.ORGANIZATION) == [
        "Chamber of Deputies", "Senate"]


def test_a_congress_after_a_sentence_opening_the_is_no_legislature():
    assert found("Delegates met in Lagos. The Congress called on governments to act.", EntityKind.ORGANIZATION) == []


def test_a_house_of_its_members_is_a_legislature():
    assert found("Kemba's House of Councillors enacted the law.", EntityKind.ORGANIZATION) == ["House of Councillors"]


def test_a_federal_or_national_court_or_council_named_bare_is_an_organization():
    assert found("Kemba's Federal Court ordered back pay.", EntityKind.ORGANIZATION) == ["Federal Court"]
    assert found("It will work with the Federal Council on financing.", EntityKind.ORGANIZATION) == ["Federal Council"]


def test_a_national_treasury_named_bare_is_an_organization():
    assert found("Kemba's National Treasury said the loan would help.", EntityKind.ORGANIZATION) == ["National Treasury"]
    assert found("The National Treasury Clerks Union sued.", EntityKind.ORGANIZATION) == ["National Treasury Clerks Union"]


def test_a_federal_court_run_on_into_more_words_is_not_cut_to_the_bare_words():
    assert "Federal Court" not in found("The Federal Court of Quillbury ruled.", EntityKind.ORGANIZATION)


def test_a_head_noun_alone_before_a_title_names_no_body():
    summary = "Growth slowed, the Kemba Development Bank said. Bank President Tobias Wren called for investment."
    assert found(summary, EntityKind.ORGANIZATION) == ["Kemba Development Bank"]


def test_bodies_named_in_their_own_language_are_found_by_their_head_noun():
    summary = ("Kemba's Colegio de Quillbury ended a strike, as did the Quillbury Stiftung, the Marburger Bund and the "
               "Alianza Nacional de Kemba.")
    assert found(summary, EntityKind.ORGANIZATION) == [
        "Colegio de Quillbury", "Quillbury Stiftung", "Marburger Bund", "Alianza Nacional de Kemba"]


def test_a_name_inside_a_laws_name_is_no_organization():
    org = EntityKind.ORGANIZATION
    assert found("Parliament approved a revision of the Seconded Workers Directive on Tuesday.", org) == ["Parliament"]
    assert found("The Strikes (Essential Service Levels) Act received assent.", org) == []
    assert found("The assembly passed the Tarrowby Platform Based Gig Workers (Registration and Welfare) Bill.",
                 org) == []
    assert found("He signed the Expectant Workers Fairness Act into law.", org) == []
    assert found("Workers struck against Government Regulation 78 of 2015.", org) == []


def test_a_body_before_and_and_the_rest_of_a_laws_name_is_no_organization():
    org = EntityKind.ORGANIZATION
    assert found("The court ruled that the Trade Union and Tarrow Relations (Consolidation) Act 1992 is unlawful.", org) == []
    assert found("The Brenlow Workers Union and Tarrow Federation signed the deal.", org) == [
        "Brenlow Workers Union", "Tarrow Federation"]


def test_a_name_after_a_documents_word_and_for_is_the_documents():
    assert found("Governments adopted the Guidelines for Multinational Enterprises.", EntityKind.ORGANIZATION) == []


def test_a_ministry_of_law_is_an_organization():
    assert found("The Ministry of Law said it would appeal.", EntityKind.ORGANIZATION) == ["Ministry of Law"]


def test_letters_that_name_a_law_or_a_test_are_no_organization():
    org = EntityKind.ORGANIZATION
    assert found("Unions pressed Congress to pass the QRO Act.", org) == ["Congress"]
    assert found("The QUMP for Nursing Mothers Act covers more workers.", org) == []
    assert found("The court adopted the XYZ test for employment status.", org) == []
    assert found("Members of QXTU walked out.", org) == ["QXTU"]


def test_south_asias_assemblies_and_movements_are_organizations_by_their_head():
    assert found("The petition was brought by the Quillpur Mazdoor Sabha on Monday.", EntityKind.ORGANIZATION) == [
        "Quillpur Mazdoor Sabha"]
    assert found("The Tarrowi Mahila Andolan filed a petition.", EntityKind.ORGANIZATION) == ["Tarrowi Mahila Andolan"]


def test_french_spanish_and_german_heads_name_organizations():
    org = EntityKind.ORGANIZATION
    assert found("The Conseil du Quill-Tarrow, led by its director, will manage the scheme.", org) == [
        "Conseil du Quill-Tarrow"]
    assert found("The mine's owner, Compañía Minera San Quillo, faces lawsuits.", org) == ["Compañía Minera San Quillo"]


def test_an_assembly_or_a_corporation_takes_its_of_or_for_phrase():
    org = EntityKind.ORGANIZATION
    assert found("Tarrovia's Assembly of the People's Representatives adopted the bill.", org) == [
        "Assembly of the People's Representatives"]
    assert found("The Quill Corporation for the Development of the Private Sector will lend.", org) == [
        "Quill Corporation for the Development of the Private Sector"]


def test_a_spanish_company_is_led_by_what_it_is():
    assert found("Union No. 1 at Minera Quillonda struck.", EntityKind.ORGANIZATION) == ["Union No. 1",
                                                                                         "Minera Quillonda"]


def test_a_ministers_portfolio_before_the_title_is_no_organization():
    org = EntityKind.ORGANIZATION
    assert found("Social Services Minister Lisa Quillon said the project was expensive.", org) == []
    assert found("Migrant Workers Secretary Hans Tarrow said it would protect seafarers.", org) == []


def test_a_sentences_the_before_a_name_and_an_organization_noun_is_the_names_article():
    assert found("The Quillbury trade union, which campaigned on hours, welcomed it.", EntityKind.ORGANIZATION) == [
        "Quillbury"]


def test_a_company_with_a_dotted_legal_form_is_one_name():
    org = EntityKind.ORGANIZATION
    assert found("A Milan court placed Quillani Operations S.p.A. under administration.", org) == [
        "Quillani Operations S.p.A."]
    assert found("Its parent Tarrowget Business Pte. Ltd. said it would comply.", org) == ["Tarrowget Business Pte. Ltd."]


def test_incorporated_written_out_after_a_comma_is_a_legal_form():
    assert found("Quillmars, Incorporated, the family-owned maker of snacks, said it would invest.",
                 EntityKind.ORGANIZATION) == ["Quillmars, Incorporated"]


def test_an_ampersand_joins_the_words_of_one_name():
    org = EntityKind.ORGANIZATION
    # a company's head or suffix before "&" does not end the name, as it does before "and"
    assert found("The chief executives of Hilton, Hyatt and Tandry Hotels & Resorts launched the pledge.", org) == [
        "Hilton", "Hyatt", "Tandry Hotels & Resorts"]
    # a list after "including" keeps "&" inside one name
    assert found("Investors including Quillon Investors and Morrow & Gale stayed away.", org) == [
        "Quillon Investors", "Morrow & Gale"]
    # before a workforce noun, both words of "X & Y" are the employer's, known words or not
    assert found("About 3,000 Stop & Quill workers walked out.", org) == ["Stop & Quill"]
    assert found("About 3,000 Brolly & Venn workers walked out.", org) == ["Brolly & Venn"]


def test_the_nordic_legal_form_a_s_ends_a_company_the_runs_break_at_its_slash():
    org = EntityKind.ORGANIZATION
    assert found("Danish energy company Quorsted A/S said it would cut 800 jobs.", org) == ["Quorsted A/S"]
    assert found("The case concerned Tarjos A/S, a Danish company.", org) == ["Tarjos A/S"]


def test_a_collective_and_an_ngo_written_in_capitals_name_the_body_after_them():
    org = EntityKind.ORGANIZATION
    assert found("The demand was led by the women's collective Quenkootu.", org) == ["Quenkootu"]
    assert found("The stoppage, first proposed by the feminist collective Quejas del Mar, spread.", org) == [
        "Quejas del Mar"]
    # "NGO" opens the capitalized run, and a demonym may come before it
    assert found("The report was by the Ghanaian NGO Quen Tarpoano and others.", org) == ["Quen Tarpoano"]
    assert found("Campaigners at the NGO Quen Tarpoano said so.", org) == ["Quen Tarpoano"]


def test_a_church_is_a_body_by_its_head_noun():
    org, person = EntityKind.ORGANIZATION, EntityKind.PERSON
    summary = "The court found the state had respected the autonomy of the Quellish Orthodox Church, whose statute rules."
    assert found(summary, org) == ["Quellish Orthodox Church"]
    assert found(summary, person) == []
    assert found("The Church of Quelland said so.", org) == ["Church of Quelland"]


def test_a_currency_and_a_fuel_in_capitals_are_no_organizations():
    org = EntityKind.ORGANIZATION
    assert found("The minimum wage of Quellia rose to 75,000 CFA francs a month.", org) == []
    assert "LNG" not in found("Quotal declared force majeure on its Quellia LNG plant.", org)
    # a body the letters lead is still found by its head
    assert found("A report by the CFA Institute found gaps.", org) == ["CFA Institute"]
    # a currency's letters before an amount with thousands: "RM1,000", "KD1.5"
    assert found("The minimum wage rose to RM1,200 a month in Quellia.", org) == []
    assert found("The G20 leaders met.", org) == ["G20"]


def test_an_apposition_calling_a_name_a_union_member_names_no_organization():
    summary = "The rise was set out in the accord, named after Jorvan Quillet, a union member shot dead in February."
    assert "Jorvan Quillet" not in found(summary, EntityKind.ORGANIZATION)
    assert "Jorvan Quillet" in found(summary, EntityKind.PERSON)


def test_a_bare_head_noun_before_and_is_the_first_trade_of_a_qualified_name():
    assert found("the merger with the Service and Bakery Workers Union was agreed.", EntityKind.ORGANIZATION) == [
        "Service and Bakery Workers Union"]
    # (a head noun qualified by its own name still ends a name of its own)
    assert found("both Brandman University and Velmor University agreed.", EntityKind.ORGANIZATION) == [
        "Brandman University", "Velmor University"]


def test_a_trade_noun_on_the_stop_list_goes_into_the_name_before_and():
    assert found("a bill to restore the Pacifican Building and Construction Commission.", EntityKind.ORGANIZATION) == [
        "Pacifican Building and Construction Commission"]


def test_the_trades_a_name_lists_with_commas_are_part_of_the_name():
    assert found("members of the Communications, Energy and Paperworkers Union of Veloria struck.",
                 EntityKind.ORGANIZATION) == ["Communications, Energy and Paperworkers Union of Veloria"]
    # (not a company's list, nor a clause a stop word leads)
    assert "Gap, Target and Velmor Corporation" not in found("Walmart, Gap, Target and Velmor Corporation agreed.",
                                                              EntityKind.ORGANIZATION)


def test_a_run_before_plc_in_small_letters_is_a_company_with_its_form():
    assert found("Velmora Oil plc suspended its exploration work.", EntityKind.ORGANIZATION) == ["Velmora Oil plc"]


def test_a_maker_before_a_name_says_it_is_a_company():
    assert found("Battery maker Velmorvolt said it would cut jobs.", EntityKind.ORGANIZATION) == ["Velmorvolt"]
    # (the word before "maker" says what is made or where, not whose)
    assert "Basque" not in found("Velmora Hogar, the Basque maker of cookers, closed.", EntityKind.ORGANIZATION)


def test_the_names_a_list_gives_before_and_other_organisations_are_organizations():
    assert found("The rights group Kavadho, Equitable Velmora and other civil society organisations called for a pause.",
                 EntityKind.ORGANIZATION) == ["Kavadho", "Equitable Velmora"]
    # (not people: "other predominantly Muslim groups")
    assert not found("the detention of Velmorans and other predominantly Muslim groups", EntityKind.ORGANIZATION)


def test_an_italian_and_a_balkan_legal_form_end_a_company():
    assert found("A court placed Manufactures Velmor Srl under administration.", EntityKind.ORGANIZATION) == [
        "Manufactures Velmor Srl"]
    assert found("its subsidiary Rio Velmo Exploration d.o.o. bought land.", EntityKind.ORGANIZATION) == [
        "Rio Velmo Exploration d.o.o."]


# round people53: classes of batch 40's organization errors, checked on invented names


def _organizations(title: str, summary: str) -> list[str]:
    return [m.name for m in EXTRACTOR.extract(StoryRecord(title, summary, None)) if m.kind is EntityKind.ORGANIZATION]


def test_a_head_before_and_is_a_trade_a_unions_name_lists():
    assert found("The Export Processing Zones and General Services Employees Union said police fired.",
                 EntityKind.ORGANIZATION) == ["Export Processing Zones and General Services Employees Union"]
    assert found("The Harbour Service and Allied Workers Union said it would strike.",
                 EntityKind.ORGANIZATION) == ["Harbour Service and Allied Workers Union"]


def test_a_known_unions_name_run_on_is_one_of_its_affiliates():
    assert "FNV Metaal" in found("Later, FNV Metaal, which organised the walkouts, said employers agreed.",
                                 EntityKind.ORGANIZATION)


def test_unknown_capitals_that_are_a_names_initials_are_that_name():
    assert _organizations("GWRC: the crisis deepens", "The Greater Westland Refugee Council said the crisis deepened.") == [
        "Greater Westland Refugee Council", "Greater Westland Refugee Council"]
    assert _organizations("CTU says the law is unfair", "Kenya Council of Trade Unions president Jane Wanjiru said it.") == [
        "Kenya Council of Trade Unions", "Kenya Council of Trade Unions"]


def test_capitalized_words_before_a_country_that_ends_the_run_name_a_body():
    orgs = found("Fair Pay Australia terminated the industrial action, and Quillwork Canada said it would appeal.",
                 EntityKind.ORGANIZATION)
    assert {"Fair Pay Australia", "Quillwork Canada"} <= set(orgs)


def test_a_region_a_gerund_or_a_preposition_before_a_country_is_no_body():
    text = ("Prices rose in South Australia and Peninsular Malaysia, the Rebuilding Ukraine meeting heard, and the "
            "report Inside Syria was published.")
    orgs = found(text, EntityKind.ORGANIZATION)
    assert not {"South Australia", "Peninsular Malaysia", "Rebuilding Ukraine", "Inside Syria"} & set(orgs)


def test_letters_a_known_programme_defines_name_the_programme_not_a_body():
    # (a real gazetteer programme: the rule is that the gazetteer's campaign kind wins over the form's)
    text = "The bank backed the Program Keluarga Harapan (PKH) in Quillby. PKH reached ten million families."
    assert not found(text, EntityKind.ORGANIZATION)
    assert "PKH" in found(text, EntityKind.CAMPAIGN)


def test_letters_an_unknown_body_defines_stay_a_body():
    text = "The Tarrow Workers Council (TWC) met. TWC said it would strike."
    assert "TWC" in found(text, EntityKind.ORGANIZATION)


def test_an_inspectorate_is_a_body_s_head():
    assert "National Quarry Inspectorate" in found(
        "Firms will need guidance from the National Quarry Inspectorate on pay audits.", EntityKind.ORGANIZATION)


def test_a_central_of_workers_is_a_union_centre():
    # the Spanish and Portuguese form of a national union centre: "Central", a word or two, "de Trabajadores"
    assert "Central Valdéz de Trabajadores" in found(
        "The union and the Central Valdéz de Trabajadores signed the accord.", EntityKind.ORGANIZATION)
    assert "Central Nuevo dos Trabalhadores" in found("The Central Nuevo dos Trabalhadores called a strike.", EntityKind.ORGANIZATION)
    assert "Central de Trabajadores de la Quelmara" in found(
        "The Central de Trabajadores de la Quelmara marched on Monday.", EntityKind.ORGANIZATION)
    assert "Central Obrera Zalanda" in found("Leaders of the Central Obrera Zalanda met.", EntityKind.ORGANIZATION)


def test_central_alone_leads_no_union():
    names = found("Workers in Central Zalanda and the Central Quelmara Board said.", EntityKind.ORGANIZATION)
    assert not any(n.startswith("Central Zalanda") for n in names)
    assert "Central Quelmara de Trabajadores" not in names


def test_a_known_name_with_an_of_phrase_ends_before_and_a_known_name():
    # "the Confederation of Swedish Enterprise" is known, and so is the country that owns what follows "and"
    names = found("Members include the Confederation of Swedish Enterprise and Norway's Zelmora.", EntityKind.ORGANIZATION)
    assert "Confederation of Swedish Enterprise" in names
    assert not any(n.endswith("Norway") for n in names)
    # an unknown portfolio after "and" stays in the ministry's name
    assert "Ministry of Fisheries and Quelmaran Affairs" in found(
        "The Ministry of Fisheries and Quelmaran Affairs said.", EntityKind.ORGANIZATION)


def test_one_word_before_a_known_unions_letters_names_its_category_federation():
    names = found("The employers signed the agreement with Quarnel CGIL, Brisco CISL and the others on Monday.",
                  EntityKind.ORGANIZATION)
    assert "Quarnel CGIL" in names and "Brisco CISL" in names
    # not a demonym, a given name, a possessive or a word inside a longer run
    for sentence, whole in (("The Italian CGIL called a strike on Monday.", "Italian CGIL"),
                            ("The Christian CGIL called a strike on Monday.", "Christian CGIL"),
                            ("Then Marrone's CGIL called a strike on Monday.", "Marrone's CGIL"),
                            ("The Grand Quarnel CGIL called a strike on Monday.", "Quarnel CGIL")):
        assert whole not in found(sentence, EntityKind.ORGANIZATION), sentence


def test_a_portfolio_a_head_noun_leads_before_a_title_and_a_name_is_no_organization():
    summary = "Union Rail Secretary Tamsin Orvell met them. Fisheries and Trade Union Affairs Minister K.R. Dalvane said so."
    assert found(summary, EntityKind.ORGANIZATION) == []
    assert found(summary, EntityKind.PERSON) == ["Tamsin Orvell", "K.R. Dalvane"]
    assert found("talks with the Ministry of National Education.", EntityKind.ORGANIZATION) == ["Ministry of National Education"]


def test_a_league_or_a_chancellery_leads_a_name():
    assert found("a strike called by the League of Quellian Port Clerks, saying so", EntityKind.ORGANIZATION) == [
        "League of Quellian Port Clerks"]
    assert found("Nurses camped outside the Chancellery of the Prime Minister.", EntityKind.ORGANIZATION) == [
        "Chancellery of the Prime Minister"]


def test_a_german_limited_partnership_keeps_its_kg_after_co():
    assert found("She had worked for Quillbau GmbH & Co. KG since 2001.", EntityKind.ORGANIZATION) == [
        "Quillbau GmbH & Co. KG"]
