"""Role tails: "of <role> <name>'s" after a programme's or body's name is its owner, not part of the name."""
from graph.extract.pipeline import pass_names
from graph.records import EntityKind
from tests.graph.extracted import found


def test_a_programme_name_stops_before_of_a_role_and_a_persons_name():
    kinds = found("Graduates trained", "Tarrow-Jobs is part of the National Social Quillbury Programme of President "
                                       "Amadu Quillbury-Tarrow's government, which also feeds pupils.")
    assert kinds.get("National Social Quillbury Programme") is EntityKind.CAMPAIGN
    assert not any(" of President" in name for name in kinds)
    assert kinds.get("Amadu Quillbury-Tarrow") is EntityKind.PERSON


def test_a_bodys_name_stops_before_of_a_two_word_role_and_a_name():
    kinds = found("Ministry acts", "The Ministry of Quillbury Affairs of Prime Minister Jane Tarrowby said it would act.")
    assert kinds.get("Ministry of Quillbury Affairs") is EntityKind.ORGANIZATION
    assert kinds.get("Jane Tarrowby") is EntityKind.PERSON


def test_of_a_portfolio_or_of_the_office_stays_in_the_name():
    kinds = found("Offices speak", "The Office of the President and the Ministry of National Education spoke.")
    assert kinds.get("Office of the President") is EntityKind.ORGANIZATION
    assert kinds.get("Ministry of National Education") is EntityKind.ORGANIZATION


def test_the_pass_runs_before_arbitration_and_the_people_pass():
    names = pass_names()
    assert names.index("role-tails") < names.index("arbitrate") < names.index("people")
