"""Themes: labels of the SKOS scheme found in the text, tolerant of number and UK/US spelling."""
from __future__ import annotations

import re
from typing import Final, TYPE_CHECKING

from graph.extract.folding import fold
from graph.extract.knowledge import Theme
from graph.extract.spans import ORGANIZATION, PERSON, Span, THEME, TITLE, inside
from graph.records import Field

if TYPE_CHECKING:
    from graph.extract.doc import Doc

# Spelling pairs writers use interchangeably; each label is indexed under every combination.
_SPELLINGS: Final = (("labour", "labor"), ("our", "or"), ("isation", "ization"), ("ise", "ize"), ("centre", "center"),
                     ("programme", "program"), ("ence", "ense"))
_IRREGULAR: Final = {"woman": "women", "man": "men", "child": "children", "person": "people", "crisis": "crises"}
_IRREGULAR.update({v: k for k, v in _IRREGULAR.items()})
# "Minister for Employment and Workplace Relations", "Labour and Employment Minister", "ministers for employment":
# a portfolio names an office, not what the story is about
_OFFICE_WORDS: Final = ("inister", "ecretar", "ommissioner", "irector", "Head of")  # (substring tests: a regex of these
# alternatives, having no first letter in common, would be tried at every position of the text)
# read from a label back to the office ("... for Jobs and Social Rights") and forward to it ("... and Employment Minister")
_OFFICE_BEFORE: Final = re.compile(r"\b(?:[Mm]inisters?|[Ss]ecretary|[Ss]ecretaries|[Cc]ommissioners?|[Dd]irectors?|Head)"
                                   r"(?: of State| General)? (?:of|for) (?:the )?(?:[A-Z][\w'’-]*(?:,| and| &| of)? )*$")
_OFFICE_AFTER: Final = re.compile(r"(?:(?:,| and| &)? [A-Z][\w'’-]*)* (?:Minister|Secretary|Commissioner)\b")


# "ordered it to pay compensation", "pays 500 rupees a month": a noun label (sg:nounLabel) used as a verb names an
# act, not the theme's thing ("pay" the verb is not "pay" the wage); the words around it say which
_BEFORE_VERB: Final = frozenset("to will would must can could should may might shall did does do not cannot".split())
_AFTER_VERB: Final = frozenset("the a an its their his her each for up off out them it every".split())


# "employs 8,000 workers", "employed several thousand", "employ hundreds": a company or plant said to employ a
# number of people makes the story about its jobs (employment in the readers' gold in 36 of 48 open stories that say
# it; round themes60 in tests/data/NONILO.md). No label can say a number, so the form is a pattern, tried only where
# "employ" is said
_EMPLOYS: Final = re.compile(
    r"\bemploy(?:s|ed|ing)? (?:(?:about|around|almost|nearly|over|more than|some|roughly|up to|at least|close to|"
    r"an estimated|approximately|just over|just under|fewer than|less than) )?(?:\d[\d,.]*|several|hundreds|thousands|"
    r"tens of thousands|dozens|a few|(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|a) "
    r"(?:hundred|thousand|million))\b", re.IGNORECASE)
_EMPLOYMENT: Final = "employment"


# names whose sg:theme is only a weak label: a union or a company is named in many stories not about its theme
_WEAK_SOURCES: Final = frozenset({"known-union", "known-company"})


def _names_an_office(text: str) -> bool:
    """Whether an office's word is in the text at all (one substring test each, no generator: a test per field)."""
    for word in _OFFICE_WORDS:
        if word in text:
            return True
    return False


def verb_use(text: str, start: int, end: int) -> bool:
    """Whether the one word at [start, end) is used as a verb: after "to" or a modal, or before an object."""
    before = text[max(0, start - 12):start].split()
    if before and before[-1].lower() in _BEFORE_VERB:
        return True
    after = text[end:end + 16].split()
    return bool(after) and (after[0].lower().rstrip(".,") in _AFTER_VERB or after[0][:1].isdigit()
                            or after[0][:1] in "$€£¥" or after[0][:3].isupper() and after[0][:3].isalpha() and
                            after[0][3:4] in ("$", ""))


def in_office(text: str, start: int, end: int) -> bool:
    """Whether the label at [start, end) is a portfolio in an office's title ("Minister for Jobs and Social Rights",
    "Labour and Employment Minister", "ministers for employment"): the office, not what the story is about."""
    if text[start:start + 1].isupper():
        if _OFFICE_AFTER.match(text, end) is not None:
            return True
    elif text[start - 4:start] != "for " and text[start - 3:start] != "of ":
        return False  # a label in small letters is a portfolio only right after "ministers for"
    return _OFFICE_BEFORE.search(text, max(0, start - 90), start) is not None


