"""The third general-knowledge campaign list (gazetteer-campaigns3.ttl, by issue area and by kind; loaded as checked
in test_gazetteer_lists.py): its strategies, declarations, accords, schemes and movements are found as campaigns in
invented sentences, while the words its labels add do not swallow people or common phrases."""
from graph.records import EntityKind
from tests.graph.extracted import found, named


def test_issue_area_initiatives_are_campaigns_without_a_cue_word():
    kinds = found("Health and climate", "Health ministers backed the Global Health and Care Worker Compact, and "
                                        "the insurers left the Net-Zero Banking Alliance before Stoptober began.")
    for name in ("Global Health and Care Worker Compact", "Net-Zero Banking Alliance", "Stoptober"):
        assert kinds.get(name) is EntityKind.CAMPAIGN, name


def test_summit_declarations_and_agendas_are_campaigns():
    kinds = found("Summit", "Leaders recalled the Addis Ababa Action Agenda and the Sendai Framework, and the "
                            "bloc adopted the ASEAN Community Vision 2045.")
    # a short form is found under the entry's full name
    for name in ("Addis Ababa Action Agenda", "Sendai Framework for Disaster Risk Reduction",
                 "ASEAN Community Vision 2045"):
        assert kinds.get(name) is EntityKind.CAMPAIGN, name


def test_sector_accords_and_company_programmes_are_campaigns():
    kinds = found("Supply chains", "Traders signed the Soft Commodities Compact while suppliers audited under "
                                   "SMETA joined the Seafood Task Force.")
    for name in ("Soft Commodities Compact", "Sedex Members Ethical Trade Audit", "Seafood Task Force"):
        assert kinds.get(name) is EntityKind.CAMPAIGN, name


def test_movements_and_schemes_of_a_country_are_campaigns():
    kinds = found("Protests", "Students of the Penguin Revolution joined pensioners angry at the Winter Fuel "
                              "Payment cut and the Freedom Convoy.")
    for name in ("Penguin Revolution", "Winter Fuel Payment", "Freedom Convoy"):
        assert kinds.get(name) is EntityKind.CAMPAIGN, name


def test_a_person_is_still_a_person():
    assert named(EntityKind.PERSON, "The strike leader, Amara Mensah, spoke at the rally in Accra.") == [
        "Amara Mensah"]


def test_a_slogan_in_lower_case_is_not_the_campaign():
    # "Make Poverty History" and "Keep It in the Ground" are campaigns; the same words in a sentence name nothing
    assert named(EntityKind.CAMPAIGN, "Donors said they would keep it in the ground, the minister said.") == []
