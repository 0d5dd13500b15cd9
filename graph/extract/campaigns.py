"""Campaigns, programmes and observances named by their form: "... Initiative", "World Day of ..."."""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Final, TYPE_CHECKING

from graph.extract.chunks import MONTHS, NAMED_THINGS, THINGS_AFTER_HEADS, WEEKDAYS, Chunk, GENERIC, Token, STOPWORDS, has_head, headed_spans, is_all_caps, words_before
from graph.extract.organizations import HEADS as ORGANIZATION_HEADS
from graph.extract.spans import CAMPAIGN, DEFINITION, ORGANIZATION, PATTERN, PLACE, Span
from graph.records import Field

if TYPE_CHECKING:
    from graph.extract.doc import Doc

HEADS: Final[frozenset[str]] = frozenset("""
initiative initiatives campaign programme program project partnership day week year decade month challenge pact scheme
accelerator accord compact declaration movement pledge walkout consensus benefit guarantee yojana abhiyan bandh chalo
agreement plan strategy framework cares
roadmap deal pilot incentive strike
commitment agenda mission
package approach
permit visa card
""".split())
# (a public benefit or guarantee is a programme: "Canada Emergency Response Benefit", "European Child Guarantee";
# yojana and abhiyan are Hindi for scheme and campaign, the heads of India's programmes: "... Kalyan Yojana", and a bandh
# (a shutdown) and a chalo (a march "to" somewhere) South Asia's named general strikes and marches: "the Bharat Bandh",
# "the Dilli Chalo march"; a named declaration is a pledge its signatories campaign for, like an accord or a compact:
# "the Neptune Declaration on ...";
# a named agreement, plan, strategy or framework is a programme its parties carry out, and the non-ILO batches that
# name one annotate it as a campaign or an optional name, never as a miss: "the Riverside Agreement", "a Cocoa Plan",
# "the European Care Strategy", "a Refugee Response Framework" — only as a last word, so "Plan International" stays
# an organization; "<Company> Cares" is how companies name their giving programmes; a named roadmap, deal, pilot,
# incentive or strike is a programme or a collective action like a plan or a walkout: "the Quality Jobs Roadmap",
# "the European Green Deal", "the Ontario Basic Income Pilot", "the Employment Tax Incentive", "the Global Climate
# Strike"; "General Strike", "New Deal" name nothing more than their head; a named commitment is a pledge like a
# compact: "the Buenos Aires Commitment"; a named agenda is a programme of actions, at the end or the front of its
# name: "the New Urban Agenda", "a New Skills Agenda for Europe", "his Agenda for Humanity" — chosen by all 21 folds in
# round extract20, where the "Our Common Agenda" and "2030 Agenda" that had kept it out in extract14 no longer move;
# and a named mission is a programme: "the National Skill Development Mission", "Mission 300"; a named permit, visa or
# card is a scheme a state runs for the people who hold one: "the Tarrow Exemption Permit", "a Pacific Engagement Visa",
# "the European Parking Card" — the gold of batches 1-44 names 13 such capitalized names, every one a campaign or
# optional but an economist, "David Card": `HELD_HEADS`)
PREFIX_HEADS: Final = frozenset("initiative campaign programme program project partnership day week year decade month pact accord "
                                "declaration compact walkout consensus agenda strike agreement".split())
# the heads of what a person holds: after a given name alone they end a person's name ("David Card"), not a scheme's
HELD_HEADS: Final = frozenset(("permit", "visa", "card"))
# Observances need a marker, or "Last Year" and "Every Day" would be campaigns.
_CALENDAR: Final = frozenset("day week year decade month".split())
_MARKERS: Final = frozenset("international world global national universal un european african asian arab".split())
_YEAR_AFTER: Final = re.compile(r"\s+((?:19|20)\d\d)\b")
# "the Public Service Agreement 2024-2026", "its Pacific Approach 2021-2025": the years a programme runs, written after
# its name, are part of it as one year is (batches 12, 35 and 43 name each with its range)
YEARS_AFTER: Final = re.compile(r"\s+(?:19|20)\d\d(?:[-–/](?:(?:19|20)\d\d|\d\d)(?![\d%]|[.,]\d))?\b")
# "Mission 300", "Agenda 2063": a head alone takes the figure after it as its name
_FIGURE_AFTER: Final = re.compile(r" (\d+)\b(?![.,%-]?\d| (?:per|million|billion|people|workers|jobs)\b)")
# "International Year of the Nurse and the Midwife": an observance of the X goes on over "and the Y" in capitals
_AND_THE: Final = re.compile(r" and the [A-Z][a-z][\w'’-]*(?: [A-Z][a-z][\w'’-]*)*")
# "the Maternity Benefit (Amendment) Bill": a name that goes on, past a bracket, into a document's is the document's
BRACKET_THEN: Final = re.compile(r" \([^()]{1,40}\) ([A-Z][a-z]+)")
# "under the Health and Safety at Work Act", "the new Biological Hazards in the Working Environment Convention", "the
# Budgetary Relief Allowance of Workers Act": a run that goes on over a short preposition and capitalized words into a
# law's or a convention's word is the first part of the document's name, no programme (an extra campaign in batches 10,
# 44 and 51; no campaign or organization of the open gold is followed by such a tail)
DOCUMENT_TAIL: Final = re.compile(r" (?:in|at|of|for|on|to|against|from|with)(?: the)?(?: [A-Z][\w'’-]*){1,4}? "
                                  r"(?:Act|Acts|Bill|Bills|Law|Laws|Code|Directive|Ordinance|Decree|Regulations?|"
                                  r"Convention|Treaty|Charter|Protocol)\b(?! [A-Z][a-z])")
_CAPITAL_IN: Final = re.compile(r"(?<![\w'’])[A-Z][\w'’-]+ in $")
# "Accord on Fire and Building Safety in Bangladesh", "Jobs for Youth in Africa": where a programme runs is part of
# its name when the name goes on in capitals
_WHEN: Final = frozenset(MONTHS + WEEKDAYS)
# (not over an owner's possessive: "the SkillsFuture Level-Up Programme in Singapore's Budget 2024")
_IN_WORD: Final = r"[A-Z][\w-]*(?:['’](?!s\b)\w+)*(?![\w'’])"
IN_NAME: Final = re.compile(rf" in (?:the )?{_IN_WORD}(?:(?: and| of| &)? {_IN_WORD})*")
# (a public grant or cash transfer named by a proper name is a programme: "the Takaful and Karama cash transfers")
# ("under its Feed Africa strategy": a strategy named by two or more capitalized words is the programme's name)
LOWER_HEAD: Final = re.compile(r"\s+(programme|program|project|initiative|campaign|partnership|movement|scheme|grant|"
                               r"cash transfers?|strategy)\b")
