"""The round-extract36 organization lists (gazetteer-companies2.ttl, gazetteer-public-bodies.ttl,
gazetteer-research.ttl, gazetteer-unions2.ttl; loaded as checked in test_gazetteer_lists.py): their names are found
as organizations in invented sentences with no word that says what they are, an acronym under its entry's name, and
the names they leave out keep their people and places."""
from graph.records import EntityKind
from tests.graph.extracted import found, named, places


def test_state_companies_and_suppliers_are_organizations_without_a_cue_word():
    kinds = found("Plant closures", "Workers at Sonangol, Transnet and Ukrzaliznytsia were joined by sewing operators "
                                    "from Brandix and Youngone.")
    for name in ("Sonangol", "Transnet", "Ukrzaliznytsia", "Brandix", "Youngone"):
        assert kinds.get(name) is EntityKind.ORGANIZATION, name


def test_parliaments_and_public_bodies_are_organizations():
    kinds = found("Pay bill", "The Verkhovna Rada passed the bill after Rosstat and Arbetsförmedlingen published "
                              "figures and the Lokpal opened an inquiry.")
    for name in ("Verkhovna Rada", "Rosstat", "Arbetsförmedlingen", "Lokpal"):
        assert kinds.get(name) is EntityKind.ORGANIZATION, name


def test_an_acronym_is_found_under_the_entry_s_name():
    kinds = found("Audits", "Inspectors from GOSI and TESDA visited the sites.")
    assert kinds.get("General Organization for Social Insurance") is EntityKind.ORGANIZATION
    assert kinds.get("Technical Education and Skills Development Authority") is EntityKind.ORGANIZATION


def test_research_bodies_and_ngos_are_organizations():
    kinds = found("Studies", "Researchers at Afrobarometer, SMERU Research Institute and Equidem compared wages.")
    for name in ("SMERU Research Institute", "Equidem"):
        assert kinds.get(name) is EntityKind.ORGANIZATION, name


def test_names_the_lists_leave_out_still_start_people():
    # "Morgan Stanley", "Sun Life" and "Ping An" are left out: their words are given names or surnames
    people = named(EntityKind.PERSON, "The speakers, Morgan Okafor, Sun Wei and Ping Mensah, spoke after lunch.")
    assert {"Morgan Okafor", "Sun Wei", "Ping Mensah"} <= set(people)


def test_cities_the_lists_leave_out_are_still_places():
    # "Bank of Baroda" and "Bombay High Court" are left out: their words would stop the cities being guessed
    assert "Baroda" in places("Garment workers in Baroda struck on Monday.")
    assert "Bombay" in places("Teachers in Bombay walked out.")


def test_unions_and_employers_bodies_of_thin_regions_are_organizations():
    kinds = found("Wage talks", "Delegates of the PGFTU, CGTL and FENALCO met the OSSTF.")
    for name in ("Palestinian General Federation of Trade Unions", "Lebanese General Confederation of Labour",
                 "Federación Nacional de Comerciantes", "Ontario Secondary School Teachers' Federation"):
        assert kinds.get(name) is EntityKind.ORGANIZATION, name
