"""Place owners: a country's possessive before a name found by a rule is not part of the name."""
from graph.extract.pipeline import pass_names
from graph.records import EntityKind
from tests.graph.extracted import found


def test_a_countrys_possessive_is_cut_from_an_organizations_name_and_the_country_stays():
    kinds = found("General strike", "Argentina's Quillbury Confederation of Labour (CQT) held a general strike. "
                                    "The CQT said it would strike again.")
    assert kinds.get("Quillbury Confederation of Labour") is EntityKind.ORGANIZATION
    assert not any(name.startswith("Argentina's") for name in kinds)  # its acronym's mentions too
    assert kinds.get("Argentina") is EntityKind.PLACE


def test_a_countrys_possessive_is_cut_from_a_programmes_name():
    kinds = found("Banks back zones", "The banks co-finance Nigeria's Tarrow Valley Processing Zones programme.")
    assert not any(name.startswith("Nigeria's") for name in kinds)
    assert any(name.startswith("Tarrow Valley Processing Zones") and kind is EntityKind.CAMPAIGN
               for name, kind in kinds.items())


def test_a_plural_possessive_or_an_owner_that_is_no_place_stays_in_the_name():
    kinds = found("Party wins", "The Quillbury People's Party won, and the Children's Tarrow Foundation gave thanks.")
    assert "Quillbury People's Party" in kinds or "People's Party" in kinds
    assert kinds.get("Children's Tarrow Foundation") is EntityKind.ORGANIZATION


def test_a_countrys_court_named_by_its_rank_is_the_court_of_that_country():
    kinds = found("Kenya's Supreme Court orders back pay", "The Supreme Court of Kenya ordered back pay for nurses.")
    assert [n for n, k in kinds.items() if k is EntityKind.ORGANIZATION] == ["Supreme Court of Kenya"]


def test_a_court_after_an_owner_that_is_no_place_keeps_its_name():
    kinds = found("x", "Quillbury's High Court ordered back pay.")
    assert kinds.get("High Court") is EntityKind.ORGANIZATION


def test_the_pass_runs_after_the_places_inside_names_are_reported():
    names = pass_names()
    assert names.index("nested-names") < names.index("place-owners") < names.index("people")


def test_a_plural_countrys_bare_apostrophe_is_cut_as_its_possessive_is():
    kinds = found("Bank adds financing", "The bank backs the Philippines' Quillbury Welfare Reform Project, and the "
                                         "United Arab Emirates' Ministry of Tarrow Affairs approved new rules.")
    assert kinds.get("Quillbury Welfare Reform Project") is EntityKind.CAMPAIGN
    assert kinds.get("Ministry of Tarrow Affairs") is EntityKind.ORGANIZATION
    assert not any(name.startswith(("Philippines'", "United Arab Emirates'")) for name in kinds)


def test_a_plural_owner_that_is_no_place_keeps_its_apostrophe():
    kinds = found("x", "The Quillbury Staffs' Tarrow Association called a strike.")
    assert any(name.endswith("Staffs' Tarrow Association") for name in kinds)
