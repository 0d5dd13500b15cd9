"""Campaigns no gazetteer knows: accords and compacts by their head, slogans by their cue or apposition."""
from graph.extract import Extractor
from graph.records import EntityKind, StoryRecord

EXTRACTOR = Extractor()


def campaigns(summary: str) -> list[str]:
    return [m.name for m in EXTRACTOR.extract(StoryRecord("x", summary, None)) if m.kind is EntityKind.CAMPAIGN]


def test_a_slogan_under_a_banner_is_a_campaign_not_a_person():
    summary = "Workers protested under the banner Make Tarvo Pay, led by unions."
    assert campaigns(summary) == ["Make Tarvo Pay"]
    assert not [m for m in EXTRACTOR.extract(StoryRecord("x", summary, None)) if m.kind is EntityKind.PERSON]


def test_what_someone_called_the_name_is_a_campaign():
    assert campaigns("launching what the union called the Stand Firm Strike.") == ["Stand Firm Strike"]


def test_an_apposition_says_a_name_is_a_programme():
    assert campaigns("The bank presented Verdant Futures, an umbrella programme for the region.") == ["Verdant Futures"]


def test_an_accord_keeps_the_country_it_runs_in():
    assert campaigns("Brands signed the Accord on Fire and Building Safety in Bangladesh in 2013.") == [
        "Accord on Fire and Building Safety in Bangladesh"]


def test_a_hashtag_campaign_is_named_by_its_hashtag():
    assert campaigns("Unions launched the #PayUpNow campaign.") == ["#PayUpNow"]


def test_a_month_after_in_is_when_not_part_of_the_name():
    assert campaigns("Employers joined Living Wage Week in November.") == ["Living Wage Week"]
