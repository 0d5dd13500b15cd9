"""Acting bodies: a campaign-headed name that reports, finds or speaks in a headline is an organization."""
from graph.extract import Extractor
from graph.extract.pipeline import pass_names
from graph.records import EntityKind, StoryRecord

EXTRACTOR = Extractor()


def kinds(title: str, summary: str) -> dict[str, set[EntityKind]]:
    found: dict[str, set[EntityKind]] = {}
    for m in EXTRACTOR.extract(StoryRecord(title, summary, None)):
        found.setdefault(m.name, set()).add(m.kind)
    return found


def test_a_project_that_reports_is_a_body():
    found = kinds("Quillbury Ocean Project links Tarrow fleets to forced labour",
                  "The Quillbury Ocean Project, a newsroom, said the fleets used forced labour.")
    assert found["Quillbury Ocean Project"] == {EntityKind.ORGANIZATION}


def test_a_partnership_speaking_in_a_headline_is_a_body():
    found = kinds("Marrowby Signs Partnership: deaths of migrant workers go unexplained",
                  "Deaths of migrant workers in Tarrow go unexplained, the report says.")
    assert found["Marrowby Signs Partnership"] == {EntityKind.ORGANIZATION}


def test_a_campaign_that_is_launched_stays_a_campaign():
    found = kinds("Tarrow launches the Quillbury Jobs Campaign",
                  "The Quillbury Jobs Campaign will run until May in Tarrow.")
    assert found["Quillbury Jobs Campaign"] == {EntityKind.CAMPAIGN}


def test_a_programme_never_acts_as_a_body():
    found = kinds("Quillbury Skills Programme: 4,000 trained in Tarrow",
                  "The Quillbury Skills Programme trained 4,000 people in Tarrow.")
    assert found["Quillbury Skills Programme"] == {EntityKind.CAMPAIGN}


def test_the_pass_runs_right_after_arbitration():
    names = pass_names()
    assert names.index("acting-bodies") == names.index("arbitrate") + 1


def test_a_coalition_a_qualifier_names_stays_a_campaign_when_it_acts():
    found = kinds("Tarrow report on digital skills",
                  "UNESCO and the Quillbury Skills Coalition published a report on digital skills.")
    assert found["Quillbury Skills Coalition"] == {EntityKind.CAMPAIGN}
