"""Pass "joined-names": a name read by its form across "and" from a name of its own is two names."""
from graph.extract.pipeline import pass_names
from graph.records import EntityKind
from tests.graph.extracted import found, named, organizations


def test_two_known_companies_joined_by_and_are_two_names():
    orgs = organizations("It found that manufacturers such as Volkswagen, Toyota and General Motors were exposed.")
    assert {"Toyota", "General Motors"} <= set(orgs)
    assert "Toyota and General Motors" not in orgs


def test_an_acronym_before_and_is_a_name_of_its_own():
    orgs = organizations("The debt left by a buyout by the private equity firms QKR and Tarrowell Capital grew.")
    assert "Tarrowell Capital" in orgs
    assert not any(" and " in name for name in orgs)


def test_a_known_place_before_and_leaves_the_programme_after_it():
    campaigns = named(EntityKind.CAMPAIGN, "Early programmes include training for retailers in South Africa and "
                                           "Project Quillfruit, which helps mango growers in Kenya.")
    assert "Project Quillfruit" in campaigns


def test_two_known_places_are_no_programme():
    kinds = found("x", "In countries such as Niger, Mali, Senegal and Nigeria, the programme aims to protect migrants.")
    assert "Senegal and Nigeria" not in kinds


def test_a_word_before_a_known_company_is_listed_beside_it():
    orgs = organizations("Retailers including Walmart, Gap, Tarrowmart and VF Corporation launched an alliance.")
    assert {"Tarrowmart", "VF Corporation"} <= set(orgs)


def test_an_and_inside_a_known_name_is_the_names_own():
    orgs = organizations("The Trinidad and Tobago Quillcraft Teachers Association called a strike.")
    assert "Trinidad and Tobago Quillcraft Teachers Association" in orgs


def test_a_lone_word_after_a_known_campaign_and_and_is_no_campaign():
    kinds = found("x", "Protests were organised by the Fight for $15 and Fairness campaign.")
    assert "Fairness" not in kinds


def test_the_pass_runs_after_every_proposal_and_before_places_inside_names_promotes_one():
    names = pass_names()
    assert names.index("company-divisions") < names.index("joined-names") < names.index("places-inside-names")


def test_two_names_each_with_its_article_after_and_are_two():
    # (a known benefit after "and the": the successor's guess read both as one and won over the halves)
    campaigns = named(EntityKind.CAMPAIGN, "The first payments of the Tarrow Child Benefit, a single monthly payment "
                                           "that replaces the Quillbury Child Care Benefit and the Ontario Child Benefit.")
    assert {"Quillbury Child Care Benefit", "Ontario Child Benefit"} <= set(campaigns)
    assert not any(" and " in name for name in campaigns)


def test_two_defined_bodies_joined_by_and_the_are_two_and_the_letters_name_the_second():
    orgs = organizations("Employers, among them the Confederation of Quillbury Business and the Confederation of "
                         "Pemberton Farmers (CAP), signed. The CAP said it was pleased.")
    assert {"Confederation of Quillbury Business", "Confederation of Pemberton Farmers"} <= set(orgs)
    assert not any(" and " in name for name in orgs)


def test_a_name_whose_second_half_no_form_reads_stays_whole():
    campaigns = named(EntityKind.CAMPAIGN, "Donors back the Quillbury Plan of Action on the Safety of Miners and the "
                                           "Issue of Impunity, adopted in May.")
    assert "Quillbury Plan of Action on the Safety of Miners and the Issue of Impunity" in campaigns
