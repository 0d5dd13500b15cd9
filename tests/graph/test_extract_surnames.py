"""Reading "company-surnames" (pass "guessed-people"): a person whose surname is a known company's name."""
from graph.records import EntityKind
from tests.graph.extracted import found


def test_a_title_and_a_given_name_before_a_known_company_word_make_one_person_with_every_mention():
    kinds = found("Unions strike as Ford refuses to talk", "Premier Tobias Ford said the law would stay.")
    assert kinds == {"Tobias Ford": EntityKind.PERSON} | {k: v for k, v in kinds.items() if v is EntityKind.THEME}


def test_a_known_company_after_a_full_name_stays_the_company():
    kinds = found("x", "Chief executive Tobias Wren said Ford would cut 3,800 jobs.")
    assert kinds.get("Tobias Wren") is EntityKind.PERSON
    assert kinds.get("Ford Motor Company") is EntityKind.ORGANIZATION


def test_a_cued_given_name_before_a_known_place_or_company_word_ending_the_run_is_one_person():
    kinds = found("x", "Prime Minister Tavio Montenegro called the strike political.")
    assert kinds.get("Tavio Montenegro") is EntityKind.PERSON and "Montenegro" not in kinds
    kinds = found("x", "Chief executive Oriel Houston said staff felt productive at home.")
    assert kinds.get("Oriel Houston") is EntityKind.PERSON and "Houston" not in kinds
    kinds = found("x", "The actor and writer Mirelle Ishikawa handed the ministry a petition.")
    assert kinds.get("Mirelle Ishikawa") is EntityKind.PERSON


def test_a_known_city_opening_a_sentence_before_a_named_minister_is_the_first_name():
    kinds = found("x", "Wellington Brask, Minister of Labour, said the plan would reach a million homes.")
    assert kinds.get("Wellington Brask") is EntityKind.PERSON and "Wellington" not in kinds


def test_a_demonym_or_a_country_before_a_surname_stays_a_place():
    kinds = found("x", "Kenyan Odhiambo said the talks failed.")
    assert kinds.get("Kenya") is EntityKind.PLACE and kinds.get("Odhiambo") is EntityKind.PERSON


def test_a_known_city_after_a_title_or_an_occupation_before_a_named_speaker_is_the_first_name():
    kinds = found("x", "Union president Lisbon Varkova said the strike would go on.")
    assert kinds.get("Lisbon Varkova") is EntityKind.PERSON and "Lisbon" not in kinds
    kinds = found("x", "Secretary Geneva Oyelaran Moss said the grants would rise.")
    assert kinds.get("Geneva Oyelaran Moss") is EntityKind.PERSON and "Geneva" not in kinds


def test_a_known_city_after_a_place_cue_or_a_particle_stays_a_place():
    kinds = found("x", "Workers in Lisbon Varkova said were paid late.")
    assert kinds.get("Lisbon") is EntityKind.PLACE
    kinds = found("x", "The jurist Ana do Lisbon Varkova said the law would change.")
    assert "Lisbon Varkova" not in kinds
