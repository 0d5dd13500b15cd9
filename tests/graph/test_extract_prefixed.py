"""Passes "prefixed-bodies" and "headed-known-names": a body whose full name holds the UN's prefix or a known name."""
from graph.extract.pipeline import pass_names
from graph.records import EntityKind, StoryRecord
from tests.graph.extracted import EXTRACTOR, organizations


def test_the_un_prefix_before_a_body_named_by_its_head_noun_is_part_of_its_name():
    found = organizations("The UN Office for Quillbury Affairs said pay had fallen.")
    assert found == ["UN Office for Quillbury Affairs"]


def test_the_un_prefix_is_joined_in_the_title_too():
    found = organizations("It reported on pay.", title="UN Quillbury Network warns of cuts")
    assert found == ["UN Quillbury Network"]


def test_the_un_named_on_its_own_stays_the_un():
    assert organizations("The UN and the Quillbury Network met.") == ["United Nations", "Quillbury Network"]


def test_a_known_name_run_on_by_a_body_head_is_that_other_body():
    assert organizations("The African Development Bank Group approved a loan.") == ["African Development Bank Group"]


def test_a_known_name_whose_head_goes_on_into_another_name_stays_the_known_name():
    found = organizations("The African Development Bank Group of Seven Quillbury Lenders met.")
    assert "African Development Bank Group" not in found


def test_a_known_acronym_run_on_by_an_executive_arm_s_head_is_that_arm():
    assert organizations("The SADC Secretariat said Quillbury would host it.") == ["SADC Secretariat"]
    assert organizations("SADC Commission Chairperson Tendai Morvek spoke.") == ["SADC Commission"]
    assert organizations("The SADC Council met in Quillbury.") == ["Southern African Development Community"]


def test_the_joins_run_after_arbitration_and_before_the_repeats():
    names = pass_names()
    assert names.index("arbitrate") < names.index("prefixed-bodies") < names.index("short-forms")
    assert names.index("arbitrate") < names.index("headed-known-names") < names.index("short-forms")


def test_the_un_prefix_before_a_known_body_is_how_the_story_writes_that_body():
    mentions = [m for m in EXTRACTOR.extract(StoryRecord(
        "x", "The UN Committee on Economic, Social and Cultural Rights published a comment.", None))
        if m.kind is EntityKind.ORGANIZATION]
    assert [(m.text, m.name) for m in mentions] == [("UN Committee on Economic, Social and Cultural Rights",
                                                     "Committee on Economic, Social and Cultural Rights")]



def test_a_known_programme_run_on_by_a_strategys_head_is_another_programme():
    names = [m.name for m in EXTRACTOR.extract(StoryRecord("x", "The agency said the grant was key to its Better Work "
                                                                "Strategy.", None))
             if m.kind is EntityKind.CAMPAIGN]
    assert names == ["Better Work Strategy"]



def test_a_known_programme_run_on_by_its_own_head_keeps_the_known_reading():
    mentions = [m for m in EXTRACTOR.extract(StoryRecord("x", "The union joined the Better Work Programme.", None))
                if m.kind is EntityKind.CAMPAIGN]
    assert [m.method for m in mentions] == ["gazetteer"]
