"""Company divisions: a known company's name run on by capitalized words no finder reads is one organization."""
from graph.extract.pipeline import pass_names
from tests.graph.extracted import organizations


def test_a_known_company_run_on_by_capitalized_words_is_its_division():
    found = organizations("Staff at Hitachi Quillbury Systems walked out over pay.")
    assert "Hitachi Quillbury Systems" in found
    assert "Hitachi" not in found


def test_a_joined_name_is_one_organization():
    found = organizations("A court ordered Nippon Steel & Sumitomo Quillbury to pay the workers.")
    assert "Nippon Steel & Sumitomo Quillbury" in found
    assert "Sumitomo Quillbury" not in found


def test_a_title_a_possessive_or_a_headline_stays_apart():
    assert "Hitachi" in organizations("Hitachi Chief Executive Tarrow Quill said talks would resume.")
    assert not any("Quillbury" in name for name in organizations("Hitachi Corporation's Quillbury plant shut."))
    assert not any(name.startswith("Hitachi ") for name in organizations("Workers walked out.", "Hitachi Quillbury Plant Strike"))


def test_the_pass_runs_before_the_arbitration():
    names = pass_names()
    assert names.index("branches") < names.index("company-divisions") < names.index("arbitrate")


def test_a_stop_after_a_division_ends_the_sentence_not_the_name():
    assert organizations("Among them was a courier who rode for Uber Eats. The union said riders were at risk.") == [
        "Uber Eats"]
    assert organizations("A courier rode for Uber Eats.") == ["Uber Eats"]


def test_a_known_companys_programme_is_no_division():
    assert "Nokia Quillbridge" not in organizations(
        "Nokia said it would extend its Nokia Quillbridge programme, which helps departing employees find jobs.")
