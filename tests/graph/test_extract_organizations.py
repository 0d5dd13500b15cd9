"""Organizations no gazetteer knows: named by a noun before them, a workforce after them, or a company suffix."""
from graph.extract import Extractor
from graph.records import EntityKind, StoryRecord

EXTRACTOR = Extractor()


def found(summary: str, kind: EntityKind) -> list[str]:
    return [m.text for m in EXTRACTOR.extract(StoryRecord("x", summary, None)) if m.kind is kind]


def test_a_name_after_an_organization_noun_is_an_organization():
    assert found("Members of the union Varkobo stopped work.", EntityKind.ORGANIZATION) == ["Varkobo"]


def test_a_list_after_a_plural_organization_noun_is_all_organizations():
    assert found("the delivery companies Zupro, Kemba and Trilo Eats agreed.", EntityKind.ORGANIZATION) == [
        "Zupro", "Kemba", "Trilo Eats"]


def test_a_word_before_a_workforce_noun_is_an_employer_and_stays_one_later():
    orgs = found("Thousands of Zupro drivers walked out. Zupro said it would appeal.", EntityKind.ORGANIZATION)
    assert orgs == ["Zupro", "Zupro"]
    assert not found("Thousands of Zupro drivers walked out. Zupro said it would appeal.", EntityKind.PERSON)


def test_a_sentence_start_before_a_workforce_noun_names_nothing():
    assert not found("Delivery workers walked out.", EntityKind.ORGANIZATION)


def test_a_company_suffix_ends_the_name_and_the_short_name_repeats():
    assert found("Vantoro S.A. disclosed abuses. Vantoro's audit found fees.", EntityKind.ORGANIZATION) == [
        "Vantoro S.A.", "Vantoro"]


def test_a_title_after_a_head_noun_starts_a_person():
    summary = "Coastal Development Bank President Ilan Rowe presented the plan."
    assert found(summary, EntityKind.ORGANIZATION) == ["Coastal Development Bank"]
    assert found(summary, EntityKind.PERSON) == ["Ilan Rowe"]


def test_money_is_neither_a_place_nor_an_organization():
    summary = "Fines of US$14,500 and GBP 32 million were paid."
    assert not found(summary, EntityKind.PLACE) and not found(summary, EntityKind.ORGANIZATION)


def test_a_company_suffix_keeps_its_legal_form():
    assert found("Workers at Hon Hai Precision Industry Co., Ltd. protested.", EntityKind.ORGANIZATION) == [
        "Hon Hai Precision Industry Co., Ltd."]


def test_an_acronym_and_an_unknown_word_are_one_organization():
    assert found("Wages rise in April. IG Metallix chair Jörg Hofmann called it a milestone.",
                 EntityKind.ORGANIZATION) == ["IG Metallix"]


def test_two_names_with_one_head_noun_are_two_organizations():
    assert found("courses at Brandman University and Bellevue University are free.", EntityKind.ORGANIZATION) == [
        "Brandman University", "Bellevue University"]


def test_a_plural_possessive_stays_inside_the_name():
    assert found("The Kailash Satyarthi Children's Foundation said so.", EntityKind.ORGANIZATION) == [
        "Kailash Satyarthi Children's Foundation"]
