"""People: honorifics, roles, capitals, initials, single names, headlines."""
from graph.extract import Extractor
from graph.records import EntityKind, StoryRecord

EXTRACTOR = Extractor()


def people(title: str, summary: str = "") -> list:
    return [m for m in EXTRACTOR.extract(StoryRecord(title, summary, None)) if m.kind is EntityKind.PERSON]


def test_honorific_is_not_part_of_the_name():
    found = people("Interview with Dr Amara Diallo")
    assert [(m.text, m.name) for m in found] == [("Amara Diallo", "Amara Diallo")]


def test_role_and_affiliation_come_from_the_title_before_the_name():
    (m,) = people("x", "UNICEF Executive Director Catherine Russell said schools must reopen.")
    assert (m.name, m.role, m.affiliation) == ("Catherine Russell", "Executive Director", "UNICEF")


def test_role_in_apposition_links_to_the_organization():
    (m, *_) = people("x", "Mr Kofi Mensah, Director of the ILO Office for Ghana, opened the meeting.")
    assert (m.name, m.role, m.affiliation) == ("Kofi Mensah", "Director", "ILO Office for Ghana")


def test_names_in_capitals_with_an_occupation_cue():
    assert {m.name for m in people("x", "Singer MIRA SOL performs the new anthem.")} == {"MIRA SOL"}


def test_initials_in_a_headline_quote():
    assert [m.name for m in people("J.K. Okafor: Skills open doors")] == ["J.K. Okafor"]


def test_single_name_with_apposition_and_its_repeat():
    found = people("x", "Last year, Amal, a Yemeni seamstress, opened a shop. Amal now employs three women.")
    assert [m.text for m in found] == ["Amal", "Amal"]


def test_surname_alone_later_joins_the_full_name():
    found = people("x", "ILO Director-General Gilbert Houngbo spoke first. Later, Houngbo thanked the workers.")
    assert [(m.text, m.name) for m in found] == [("Gilbert Houngbo", "Gilbert Houngbo"), ("Houngbo", "Gilbert Houngbo")]


def test_capitalized_common_words_and_acronyms_are_not_people():
    assert people("Decent Work: Building blocks for Recovery", "The ILO and UNICEF say Social Protection matters.") == []


def test_his_or_her_excellency_is_an_honorific():
    assert [m.name for m in people("x", "H.E. Mrs Amina Bello, the Minister, opened the forum.")] == ["Amina Bello"]


def test_malaysian_honorifics_are_dropped_from_the_name():
    assert [m.name for m in people("x", "Datuk Seri Amran Kadir said the rule would help.")] == ["Amran Kadir"]
    assert [m.name for m in people("x", "Works Minister Datuk Dr R. Velan said so.")] == ["R. Velan"]


def test_a_title_before_the_name_is_not_part_of_it():
    found = people("x", "German Chancellor Hanna Vogel and rider Tomás Ruiz spoke. Rider Tomás Ruiz says pay fell.")
    assert {m.name for m in found} == {"Hanna Vogel", "Tomás Ruiz"}


def test_a_named_declaration_is_not_a_person():
    assert people("x", "Delegates adopted the Centenary Declaration for the Future of Work.") == []


def test_minister_for_a_portfolio_names_the_person_after_it():
    (m,) = people("x", "The Minister for Labour and Social Security Jane Doe opened the talks.")
    assert (m.name, m.role) == ("Jane Doe", "Minister for Labour and Social Security")


def test_portfolio_before_the_title_is_part_of_the_role():
    (m,) = people("x", "Finance Minister Kofi Boateng announced a wage rise.")
    assert (m.name, m.role) == ("Kofi Boateng", "Finance Minister")


def test_title_of_an_organization_gives_the_affiliation():
    (m,) = people("x", "Secretary-General of the United Nations António Guterres spoke.")
    assert (m.name, m.role, m.affiliation) == ("António Guterres", "Secretary-General", "United Nations")


def test_post_nominal_is_dropped_from_the_name_and_is_no_organization():
    found = EXTRACTOR.extract(StoryRecord("x", "Lord Tobias Wren MP argued for reform. Ann Oduya, MP, agreed.", None))
    assert [m.name for m in found if m.kind is EntityKind.PERSON] == ["Tobias Wren", "Ann Oduya"]
    assert not [m for m in found if m.kind is EntityKind.ORGANIZATION]


