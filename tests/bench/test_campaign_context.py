"""bench.campaign_context: how a missed gold campaign is sorted, which spans are candidates, how a change is counted."""
import datetime as dt

from bench.campaign_context import Candidate, Data, anatomy_of, candidates_of, quick_gain
from graph.evaluate import Report, Score
from graph.records import EntityKind, Field, Mention, StoryRecord

SUMMARY = "Workers enrolled in the Samurdhi scheme, said the Aurat March, run by the Workers Union."
STORY = StoryRecord(title="A scheme for workers", summary=SUMMARY, date=dt.date(2024, 1, 1))


def _mention(kind: EntityKind, text: str) -> Mention:
    start = SUMMARY.index(text)
    return Mention(kind, text, Field.SUMMARY, start, start + len(text), "test", 1.0, text)


def test_a_missed_campaign_no_span_covers_is_absent():
    assert anatomy_of(STORY, [], "Samurdhi") == ("absent", "")


def test_a_missed_campaign_extracted_as_an_organization_is_another_kind():
    mentions = [_mention(EntityKind.ORGANIZATION, "Aurat March")]
    assert anatomy_of(STORY, mentions, {"name": "Aurat March", "aliases": []}) == ("other kind", "organization")


def test_a_missed_campaign_a_longer_span_covers_is_a_boundary_error_and_a_theme_is_not_a_name():
    mentions = [_mention(EntityKind.CAMPAIGN, "Samurdhi scheme"), _mention(EntityKind.THEME, "Workers")]
    assert anatomy_of(STORY, mentions, "Samurdhi") == ("boundary", "campaign")
    assert anatomy_of(STORY, mentions[1:], "Workers Union") == ("absent", "")


def test_a_name_the_story_never_writes_is_not_written():
    assert anatomy_of(STORY, [], {"name": "Samurdhi Programme", "aliases": ["Samurdhi Welfare"]}) == ("not written", "")


def test_an_organization_is_a_candidate_to_re_kind_and_a_person_is_none():
    item = {"campaigns": ["Aurat March"], "places": [], "optional": []}
    mentions = [_mention(EntityKind.ORGANIZATION, "Aurat March"), _mention(EntityKind.PERSON, "Workers Union")]
    found = {c.text: c for c in candidates_of(0, STORY, mentions, item)}
    assert found["Aurat March"].rekind and found["Aurat March"].label
    assert {"org-exact", "l1=the", "near=run"} <= found["Aurat March"].features
    assert "Workers Union" not in found
    assert found["Samurdhi"].label is False and "unclaimed" in found["Samurdhi"].features


def test_a_re_kinded_organization_counts_for_campaigns_and_against_organizations():
    gold = [{"campaigns": ["Aurat March"], "organizations": ["Workers Union"], "optional": []}]
    before = Report({"campaigns": Score(0, 0, 0, 1), "organizations": Score(1, 2, 1, 1)}, [], 1)
    predicted = [{"campaigns": [], "organizations": [{"aurat march"}, {"workers union"}]}]
    data = Data("x", gold, [], [], before, [], [], predicted)
    right = Candidate(0, Field.SUMMARY, 0, 0, "Aurat March", frozenset(), True, True)
    # campaigns 0 -> 1 F1; organizations 0.667 -> 1 (the wrong organization is gone)
    assert abs(quick_gain(data, [right]) - (1.0 + 1 / 3)) < 1e-9
