"""The "guessed-people" pass's employer reading: a name guessed a person's by its shape after "run by", "delivered for"
or "a miner at" is an organization."""
from graph.records import EntityKind
from tests.graph.extracted import found


def test_a_name_couriers_delivered_for_is_an_organization():
    kinds = found("x", "Among the dead were Xiaojun Chen, who delivered for Quilly Panda, and a rider for Uber Eats.")
    assert kinds.get("Quilly Panda") is EntityKind.ORGANIZATION
    assert kinds.get("Xiaojun Chen") is EntityKind.PERSON


def test_a_name_a_miner_worked_at_is_an_organization_and_so_are_its_other_mentions():
    kinds = found("x", "The case was brought by a former gold miner at Tarrogold Ashanti. Tarrogold Ashanti said it "
                       "would comply.")
    assert kinds.get("Tarrogold Ashanti") is EntityKind.ORGANIZATION


def test_a_name_with_a_title_after_run_by_stays_a_person():
    kinds = found("x", "The charity is run by Director Mira Quillon, who founded it.")
    assert kinds.get("Mira Quillon") is EntityKind.PERSON