def test_a_generational_suffix_is_part_of_the_mention_but_not_of_the_name_its_repeats_are_read_by():
    found = people("x", "President Tobias Wren Jr. spoke. Ann Oduya III agreed with Wren.")
    assert [(m.name, m.text) for m in found] == [("Tobias Wren", "Tobias Wren Jr."), ("Ann Oduya", "Ann Oduya III"),
                                                  ("Tobias Wren", "Wren")]


def test_a_single_name_after_an_honorific_is_said_with_it():
    found = people("x", "Lady Wrenfold gave the lead judgment. Dr Ann Oduya agreed.")
    assert [(m.name, m.text) for m in found] == [("Wrenfold", "Lady Wrenfold"), ("Ann Oduya", "Ann Oduya")]


def test_a_single_name_after_a_title_and_an_honorific_is_said_with_the_honorific():
    found = people("x", "Prime Minister Sheikh Morvena launched the scheme.")
    assert [(m.name, m.text) for m in found] == [("Morvena", "Sheikh Morvena")]


def test_a_rank_of_an_armed_force_or_the_police_is_a_title():
    found = people("x", "Sergeant Talvia Brenmore said she was moved. The government of Commodore Osric Vantane fell.")
    assert [(m.name, m.role) for m in found] == [("Talvia Brenmore", "Sergeant"), ("Osric Vantane", "Commodore")]


def test_an_abstract_portfolio_word_after_a_title_belongs_to_the_role_not_the_name():
    found = people("x", "Commissioner for Economy and Productivity Tobias Wren said so. "
                        "Minister of Basic Education Ann Oduya agreed.")
    assert [(m.name, m.role) for m in found] == [("Tobias Wren", "Commissioner for Economy and Productivity"),
                                                  ("Ann Oduya", "Minister of Basic Education")]


def test_heads_of_government_and_legislators_of_every_usage_are_titles():
    found = people("x", "Taoiseach Tobias Wren met Assemblywoman Ann Oduya.")
    assert [(m.name, m.role) for m in found] == [("Tobias Wren", "Taoiseach"), ("Ann Oduya", "Assemblywoman")]


def test_titles_come_from_the_ontology(tmp_path):
    (tmp_path / "roles.ttl").write_text('@prefix sg: <https://w3id.org/storygraph#> .\n'
                                        '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
                                        '<urn:x> a sg:Title ; skos:prefLabel "Steward"@en .\n')
    local = Extractor(tmp_path)
    found = local.extract(StoryRecord("x", "Steward Ayo Bello said no.", None))
    assert [(m.name, m.role) for m in found if m.kind is EntityKind.PERSON] == [("Ayo Bello", "Steward")]


def test_abstract_nouns_are_not_names():
    assert not people("x", "The Legislation Amendment passed. Shared Prosperity matters, said the bank.")


def test_an_unknown_organization_before_a_title_is_the_affiliation():
    (m,) = people("x", "The law passed. TUCX General Secretary Paula Novak said it was bad.")
    assert (m.name, m.role, m.affiliation) == ("Paula Novak", "General Secretary", "TUCX")


def test_east_asian_given_names_keep_their_small_syllable():
    assert [m.name for m in people("x", "President Yang Kyung-soo was arrested.")] == ["Yang Kyung-soo"]


def test_a_plural_title_introduces_each_name():
    assert [m.name for m in people("x", "Justices Rosa Abel and Malcolm Rowe wrote for the majority.")] == [
        "Rosa Abel", "Malcolm Rowe"]


def test_a_name_after_in_with_only_a_weak_cue_is_a_place():
    found = EXTRACTOR.extract(StoryRecord("x", "Its congress in Clermont-Ferrand, the first woman to lead it.", None))
    assert [(m.text, m.kind) for m in found if m.kind in (EntityKind.PERSON, EntityKind.PLACE)] == [
        ("Clermont-Ferrand", EntityKind.PLACE)]


def test_a_hyphenated_surname_keeps_a_country_name_inside_it():
    found = EXTRACTOR.extract(StoryRecord("x", "Chief negotiator Duncan Crabtree-Ireland said the deal was fair.", None))
    assert [(m.text, m.kind) for m in found if m.kind in (EntityKind.PERSON, EntityKind.PLACE)] == [
        ("Duncan Crabtree-Ireland", EntityKind.PERSON)]


def test_a_portfolio_listed_over_commas_still_leads_to_the_name():
    (m,) = people("x", "Minister for Enterprise, Trade and Employment Leo Vardon said it would help.")
    assert (m.name, m.role) == ("Leo Vardon", "Minister for Enterprise, Trade and Employment")


