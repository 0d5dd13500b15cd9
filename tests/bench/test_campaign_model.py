"""bench.campaign_model: which spans of a story become campaign candidates, and what the classifier reads of them."""
from bench.campaign_model import Candidate, Scored, campaign_score, candidates_of

TEXT = 'Unions in Chicago joined the Fight for $15 campaign, and "Red for Ed" teachers marched, the AFL-CIO said.'


def _names(claimed=()):
    return [name for name, _, _ in candidates_of(TEXT, list(claimed), in_title=False)]


def test_a_capitalised_run_goes_on_over_function_words_and_loses_its_article():
    names = _names()
    assert "Fight for $15" in names
    assert "Red for Ed" in names
    assert "Unions in Chicago" in names  # joined over "in": a place the extractor claims is taken out first


def test_a_span_the_extractor_claimed_is_no_candidate():
    start = TEXT.index("Chicago")
    names = _names([(start, start + len("Chicago"))])
    assert "Unions" in names
    assert not [name for name in names if "Chicago" in name]


def test_the_classifier_reads_the_words_around_a_candidate():
    features = dict((name, feats) for name, feats, _ in candidates_of(TEXT, [], in_title=True))["Fight for $15"]
    assert {"head=$15", "w=fight", "l1=the", "r1=campaign", "digits", "inner-lower", "in-title"} <= features
    assert "near=joined" in features
    assert "quoted" in dict((n, f) for n, f, _ in candidates_of(TEXT, [], in_title=False))["Red for Ed"]


def test_an_added_candidate_scores_by_the_gold_rules():
    gold = [{"campaigns": ["Fight for $15"], "optional": ["Red for Ed"]}]
    data = Scored(gold, [None], [], {})
    assert (campaign_score(data).recall, campaign_score(data).precision) == (0.0, 1.0)
    right, optional, wrong = (Candidate(0, text, frozenset(), None) for text in ("Fight for $15", "Red for Ed", "AFL"))
    after = campaign_score(data, [right, optional, wrong])
    assert (after.matched_gold, after.matched_predictions, after.predictions) == (1, 1, 2)
