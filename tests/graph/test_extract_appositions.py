"""Kind appositions: a name the apposition after it calls a benefit, an income, a strategy or a funded programme."""
from graph.extract import appositions
from graph.extract.pipeline import pass_names
from graph.records import EntityKind
from tests.graph.extracted import found


def test_a_name_called_an_income_or_a_strategy_is_a_campaign():
    kinds = found("Quillbury approves a minimum income", "Quillbury's cabinet approved the Renta Básica Tarrow, a "
                  "national minimum income for 80,000 households. The Marrowby Trust launched Young Quillbury Rises, "
                  "a strategy to train 10,000 people.")
    assert kinds.get("Renta Básica Tarrow") is EntityKind.CAMPAIGN
    assert kinds.get("Young Quillbury Rises") is EntityKind.CAMPAIGN


def test_a_name_called_a_framework_is_a_campaign():
    kinds = found("Quillbury's growth plan", "The cabinet released the New Tarrow Path, an economic framework that sets "
                  "a goal of five million jobs.")
    assert kinds.get("New Tarrow Path") is EntityKind.CAMPAIGN


def test_a_programme_apposition_with_an_amount_is_read():
    kinds = found("Two banks launch a fund", "The banks launched Harvest and Hands Together, a US$2.5 billion "
                  "initiative for farmers.")
    assert kinds.get("Harvest and Hands Together") is EntityKind.CAMPAIGN


def test_a_place_or_an_organization_before_the_apposition_is_no_campaign():
    kinds = found("Forum opens", "Ministers met in Quillbury City, a strategy hub for the region. The Tarrow Workers "
                  "Union, a benefit society, joined them.")
    assert kinds.get("Quillbury City") is not EntityKind.CAMPAIGN
    assert kinds.get("Tarrow Workers Union") is EntityKind.ORGANIZATION


def test_the_pass_runs_before_the_arbitration():
    names = pass_names()
    assert names.index("campaign-cues") < names.index("kind-appositions") < names.index("arbitrate")


def test_a_year_after_the_name_and_an_owner_before_the_noun_are_read():
    kinds = found("Two plans", "The secretary-general launched Young Tarrow 2030, the first region-wide youth strategy. "
                  "Families applied for Quillaid, Tarrow's main cash transfer programme.")
    assert kinds.get("Young Tarrow 2030") is EntityKind.CAMPAIGN
    assert kinds.get("Quillaid") is EntityKind.CAMPAIGN


def test_a_strategy_director_is_a_job_not_a_programme():
    # "Carolyn Fairbairn, a former BBC strategy director": the noun names what the person did, not a programme
    assert appositions._KIND_APPOSITION.match(", a former BBC strategy director who worked") is None
    assert appositions._KIND_APPOSITION.match(", a national youth strategy to train") is not None


def test_a_name_called_a_visa_a_cash_handout_or_a_transfer_is_a_campaign():
    kinds = found("x", "Tarrovia opened applications for the Tarrovia Quill Stamp, a 12-month visa for remote workers. "
                       "The ministry opened registration for Rao Quill Ting (\"we won't leave each other behind\"), a "
                       "cash handout of 5,000 baht a month.")
    assert kinds.get("Tarrovia Quill Stamp") is EntityKind.CAMPAIGN
    assert kinds.get("Rao Quill Ting") is EntityKind.CAMPAIGN


def test_a_business_whose_apposition_names_a_card_is_no_campaign():
    kinds = found("x", "Quillity Payments, a credit card processing company in Seattle, raised its minimum salary.")
    assert kinds.get("Quillity Payments") is not EntityKind.CAMPAIGN