def test_particles_do_not_count_towards_a_long_name():
    assert [m.name for m in people("x", "President Luiz Inácio Lula da Silva signed the law.")] == [
        "Luiz Inácio Lula da Silva"]


def test_a_given_name_that_ends_like_an_abstract_noun_is_a_name_after_a_title():
    assert [m.name for m in people("x", "Union President Florence Mbeki said the talks failed.")] == ["Florence Mbeki"]


def test_a_korean_given_name_ending_in_in_is_a_name():
    assert [m.name for m in people("x", "Mayor Park Won-in opened the centre.")] == ["Park Won-in"]


def test_two_titles_joined_by_a_hyphen_are_one_title():
    (person,) = people("x", "Bakers Union Secretary-Treasurer Jane Doe said the deal was fair.")
    assert (person.text, person.role) == ("Jane Doe", "Secretary-Treasurer")


def test_an_arabic_article_joined_by_a_hyphen_stays_in_a_persons_name():
    assert [p.text for p in people("x", "Minister Karim al-Nouri said the talks would resume.")] == ["Karim al-Nouri"]


def test_a_plural_noun_opening_a_sentence_is_not_a_person():
    assert people("x", "Delegates agreed to meet again. Researchers said the data was new.") == []
    # a surname said again after the full name still is
    assert [p.text for p in people("x", "Union leader Tom Jones spoke. Jones agreed to a deal.")] == ["Tom Jones", "Jones"]


def test_a_name_guessed_by_shape_after_an_article_is_a_things_not_a_persons():
    found = people("x", "Twelve miners died at an Orvello Quartz mine near Tarn. Workers recalled the Velmar Arcade fire.")
    assert found == []


def test_a_name_guessed_by_shape_without_an_article_is_still_a_person():
    assert [m.name for m in people("x", "Workers met Tomasz Wierzba on Friday after the fire.")] == ["Tomasz Wierzba"]


def test_plural_nouns_in_ics_or_ysts_opening_a_sentence_are_not_people():
    assert people("x", "The plan passed on Monday. Critics said it was too small. Analysts said it was late.") == []


def test_officials_and_organisers_opening_a_sentence_and_plural_acronyms_are_not_people():
    assert people("x", "The fund opened. Officials said it would grow. Organisers, including the Velmora Council, "
                       "said so.") == []
    assert people("MPs back the Brenlow plan", "MEPs said the rules should set minimum standards.") == []
    assert [m.text for m in people("x", "Marisol Ventress said the rules were fair.")] == ["Marisol Ventress"]


def test_a_titles_field_no_list_holds_is_the_roles_not_the_names():
    found = people("x", "Minister for Disability Reform Talvia Brenmore called it historic. "
                        "Director of Programmes Osric Vantane agreed. Secretary of Labor Orlan J. Tessaby spoke.")
    assert [m.name for m in found] == ["Talvia Brenmore", "Osric Vantane", "Orlan J. Tessaby"]


def test_a_titles_field_listed_over_commas_leads_to_the_name():
    found = people("x", "Minister of Economic Inclusion, Small Business, Employment and Skills Talvia Brenmore said "
                        "the text had been amended.")
    assert [(m.name, m.role) for m in found] == [
        ("Talvia Brenmore", "Minister of Economic Inclusion, Small Business, Employment and Skills")]


def test_a_title_its_qualifier_or_field_leads_still_introduces_the_name():
    found = people("x", "Coordinating Minister for Economic Affairs Talvia Brenmore said so. "
                        "National Development Minister Osric Vantane agreed.")
    assert [m.name for m in found] == ["Talvia Brenmore", "Osric Vantane"]


def test_a_given_names_second_syllable_of_five_letters_ending_in_ng():
    found = people("x", "Chief executive Morn Da-kyung made the pledge. Secretary Tavin Loh Wai-cheng agreed.")
    assert [m.name for m in found] == ["Morn Da-kyung", "Tavin Loh Wai-cheng"]
    assert people("x", "Well-being matters to workers, the report found.") == []


def test_a_name_after_a_succession_verb_is_a_persons():
    found = people("Velmora union re-elects Tavin Cotton", "Delegates elected Orla Martin as president, succeeding "
                   "Brennan Rose, who had led it since 2010. Succeeding Emma Thornvale of Italy, Martin spoke.")
    assert {m.name for m in found} >= {"Tavin Cotton", "Orla Martin", "Brennan Rose", "Emma Thornvale"}
    assert people("x", "The rules replaced Universal Credit in May.") == []


