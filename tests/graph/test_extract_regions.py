"""Bare regions: a place read by its lower-case "province" or "region" is named without the noun."""
from graph.extract.pipeline import pass_names
from tests.graph.extracted import places


def test_a_province_or_a_region_is_named_without_its_noun():
    assert "Quillbury" in places("Workers struck at a plant in Quillbury province on Monday.")
    assert "Tarrow Valley" in places("Dockers in the Tarrow Valley region walked out.")
    assert not any(name.endswith((" province", " region")) for name in places(
        "Workers struck in Quillbury province and the Tarrow Valley region."))


def test_a_district_or_a_county_is_named_without_its_noun():
    assert "Marrowby" in places("Floods hit the Marrowby district on Monday.")
    assert "Quenlow" in places("Herders in Quenlow county lost their cattle.")
    assert not any(name.endswith((" district", " county")) for name in places(
        "Floods hit the Marrowby district and Quenlow county."))


def test_the_owner_of_a_region_is_not_part_of_its_name():
    assert places("The government of Vardania's Quillbury province said so.")[-1] == "Quillbury"
    assert "Marrowby" in places("Clashes broke out in Tolvenne's Marrowby district.")


def test_a_village_or_a_camp_keeps_its_noun():
    assert "Marrowby village" in places("Floods hit Marrowby village.")


def test_the_pass_runs_before_the_arbitration():
    names = pass_names()
    assert names.index("bare-regions") < names.index("arbitrate")
