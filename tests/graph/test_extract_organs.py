"""Pass "organs": a standing organ of a larger body, named bare, is an organization."""
from tests.graph.extracted import organizations


def test_an_organ_named_after_the_is_an_organization():
    assert "General Assembly" in organizations("The day was proclaimed by the General Assembly in 2007.")


def test_an_organ_named_after_its_owners_possessive_is_an_organization():
    assert "Politburo" in organizations("A meeting of the Quill Party's Politburo approved the change.")


def test_an_organ_whose_name_holds_of_keeps_what_follows_out():
    assert "Board of Governors" in organizations("The Board of Governors of the African Development Bank met.")


def test_an_organ_word_running_on_over_of_into_a_name_is_a_longer_name():
    assert "Secretariat" not in organizations("Agencies registered with the Secretariat of Quill Affairs.")


def test_an_organ_word_without_an_article_or_owner_is_not_read():
    assert "General Assembly" not in organizations("General Assembly delegates met in Tarrow.")
