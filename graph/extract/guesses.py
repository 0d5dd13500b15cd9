"""People the finder guessed, read again beside the story's other names: the readings of graph/extract/surnames.py,
shortnames.py, glosses.py, things.py and employers.py, in that order, over one list of the story's people."""
from __future__ import annotations

from typing import Final, TYPE_CHECKING

from graph.extract.employers import employer_people
from graph.extract.glosses import glossed_bodies
from graph.extract.shortnames import company_short_names
from graph.extract.surnames import company_surnames
from graph.extract.things import articled_names
from graph.extract.spans import PERSON

if TYPE_CHECKING:
    from graph.extract.doc import Doc
    from graph.extract.spans import Span

# each takes the story's people found by rule and says whether it changed any
READINGS: Final = (company_surnames, company_short_names, glossed_bodies, articled_names, employer_people)


def guessed_people(doc: Doc) -> None:
    """Pass "guessed-people": "Premier Doug Ford" is one person beside the company Ford; "Top Glove says" beside "Top
    Glove Corporation Bhd" is the company; "the Labour Party (Partai Buruh)" glosses the party; "Lancet Countdown: …"
    beside "the Lancet Countdown" names a thing; "delivered for Hungry Panda" an employer (one scan of the story's
    people for the five readings: five passes cost five scans)."""
    people = _people(doc)
    for reading in READINGS:
        if not people:
            return
        if reading(doc, people):
            people = _people(doc)


def _people(doc: Doc) -> list[Span]:
    person = PERSON
    return [s for s in doc.accepted if s.kind is person and s.method == "rule"]
