"""The second general-knowledge campaign lists (gazetteer-programmes2/-initiatives2.ttl, loaded as checked in
test_gazetteer_lists.py): their programmes, facilities and movements are found without a cue word in invented sentences, and the
words they add leave people's names and places alone."""
from graph.records import EntityKind
from tests.graph.extracted import found, named, places


def test_national_and_state_schemes_are_campaigns_without_a_cue_word():
    kinds = found("Welfare in focus", "Traders borrowed from the Hustler Fund, mothers enrolled in Ladki Bahin Yojana "
                                      "and the Scottish Child Payment rose again.")
    for name in ("Hustler Fund", "Ladki Bahin Yojana", "Scottish Child Payment"):
        assert kinds.get(name) is EntityKind.CAMPAIGN, name


def test_agency_and_bank_facilities_are_campaigns():
    kinds = found("Lenders act", "The lender approved support under the Extended Fund Facility while the agency "
                                 "expanded Food Assistance for Assets and the Migrants as Messengers scheme.")
    for name in ("Extended Fund Facility", "Food Assistance for Assets", "Migrants as Messengers"):
        assert kinds.get(name) is EntityKind.CAMPAIGN, name


def test_movements_and_union_campaigns_are_campaigns():
    kinds = found("Protests spread", "Students recalled Euromaidan as delivery riders staged Breque dos Apps and "
                                     "garment unions backed ACT on Living Wages.")
    for name in ("Euromaidan", "Breque dos Apps", "ACT on Living Wages"):
        assert kinds.get(name) is EntityKind.CAMPAIGN, name


def test_a_place_the_lists_leave_out_is_still_a_place():
    # "Working Wales" and "Healthy Indiana Plan" are left out: their words would stop the places being guessed
    assert "Wales" in places("Nurses in Wales voted to strike over pay on Monday.")


def test_a_given_name_the_lists_leave_out_still_starts_a_person():
    # "Operation Lone Star" and "WA Cares" are left out: "Lone" and "Wa" are parts of people's names
    assert named(EntityKind.PERSON, "The reporter Wa Lone was freed after 500 days, his lawyer said.") == ["Wa Lone"]
