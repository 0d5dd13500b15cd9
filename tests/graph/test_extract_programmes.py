"""Programme forms: benefits named by their payment's noun, and what a programme replaces, are campaigns."""
from graph.extract import Extractor
from graph.extract.pipeline import pass_names
from graph.records import EntityKind, StoryRecord

EXTRACTOR = Extractor()


def campaigns(title: str, summary: str) -> set[str]:
    return {m.name for m in EXTRACTOR.extract(StoryRecord(title, summary, None)) if m.kind is EntityKind.CAMPAIGN}


def test_a_name_ending_in_a_payments_noun_is_a_benefit():
    found = campaigns("Quillbury Family Payment starts in May",
                      "The Tarrow government said the Quillbury Family Payment and the Tarrow Carer Allowance would "
                      "reach 40,000 homes, and the new Basic Farm Credit would follow.")
    assert {"Quillbury Family Payment", "Tarrow Carer Allowance", "Basic Farm Credit"} <= found


def test_one_word_or_a_possessive_owner_is_no_benefit():
    found = campaigns("Payment delays in Tarrow", "Officials said Pension Reform Minister Jo Quill's Pension plan "
                                                  "and the Payment would wait.")
    assert not any(name.endswith(("Payment", "Pension")) for name in found)


def test_what_a_programme_replaces_is_a_programme():
    found = campaigns("Tarrow pays new benefits",
                      "Tarrow has begun paying benefits under the Quillbury Support Programme, which replaces the "
                      "Marrowby scheme from July.")
    assert {"Quillbury Support Programme", "Marrowby"} <= found


def test_replacing_without_a_programme_before_it_names_nothing():
    found = campaigns("Tarrow council", "The council said Jo Quill replaces Marrowby as chair in July.")
    assert "Marrowby" not in found


def test_the_pass_runs_before_arbitration():
    names = pass_names()
    assert names.index("launched") < names.index("programme-forms") < names.index("arbitrate")


def test_what_is_new_and_named_is_a_programme():
    found = campaigns("Tarrow bank approves US$9 billion package",
                      "The package includes a new Quillbury Pandemic Response Option that funds cash transfers.")
    assert "Quillbury Pandemic Response Option" in found


def test_a_new_report_or_a_new_body_is_no_programme():
    found = campaigns("Tarrow unions meet", "The unions presented a new Quillbury Labour Report and the new "
                                            "Marrowby Workers Federation in Tarrow.")
    assert not any(name.startswith(("Quillbury", "Marrowby")) for name in found)