def test_given_names_and_surnames_with_an_abstract_ending_are_names():
    found = people("x", "Authors Lawrence Brisk and Orla Tenby argued that pay rose. Chief executive Tavin Blankenship "
                        "agreed. Florence Vantane and Osric Mell said so.")
    assert {m.name for m in found} >= {"Lawrence Brisk", "Tavin Blankenship", "Florence Vantane"}
    assert people("Unions Fear Casualisation", "The Bonne Gouvernance plan was adopted.") == []


def test_an_owners_possessive_is_no_part_of_the_name_and_an_unknown_owner_is_an_organization():
    found = EXTRACTOR.extract(StoryRecord("Brindle's Marisol Ventress calls staff back to the office",
                                          "Brindle told employees to return by June.", None))
    kinds = {(m.kind, m.text) for m in found if m.kind in (EntityKind.PERSON, EntityKind.ORGANIZATION)}
    assert (EntityKind.PERSON, "Marisol Ventress") in kinds and (EntityKind.ORGANIZATION, "Brindle") in kinds
    assert (EntityKind.PERSON, "Brindle") not in kinds


def test_a_name_a_form_read_as_a_body_is_a_person_after_a_title_or_before_an_occupation():
    found = EXTRACTOR.extract(StoryRecord("x", "It was presented by IDB vice-president Tavin Oduya and World Bank "
                                               "vice-president Orla Brask. The case was brought by Marisol Ventress, "
                                               "a former miner at Quellan Gold.", None))
    kinds = {m.text: m.kind for m in found}
    assert kinds.get("Tavin Oduya") is EntityKind.PERSON and kinds.get("Marisol Ventress") is EntityKind.PERSON


def test_a_legislators_post_nominal_before_the_name_is_a_title():
    found = people("x", "The bill, put forward by Green Party MP Orla Tenby, passed. Tavin Brask MP said so.")
    assert [m.name for m in found] == ["Orla Tenby", "Tavin Brask"]


def test_a_numbered_documents_name_after_a_title_word_is_no_person():
    assert people("x", "The panel published General Comment No. 41. The governor signed Executive Order No. 7.") == []


def test_a_name_guessed_by_its_shape_or_a_verb_after_from_at_or_around_is_a_places():
    found = people("x", "Farmers from around Velnica say the mine would pollute water. The gavel fell at Le Tarrow. "
                        "Brask Olvenhoff, an entrepreneur from Quarrowhaven, as its president, spoke.")
    assert not {m.text for m in found} & {"Velnica", "Le Tarrow", "Quarrowhaven"}
    found = EXTRACTOR.extract(StoryRecord("x", "The case was brought by Orla Tenby, a former miner at Quellan Vantane, "
                                               "who fell ill.", None))
    assert (EntityKind.ORGANIZATION, "Quellan Vantane") in {(m.kind, m.text) for m in found}


def test_a_shared_title_is_a_title():
    found = people("x", "Co-rapporteurs Orla Tenby and Tavin Brask said so. Co-president Marisol Ventress agreed.")
    assert [m.name for m in found] == ["Orla Tenby", "Tavin Brask", "Marisol Ventress"]


def test_a_titles_field_in_small_letters_leads_to_the_name():
    found = people("x", "Head of sustainability Orla Tenby said so. Director of communications Tavin Brask agreed.")
    assert [(m.name, m.role) for m in found] == [("Orla Tenby", "Head of sustainability"),
                                                 ("Tavin Brask", "Director of communications")]


def test_a_leader_or_whip_of_a_house_or_party_is_a_title():
    found = people("x", "Senate Majority Leader Orla Tenby said the bill would not get a vote. Chief Whip Tavin Brask agreed.")
    assert [m.name for m in found] == ["Orla Tenby", "Tavin Brask"]


def test_a_listed_given_name_opens_a_name_of_known_words():
    found = people("x", "The study was written by Christian Cotton and Bill Black. Nadia Green said it was late.")
    assert {m.name for m in found} == {"Christian Cotton", "Bill Black", "Nadia Green"}


