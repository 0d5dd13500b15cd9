"""Offices taken: a title saying someone is elected or appointed to an office is about leadership."""
from graph.extract import Extractor
from graph.records import EntityKind, StoryRecord

EXTRACTOR = Extractor()


def themes(title: str, summary: str = "The vote was held on Monday.") -> set[str]:
    """The rule passes' themes (before learned-themes, whose word model may add one: a union's election is often
    social dialogue to the batches' readers)."""
    doc = EXTRACTOR.run(StoryRecord(title, summary, None), until="learned-themes")
    return {s.key for s in doc.found if s.kind is EntityKind.THEME}


def test_a_body_electing_someone_to_an_office_is_about_leadership():
    assert themes("Quillbury Federation elects Jane Doe as president") == {"leadership"}


def test_elected_and_appointed_before_an_office_and_an_organization():
    assert themes("Jane Doe elected General Secretary of the Quillbury Union") == {"leadership"}
    assert themes("Quillbury Bank appoints Jane Doe director-general") == {"leadership"}


def test_taking_over_as_an_office():
    assert themes("Jane Doe takes over as Quillbury Chamber president") == {"leadership"}


def test_an_office_before_the_verb_is_who_acts_not_the_office_taken():
    assert themes("Quillbury Secretary-General appoints a panel on ports") == set()


def test_an_election_without_an_office_is_not_leadership():
    assert themes("Quillbury elects a new parliament") == set()


def test_heads_of_government_called_leaders_are_not_leadership():
    assert themes("Quillbury leaders sign a port treaty", "The leaders met on Monday.") == set()
