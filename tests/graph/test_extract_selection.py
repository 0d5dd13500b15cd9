"""Theme selection: a theme said once in passing, late in a story about other themes, is not what it is about."""
from graph.extract import Extractor
from graph.extract.selection import sentence_of
from graph.records import EntityKind, StoryRecord

EXTRACTOR = Extractor()


def themes(title: str, summary: str) -> set[str]:
    return {m.key for m in EXTRACTOR.extract(StoryRecord(title, summary, None)) if m.kind is EntityKind.THEME}


# two themes that are the subject (in the title, said twice), and a third sentence that adds context
SUBJECT = ("Dock workers strike over minimum wage",
           "Dock workers at Port Quillbury went on strike for a higher minimum wage. The strike closed the port "
           "for a week while the minimum wage talks went on. ")


def test_an_everyday_word_said_once_late_is_background_to_the_subject():
    assert themes(SUBJECT[0], SUBJECT[1] + "The port reopened after the pandemic.") == {"social-dialogue",
                                                                                        "working-conditions"}


def test_the_same_word_early_in_the_story_counts():
    assert "skills" in themes(SUBJECT[0], "After their training, dock workers at Port Quillbury went on strike for "
                                          "a higher minimum wage. The strike closed the port for a week.")


def test_a_word_said_twice_counts():
    assert "covid-19" in themes(SUBJECT[0], SUBJECT[1] + "The pandemic had cut the pandemic-era bonus.")


def test_a_phrase_label_counts_even_late():
    assert "child-labour" in themes(SUBJECT[0], SUBJECT[1] + "Inspectors also found child labour on the quays.")


def test_the_concepts_own_name_counts_even_late():
    assert "digitalization" in themes(SUBJECT[0], SUBJECT[1] + "The port plans more digitalization next year.")


def test_without_two_stronger_themes_a_late_word_stays():
    assert themes("Dock workers meet", "Dock workers at Port Quillbury met on Monday. They talked for hours about "
                                       "the port. The port reopened after the training.") >= {"skills"}


def test_sentences_are_counted_from_zero():
    text = "One sentence. A second one! And a third?"
    assert [sentence_of(text, text.index(w)) for w in ("One", "second", "third")] == [0, 1, 2]


def test_a_word_listed_with_another_themes_label_counts_even_late():
    assert "digitalization" in themes(SUBJECT[0], SUBJECT[1] + "The port will invest in sustainability and technology.")
