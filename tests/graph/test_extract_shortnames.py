"""Reading "company-short-names" (pass "guessed-people"): a guessed person whose words open a company's name given
with its legal form."""
from graph.records import EntityKind
from tests.graph.extracted import found


def test_a_company_said_short_in_the_title_is_the_company_the_summary_names_in_full():
    kinds = found("Court lets Quelbrak Vorsand sue the union", "The court ruled that Quelbrak Vorsand, Inc., a concrete "
                  "supplier, may sue the union.")
    assert EntityKind.PERSON not in kinds.values()
    assert kinds.get("Quelbrak Vorsand, Inc.") is EntityKind.ORGANIZATION


def test_a_person_whose_name_opens_a_body_without_a_legal_form_stays_a_person():
    kinds = found("Tomasz Wierzba says pay must rise", "The Tomasz Wierzba Children's Foundation said pay must rise.")
    assert kinds.get("Tomasz Wierzba") is EntityKind.PERSON
