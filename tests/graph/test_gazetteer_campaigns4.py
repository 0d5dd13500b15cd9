"""The fourth general-knowledge campaign list (gazetteer-campaigns4.ttl: sub-national programmes, pilots, regional
bodies, relief packages, foundations' and companies' programmes, sector campaigns; loaded as checked in
test_gazetteer_lists.py): its names are found as campaigns in invented sentences, and the names it leaves out keep
their people and places."""
from graph.records import EntityKind
from tests.graph.extracted import found, named, places


def test_state_and_city_programmes_are_campaigns_without_a_cue_word():
    kinds = found("Benefits in the states", "Families moved onto CalEITC and Aarogyasri while grants from Bogotá "
                                            "Solidaria en Casa reached street vendors.")
    for name in ("CalEITC", "Aarogyasri", "Bogotá Solidaria en Casa"):
        assert kinds.get(name) is EntityKind.CAMPAIGN, name


def test_pilots_and_relief_packages_are_campaigns():
    kinds = found("Cash trials", "Economists compared Mincome and B-MINCOME with the Nation Building and Jobs Plan "
                                 "and the Spring Breeze Action.")
    for name in ("Mincome", "B-MINCOME", "Nation Building and Jobs Plan", "Spring Breeze Action"):
        assert kinds.get(name) is EntityKind.CAMPAIGN, name


def test_regional_bodies_and_citizens_initiatives_are_campaigns():
    kinds = found("Regional deals", "Traders used the ECOWAS Trade Liberalisation Scheme, ministers revised the "
                                    "Regional Indicative Strategic Development Plan, and farmers signed End the Cage "
                                    "Age.")
    for name in ("ECOWAS Trade Liberalisation Scheme", "Regional Indicative Strategic Development Plan",
                 "End the Cage Age"):
        assert kinds.get(name) is EntityKind.CAMPAIGN, name


def test_company_and_union_programmes_are_campaigns():
    kinds = found("Skills at work", "Warehouse staff joined AWS re/Start, the suppliers adopted the Fair Wage Method "
                                    "and fast-food workers backed McStrike.")
    for name in ("AWS re/Start", "Fair Wage Method", "McStrike"):
        assert kinds.get(name) is EntityKind.CAMPAIGN, name


def test_a_short_form_is_found_under_the_entry_s_name():
    kinds = found("Reserve funds", "The region drew on REACT-EU and the EGF after the plant closed.")
    assert kinds.get("Recovery Assistance for Cohesion and the Territories of Europe") is EntityKind.CAMPAIGN
    assert kinds.get("European Globalisation Adjustment Fund for Displaced Workers") is EntityKind.CAMPAIGN


def test_given_names_the_list_leaves_out_still_start_people():
    # "Cal Grant", "Union Summer", "Salario Rosa" and "Women Will" are left out: their words are given names
    people = named(EntityKind.PERSON, "The organisers, Cal Okafor, Rosa Mensah and Summer Adeyemi, spoke after "
                                      "Will Banda.")
    assert {"Cal Okafor", "Rosa Mensah", "Summer Adeyemi", "Will Banda"} <= set(people)


def test_a_state_the_list_leaves_out_is_still_a_place():
    # "Goa Griha Aadhar" and "Jalisco Te Reconoce" are left out: their words would stop the states being guessed
    assert "Goa" in places("Hotel workers in Goa struck on Monday over unpaid wages.")
