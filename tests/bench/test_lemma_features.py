"""bench.lemma_features and bench.lemma_table: a word's lemma feature, and a model read back through the same function."""
from bench.lemma_features import LemmaModel, features, lemma_key, title_pairs
from bench.lemma_table import british, related

TABLE = {"unionised": "union", "unionisation": "union", "unions": "union", "tractors": "tractor",
         "harvested": "harvest", "harvesting": "harvest"}


def test_a_word_reads_as_its_table_lemma_else_its_stem():
    key = lemma_key(TABLE)
    assert key("unionised") == key("unionisation") == key("unions") == key("union") == "union"
    assert key("tractors'") == "tractor"  # a plural possessive
    assert key("harvested") == "harvest"
    assert key("ploughs") == "plough"  # not in the table: the stem
    assert key("'") == "'"  # never the empty feature, which the model's file reads as a theme's bias


def test_the_title_pairs_break_at_function_words():
    key = lemma_key(TABLE)
    assert title_pairs("farmers harvesting early in the valley", key) == {"farmer harvest", "harvest early"}


def test_a_model_reads_a_story_as_its_training_read_it():
    key = lemma_key(TABLE)
    rows = ["rural-development\t\t-2.0", "rural-development\tharvest\t1.5", "rural-development\ttractor\t0.5",
            "social-dialogue\t\t-2.0", "social-dialogue\tunion\t2.0"]
    model = LemmaModel.from_lines(rows, TABLE)
    title, summary = "growers unionised after the harvesting season", "tractors' prices and the unions' demands"
    assert model.features(title, summary) == features(title, summary, key, False) & model.rows.keys()
    assert model.features(title, summary) == {"union", "harvest", "tractor"}
    assert model.biases == (-2.0, -2.0)


def test_a_derivation_joins_a_word_and_its_derivational_ending_only():
    assert related("retrench", "retrenchment") and related("migrate", "migration") and related("union", "unionize")
    assert not related("union", "unite") and not related("employ", "employer") and not related("stand", "standard")
    assert british("unionization") == {"unionisation"} and "labourer" in british("laborer")
