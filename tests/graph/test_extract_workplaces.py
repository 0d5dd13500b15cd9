"""Pass "workplaces": organizations named as where people work or as what a finding is drawn from."""
from graph.records import EntityKind
from tests.graph.extracted import found, organizations


def test_a_name_after_workers_at_is_their_employer():
    assert organizations("About 900 workers at Quillbury Foods walked out on Monday.") == ["Quillbury Foods"]


def test_each_name_employees_of_lists_is_an_employer():
    assert organizations("The cases were brought by employees of Tarrow Life Insurance and Quill Mobis.") == [
        "Tarrow Life Insurance", "Quill Mobis"]


def test_members_of_a_group_name_no_employer():
    assert not organizations("The holiday was given only to members of the Tarrow and Old Quill churches.")


def test_a_place_of_work_after_at_is_not_the_employer():
    assert "Quillford" not in organizations("Some members at the Quillford plant said the deal fell short.")
    assert "Tarrowstowe" not in organizations("About 1,900 workers at Tarrowstowe, Britain's biggest port, struck.")


def test_a_known_place_after_at_stays_a_place():
    assert found("x", "Nurses at Nairobi walked out.").get("Nairobi") is EntityKind.PLACE


def test_a_survey_according_to_its_owner_names_an_organization():
    assert organizations("More than a third have considered leaving, according to an Quillbarometer survey.") == [
        "Quillbarometer"]
    assert organizations("Engagement fell, according to Tarrowpoll's annual report.") == ["Tarrowpoll"]


def test_a_report_named_after_according_to_the_is_no_organization():
    assert not organizations("Riders work 60 hours a week, according to the Quill Employment Outlook report.")
