"""Bracketed short forms: a capitals word in brackets after a name is that name again, here and later."""
from graph.extract import Extractor
from graph.extract.pipeline import pass_names
from graph.records import EntityKind, StoryRecord

EXTRACTOR = Extractor()


def test_a_bracketed_short_form_is_the_name_before_it_even_without_its_initials():
    mentions = EXTRACTOR.extract(StoryRecord(
        "x", "The minister launched the Quillbury Tarrow Samman Programme (QT-KISAN) for farmers. "
             "Farmers said QT-KISAN paid too little.", None))
    assert not [m for m in mentions if m.kind is EntityKind.ORGANIZATION and m.text == "QT-KISAN"]
    assert [m.name for m in mentions if m.text == "QT-KISAN"] == ["Quillbury Tarrow Samman Programme"] * 2


def test_the_pass_runs_after_the_arbitration_and_before_the_short_forms():
    names = pass_names()
    assert names.index("acting-bodies") < names.index("bracketed-short-forms") < names.index("short-forms")
