"""Lower plans: a name before a lower-case "agreement", "policy" or "plan", and a camel-case slogan before "campaign"."""
from graph.extract.pipeline import pass_names
from graph.records import EntityKind
from tests.graph.extracted import found


def campaigns(title: str, summary: str) -> set[str]:
    return {name for name, kind in found(title, summary).items() if kind is EntityKind.CAMPAIGN}


def test_a_name_before_a_lower_case_agreement_or_policy_is_a_campaign_without_the_noun():
    names = campaigns("Quillbury Dairies signs the Cream with Respect agreement",
                      "Quillbury Dairies extended its Family Harbour policy to 4,000 staff in Tarrow.")
    assert {"Cream with Respect", "Family Harbour"} <= names


def test_a_year_after_one_word_makes_it_a_plan_and_the_owner_is_left_out():
    kinds = found("Tarrow reforms", "The reform is part of Prince Omar bin Tariq's Horizon 2040 plan to train more "
                                    "women.")
    assert kinds.get("Horizon 2040") is EntityKind.CAMPAIGN
    assert not any(name.startswith("Omar") and "Horizon" in name for name in kinds)


def test_a_camel_case_word_before_campaign_is_a_slogan():
    assert "FairShare" in campaigns("Couriers win a pay law", "The law was backed by the FairShare campaign of the "
                                                              "couriers' group Ride Together.")


def test_one_word_an_owner_or_an_organization_before_the_noun_is_no_campaign():
    kinds = found("Budget plans", "President Marrow's plan and the EU plan were discussed, as was the Labour Party "
                                  "policy on pay.")
    assert not any(kind is EntityKind.CAMPAIGN for kind in kinds.values())


def test_the_pass_runs_before_the_arbitration():
    names = pass_names()
    assert names.index("programme-forms") < names.index("lower-plans") < names.index("arbitrate")


def test_a_joined_name_after_his_or_her_is_the_programmes():
    assert "Moving with Respect" in campaigns("x", "Under his Moving with Respect policy the country trains nurses.")


def test_an_agreement_named_by_its_day_is_named_whole():
    # (campaigns59: batches 41 and 46)
    names = campaigns("Tarrow unions sign a wage deal",
                      "The accord, known as the 3 October agreement, follows the wage agreement of 12 March 2019 "
                      "signed by the same unions.")
    assert {"3 October agreement", "wage agreement of 12 March 2019"} <= names
    # (a date the agreement was signed on or runs to names nothing)
    assert campaigns("Tarrow unions sign a wage deal", "The agreement signed on 12 March runs to 3 October.") == set()
