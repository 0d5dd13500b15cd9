"""The extractor's memos stay bounded in a long-running process, and what they remember is what was computed."""
from graph.extract import chunks, memo
from graph.extract.memo import keep
from graph.records import Field


def test_a_memo_never_holds_more_than_its_cap_and_keeps_the_latest_value():
    remembered: dict[int, int] = {}
    for k in range(25):
        assert keep(remembered, k, k * k, cap=10) == k * k
        assert len(remembered) <= 10
    assert remembered[24] == 576


def test_layouts_of_many_distinct_names_stay_under_their_cap(monkeypatch):
    monkeypatch.setattr(memo, "RUNS", 50)
    chunks._LAYOUTS.clear()
    names = [f"Zyx{i} Holdings Board" for i in range(200)]
    for name in names:
        found = chunks.find_chunks(f"Workers met {name} today.", Field.SUMMARY)
        assert [c.words for c in found][-1] == (f"Zyx{names.index(name)}", "Holdings", "Board")
    assert 0 < len(chunks._LAYOUTS) <= 50
