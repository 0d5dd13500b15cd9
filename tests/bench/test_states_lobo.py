"""bench.states_lobo: two code states compared batch by batch, each batch judged by the folds that hold it out."""
from bench.states_lobo import report
from graph.evaluate import TYPES, Score


def sets(campaigns: dict[str, tuple[int, int, int]]) -> dict[str, dict[str, Score]]:
    """Every set's counts: 5 of 5 right for each kind, campaigns as given (right, found, gold)."""
    result = {}
    for name in ("seed", "nonilo1", "nonilo2", "nonilo3"):
        result[name] = {k: Score(5, 5, 5, 5) for k in TYPES}
        right, found, gold = campaigns.get(name, (5, 5, 5))
        result[name]["campaigns"] = Score(right, found, right, gold)
    return result


def test_a_batch_gains_only_when_the_other_batches_choose_the_change():
    before = sets({"nonilo1": (3, 4, 6), "nonilo2": (4, 5, 6)})
    after = sets({"nonilo1": (5, 5, 6), "nonilo2": (5, 5, 6)})
    lines = report(before, after)
    assert lines[0] == "chosen by the folds holding out: 1 2 3"
    campaigns = next(line for line in lines if line.startswith("campaigns"))
    assert "(2 up, 0 down)" in campaigns and "1:" in campaigns and "2:" in campaigns


def test_a_change_seen_in_one_batch_only_gains_nothing_held_out():
    lines = report(sets({"nonilo1": (3, 4, 6)}), sets({"nonilo1": (5, 5, 6)}))
    assert lines[0] == "chosen by the folds holding out: 2 3"
    campaigns = next(line for line in lines if line.startswith("campaigns"))
    assert "+0.0000 (0 up, 0 down)" in campaigns
    assert any(line.strip().startswith("nonilo1") for line in lines)  # the set still shows it moved