def _number_forms(word: str) -> set[str]:
    forms = {word}
    if word in _IRREGULAR:
        forms.add(_IRREGULAR[word])
    elif word.endswith("ies") and len(word) > 4:
        forms.add(word[:-3] + "y")
    elif word.endswith(("ches", "shes", "sses", "xes")):
        forms.add(word[:-2])
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        forms.add(word[:-1])
    elif word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms.add(word[:-1] + "ies")
    elif word.endswith(("ch", "sh", "ss", "x")):
        forms.add(word + "es")
    elif word[-1:].isalpha() and len(word) > 2:
        forms.add(word + "s")
    return forms


def label_forms(label: str) -> set[str]:
    """Every folded spelling of a label: last word singular/plural, UK/US, hyphen or space, verb forms."""
    base = fold(label).strip()
    forms = {base}
    for uk, us in _SPELLINGS:
        for form in list(forms):
            forms.add(re.sub(rf"{uk}\b", us, form))
            forms.add(re.sub(rf"{us}\b", uk, form))
    for form in list(forms):
        head, _, last = form.rpartition(" ")
        for variant in _number_forms(last):
            forms.add(f"{head} {variant}" if head else variant)
    if " " not in base and base.endswith("ing") and len(base) > 6:
        # a one-word activity is also written as its verb: "training" -> "trained", "trains" (see verb_s_forms)
        forms |= {base[:-3] + "ed", base[:-3] + "s"}
    for form in list(forms):
        if "-" in form:
            forms.add(form.replace("-", " "))
            forms.add(form.replace("-", ""))
    return {f for f in forms if len(f) >= 2}


def theme_table(themes: tuple[Theme, ...]) -> dict[str, str]:
    """Every folded form of the scheme's labels -> theme id (labels.py scans for them)."""
    table: dict[str, str] = {}
    for theme in themes:
        for label in theme.labels:
            for form in label_forms(label):
                table.setdefault(form, theme.id)
    return table


def noun_forms(themes: tuple[Theme, ...]) -> frozenset[str]:
    """Every folded form of the scheme's noun labels (sg:nounLabel): they count only where used as nouns."""
    return frozenset(form for theme in themes for label in theme.nouns for form in label_forms(label))


def verb_s_forms(themes: tuple[Theme, ...]) -> frozenset[str]:
    """The -s verb forms of the scheme's one-word activities ("trains" of "training"): as often plural nouns."""
    return frozenset(fold(label)[:-3] + "s" for theme in themes for label in theme.labels
                     if " " not in label and fold(label).endswith("ing") and len(label) > 6)


def noun_use(text: str, end: int) -> bool:
    """Whether a verb's -s form ending at `end` is a plural noun: the verb takes an object ("trains young people"),
    the noun ends a phrase or a list ("for trains or buses", "shut down trains, airports")."""
    after = text[end:end + 6]
    return after[:1] != " " or after[1:5] == "and " or after[1:4] == "or "


def other_senses(themes: tuple[Theme, ...]) -> dict[str, tuple[tuple[str, int], ...]]:
    """Each folded label form said inside one of its concept's other senses (sg:otherSense) -> (the phrase, where the
    form starts in it) for each such phrase: "strikes" -> (("strikes down", 0),)."""
    table: dict[str, list[tuple[str, int]]] = {}
    for theme in themes:
        forms = {form for label in theme.labels for form in label_forms(label)}
        # the phrase in every form its labels take ("women's strikes", "labor")
        for phrase in sorted({p for sense in theme.other_senses for p in label_forms(sense)}):
            words = phrase.split(" ")
            for i in range(len(words)):
                for j in range(i + 1, len(words) + 1):
                    form = " ".join(words[i:j])
                    if form in forms:
                        table.setdefault(form, []).append((phrase, len(" ".join(words[:i])) + (1 if i else 0)))
    return {form: tuple(senses) for form, senses in table.items()}


def in_other_sense(folded: str, start: int, senses: tuple[tuple[str, int], ...]) -> bool:
    """Whether the label at `start` of the folded text is inside one of its phrases of another sense."""
    for phrase, at in senses:
        begin = start - at
        if begin >= 0 and folded.startswith(phrase, begin) and (begin + len(phrase) == len(folded)
                                                                or not folded[begin + len(phrase)].isalnum()):
            return True
    return False


def weak_forms(themes: tuple[Theme, ...]) -> frozenset[str]:
    """Every folded form of the scheme's weak labels (sg:weakLabel)."""
    return frozenset(form for theme in themes for label in theme.weak for form in label_forms(label))


