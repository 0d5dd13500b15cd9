"""Kind appositions: a name the apposition after it calls a benefit, an income, a strategy or a funded programme."""
from graph.extract.pipeline import pass_names
from graph.records import EntityKind
from tests.graph.extracted import found


def test_a_name_called_an_income_or_a_strategy_is_a_campaign():
    kinds = found("Quillbury approves a minimum income", "Quillbury's cabinet approved the Renta Básica Tarrow, a "
                  "national minimum income for 80,000 households. The Marrowby Trust launched Young Quillbury Rises, "
                  "a strategy to train 10,000 people.")
    assert kinds.get("Renta Básica Tarrow") is EntityKind.CAMPAIGN
    assert kinds.get("Young Quillbury Rises") is EntityKind.CAMPAIGN


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
