"""bench.passes_lobo: which pipelines it compares, and when a fold chooses the passes."""
from bench.passes_lobo import chosen, pipelines
from graph.evaluate import TYPES, Score
from graph.extract.pipeline import pass_names


def counts(right: int, found: int, gold: int, kind: str = "campaigns") -> dict[str, Score]:
    scores = {k: Score(5, 5, 5, 5) for k in TYPES}
    scores[kind] = Score(right, found, right, gold)
    return scores


def test_a_shipped_pass_is_compared_by_leaving_it_out():
    without, with_ = pipelines(["action-names"])
    assert "action-names" not in pass_names(without)
    assert pass_names(with_) == pass_names()


def test_a_candidate_is_compared_by_putting_it_in_after_its_anchor():
    without, with_ = pipelines(["at-most-four-themes"])
    assert pass_names(without) == pass_names()
    names = pass_names(with_)
    assert names.index("at-most-four-themes") == names.index("learned-themes") + 1


def test_a_fold_chooses_passes_that_raise_a_kind_and_lower_none():
    assert chosen([counts(5, 6, 10)], [counts(7, 8, 10)])


def test_a_fold_refuses_passes_that_cost_precision_or_change_nothing():
    assert not chosen([counts(5, 6, 10)], [counts(6, 9, 10)])  # recall up, precision down
    assert not chosen([counts(5, 6, 10)], [counts(5, 6, 10)])


def test_vocabulary_candidates_are_read_beside_the_shipped_ontology(tmp_path):
    from pathlib import Path

    from bench.passes_lobo import with_labels
    from graph.extract.knowledge import load

    extra = tmp_path / "themes-more.ttl"
    extra.write_text('@prefix sg: <https://w3id.org/storygraph#> .\n@prefix theme: <https://w3id.org/storygraph/theme/> .\n'
                     'theme:leadership sg:officeVerb "crowns"@en .\n', encoding="utf-8")
    folder = tmp_path / "ontology"
    folder.mkdir()
    knowledge = load(with_labels([Path(extra)], folder))
    leadership = next(t for t in knowledge.themes if t.id == "leadership")
    assert "crowns" in leadership.office_verbs
    assert "elects" in leadership.office_verbs  # the shipped words stay
