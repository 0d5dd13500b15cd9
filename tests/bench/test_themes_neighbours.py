"""bench.themes_neighbours: nearest-neighbour label transfer as theme evidence (round themes58)."""
import pytest

from graph.extract.learned import logit

from bench.themes_decide import Story
from bench.themes_neighbours import SHIPPED, Neighbours, Setting, Voted, decide, f1, grid


def _voted(base: set[str], scores: dict[str, float], vote: dict[str, float], gold: set[str],
           lone: set[str] = frozenset()) -> Voted:
    return Voted(Story(set(base), set(lone), scores, set(scores), gold), {k: vote for k in (5, 10, 20, 40)})


def test_the_neighbours_vote_with_their_similarity():
    data = [({"strike", "docker", "port"}, {"sd"}), ({"strike", "docker", "wage"}, {"sd", "wc"}),
            ({"harvest", "cocoa", "child"}, {"cl"}), ({"harvest", "cocoa", "farm"}, {"rd"})]
    near = Neighbours.build(data, ["sd", "wc", "cl", "rd"], min_count=1)
    (by_k,) = near.votes([{"strike", "docker"}], [1, 2])
    assert by_k[2].tolist() == pytest.approx([1.0, 0.5, 0.0, 0.0])  # the two dock strikes, equally near
    (far,) = near.votes([{"parliament"}], [2])
    assert far[2].tolist() == [0.0, 0.0, 0.0, 0.0]  # shares no stem: no vote


def test_the_shipped_setting_is_the_model_alone_at_the_shipped_bar():
    story = _voted({"a"}, {"a": 2.0, "b": logit(0.5), "c": logit(0.3)}, {"c": 1.0}, {"a", "b"})
    assert decide(story, SHIPPED) == {"a", "b"}
    assert decide(story, Setting(5, 1.0, 0.45)) == {"a", "c"}  # the vote alone picks c
    assert decide(story, Setting(5, 0.5, 0.45)) == {"a", "c"}  # 0.15 + 0.5 against 0.25 + 0
    assert decide(story, Setting(5, 0.5, 0.7)) == {"a"}  # under the bar
    assert f1([story], SHIPPED) == 1.0
    assert f1([story], Setting(5, 1.0, 0.45)) == 0.5  # a right, c wrong, b missed


def test_the_drop_spares_the_likeliest_and_the_grid_starts_with_the_pass_as_shipped():
    story = _voted({"a", "b"}, {"a": logit(0.3), "b": logit(0.2), "e": -9.0}, {"a": 0.0, "b": 0.0}, set(),
                   lone={"a", "b"})
    assert decide(story, Setting(5, 0.5, 0.99, 0.12)) == {"a"}  # b: 0.1 < 0.12; a (0.15) is the likeliest
    assert all(g[0] == SHIPPED for g in (grid("model"), grid("knn"), grid("blend+drop")))


def test_one_story_at_a_time_votes_as_the_batch_does():
    data = [({"strike", "docker", "port"}, {"sd"}), ({"strike", "docker", "wage"}, {"sd", "wc"}),
            ({"harvest", "cocoa", "child"}, {"cl"}), ({"harvest", "cocoa", "farm"}, {"rd"}),
            ({"port", "wage", "cocoa"}, {"wc"})]
    near = Neighbours.build(data, ["sd", "wc", "cl", "rd"], min_count=1)
    loaded = near.postings()
    for title, summary, feats in (("dockers strike", "the port is shut over wages", {"docker", "strike", "port", "wage"}),
                                  ("cocoa harvest", "a child on the farm", {"cocoa", "harvest", "child", "farm"})):
        (by_k,) = near.votes([feats], [3])
        assert near.vote_one(loaded, title, summary, 3).tolist() == pytest.approx(by_k[3].tolist())
    assert near.vote_one(loaded, "parliament", "sits", 3).tolist() == [0.0, 0.0, 0.0, 0.0]


def test_the_floors_hold_back_an_addition_the_model_or_the_neighbours_doubt():
    story = _voted({"a"}, {"a": 2.0, "b": logit(0.25), "c": logit(0.1)}, {"b": 0.6, "c": 0.2}, {"a", "b"})
    assert decide(story, Setting(5, 0.5, 0.35)) == {"a", "b"}  # 0.125 + 0.3
    assert decide(story, Setting(5, 0.5, 0.35, floor=0.3)) == {"a"}  # the model gives b 0.25
    assert decide(story, Setting(5, 0.5, 0.35, agree=0.7)) == {"a"}  # the vote is 0.6
    assert f1([story], Setting(5, 0.5, 0.35, floor=0.2, agree=0.6)) == 1.0
