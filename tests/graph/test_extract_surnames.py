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