# (what may follow a run's space for LOWER_HEAD to be tried: name-forms skips the runs before anything else)
LOWER_HEAD_INITIALS: Final = frozenset("picmsg")
_OWNER_BEFORE: Final = re.compile(r"\b(?:its|their) $")
_BRAND_CASE: Final = re.compile(r"[a-z][A-Z]")
_AMOUNT: Final = re.compile(r"[A-Z]{1,3}[$€£¥]?\d")
_FIGURE_WORD_BEFORE: Final = re.compile(r"(?<![\w$€£¥])[\d,.]+\s$")
# "Amazonia Forever, an umbrella programme ...", "Make Amazon Pay, a coalition led by ...": the apposition says what it is
APPOSITION: Final = re.compile(r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:programme|program|campaign|movement|initiative|"
                               r"coalition|alliance|pact|accord|compact|scheme|commitment|pledge|plan|grant)\b")
# "the Committee for Better Banks, a campaign backed by the Communications Workers of America": an apposition that
# calls a name a campaign, the noun alone (not "a campaign group", "the group's campaign director")
_CAMPAIGN_APPOSITION: Final = re.compile(r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?campaign(?=[,.;]|\s+(?:by|backed|led|run|"
                                         r"for|to|against|of|that|which|launched|started|founded)\b)")
# "stopped work in the Kvennaverkfall, the largest women's strike since 1975": after "the", an apposition may call a
# name a strike (not "in Oregon and Virginia, the largest strike", "on 1 October, the first strike")
_STRIKE_APPOSITION: Final = re.compile(r",\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,3}?(?:strike|walkout|march)\b")
# "Los Deliveristas Unidos, a movement of delivery workers", "La Via Campesina, the global peasant movement that ...":
# a movement the apposition says is made of people (or founded, or acting) is a body of them, an organization
_GROUP_APPOSITION: Final = re.compile(r",\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,3}?movement\s+(?:of|that|which|who|whose|founded|"
                                      r"formed|led|representing)\b")
# "its first unemployment insurance scheme, Involuntary Loss of Employment, which ...": a name set off by commas
# right after a programme noun is the programme's
_NAMED_AFTER_HEAD: Final = re.compile(r"\b(?:programme|program|scheme|initiative|campaign|benefit|grant|plan),\s$")
_SENTENCE_ENDS: Final = ("", ".", ";")
_SPEAKERS: Final = frozenset("we our you your my".split())
# a Romance or Germanic particle and one lower-case word (or a figure after a preposition) ending a name another
# language writes so: "Patto della fabbrica", "Ley de dependencia", "AusBildung bis 18", "PO in actie" (batches 48, 44)
_FOREIGN_TAIL: Final = re.compile(r" (?:(?:della|delle|del|dei|di|de|du|des|da|do|dos|das|der|den|la|le|los|las|el|y|et|und"
                                  r"|in|en|em|op|van|voor) [a-zà-ÿ][\w'’-]*|(?:bis|zu|für|tot|até|hasta) \d{1,4})(?=[,.;)]| or )")
_GLUED_COLON: Final = re.compile(r":[A-Z][\w'’-]*")
# "the Secretary-General's Call to Action on Extreme Heat": a call to action on a cause is a campaign, and so is a plan
# of action on one, with the capitals that qualify it ("the UN Plan of Action on the Safety of Journalists and the
# Issue of Impunity"; "Plan" is no prefix head, so "Plan International" stays a body and no head reads this one)
_LEADING_ARTICLES: Final = ("The ", "A ", "An ")
_CALL_TO_ACTION: Final = re.compile(r"\b(?:Call to|(?:[A-Z][\w-]* )*Plan of) Action (?:on|for|against) (?:the )?[A-Z][\w'’-]*"
                                    r"(?: (?:(?:and|of|the|for|on) )*[A-Z][\w'’-]*)*")
# (naming verbs name a campaign only after a programme noun: "branded the plan a failure", "a man called ..." do not)
_NAMING: Final = frozenset(("called", "named", "dubbed", "known as", "branded", "nicknamed"))
# (and these never without one, even before "the": "critics branded the Government's plan a failure")
_NOUN_NAMING: Final = frozenset(("branded", "nicknamed"))
_ARTICLES: Final = frozenset("the a an".split())
# (a policy, a working model or a stoppage is named as a programme or a collective action is: "Under the policy,
# called Team Anywhere, ...", "under a model it called Virtual First", "a national stoppage called the Breque dos Apps")
_CAMPAIGN_NOUNS: Final = frozenset("campaign campaigns movement initiative programme program coalition alliance strike scheme "
                                   "project pledge drive benefit plan strategy package permit fund policy model stoppage walkout".split())
# "a strike they called Hartal Doktor Kontrak", "a model it called Virtual First": who named it stands between the noun
# and the naming verb
_NAMERS: Final = frozenset("it they we he she".split())
# "under the TUC banner Britain Needs a Pay Rise": a cued name goes on over an article or a short preposition into
# the next capitalized run right after it
_CUED_GOES_ON: Final = re.compile(r" (?:a|an|the|for|of|to) (?=[A-Z])")
# "under the Red for Ed banner": what is marched or done under a banner or slogan is named before the noun
_UNDER_BANNER: Final = re.compile(r"\bunder (?:the|a|its|their) $")
_BANNER_AFTER: Final = re.compile(r" (?:banner|slogan)\b")
# "Coalition to End ...", "Global Alliance for ...", "Global Alliance against Hunger and Poverty": a coalition formed
# for (or against) a cause is a campaign; one named for its members ("Alliance of Motion Picture ... Producers") or by a
# qualifier ("International Cooperative Alliance") is not
_PURPOSE: Final = re.compile(r"\b(?:Alliance|Coalition)\s+(?:for|to|against)\s")
# "Compact for Safe, Orderly and Regular Migration": a listed cause after "for"/"on" runs on past the commas
LISTED_CAUSE: Final = re.compile(r"(?:,\s+[A-Z][a-z][\w'’-]*)+,?\s+and\s+[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*){0,2}")


def purpose_coalition(name: str) -> bool:
    """Whether a name is a coalition's or alliance's formed for a cause ("Coalition to End Child Marriage"), or a
    coalition's named by a qualifier before its head ("the Illinois Domestic Workers Coalition", "the School Meals
    Coalition"): groups that join for a campaign, which is what they are called by (a body named for its members leads
    with its head: "Coalition of Immokalee Workers")."""
    # (the substring tests first: most names hold neither word)
    return ("Alliance" in name or "Coalition" in name) and (
        _PURPOSE.search(name) is not None or name.endswith(_COALITION_END) and " " in name)


_COALITION_END: Final = " Coalition"


# "the 5-Star Promise", "a 10-Point Plan": a figure a hyphen glues to the name's first word is part of the name (the
# runs of capitals start after it)
_GLUED_FIGURE: Final = re.compile(r"(?<![\w$€£¥.,-])\d{1,3}-$")


def glued_figure_start(text: str, start: int) -> int:
    """Where a name starting at `start` starts when a figure is hyphened to its first word ("5-Star Promise")."""
    if start < 2 or text[start - 1] != "-" or not text[start - 2].isdigit():
        return start
    glued = _GLUED_FIGURE.search(text, max(0, start - 4), start)
    return glued.start() if glued is not None else start


# "One District, One Factory", "One Billion Tourists: One Billion Opportunities", "No Deforestation, No Peat, No
# Exploitation": two or more runs that open with the same word, set off by a comma or a colon, are one slogan (the
# parallel is what makes it a name); a run of one word is no part ("Jobs, Jobs"), and a list goes on past it into
# "and" or another comma ("San Jose, San Diego, Detroit", "Scheduled Castes, Scheduled Tribes and Other ...")
_PARALLEL_SEPARATORS: Final = (", ", ": ")
_LIST_GOES_ON: Final = re.compile(r",? and [A-Z]|, [A-Z]")


def _parallel_from(doc: Doc, field: Field, text: str, chunks: list[Chunk], index: int) -> int:
    """The slogan of parallel runs that starts at run `index` ("One District, One Factory") as a campaign candidate,
    unless a list goes on past it or a known name (a place, a body) stands in it; the index of its last run."""
    first = chunks[index]
    last = index
    while last + 1 < len(chunks):
        this, following = chunks[last], chunks[last + 1]
        if following.start != this.end + 2 or text[this.end:this.end + 2] not in _PARALLEL_SEPARATORS \
                or len(this.tokens) < 2 or len(following.tokens) < 2 or following.words[0] != first.words[0]:
            break
        last += 1
    if last == index:
        return index
    start, end = first.start, chunks[last].end
    if _LIST_GOES_ON.match(text, end) is None and "and" not in chunks[last].words and not any(
            c.field is field and c.key is not None and c.start < end and start < c.end for c in doc.candidates):
        doc.candidates.append(Span(CAMPAIGN, field, start, end, PATTERN, "rule", 0.75, text[start:end],
                                   source="slogan"))
    return last


# "The citizen movement Le Balai Citoyen", "the campaign One Billion Tourists: ...", "The initiative Deutsche Wohnen &
# Co. enteignen": a movement, campaign or initiative noun right before a name (the noun leading it, with no naming
# verb) names it (batches 11, 30, 38; not a body's acronym: "the employers' movement MEDEF")
_NOUN_BEFORE_NAME: Final = re.compile(r"\b(?:movement|campaign|initiative) (?=[A-Z])")
# "a second end-of-year bonus, the Esfuerzo por Bolivia or double aguinaldo", "its first unemployment insurance
# scheme, Involuntary Loss of Employment, which ...": a name set off right after a programme's or a cash benefit's noun
# is the programme's, with the small words of its own language inside (batches 5, 21, 26, 34, 37, 38)
_SET_OFF_NOUNS: Final = ("programme", "program", "scheme", "benefit", "grant", "plan", "bonus", "allowance", "subsidy",
                         "pension", "stipend", "cash transfer", "cash transfers")
_SET_OFF_NOUN: Final = re.compile(r"\b(?:" + "|".join(_SET_OFF_NOUNS) + r")$")
_SET_OFF_NAME: Final = re.compile(r"(?:the )?([A-Z][\w'’-]*(?: (?:(?:por|para|de|del|da|do|dos|sa|en|el|la|y|of|for|the|and|"
                                  r"on) )?[A-Z][\w'’-]*)*)(?=[,.;]| or | \(|$)")


def _set_off_programmes(doc: Doc, field: Field, text: str, org_heads: frozenset[str]) -> None:
    """Campaign candidates for the names set off right after a programme's noun ("bonus, the Esfuerzo por Bolivia")."""
    # (comma by comma, the noun before it tested first: a regex over the whole text costs ten times more)
    comma = text.find(", ")
    while comma != -1:
        if text.endswith(_SET_OFF_NOUNS, 0, comma) and _SET_OFF_NOUN.search(text, max(0, comma - 16), comma):
            match = _SET_OFF_NAME.match(text, comma + 2)
            if match is not None:
                _set_off_programme(doc, field, match, org_heads)
        comma = text.find(", ", comma + 2)


def _set_off_programme(doc: Doc, field: Field, match: re.Match[str], org_heads: frozenset[str]) -> None:
    start, end = match.span(1)
    name = match.group(1)
    words = name.lower().split()
    if org_heads.intersection(words) or len(words) == 1 and (is_all_caps(name) or words[0] in STOPWORDS) \
            or any(c.field is field and c.start <= start and end <= c.end
                   and (c.key is not None or c.kind is not CAMPAIGN) for c in doc.candidates):
        return  # a body ("plan, the Ministry of Labour, ..."), a known name or a place all of it, or a word
    doc.candidates.append(Span(CAMPAIGN, field, start, end, PATTERN, "rule", 0.7, name, source="cue"))


# "The women organised outside the established unions as Pombilai Orumai (Women's Unity)", "Organising themselves as
# Pembilai Orumai, or Women's Unity": people who organise as a capitalized name name their movement (batches 30, 33)
_SET_OFF: Final = frozenset((" (", ", ", ".", ". "))
# (the literal first, so the search skips ahead; the "O" or "o" before it is tested after)
_ORGANISED_AS: Final = re.compile(r"rgani[sz](?:e|es|ed|ing)(?: [a-z]+){0,4} as (?=[A-Z])")


def cued_campaigns(doc: Doc) -> None:
    """Pass "campaign-cues": a name introduced as a campaign ("under the banner Make Amazon Pay", "what the union
    called the Stand Up Strike", "a movement called ...") or explained as one by an apposition; and a slogan written
    as parallel runs ("One District, One Factory")."""
    org_heads = doc.resources.organization_heads
    for field, text in doc.texts.items():
        if "Call to Action" in text or "Plan of Action" in text:
            for match in _CALL_TO_ACTION.finditer(text):
                start = match.start()
                while text.startswith(_LEADING_ARTICLES, start):
                    start = text.index(" ", start) + 1  # "The UN Plan of Action ..." opening a sentence
                doc.candidates.append(Span(CAMPAIGN, field, start, match.end(), PATTERN, "rule",
                                           0.8, text[start:match.end()], source="head"))
        cued_at = set()
        for start, end, cls in doc.cue_hits.get(field, ()):
            if cls == "CampaignCue" and text[end:end + 1] == " ":
                the = text[end + 1:end + 5] == "the "
                cue = text[start:end]
                if the and cue not in _NOUN_NAMING or cue not in _NAMING or _named_thing_before(text, start):
                    cued_at.add(end + 5 if the else end + 1)
        if "rganis" in text or "rganiz" in text:
            # (not a body's head, "organised as Zembla Workers Union", left to the organizations; and the name set off
            # by a bracket, a comma or a stop: "organised as Parliament debated" is when)
            cued_at.update(m.end() for m in _ORGANISED_AS.finditer(text)
                           if text[m.start() - 1:m.start()] in "Oo" and m.start() > 0
                           and not text[m.start() - 2:m.start() - 1].isalpha()
                           and any(c.start == m.end() and not has_head(c, org_heads)
                                  and text[c.end:c.end + 2] in _SET_OFF for c in doc.chunks_in(field)))
        if " movement " in text or " campaign " in text or " initiative " in text:
            titles = doc.resources.cues.titles
            for match in _NOUN_BEFORE_NAME.finditer(text):
                named = next((c for c in doc.chunks_in(field) if c.start == match.end()), None)
                # (an acronym is a body's unless words of its own language go on after it: "the grassroots movement
                # PO in actie", batch 44)
                if named is not None and not has_head(named, org_heads) \
                        and (not is_all_caps(named.tokens[0].text) or _FOREIGN_TAIL.match(text, named.end) is not None) \
                        and named.tokens[0].lower not in titles and named.tokens[0].lower not in _WHEN \
                        and named.tokens[0].lower not in STOPWORDS and not any(
                            c.field is field and c.key is not None and c.start < named.end and named.start < c.end
                            for c in doc.candidates):
                    cued_at.add(match.end())
        if ", " in text:
            _set_off_programmes(doc, field, text, org_heads)
        if ": " in text:
            doc.candidates.extend(listed_programmes(text, field))
        appositive = ", " in text
        banner = " banner" in text or " slogan" in text
        if not cued_at and not appositive and not banner and ": " not in text:
            continue
        chunks = doc.chunks_in(field)
        previous_end, previous_word, parallel_to = -3, "", -1
        for index, chunk in enumerate(chunks):
            # (a run two characters after one that opens with the same word may end a slogan of parallel runs)
            if chunk.start - previous_end == 2 and chunk.words[0] == previous_word and index > parallel_to:
                parallel_to = _parallel_from(doc, field, text, chunks, index - 1)
            previous_end, previous_word = chunk.end, chunk.words[0]
            if not cued_at and not appositive and not banner:
                continue
            if not cued_at and not banner and text[chunk.end:chunk.end + 2] != ", " \
                    and not text[chunk.end + 1:chunk.end + 2].isdigit() \
                    and not (text[chunk.end:chunk.end + 1] in _SENTENCE_ENDS and text.endswith(", ", 0, chunk.start)):
                continue  # no cue, and neither an apposition nor a year after the run: the tests below all fail (most runs)
            cued = chunk.start in cued_at or banner and _BANNER_AFTER.match(text, chunk.end) is not None \
                and _UNDER_BANNER.search(text, max(0, chunk.start - 12), chunk.start) is not None \
                and not has_head(chunk, org_heads) and not all(is_all_caps(t.text) for t in chunk.tokens)
            # "Vision 2030, a plan to ...": a year after the words is part of the name
            year = _YEAR_AFTER.match(text, chunk.end) if appositive and text[chunk.end + 1:chunk.end + 2].isdigit() else None
            after = year.end() if year is not None else chunk.end
            if not cued and (not appositive or text[after:after + 2] != ", "
                             or not (APPOSITION.match(text, after)
                                     or _NAMED_AFTER_HEAD.search(text, max(0, chunk.start - 16), chunk.start)
                                     or text.endswith("the ", 0, chunk.start) and _STRIKE_APPOSITION.match(text, after))
                             or text[max(0, chunk.start - 3):chunk.start] in ("in ", "at ")
                             and not _no_place_after_in(doc, chunk)
                             or text[max(0, chunk.start - 7):chunk.start] in ("in the ", "at the ")
                             and not _STRIKE_APPOSITION.match(text, after)):
                # ("with a single benefit, ASpI.": a name set off after a programme noun may end the sentence)
                if not (appositive and text[after:after + 1] in _SENTENCE_ENDS and text.endswith(", ", 0, chunk.start)
                        and _NAMED_AFTER_HEAD.search(text, max(0, chunk.start - 16), chunk.start)):
                    continue  # "launched it in Davos, a pilot initiative of ...": after "in", where, not what
            tokens = list(chunk.tokens)
            # "a benefit called Live Better U": after a naming cue only an article is not part of the name
            # ("We Are Ohio, the union-backed coalition": a first or second person opening a run of three words or
            # more speaks the slogan, and is part of its name)
            while tokens and tokens[0].lower in STOPWORDS and not (cued and tokens[0].lower not in _ARTICLES) and not (
                    tokens[0].lower in _SPEAKERS and len(tokens) >= 3):
                tokens.pop(0)
            group = not cued and _GROUP_APPOSITION.match(text, after) is not None
            # ("the Committee for Better Banks, a campaign backed by ...": a body's head gives way only to an
            # apposition that calls the name a campaign itself, and then the body's reading of it goes)
            body = not cued and not group and has_head(chunk, org_heads)
            if not tokens or body and _CAMPAIGN_APPOSITION.match(text, after) is None:
                continue
            if not cued and len(tokens) == 1 and len(chunk.tokens) > 1:
                continue  # "Even It Up, a campaign": its last word alone is a fragment, not the campaign's name
            start, end = tokens[0].start, tokens[-1].start + len(tokens[-1].bare)
            if tokens[0] is chunk.tokens[0]:
                start = glued_figure_start(text, start)
            if year is not None and end == chunk.end:
                end = year.end()  # (after a naming cue too: "a programme called Upskilling 2025")
            glued = _GLUED_COLON.match(text, end) if text[end:end + 1] == ":" else None
            if glued is not None:
                end = glued.end()  # "a turnaround plan called Re:Nissan": a colon with no space holds one name
            foreign = _FOREIGN_TAIL.match(text, end) if cued and end == chunk.end else None
            if foreign is not None:
                end = foreign.end()  # "known as the Patto della fabbrica or Factory Pact": a name in its own language
            if cued and end == chunk.end and index + 1 < len(chunks):
                goes_on = _CUED_GOES_ON.match(text, end)
                if goes_on is not None and chunks[index + 1].start == goes_on.end():
                    end = chunks[index + 1].end  # "banner Britain Needs a Pay Rise": one slogan over "a"
            if body:
                doc.candidates = [c for c in doc.candidates if not (
                    c.kind is ORGANIZATION and c.key is None and c.field is field and c.start == start
                    and c.end == end)]
            doc.candidates.append(Span(ORGANIZATION if group else CAMPAIGN, field, start, end,
                                       PATTERN, "rule", 0.7, text[start:end], source="cue"))


# "It has four schemes: Probash for Bangladeshis working abroad, Progoti for private-sector employees, ...": after a
# plural programme noun and a colon, each listed item that opens with a capitalized name and goes on to say whom or
# what it is for names one programme
_LISTED_PROGRAMMES: Final = re.compile(r"\b(?:schemes|programmes|programs|initiatives|projects|benefits|campaigns|strands)"
                                       r"(?: [a-z]+){0,2}: ")
_LISTED_ITEM: Final = re.compile(r"(?:and )?([A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3}) (?:for|to|\(|–) ")


def _no_place_after_in(doc: Doc, chunk: Chunk) -> bool:
    """Whether a run of two words or more after "in" or "at" is no known place, so an apposition may say what it is:
    "took part in Telework Days, a campaign led by ..." (not "launched it in Davos, a pilot initiative of ...")."""
    return len(chunk.tokens) >= 2 and not any(
        c.kind is PLACE and c.field is chunk.field and c.start < chunk.end and chunk.start < c.end
        for c in doc.candidates)


def listed_programmes(text: str, field: Field) -> list[Span]:
    """"four schemes: Probash for ..., Progoti for ..., and Samata for ...": the names listed after a programme noun."""
    spans = []
    for match in _LISTED_PROGRAMMES.finditer(text):
        stop = text.find(". ", match.end())
        at = match.end()
        for item in text[at:stop if stop != -1 else len(text)].split(", "):
            named = _LISTED_ITEM.match(item)
            if named is not None:
                start = at + named.start(1)
                spans.append(Span(CAMPAIGN, field, start, start + len(named.group(1)), PATTERN, "rule", 0.7,
                                  named.group(1), source="cue"))
            at += len(item) + 2
    return spans


def _named_thing_before(text: str, start: int) -> bool:
    """Whether a naming verb at `start` names a programme noun, right before it or before who named it: "a programme
    called ...", "the policy, called ...", "a strike they called ..."."""
    words = words_before(text, start, 2)
    if words and words[-1].lower() in _NAMERS:
        words = words[:-1]
    return bool(words) and words[-1].rstrip(",").lower() in _CAMPAIGN_NOUNS


# "Anti-Poverty Week", "during Nurses Week": a week one word names is an awareness week, as a day one word names is
# not ("Labour Day", "Canada Day", "May Day" are holidays the gold leaves optional, "Leigh Day" a law firm); the word
# must be a cause or the people the week is for, no time, feast or trade fair
_WEEK_NOT_CAUSE = frozenset("last next this that past coming holy easter passion golden fashion design working work "
                            "school business same first second third final whole".split())


def _is_observance_ok(words: list[str]) -> bool:
    lowered = [w.lower() for w in words]
    if not any(w in _CALENDAR for w in lowered):
        return True
    content = [w for w in lowered if w not in _CALENDAR and w not in STOPWORDS and w not in GENERIC]
    return any(w in _MARKERS for w in lowered) or len(content) >= 2 or (
        len(lowered) == 2 and lowered[1] == "week" and len(content) == 1 and content[0] == lowered[0]
        and content[0] not in _WEEK_NOT_CAUSE and content[0].replace("-", "").replace("'", "").replace("’", "").isalpha())


# what makes a mission a body sent somewhere (a delegation, an embassy, a peace operation), not a programme
_MISSION_BODIES: Final = frozenset("permanent observer monitoring assistance stabilization stabilisation staff fact-finding "
                                   "peacekeeping trade diplomatic support verification electoral integrated multidimensional "
                                   "political special technical".split())
# a lower-case word or an owner's possessive right before a name: it is inside a sentence, not its start
_INSIDE_BEFORE: Final = re.compile(r"(?:\b[a-z]+|['’]s) $")


def _body_mission(before: Sequence[Token]) -> bool:
    """Whether the words before "Mission" name a body sent somewhere, not a programme: "the Permanent Mission of …",
    "an IMF Staff Mission", "the OSCE Special Monitoring Mission", "the United Nations Assistance Mission in …"."""
    return any(t.lower in _MISSION_BODIES or is_all_caps(t.text) or t.lower in ("nations", "union") for t in before)


def _observance_of(words: list[str], text: str, start: int) -> bool:
    """Whether a calendar word leading a cause names an observance with no marker: "makes 2024 its Year of Education",
    "marked this year's Day of the Seafarer" (inside a sentence: "...: A Decade of Reform" is a report's subtitle)."""
    return (len(words) >= 3 and words[0].lower() in _CALENDAR and words[1] in ("of", "for", "against")
            and _INSIDE_BEFORE.search(text, max(0, start - 20), start) is not None)


def _after_when(tokens: Sequence[Token], i: int, j: int) -> int:
    """Where a day's or week's name starts once what happened "on" it is cut off: "marched in Madrid and Seville on
    International Women's Day" names the day, not the cities (a run ending in a calendar word, with "on" before it
    and no head leading the words before: "Declaration on ...", "Accord on ..." keep theirs)."""
    if tokens[j].lower not in _CALENDAR:
        return i
    start = i
    for k in range(i, j):
        word = tokens[k].lower
        if word in PREFIX_HEADS:
            return start
        # ("its annual Go Home On Time Day": a capitalized "On" inside the run is the name's own word, unless what
        # follows it is an observance by itself, as a title in capitals writes "... On World Day Against Child Labour")
        if word == "on" and (k == i or tokens[k].text == "on"
                             or _is_observance_ok([t.bare for t in tokens[k + 1:j + 1]])):
            start = k + 1
    return start


def _observance_of_the(tokens: Sequence[Token], i: int, j: int) -> bool:
    """Whether tokens i..j are an observance "of the" someone ("International Year of the Nurse")."""
    words = [t.lower for t in tokens[i:j + 1]]
    return words[0] in _MARKERS and any(w in _CALENDAR for w in words) and any(
        a == "of" and b == "the" for a, b in zip(words, words[1:]))


# Heads that end a programme's name except where a cause follows them, "for" or "on" and capitalized words to the end
# of the run: "Master Plan for Decent Work", "Economic Rescue Plan for All", "Investment Plan for Europe", "Global
# Strategy on Human Resources for Health" (not "Plan International": these are no prefix heads, which would read a
# name on after them wherever they stand)
_CAUSE_HEADS: Final = frozenset("plan strategy scheme framework roadmap approach".split())
_CAUSE_LINKS: Final = frozenset("for on".split())
_INSIDE_CAUSE: Final = frozenset("and of &".split())
_THEN_SMALL: Final = re.compile(r" ([a-z][\w'’-]*)")


def _cause_after(tokens: Sequence[Token], j: int, text: str, end: int) -> int | None:
    """Where a programme's name led by its head ends when the head's cause goes on to the end of the run: the run
    must end there (a stop, a comma, a small word after it: "... for Decent Work to curb ..."), not in a lower-case
    noun the capitals qualify ("the Windrush Compensation Scheme for Commonwealth citizens")."""
    if j + 2 >= len(tokens) or tokens[j + 1].lower not in _CAUSE_LINKS or not tokens[j + 2].text[:1].isupper():
        return None
    rest = list(tokens[j + 2:])
    # "an Investment Plan for Europe to the European Parliament": the cause ends before a small word that starts
    # another phrase (any but "and", "of", "&"; "the" only after the link: "Pact for the Future")
    cut = next((k for k, t in enumerate(rest) if not t.text[:1].isupper() and t.lower not in _INSIDE_CAUSE), None)
    if cut is not None:
        rest = rest[:cut]
        while rest and not rest[-1].text[:1].isupper():
            rest.pop()
        if not rest:
            return None
        end = rest[-1].end
    if rest[-1].bare != rest[-1].text:
        return None
    small = _THEN_SMALL.match(text, end)
    if small is not None and small.group(1) not in STOPWORDS:
        return None
    return end


# "Saudi Arabia's Vision 2030", "endorsed Vision 2025: Reinvest in the Americas": a vision that a year names is a
# country's or a body's development plan (never "Vision" alone, nor a vision with no year: "a shared vision")
_VISION_YEAR: Final = re.compile(r" (?:19|20)\d\d\b(?![.,]?\d|%| per\b)")
# "the Asian Development Bank adopted Strategy 2020, its long-term plan": a strategy a year names is a body's plan as
# a vision is (batches 5, 12 and 40: "Strategy 2030" optional twice, "Strategy 2020" a campaign); not over a range of
# years ("the National Strategy 2021-2025", whose name holds the range)
YEAR_NAMED_HEADS: Final = frozenset(("Vision", "Strategy"))
_YEAR_RANGE: Final = re.compile(r"[-–/]\d")


def vision_of_year(chunk: Chunk, text: str) -> Span | None:
    """"Vision 2030", "Kenya Vision 2030", "Strategy 2020": a run ending in "Vision" or "Strategy" with a year after
    it, as a plan's name."""
    year = _VISION_YEAR.match(text, chunk.end)
    if year is None or chunk.tokens[-1].text == "Strategy" and _YEAR_RANGE.match(text, year.end()):
        return None
    first = next((t for t in chunk.tokens if t.lower not in STOPWORDS and not t.text.endswith(("'s", "’s"))), None)
    if first is None:
        return None
    return Span(CAMPAIGN, chunk.field, first.start, year.end(), PATTERN, "rule", 0.8,
                text[first.start:year.end()], trimmable=True, source="head")


# "the Youth in Agribusiness Project", "Malawi's Rural Roads and Youth in Agribusiness Project": capitalized words
# right before "in" that opens a head-named run are its name's first words (from after an owner's possessive)
_RUN_IN: Final = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*(?:(?: and| of| &)? [A-Z][\w'’-]*)* in $")
_POSSESSIVE: Final = re.compile(r"[\w-]+['’]s ")


def _capitals_in(text: str, start: int) -> int:
    """Where a head-named name that "in" opens starts, with the capitalized words before the "in"."""
    run = _RUN_IN.search(text, max(0, start - 80), start)
    if run is None:
        return start
    at = run.start()
    for owner in _POSSESSIVE.finditer(text, at, start):
        at = owner.end()
    if not text[at:at + 1].isupper() or text[at:start - 4].split(" ", 1)[0].lower() in STOPWORDS:
        return start
    return at


def _country_alone(countries: Mapping[tuple[Field, int], Span], field: Field, text: str, where: re.Match[str]) -> bool:
    """Whether what "in" leads after a head-named programme is a country and nothing more ("... Program in Sri Lanka",
    "... Programme in the Philippines"), not a place the name holds ("... Labour in Agriculture", "... in the Uyghur
    Region"): no gold of batches 1-43 names a programme ended by its head with the country after it, and batch 44
    names two without it."""
    country = countries.get((field, where.end()))
    return country is not None and text[where.start():country.start] in (" in ", " in the ")


def find_campaigns(chunk: Chunk, text: str, headed: bool = True,
                   countries: Mapping[tuple[Field, int], Span] | None = None) -> list[Span]:
    """Name-shaped campaign spans of one chunk, with a trailing year kept ("... Child Labour 2021"); `countries` holds
    the countries the gazetteer read, by where each ends (a country alone after "in" is no part of a head's name)."""
    spans = []
    tokens = chunk.tokens
    and_inside = "and" in chunk.words
    for i, j in (headed_spans(chunk, HEADS, PREFIX_HEADS, cross=True) if headed else ()):
        i = _after_when(tokens, i, j)
        # "the Africa Energy Summit of Mission 300": a name is not crossed leftwards over "of" into a meeting's or
        # a document's
        for k in range(i + 1, j):
            if tokens[k].lower == "of" and tokens[k - 1].lower in NAMED_THINGS:
                i = k + 1
        # "the WHO and UNICEF Joint Monitoring Programme": letters after another's and "and" are the second of two
        # owners, not the programme's first word
        if and_inside:
            for k in range(max(i - 1, 1), j - 2):
                if tokens[k].lower == "and" and is_all_caps(tokens[k + 1].text) and is_all_caps(tokens[k - 1].text):
                    i = k + 2
        if i > j:
            continue
        if tokens[j].lower == "mission" and _body_mission(tokens[i:j]):
            continue  # (a body sent somewhere, no programme)
        if j < len(tokens) - 1 and tokens[j].bare.lower() in HELD_HEADS:
            continue  # "the Single Permit Directive", "the Employment Permit System": a permit inside a longer name
        if tokens[j].lower == "approach" and j > i and "-" in tokens[j - 1].text:
            continue  # "a Human Rights-Based Approach", "a Whole-of-Society Approach": a method, no programme
        if j + 2 < len(tokens) and tokens[j + 1].lower == "of" and tokens[j].lower not in PREFIX_HEADS:
            continue  # "a Protocol on Free Movement of Persons in ...": the head is inside a longer name, not its end
        words = [t.bare for t in tokens[i:j + 1]]
        start, end = tokens[i].start, tokens[j].start + len(tokens[j].bare)
        if not _is_observance_ok(words) and not _observance_of(words, text, start):
            continue
        if i == 0:
            start = glued_figure_start(text, start)
            if text[start - 4:start] == " in ":
                start = _capitals_in(text, start)
        name = text[start:end]
        then = BRACKET_THEN.match(text, end) if text[end:end + 2] == " (" else None
        if then is not None and then.group(1).lower() in THINGS_AFTER_HEADS:
            continue
        if tokens[j].bare == tokens[j].text:
            year = YEARS_AFTER.match(text, end)
            figure = _FIGURE_AFTER.match(text, end) if i == j and year is None else None
            if year:
                end = year.end()
            elif figure:
                end = figure.end()
                name = text[start:end]
            elif text[end:end + 9] == " and the " and _observance_of_the(tokens, i, j):
                both = _AND_THE.match(text, end)
                if both is not None:
                    end = both.end()
                    name = text[start:end]
        if j > i and tokens[j].lower == "movement" and tokens[j - 1].text.endswith(("s'", "s’")):
            # "the Landless Rural Workers' Movement (MST)": a movement owned by a plural of people is made of them, a
            # body (batches 45 and 49; the movements the gold calls campaigns name a cause or a day: "Free Fare
            # Movement", "February 20 Movement")
            spans.append(Span(ORGANIZATION, chunk.field, start, end, PATTERN, "rule", 0.8, name, source="head"))
            continue
        spans.append(Span(CAMPAIGN, chunk.field, start, end, PATTERN, "rule", 0.8, name,
                          trimmable=True, source="head"))
        cause_end = _cause_after(tokens, j, text, chunk.end) if tokens[j].lower in _CAUSE_HEADS else None
        if cause_end is not None:
            spans.append(Span(CAMPAIGN, chunk.field, start, cause_end, PATTERN, "rule", 0.8,
                              text[start:cause_end], trimmable=True, source="head"))
        if end == chunk.end and text[end:end + 1] == "," and any(t.lower in ("for", "on") for t in tokens[i:j + 1]):
            cause = LISTED_CAUSE.match(text, end)
            if cause is not None:
                spans.append(Span(CAMPAIGN, chunk.field, start, cause.end(), PATTERN, "rule", 0.8,
                                  text[start:cause.end()], trimmable=True, source="head"))
        # not when the run ends as an organization's name does ("ILO Project Office in Doha")
        where = (IN_NAME.match(text, end) if j == len(tokens) - 1 and end == chunk.end
                 and tokens[j].bare.lower() not in ORGANIZATION_HEADS
                 and not any(t.lower in NAMED_THINGS for t in tokens[i:j + 1]) else None)
        if where is not None and where.group().split()[-1].lower() in _WHEN:
            where = None  # "Living Wage Week in November": when, not where
        if where is not None and countries and _country_alone(countries, chunk.field, text, where):
            where = None  # "approved ... for the Skills Sector Enhancement Program in Sri Lanka": where it is financed
        if where is not None:
            spans.append(Span(CAMPAIGN, chunk.field, start, where.end(), PATTERN, "rule", 0.75,
                              text[start:where.end()], trimmable=True, source="head"))
    # (only a word starting as a lower-case head does can be one: most runs are not followed by one)
    lower = LOWER_HEAD.match(text, chunk.end) if text[chunk.end + 1:chunk.end + 2] in LOWER_HEAD_INITIALS else None
    # "President Moon's campaign": whose campaign it is, not its name
    # (a figure before the run makes it a slogan "figure_slogans" reads whole: "the 100 Days for 100 Towns campaign")
    # (an amount glued to its currency, "the R350 ... grant", is no slogan's figure)
    if lower and tokens[-1].bare == tokens[-1].text and not _FIGURE_WORD_BEFORE.search(text, max(0, chunk.start - 12),
                                                                                       chunk.start):
        # "the SCORE programme", "the Better Work project": a proper name with a lower-case head noun
        # (an amount, "the R350 ... grant", says how much, not what: the name starts after it)
        first = next((k for k, t in enumerate(tokens) if t.lower not in STOPWORDS and not _AMOUNT.match(t.text)), None)
        # "the Australian Council of Trade Unions' Change the Rules campaign": the name starts after its owner's
        # plural possessive (not "Decent Jobs for Egypt's Young People project", where the possessive is inside)
        owner = max((k for k, t in enumerate(tokens[:-1]) if t.text.endswith(("s'", "s’"))), default=None)
        if owner is not None and first is not None and owner >= first:
            first = owner + 1
        # "the Bank's Advice for Small Businesses programme": a singular possessive opening the run is the owner's
        # word too, when two words or more name the programme after it (not "Jordan's Takaful programme")
        elif first is not None and first + 2 < len(tokens) and tokens[first].text.endswith(("'s", "’s")):
            first += 1
        # "Ecuador's Indigenous movement": after an owner's singular possessive one word says whose movement it is
        # (a people's), not its name ("Jordan's Takaful programme" keeps its name)
        if first is not None and first + 2 == len(tokens) and lower.group(1) == "movement" \
                and tokens[first].text.endswith(("'s", "’s")):
            first = None
        if first is not None:
            content = [t for t in tokens[first:] if t.lower not in GENERIC]
            # "its Women in Maritime programme": a name may hold "in" between capitalized words
            inside = _CAPITAL_IN.search(text, max(0, chunk.start - 30), chunk.start) if first == 0 else None
            # (an acronym's strategy, "the EU strategy", is its owner's, not a named one)
            # ("the Nitaqat programme": one word after an article is a programme's name too, not a strategy's)
            # (or after its owner's word, when the one word is written as a brand is, a capital inside it: "its
            # CocoaLink programme")
            single = len(tokens) == 1 and (text[max(0, chunk.start - 4):chunk.start] in ("the ", "The ") or _OWNER_BEFORE.search(
                text, max(0, chunk.start - 6), chunk.start) is not None and _BRAND_CASE.search(tokens[0].text) is not None)
            if content and (len(tokens) - first >= 2 or (is_all_caps(tokens[first].text) or inside or single)
                            and lower.group(1) != "strategy"):
                start = inside.start() if inside else tokens[first].start
                # "the Takaful and Karama cash transfers": a grant's or transfer's name is the proper name alone
                # as is a strategy's in lower case: "its Feed Africa strategy", and a movement's or a scheme's ("the
                # KuToo movement", "the PALM scheme": batches 3, 4, 6 and 9 name every one without the noun)
                bare = lower.group(1)[0] in "gc" or lower.group(1) in ("strategy", "movement", "scheme") or (
                    single and not is_all_caps(tokens[first].text) and not inside)
                end = tokens[-1].start + len(tokens[-1].bare) if bare else lower.end()
                spans.append(Span(CAMPAIGN, chunk.field, start, end, PATTERN, "rule", 0.7,
                                  text[start:end], trimmable=True, source="lower-head"))
    if text[chunk.end:chunk.end + 2] == " (":
        glossed = _glossed(chunk, text)
        if glossed is not None:
            spans.append(glossed)
    return spans


def _glossed(chunk: Chunk, text: str) -> Span | None:
    """"the Vida Além do Trabalho (Life Beyond Work) movement", "the Free Senior High School (Free SHS) programme": a
    name whose gloss or short form in brackets a lower-case programme noun follows is the programme's, named without
    them; the brackets say it is one name, so it outranks a head noun's reading ("... School")."""
    close = text.find(")", chunk.end + 2, chunk.end + 48)
    if close == -1 or "(" in text[chunk.end + 2:close]:
        return None
    lower = LOWER_HEAD.match(text, close + 1)
    if lower is None or lower.group(1) == "strategy":
        return None
    tokens = chunk.tokens
    first = next((k for k, t in enumerate(tokens) if t.lower not in STOPWORDS), None)
    if first is None or len(tokens) - first < 2 or tokens[-1].bare != tokens[-1].text:
        return None
    start, end = tokens[first].start, tokens[-1].start + len(tokens[-1].bare)
    return Span(CAMPAIGN, chunk.field, start, end, DEFINITION, "rule", 0.8, text[start:end],
                trimmable=True, source="lower-head")


# what a story must hold (folded) for "coalitions" to find anything: the pipeline skips it in stories with none
COALITION_CUES: Final[tuple[str, ...]] = ("alliance", "coalition")


def purpose_coalitions(doc: Doc) -> None:
    """Organization candidates named as a coalition for a cause become campaign candidates, their place kept
    ("Coalition to End Forced Labour in the Uyghur Region")."""
    if not any(("Alliance" in text or "Coalition" in text) and (_PURPOSE.search(text) or _COALITION_END in text)
               for text in doc.texts.values()):
        return
    result = []
    for span in doc.candidates:
        if span.kind is ORGANIZATION and span.priority == PATTERN and (
                "Alliance" in span.name or "Coalition" in span.name) and purpose_coalition(span.name):
            text = doc.texts[span.field]
            where = IN_NAME.match(text, span.end)
            if where is not None and where.group().split()[-1].lower() not in _WHEN:
                result.append(Span(CAMPAIGN, span.field, span.start, where.end(), PATTERN, "rule", 0.75,
                                   text[span.start:where.end()], trimmable=True, source="head"))
            span = Span(CAMPAIGN, span.field, span.start, span.end, span.priority, span.method,
                        span.confidence, span.name, trimmable=span.trimmable, source=span.source)
        result.append(span)
    doc.candidates = result


def called_a_campaign(text: str, end: int) -> bool:
    """Whether what follows `end` calls the name before it a campaign: a lower-case head ("initiative"), a programme's
    head after its letters ("Building Resilience with ... (BRACE) Program") or an apposition (", a coalition of ...")."""
    return LOWER_HEAD.match(text, end) is not None or APPOSITION.match(text, end) is not None \
        or _HEAD_AFTER_LETTERS.match(text, end) is not None


# "under its Building Resilience with Active Countercyclical Expenditures (BRACE) Program": a programme's head right
# after a defined name's letters says what the name is (batch 31)
_HEAD_AFTER_LETTERS: Final = re.compile(r" (?:Programme|Program|Project|Initiative|Scheme|Campaign)\b")


def named_after_programme_noun(text: str, start: int) -> bool:
    """Whether a name at `start` is set off by a comma right after a programme noun: "The government's plan,
    Reconstruction Assistance on Yolanda (RAY), puts ...", "its first scheme, Involuntary Loss of Employment, ..."."""
    return start > 2 and text[start - 2:start] == ", " \
        and _NAMED_AFTER_HEAD.search(text, max(0, start - 16), start) is not None
