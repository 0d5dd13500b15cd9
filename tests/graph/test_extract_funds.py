"""Funded programmes: a fund or facility that is launched, counted in money or called a programme is a campaign."""
from graph.extract.pipeline import pass_names
from graph.records import EntityKind
from tests.graph.extracted import found


def test_a_launched_fund_is_a_campaign():
    kinds = found("Two banks launch a fund", "The Marrowby Bank and the Tarrow Foundation have launched the Harvest "
                                             "and Homes Fund to help farmers.")
    assert kinds.get("Harvest and Homes Fund") is EntityKind.CAMPAIGN


def test_a_facility_with_an_amount_before_it_is_a_campaign():
    kinds = found("Bank approves a facility", "The bank's board approved a US$1.5 billion Quillbury Emergency Seed "
                                              "Facility to help 20 million farmers.")
    assert kinds.get("Quillbury Emergency Seed Facility") is EntityKind.CAMPAIGN


def test_a_fund_an_apposition_calls_a_scheme_is_a_campaign_and_its_readings_follow():
    kinds = found("Marrow launches the Trader Fund for Tarrow's hawkers",
                  "President Marrow launched the Market Access Fund, known as the Trader Fund, a 50 billion shilling "
                  "government scheme of small loans.")
    assert kinds.get("Market Access Fund") is EntityKind.CAMPAIGN
    assert kinds.get("Trader Fund") is EntityKind.CAMPAIGN
    assert "Trader Fund for Tarrow" not in kinds


def test_a_launched_coalition_is_a_campaign():
    kinds = found("Coalition launched", "Governments led by Quillbury have launched the School Gardens Coalition at "
                                        "the summit.")
    assert kinds.get("School Gardens Coalition") is EntityKind.CAMPAIGN


def test_a_fund_named_in_passing_stays_an_organization():
    kinds = found("Debt talks", "Tarrow agreed terms with the International Monetary Fund and paid into the Central "
                                "Savings Fund.")
    assert kinds.get("International Monetary Fund") is EntityKind.ORGANIZATION
    assert kinds.get("Central Savings Fund") is not EntityKind.CAMPAIGN


def test_the_pass_runs_before_the_arbitration():
    names = pass_names()
    assert names.index("programme-forms") < names.index("funded-programmes") < names.index("arbitrate")


def test_a_fund_that_only_names_whose_grant_it_is_stays_an_organization():
    kinds = found("Grant approved", "The bank approved a US$500 million Blue Harbour Fund grant for ports, and "
                                    "launched a Tarrow Resilience Fund project.")
    assert kinds.get("Blue Harbour Fund") is not EntityKind.CAMPAIGN
    assert kinds.get("Tarrow Resilience Fund") is not EntityKind.CAMPAIGN


def test_a_facility_with_an_amount_after_it_is_a_programme():
    kinds = found("Bank acts", "The board approved a Quillbury Response Facility of up to 10 billion dollars to help.")
    assert kinds.get("Quillbury Response Facility") is EntityKind.CAMPAIGN


def test_a_facility_of_a_number_that_is_no_amount_stays_unread():
    kinds = found("Bank acts", "The board discussed the Quillbury Response Facility of 2020 again.")
    assert kinds.get("Quillbury Response Facility") is not EntityKind.CAMPAIGN


def test_a_trust_fund_is_a_campaign_with_no_cue():
    kinds = found("x", "The bank said its Quill Youth and Innovation Multi-Donor Trust Fund had approved eight projects.")
    assert kinds.get("Quill Youth and Innovation Multi-Donor Trust Fund") is EntityKind.CAMPAIGN


def test_a_known_place_inside_a_facility_with_an_amount_is_the_facilitys():
    kinds = found("x", "The bank has launched a US$9 billion Asia Pacific Quill Access Facility (APQAX) to help members.")
    assert kinds.get("Asia Pacific Quill Access Facility") is EntityKind.CAMPAIGN


def test_a_fund_for_a_purpose_is_a_campaign_and_a_states_insurance_fund_a_body():
    kinds = found("x", "A Reef Fish Fund will help coastal villages. Part of severance is paid by the Tarrow Social "
                       "Security Fund, and the Quill Legal Defense Fund sued.")
    assert kinds.get("Reef Fish Fund") is EntityKind.CAMPAIGN
    assert kinds.get("Tarrow Social Security Fund") is EntityKind.ORGANIZATION
    assert kinds.get("Quill Legal Defense Fund") is EntityKind.ORGANIZATION


def test_a_states_fund_named_for_its_purpose_after_for_is_a_campaign():
    kinds = found("x", "The bank added a US$1.5 million grant from the Korea Fund for Quill and Tarrow Technology.")
    assert kinds.get("Korea Fund for Quill and Tarrow Technology") is EntityKind.CAMPAIGN


def test_a_fund_for_a_purpose_no_place_opens_may_be_a_foundation():
    kinds = found("x", "Grants from the Quillbury Fund for Tarrow Women reached 40 groups.")
    assert kinds.get("Quillbury Fund for Tarrow Women") is EntityKind.ORGANIZATION