def leftmost_longest(hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The theme hits that do not overlap, leftmost-longest, so "gender equality" is not also "equality"."""
    if len(hits) > 1:
        hits = sorted(hits, key=lambda h: (h[0], -h[1], h[2]))
    kept, reach = [], -1
    for hit in hits:
        if hit[0] >= reach:
            reach = hit[1]
            kept.append(hit)
    return kept


def find_themes(doc: Doc) -> None:
    """Pass "themes": theme labels outside people's and organizations' names, and the themes of the campaigns found.

    Words inside an organization's or person's name ("Food and Agriculture Organization") are not what the story
    is about; inside a campaign's name they are ("Music Against Child Labour")."""
    by_id = doc.resources.knowledge.theme_by_id
    weak, nouns, verb_s = doc.resources.weak_theme_forms, doc.resources.noun_theme_forms, doc.resources.verb_s_theme_forms
    senses = doc.resources.other_theme_senses
    found = doc.found
    hits: list[Span] = []
    # one walk over the accepted names: where people's and organizations' names are (their words are not themes),
    # the unions' themes (weak, below) and the campaigns' themes (strong)
    names: dict[Field, list[tuple[int, int]]] = {}
    owned: list[Span] = []
    carried: list[Span] = []
    person, organization = PERSON, ORGANIZATION
    for s in doc.accepted:
        if s.kind is person or s.kind is organization:
            names.setdefault(s.field, []).append((s.start, s.end))
        if s.themes:
            weakly = s.source in _WEAK_SOURCES
            for theme_id in s.themes:
                span = Span(THEME, s.field, s.start, s.end, 0, "gazetteer",
                            0.7 if weakly else 0.9, _name(by_id, theme_id), theme_id)
                (owned if weakly else carried).append(span)
    for field, field_hits in doc.theme_hits.items():
        if not field_hits:
            continue
        spans = names.get(field)
        text, folded = doc.texts[field], doc.folded[field]
        offices = _names_an_office(text)
        for start, end, theme_id in leftmost_longest(field_hits):
            form = folded[start:end]
            if nouns and form in nouns and verb_use(text, start, end):
                continue
            if form in verb_s and noun_use(text, end):
                continue  # "fares for trains or buses": the plural noun, not the activity "training"
            if senses and form in senses and in_other_sense(folded, start, senses[form]):
                continue  # "the court strikes down the law": not a strike
            if offices and in_office(text, start, end):
                continue
            if not spans or not inside(spans, start, end):
                hits.append(Span(THEME, field, start, end, 0, "gazetteer", 0.8, _name(by_id, theme_id),
                                 theme_id))
    # a union's or company's theme ("COSATU": social dialogue, "Deliveroo": platform work) counts as a weak label
    # that needs a word of the theme beside it: with "union" or "strike" said once in the text, it makes the story
    # about the theme
    if weak and hits or owned:
        # "jobs", "employment": said once in passing they do not make a story about the theme; said twice, in
        # the title, or beside a stronger label of the theme, they do
        strong = {s.key for s in hits if doc.folded[s.field][s.start:s.end] not in weak or s.field is TITLE}
        counts: dict[str | None, int] = {}
        for s in hits:
            counts[s.key] = counts.get(s.key, 0) + 1
        said = set(counts)
        for s in owned:
            counts[s.key] = counts.get(s.key, 0) + 1
        hits = [s for s in hits + owned if s.key in strong or counts[s.key] >= 2 and s.key in said]
    if _EMPLOYMENT in by_id:
        _employs(doc, hits, by_id)
    found.extend(hits)
    found.extend(carried)


def _employs(doc: Doc, hits: list[Span], by_id: dict) -> None:
    """A company or plant that employs a number of people ("employs about 8,000 workers"): the employment theme, as
    strong as a label (once, where first said)."""
    for field, text in doc.texts.items():
        if "mploy" in text:
            # the pattern tried at each "mploy" of the folded text (lower case, the same offsets) instead of searched
            # along the text: a case-blind search that opens on \b tries every position (~0.02 M instructions a
            # story, round themes62); the same first match
            folded = doc.folded[field]
            at = folded.find("mploy", 1)
            while at > 0:
                match = _EMPLOYS.match(text, at - 1)
                if match is not None:
                    hits.append(Span(THEME, field, match.start(), match.end(), 0, "gazetteer", 0.8,
                                     _name(by_id, _EMPLOYMENT), _EMPLOYMENT))
                    return
                at = folded.find("mploy", at + 5)


def _name(by_id: dict, theme_id: str) -> str:
    theme = by_id.get(theme_id)
    return theme.name if theme else theme_id
