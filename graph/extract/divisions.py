"""A known company's name run on by capitalized words no finder reads: one of its divisions or subsidiaries."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Final, TYPE_CHECKING

from graph.extract.campaigns import LOWER_HEAD
from graph.extract.chunks import MONTHS, STOPWORDS, WEEKDAYS
from graph.extract.spans import GAZETTEER, ORGANIZATION, PLACE, SUMMARY, Span

if TYPE_CHECKING:
    from graph.extract.doc import Doc

# " Life Insurance", " Energy Solution", " Bros. Games", " & Sumitomo Metal": one to three capitalized words (a
# joining "&" allowed) right after the company's name, then no further capitalized word
# (another language's joining word between two of them: "CGT Azul y Blanca")
_TAIL: Final = re.compile(r"(?: &)?(?: [A-Z][\w'’./-]*)(?: (?:(?:y|e|et|und|de|del|da|do|dos|das|des|du|di) )?[A-Z][\w'’./-]*){0,2}")
_RUNS_ON: Final = re.compile(r" [A-Z0-9]")
_POSSESSIVE: Final = re.compile(r"['’]s?\b|['’]$")
# the words that make a company's name its legal or group form, not another organization
# a stop after the tail that ends a sentence, not an abbreviation's ("Warner Bros. Games")
_SENTENCE_END: Final = re.compile(r"\s+[A-Z]|$")
_ABBREVIATIONS: Final = frozenset(("Bros.", "Co.", "Cos.", "Corp.", "Inc.", "Ltd.", "Pty.", "Intl."))
# a known union's name run on the same way is one of its affiliates or sections ("FNV Bondgenoten")
_KNOWN: Final = frozenset(("known-company", "known-union"))
_SAME: Final = frozenset(("Group", "Holdings", "Corporation", "Company", "Incorporated", "Motor", "Motors"))
# a category union named by one word before its confederation's letters ("Filcams CGIL", "Nidil CGIL", "Fisascat
# CISL": batches 8 and 43; the hyphenated "FIOM-CGIL" is one word already): the word opens no longer run
_CATEGORY_WORD: Final = re.compile(r"[A-Z][\w'’-]*$")
_WORD_BEFORE: Final = re.compile(r"(\S+) $")


def _category_unions(doc: Doc) -> None:
    """A known union's capital letters after one capitalized word that opens its run and that nothing else reads
    (no title, month, stopword, listed given name, possessive, place, demonym or other name) name the union's category
    federation: "with Filcams CGIL, Fisascat CISL and Uiltucs" holds two organizations, not the confederations."""
    texts = doc.texts
    acronyms = [s for s in doc.candidates if s.source == "known-union" and s.field is SUMMARY and s.start > 1
                and texts[s.field][s.start - 1] == " " and texts[s.field][s.start:s.end].isupper()]
    if not acronyms:
        return
    res = doc.resources
    stop = (res.not_before_of | res.heads) | STOPWORDS | set(MONTHS) | set(WEEKDAYS)
    given = res.people.given_names
    for union in acronyms:
        text = texts[union.field]
        word = _CATEGORY_WORD.search(text, max(0, union.start - 40), union.start - 1)
        if word is None or word.group().lower() in stop or word.group() in given or _POSSESSIVE.search(word.group()) \
                or word.group().upper() == word.group() and len(word.group()) < 3:
            continue  # "Christian ACV-CSC" (a given name: an adjective or a person's), "Barrionuevo's CGT"
        before = _WORD_BEFORE.search(text, max(0, word.start() - 40), word.start())
        if word.start() and (before is not None and before.group(1)[-1] not in ",;:.(\"“‘'" and before.group(1)[0].isupper()
                             and before.group(1).lower() not in STOPWORDS):
            continue  # "the Grand Quarnel CGIL": the word does not open its run
        if any(s.field is union.field and s.start < word.end() and word.start() < s.end for s in doc.candidates):
            continue  # "Danish LO", "Maria CGIL": another reading holds the word
        doc.candidates.append(Span(ORGANIZATION, union.field, word.start(), union.end, GAZETTEER, "rule", 0.8,
                                   text[word.start():union.end], source="division"))


def company_divisions(doc: Doc) -> None:
    """Pass "company-divisions": "Hanwha Life Insurance", "LG Energy Solution", "Warner Bros. Games": a known company
    followed by capitalized words that are no title, month, place or other known name is one organization, not the
    company and a stray run; "Amazon Prime Day" (a campaign head), "Sony CEO ..." (a title) stay apart."""
    _category_unions(doc)
    texts, res = doc.texts, doc.resources
    # (in the summary only: a headline capitalizes what it stresses, "GM Silao plant", "Make Amazon Pay")
    companies = [s for s in doc.candidates if s.source in _KNOWN and s.field is SUMMARY
                 and texts[s.field][s.end:s.end + 1] == " " and (texts[s.field][s.end + 1:s.end + 2].isupper()
                                                                   or texts[s.field][s.end + 1:s.end + 2] == "&")]
    if not companies:
        return
    # titles and cue words ("Sony CEO"), campaign and place heads ("Amazon Prime Day"), months and stopwords
    stop = (res.not_before_of | res.heads) - res.organization_heads | STOPWORDS | set(MONTHS) | set(WEEKDAYS)
    inside = [s for s in doc.candidates if s.kind is not PLACE]
    taken = 0
    for company in companies:
        text = texts[company.field]
        if company.start < taken or any(s.field is company.field and s.start < company.start < s.end for s in inside):
            continue  # "Make Amazon Pay", "Nippon Steel & Sumitomo Metal": inside a longer name already
        tail = _TAIL.match(text, company.end)
        if tail is None:
            continue
        end = tail.end()
        last = tail.group().rsplit(None, 1)[-1]
        if last[-1] == "." and last not in res.legal_forms and last not in _ABBREVIATIONS and _SENTENCE_END.match(text, end):
            end -= 1  # "rode for Uber Eats. The union ...": the sentence's stop, not the name's
        elif _RUNS_ON.match(text, end):
            continue
        if _POSSESSIVE.search(tail.group()):
            continue  # "Microsoft Corporation's report": what belongs to it, not a division
        if LOWER_HEAD.match(text, end):
            continue  # "its Nokia Bridge programme": the company's programme, not a division
        words = [w.rstrip(".") for w in tail.group().split() if w != "&" and not w.islower()]
        if any(w.lower() in stop for w in words):
            continue
        if any(s.field is company.field and company.end < s.start < end and s.kind is not ORGANIZATION
               for s in doc.candidates):
            continue  # "Microsoft Japan", "Nestlé Nigeria": a place after it (the "branches" pass's), or a person
        taken = end
        if all(w in res.legal_forms or w + "." in res.legal_forms or w in _SAME for w in words):
            # "Trip.com Group Limited", "Hennes & Mauritz AB": the company itself, in its legal form
            doc.candidates.append(replace(company, end=end, source="division"))
            continue
        doc.candidates.append(Span(ORGANIZATION, company.field, company.start, end, GAZETTEER, "rule", 0.8,
                                   text[company.start:end], source="division"))
