"""Action names: a quoted name before a strike or a pledge, and a name before "dispute", "roadmap" or "protests"."""
from graph.extract.actions import quoted_names
from graph.extract.pipeline import pass_names
from graph.records import EntityKind
from tests.graph.extracted import found


def campaigns(title: str, summary: str) -> set[str]:
    return {name for name, kind in found(title, summary).items() if kind is EntityKind.CAMPAIGN}


def test_a_quoted_name_before_a_strike_or_a_pledge_is_a_campaign():
    names = campaigns("Quillbury cooks begin an open-ended 'Silver Ladle Revolt' strike",
                      "Cooks at 200 canteens asked diners to sign a 'No menu, no meal' pledge on Monday.")
    assert {"Silver Ladle Revolt", "No menu, no meal"} <= names


def test_a_slogan_with_an_apostrophe_inside_is_one_campaign():
    names = campaigns("Tarrow porters settle", "The dispute was fought under the slogan 'Unpaid hours won't carry' "
                                              "for two months.")
    assert "Unpaid hours won't carry" in names


def test_a_quote_before_another_noun_or_speech_is_no_campaign():
    text = "The report 'Lost in Transit' said 'We will not wait,' and the 'Quill Plan' budget grew."
    assert quoted_names(text) == []


def test_a_name_before_a_lower_case_dispute_or_roadmap_is_a_campaign():
    names = campaigns("Marrowby lecturers strike", "The union's Five Demands dispute continues, and the agency "
                                                   "published its Green Harbour roadmap.")
    assert {"Five Demands", "Green Harbour"} <= names


def test_an_owner_before_the_name_and_a_figure_after_it():
    names = campaigns("Tarrow's Youth 404 protests spread", "Students joined the protests in three cities.")
    assert "Youth 404" in names
    assert not any(name.startswith("Tarrow") for name in names)


def test_one_word_or_a_known_name_before_the_noun_is_no_campaign():
    kinds = found("Amazon dispute drags on", "The Quillbury protests and the Amazon dispute went on in Germany.")
    assert "Quillbury" not in kinds
    assert kinds.get("Amazon") is EntityKind.ORGANIZATION


def test_the_pass_runs_before_arbitration():
    names = pass_names()
    assert names.index("programme-forms") < names.index("action-names") < names.index("arbitrate")


def test_a_quoted_name_before_an_initiative_or_a_petition_is_a_campaign():
    names = campaigns("Marrowby voters back the 'Fair rents now' initiative",
                      "Tenants handed in a 'Keep the Quill Library' petition on Monday.")
    assert {"Fair rents now", "Keep the Quill Library"} <= names


def test_a_quoted_name_after_a_campaign_noun_is_a_campaign():
    names = campaigns("Tarrow voters decide", "Voters approved the popular initiative 'Against new tolls', launched "
                                              "by the Quill Party, and the union's campaign 'Não vou ceder' ('I won't "
                                              "give in') goes on.")
    assert {"Against new tolls", "Não vou ceder"} <= names


def test_speech_or_a_lower_case_quote_after_a_campaign_noun_is_no_campaign():
    text = "She said the campaign 'will go on until we win' and the initiative 'Is this fair? No.' stalled."
    assert quoted_names(text) == []
