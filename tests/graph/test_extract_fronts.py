"""Name fronts: digits glued to a name's first word belong to the name; an owner's possessive does not."""
from graph.extract.pipeline import pass_names
from tests.graph.extracted import organizations


def test_digits_glued_to_a_name_belong_to_it():
    found = organizations("The feminist groups of the 7Q Commission called a full strike.")
    assert "7Q Commission" in found
    assert "Q Commission" not in found


def test_digits_apart_from_a_name_stay_apart():
    assert not any(name.startswith("12") for name in organizations("Some 12 Quillbury Federation members walked out."))


def test_an_unknown_owners_possessive_stays_apart():
    found = organizations("Lawyers at the Quarrow's Small Business Legal Center filed a brief for the employers.")
    assert not any(name.startswith("Quarrow") for name in found)


def test_a_known_owner_stays_apart():
    found = organizations("Workers joined Argentina's General Confederation of Labour in the march.")
    assert not any(name.startswith("Argentina") for name in found)


def test_the_pass_runs_before_the_arbitration():
    names = pass_names()
    assert names.index("programme-forms") < names.index("name-fronts") < names.index("arbitrate")
