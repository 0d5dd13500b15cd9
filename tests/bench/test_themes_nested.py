"""bench.themes_nested: which batches a nested model learns from, and the story weights of its variants."""
import numpy as np

from bench.themes_nested import VARIANTS, batch_of, newest_before, summary, training_sets
from bench.train_themes import BATCHES, train


def test_a_held_out_batch_is_scored_by_models_of_the_batches_before_it():
    k = BATCHES[-1]
    earlier = [b for b in BATCHES if b < k]
    assert newest_before(k, 1) == earlier[-1]
    assert newest_before(k, 3) == earlier[-3]  # two fewer open batches
    sets = training_sets(VARIANTS["shipped"], newest_before(k, 1))
    assert f"nonilo{k}" not in sets and "seed" in sets and f"nonilo{earlier[-1]}" in sets


def test_the_gap_skips_batch_numbers_never_opened():
    if 24 not in BATCHES and 26 in BATCHES and 23 in BATCHES:
        assert newest_before(27, 2) == 23  # 26, then 23: 24 and 25 were never opened


def test_variants_leave_out_the_ilo_sets_or_the_oldest_batches():
    assert not any(batch_of(n) is None for n in training_sets(VARIANTS["no-ilo"], 30))
    assert all((batch_of(n) or 10) >= 10 for n in training_sets(VARIANTS["from-10"], 30))
    assert "seed" in training_sets(VARIANTS["from-10"], 30)


def test_recent_weights_halve_ten_batches_back():
    weight = VARIANTS["recent-10"].weight
    assert weight("nonilo30", 30) == 1.0 and abs(weight("nonilo20", 30) - 0.5) < 1e-12 and weight("seed", 30) == 1.0


def test_unit_weights_give_the_shipped_fit_and_weights_move_it():
    data = [({"strike", "union"}, {"sd"}), ({"strike", "wage"}, {"sd", "wc"}), ({"wage", "hour"}, {"wc"}),
            ({"union", "hour"}, {"sd"})]
    v, b, w = train(data, ["sd", "wc"], min_count=1, steps=50)
    v1, b1, w1 = train(data, ["sd", "wc"], min_count=1, steps=50, weights=[2.0] * 4)  # scaled to mean 1
    assert v == v1 and np.array_equal(b, b1) and np.allclose(w, w1)
    _, _, w2 = train(data, ["sd", "wc"], min_count=1, steps=50, weights=[1.0, 1.0, 5.0, 1.0])
    assert w2[v.index("hour"), 1] > w[v.index("hour"), 1]  # the heavier "wage hour" story teaches "hour" -> wc more


def test_summary_counts_batches_up_and_down():
    assert summary([0.01, -0.02, 0.0]).startswith("-0.0033") and "1 up / 1 down" in summary([0.01, -0.02, 0.0])
