"""The general-knowledge campaign lists (gazetteer-observances/-programmes/-initiatives.ttl): the observances,
programmes and initiatives in them are found as campaigns in invented sentences (that each loads as campaigns of its
own, with labels no other entry has: tests/graph/test_gazetteer_lists.py)."""
from graph.records import EntityKind
from tests.graph.extracted import found, named


def test_un_observances_are_campaigns_under_their_short_forms_too():
    assert named(EntityKind.CAMPAIGN, "Sanitation workers marched on World Toilet Day, and again on UN Day.") == [
        "World Toilet Day", "United Nations Day"]
    assert named(EntityKind.CAMPAIGN, "Farmers hailed the International Year of Millets 2023 in Dhaka.") == [
        "International Year of Millets"]
    assert named(EntityKind.CAMPAIGN, "Nurses rallied on International Nurses Day in Lagos.") == [
        "International Nurses Day"]


def test_national_programmes_are_campaigns_without_a_cue_word():
    kinds = found("Benefits debate", "Thousands of carers lost Medicaid cover while Pé-de-Meia payments reached "
                                     "pupils and Nitaqat quotas rose.")
    for name in ("Medicaid", "Pé-de-Meia", "Nitaqat"):
        assert kinds.get(name) is EntityKind.CAMPAIGN, name


def test_pledges_coalitions_and_movements_are_campaigns():
    kinds = found("Climate talks", "Ministers signed the Global Methane Pledge and joined the Powering Past Coal "
                                   "Alliance as the Indignados returned to the square.")
    for name in ("Global Methane Pledge", "Powering Past Coal Alliance", "Indignados"):
        assert kinds.get(name) is EntityKind.CAMPAIGN, name


def test_a_label_written_as_a_common_phrase_is_not_the_campaign():
    # "Change the Rules" is a union campaign; a sentence that starts with the phrase names nothing
    assert named(EntityKind.CAMPAIGN, "Change the rules, the delegate told the assembly.") == []
