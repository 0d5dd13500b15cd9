"""bench.themes_variants: how each variant of the learned addition changes one story's themes."""
from bench.themes_variants import counts

# a story the rules gave "pay" (one mention) and "unions" (three); the model finds "pay" unlikely and "jobs" likely
STORY = ({"pay": 1, "unions": 3}, {"pay": 0.02, "unions": 0.9, "jobs": 0.65, "care": 0.1}, {"unions", "jobs"})


def test_the_shipped_addition_gives_a_story_with_two_themes_its_likely_third():
    assert counts([STORY]) == (2, 3, 2)  # right, found, gold: "jobs" (0.65) joins "pay" and "unions"
    assert counts([STORY], add_at=0.6, have_below=2) == (1, 2, 2)  # the addition before round extract21 left it alone


def test_dropping_a_doubted_lone_theme_makes_room_for_the_likely_one():
    assert counts([STORY], drop_below=0.05) == (2, 2, 2)


def test_a_story_keeps_its_last_theme_however_doubted():
    lone = ({"pay": 1}, {"pay": 0.01, "jobs": 0.3}, {"jobs"})
    assert counts([lone], drop_below=0.05) == (0, 1, 1)


def test_a_theme_of_its_own_threshold_is_added_only_over_it():
    one = ({"unions": 2}, {"unions": 0.9, "jobs": 0.55, "care": 0.45}, {"unions", "care"})
    assert counts([one], add_at=0.6) == (1, 1, 2)  # nothing reaches 0.6
    assert counts([one], add_at=0.6, per_theme={"care": 0.4}) == (2, 2, 2)


def test_the_veto_drops_the_least_likely_theme_said_once_among_three():
    three = ({"pay": 1, "unions": 3, "care": 1}, {"pay": 0.02, "unions": 0.9, "care": 0.05}, {"unions", "care"})
    assert counts([three], veto_at=0.08) == (2, 2, 2)  # pay goes, care (also doubted, less so) stays
    assert counts([three[:3] + ({"pay"},)], veto_at=0.08) == (1, 2, 2)  # pay spared (its own name): care goes instead
    assert counts([STORY], veto_at=0.08, have_below=2) == (1, 2, 2)  # two themes: none vetoed
