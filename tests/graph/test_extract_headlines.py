"""Pass "headline-short-forms": a headline's short name for a body is the name its summary gives in full."""
from graph.extract.pipeline import pass_names
from graph.records import EntityKind, Field, StoryRecord
from tests.graph.extracted import EXTRACTOR


def names(title: str, summary: str) -> dict[str, str]:
    """Each organization mention's text -> its name, the headline's marked "T:"."""
    return {("T:" if m.field is Field.TITLE else "") + m.text: m.name
            for m in EXTRACTOR.extract(StoryRecord(title, summary, None)) if m.kind is EntityKind.ORGANIZATION}


def test_a_headlines_court_is_the_summarys_court_with_its_of_phrase():
    found = names("Tarrovian Court condemns Brazil over a factory fire",
                  "The Tarrovian Court of Human Rights found Brazil responsible for the deaths.")
    assert found["T:Tarrovian Court"] == "Tarrovian Court of Human Rights"


def test_a_qualifier_before_the_headlines_name_is_dropped_to_find_the_summarys():
    found = names("Quillish Supreme Court confirms riders are employees",
                  "The Supreme Court of Quillia ruled that riders for Deliveroo are employees.")
    assert found["T:Quillish Supreme Court"] == "Supreme Court of Quillia"


def test_a_summary_name_that_is_the_headlines_less_its_qualifier_takes_the_headlines():
    found = names("Tarrowby City Council votes a wage floor", "The City Council voted 7-2 for the new floor.")
    assert found["City Council"] == "Tarrowby City Council"


def test_a_headline_name_the_summary_uses_as_it_is_stays_as_it_is():
    found = names("Quill Labour Court rules for drivers",
                  "The Quill Labour Court ruled for the drivers; the Supreme Labour Court will hear an appeal.")
    assert found["T:Quill Labour Court"] == "Quill Labour Court"


def test_a_head_noun_leading_an_of_phrase_is_a_head_too():
    found = names("Quill Zealand Court of Appeal opens the way for pay claims",
                  "The Court of Appeal ruled that the act applies to care workers.")
    assert found["Court of Appeal"] == "Quill Zealand Court of Appeal"


def test_the_pass_runs_after_the_short_forms_and_before_the_nested_names():
    names = pass_names()
    assert names.index("short-forms") < names.index("headline-short-forms") < names.index("nested-names")


def test_a_headlines_bare_acronym_is_the_one_body_the_summary_opens_with_it():
    found = names("UN tarrow committee finds violations in welfare reforms",
                  "The UN Committee on Tarrow Workers' Rights said the reforms breached the treaty.")
    assert found["T:UN"] == "UN Committee on Tarrow Workers' Rights"
    kept = names("UN warns of hunger", "The UN said the UN Committee on Tarrow Workers' Rights would meet.")
    assert kept["T:UN"] != "UN Committee on Tarrow Workers' Rights"
