"""The extraction pipeline: named passes in one list, run in order, extendable without editing the others."""
from pathlib import Path

import pytest

from graph.extract import PASSES, Extractor
from graph.extract.gates import Gate
from graph.extract.pipeline import Pass, inserted, pass_names
from graph.extract.spans import PATTERN, Span
from graph.records import EntityKind, Field, StoryRecord
from graph.sources import parse

STORY = StoryRecord("ILO and UNICEF launch campaign", "Guy Ryder said the Decent Jobs Initiative starts in Quillbury.", None)


def test_passes_run_in_the_declared_order():
    seen = []
    passes = tuple(Pass(p.name, lambda doc, p=p: (seen.append(p.name), p.run(doc))) for p in PASSES)
    Extractor(passes=passes).extract(STORY)
    assert seen == pass_names()


def test_every_pass_has_a_distinct_name():
    assert len(set(pass_names())) == len(PASSES)


def test_a_pass_added_after_arbitration_contributes_mentions():
    def quillbury_is_a_company(doc):
        text = doc.texts[Field.SUMMARY]
        at = text.find("Quillbury")
        span = Span(EntityKind.ORGANIZATION, Field.SUMMARY, at, at + 9, PATTERN, "rule", 0.6, "Quillbury Ltd")
        doc.claims.add(span)
        doc.accept([span])

    extractor = Extractor()
    extractor.add_pass("quillbury-is-a-company", quillbury_is_a_company, after="arbitrate")
    assert extractor.pass_names.index("quillbury-is-a-company") == extractor.pass_names.index("arbitrate") + 1
    kinds = {m.text: m.kind for m in extractor.extract(STORY)}
    assert kinds["Quillbury"] is EntityKind.ORGANIZATION  # claimed before "guessed-places" could read it as a town


def test_adding_a_pass_leaves_other_extractors_alone():
    extractor = Extractor()
    extractor.add_pass("nothing", lambda doc: None, before="chunks")
    assert extractor.pass_names[0] == "nothing"
    assert Extractor().pass_names == pass_names()


def test_unknown_anchor_names_the_passes():
    with pytest.raises(ValueError, match="arbitrate"):
        inserted(PASSES, Pass("x", lambda doc: None), after="no-such-pass")


def test_duplicate_pass_name_is_refused():
    with pytest.raises(ValueError, match="already"):
        inserted(PASSES, Pass("people", lambda doc: None))


def test_run_until_stops_before_the_named_pass():
    doc = Extractor().run(STORY, until="arbitrate")
    assert doc.candidates and not doc.accepted


def test_a_pass_with_cues_is_skipped_only_where_it_would_find_nothing():
    gated = [p for p in PASSES if p.cues]
    assert gated and Gate(PASSES).needs.count(None) == len(PASSES) - len(gated)
    # every annotated story, extracted with the cues' gates and with every pass run: the same mentions
    stories = [s for path in sorted((Path(__file__).parents[1] / "data").glob("*-stories.txt")) for s in parse(path).stories]
    ungated = Extractor(passes=tuple(Pass(p.name, p.run) for p in PASSES))
    extractor = Extractor()
    skipped = 0
    for story in stories:
        present = extractor._gate.present(extractor.run(story, until="chunks").folded.values())
        skipped += sum(needs is not None and needs.isdisjoint(present) for needs in extractor._gate.needs)
        assert extractor.extract(story) == ungated.extract(story), story.title
    assert skipped > len(stories)  # the gates did skip passes (most stories lack most cues)


def test_a_story_without_a_cue_skips_the_pass():
    calls = []
    passes = (*PASSES, Pass("watch", lambda doc: calls.append(doc.story.title), cues=("quillbury",)))
    extractor = Extractor(passes=passes)
    extractor.extract(StoryRecord("A new plan", "Nothing named here.", None))
    extractor.extract(STORY)
    assert calls == [STORY.title]


def test_extracting_many_stories_at_once_gives_each_story_what_extracting_it_alone_gives():
    # every annotated story, in batches of several sizes (the last batch short): the same mentions, in the same order
    stories = [s for path in sorted((Path(__file__).parents[1] / "data").glob("*-stories.txt")) for s in parse(path).stories]
    extractor = Extractor()
    alone = [extractor.extract(story) for story in stories]
    assert any(alone)
    for batch in (1, 7, 32, len(stories) + 1):
        assert list(extractor.extract_many(stories, batch)) == alone


def test_extracting_many_runs_each_pass_over_the_batch_before_the_next_pass():
    seen = []
    passes = tuple(Pass(p.name, lambda doc, p=p: (seen.append((p.name, doc.story.title)), p.run(doc))) for p in PASSES)
    other = StoryRecord("Rengo elects a president", "Tomoko Yoshino leads Rengo.", None)
    list(Extractor(passes=passes).extract_many([STORY, other], batch=2))
    assert [name for name, _ in seen[:2]] == ["chunks", "chunks"]
    assert [title for _, title in seen[:2]] == [STORY.title, other.title]
    assert [name for name, _ in seen[::2]] == pass_names()  # (the wrapped passes declare no cues: all run for both)


def test_a_batch_holds_at_least_one_story():
    with pytest.raises(ValueError, match="one story or more"):
        list(Extractor().extract_many([STORY], batch=0))


def test_extracting_many_with_a_subclass_that_extracts_its_own_way_uses_its_extract():
    class Shouting(Extractor):
        def extract(self, story):  # type: ignore[no-untyped-def]
            return [m for m in super().extract(story) if m.text.isupper()]

    assert list(Shouting().extract_many([STORY])) == [Shouting().extract(STORY)] != [Extractor().extract(STORY)]
