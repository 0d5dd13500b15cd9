"""The fifth general-knowledge campaign list (gazetteer-campaigns5.ttl: national programmes, benefits, movements and
observances by the names they carry in their own language; loaded as checked in test_gazetteer_lists.py): its names
are found as campaigns in invented sentences, an English name news uses finds the entry under its own-language name,
and the names it leaves out keep their people and places."""
from graph.records import EntityKind
from tests.graph.extracted import found, named, places


def test_spanish_and_portuguese_programmes_are_campaigns_without_a_cue_word():
    kinds = found("Benefits in the region", "Families moved from Tenonderã to Bonoluz while students in Brazil drew "
                                            "Pronera and riders backed the Breque dos Apps.")
    for name in ("Tenonderã", "Bonoluz", "Pronera"):
        assert kinds.get(name) is EntityKind.CAMPAIGN, name


def test_french_programmes_in_europe_and_africa_are_campaigns():
    kinds = found("Jobs schemes", "Employers hired under Emplois francs and the Contrat unique d'insertion, while "
                                  "Malian households drew Jigisemejiri and Moroccan weavers joined Damane Oxygène.")
    for name in ("Emplois francs", "Contrat unique d'insertion", "Jigisemejiri", "Damane Oxygène"):
        assert kinds.get(name) is EntityKind.CAMPAIGN, name


def test_arabic_turkish_and_central_asian_names_are_campaigns():
    kinds = found("Safety nets", "Laid-off workers claimed Saned, young women rode with Wusool, pupils joined Haydi "
                                 "Kizlar Okula and the poorest gained from Obod Mahalla.")
    for name in ("Saned", "Wusool", "Haydi Kizlar Okula", "Obod Mahalla"):
        assert kinds.get(name) is EntityKind.CAMPAIGN, name


def test_asian_and_african_names_are_campaigns():
    kinds = found("Programmes in Asia and Africa", "Villages used Baan Mankong, Jakarta relied on Kartu Lansia "
                                                   "Jakarta, farmers joined Pfumvudza and graduates entered Naan "
                                                   "Mudhalvan, while Tangping spread online.")
    for name in ("Baan Mankong", "Kartu Lansia Jakarta", "Tangping"):
        assert kinds.get(name) is EntityKind.CAMPAIGN, name


def test_an_english_name_is_found_under_the_entry_s_own_language_name():
    kinds = found("Russia's regions", "Families took the Far Eastern Hectare and then the Far Eastern "
                                      "Mortgage.")
    assert kinds.get("Dalnevostochnaya Ipoteka") is EntityKind.CAMPAIGN
    assert kinds.get("Dalnevostochny Gektar") is EntityKind.CAMPAIGN


def test_given_names_the_list_leaves_out_still_start_people():
    # "Bantuan Sara Hidup", "Linda Mama", "Luz para Todos", "Marea Blanca" and "Thuma Mina" are left out: their
    # words are given names
    people = named(EntityKind.PERSON, "The organisers, Sara Mensah, Linda Okafor, Luz Herrera and Blanca Ortiz, "
                                      "spoke after Mina Adeyemi.")
    assert {"Sara Mensah", "Linda Okafor", "Luz Herrera", "Blanca Ortiz", "Mina Adeyemi"} <= set(people)


def test_a_place_the_list_leaves_out_is_still_a_place():
    # "Aba Grangou" is left out: its first word would stop the Nigerian city being found
    assert "Aba" in places("Traders in Aba closed their shops on Monday over the new levy.")
