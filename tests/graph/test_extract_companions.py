"""Pass "listed-companions": names listed beside a known organization are organizations too."""
from graph.records import EntityKind
from tests.graph.extracted import found, organizations


def test_names_listed_beside_a_known_organization_are_organizations():
    orgs = organizations("The fee falls on aggregators such as Quillride, Uber, Tarrowcab and Zomato.")
    assert {"Quillride", "Tarrowcab", "Uber"} <= set(orgs)


def test_names_listed_beside_a_company_by_its_suffix_are_organizations():
    orgs = organizations("Watchdogs assessed Quillmark & Co., Tarrowin, Belquill and Ossory, and found gaps.")
    assert {"Tarrowin", "Belquill", "Ossory"} <= set(orgs)


def test_a_list_with_a_place_in_it_names_no_organization():
    kinds = found("x", "Strikes hit Uber, Kenya and Tarrowby last week.")
    assert kinds.get("Tarrowby") is not EntityKind.ORGANIZATION


def test_a_list_of_unknown_names_alone_names_no_organization():
    assert not organizations("Quillride, Tarrowcab and Belquill were praised.")


def test_the_words_of_a_defined_name_are_not_listed_companions():
    assert "Crafts" not in organizations("The Quill Confederation of Industry, Trade and Crafts (QCITC) met Uber.")


def test_a_name_guessed_a_persons_by_its_shape_alone_listed_among_organizations_is_one():
    kinds = found("x", "Producers including Uber and Orvello Quartz cut shifts. Orvello Quartz closed a shaft.")
    assert kinds.get("Orvello Quartz") is EntityKind.ORGANIZATION


def test_a_guessed_person_beside_a_name_no_pass_read_stays_as_it_was():
    kinds = found("x", "Staff at Uber, Tomasz Wierzba and Quillrack met on Friday.")
    assert kinds.get("Quillrack") is not EntityKind.ORGANIZATION


def test_a_person_known_by_a_cue_listed_among_organizations_stays_a_person():
    kinds = found("x", "Uber and Minister Tomasz Wierzba met on Friday.")
    assert kinds.get("Tomasz Wierzba") is EntityKind.PERSON