def test_a_given_names_run_ending_in_a_head_or_a_sentences_word_is_no_person():
    found = people("x", "Money went to the Christian Banks Foundation. Bill Payments rose again. Staff met at Bill Mills Bay.")
    assert not {m.name for m in found} & {"Christian Banks", "Bill Payments", "Bill Mills", "Christian Banks Foundation"}


def test_a_surname_that_is_a_trade_after_a_listed_given_name():
    found = people("x", "Chief executive Gareth Cook said the plant would stay. Lawyers for Nadia Potter said she would appeal.")
    assert [m.name for m in found] == ["Gareth Cook", "Nadia Potter"]
    assert "Martin Luther King" not in {m.name for m in people("x", "It makes Martin Luther King Jr. Day a holiday.")}


def test_a_two_letter_surname_the_vocabulary_knows_as_a_particle_or_acronym():
    # "ng" is a Filipino particle inside known campaigns' names ("Araw ng Kagitingan"): written "Ng" after a word the
    # vocabulary does not know, it is a surname
    found = people("x", "The defendants, Tamsin Qorvell, Orlan Ng and Pevra Ho, had spent a year in custody.")
    assert {m.name for m in found} >= {"Orlan Ng", "Pevra Ho"}
    assert not {m.name for m in people("x", "Workers at Araw ng Kagitingan rallies marched.")} & {"Araw Ng", "Kagitingan"}


# round people53: classes of batch 41's person errors, checked on invented names


def test_a_listed_given_name_the_vocabulary_knows_opens_a_freed_name():
    found = people("x", "Lauren Vodicka, a researcher at the group, urged the union to act.")
    assert [m.name for m in found] == ["Lauren Vodicka"]


def test_a_foundations_namesake_with_a_persons_cue_is_the_person():
    summary = ("The Kofi Barnabas Foundation named 200 young farmers. Founder Kofi Barnabas said the programme would "
               "grow.")
    assert "Kofi Barnabas" in {m.name for m in people("x", summary)}
    summary = ("After Han Jae-min, a 24-year-old contract worker, was killed, his mother launched the Han Jae-min "
               "Foundation.")
    assert "Han Jae-min" in {m.name for m in people("x", summary)}


def test_a_particle_inside_a_four_word_name_counts_for_no_word():
    found = people("x", "Its president, Tomas Aravena de Quiroga, said industry supported the fight.")
    assert [m.name for m in found] == ["Tomas Aravena de Quiroga"]


def test_an_apposition_cues_a_person_only_by_its_head():
    # a clause, not a noun phrase, and a cue word that modifies the noun after it
    assert people("x", "In a ruling on the transport company Kuroda Rikuso, it said drivers could be paid less.") == []
    assert people("x", "The union said in Inside the Steel Door, a national report drawing on 900 surveys.") == []
    # the cue word heads the phrase
    assert [m.name for m in people("x", "Ingrid Solvang, UNICEF's principal gender adviser, said it.")] == ["Ingrid Solvang"]
    assert [m.name for m in people("x", "Pieter Vermaat, who heads the company's car business, said it.")] == ["Pieter Vermaat"]


def test_the_commonwealth_orders_and_the_dails_post_nominals():
    found = people("x", "The inquiry was led by former deputy prime minister Alan Quarrie AO and reported in May.")
    assert [m.name for m in found] == ["Alan Quarrie"]
    found = people("x", "Sinead Molloy TD, Minister for Tourism, said the plan would go ahead.")
    assert [m.name for m in found] == ["Sinead Molloy"]


def test_a_titles_word_after_the_opens_no_persons_name():
    assert people("x", "The Ministry first said no; the Executive Zhenhai then ordered a fresh inquiry.") == []
    assert people("x", "The quake struck the High Karoo mountains at night.") == []
    # an honorific may follow "the", and "the" inside a title is the title's
    assert [m.name for m in people("x", "Chancellor of the Exchequer Tomas Vellacott said it.")] == ["Tomas Vellacott"]


def test_a_known_one_word_company_after_an_unknown_given_name_is_a_cued_persons_surname():
    assert [m.name for m in people("x", "Labour Minister Orvel Bosch said wages would rise.")] == ["Orvel Bosch"]
    assert [m.name for m in people("x", "A court convicted Keovath Bosch, the former chairman of a mill.")] == [
        "Keovath Bosch"]
    organizations = [m.name for m in EXTRACTOR.extract(StoryRecord("x", "Dunkeret Bosch workers struck.", None))
                     if m.kind is EntityKind.ORGANIZATION]
    assert organizations == ["Bosch"]
