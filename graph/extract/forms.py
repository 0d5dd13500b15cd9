"""Names known by their form: runs of capitalized words ending in or led by a head noun of some kind."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Final, TYPE_CHECKING

from graph.extract import campaigns, organizations, places
from graph.extract.chunks import LEGISLATURE_QUALIFIERS, LEGISLATURES, STOPWORDS, Chunk, has_head, is_all_caps, is_capitalized
from graph.extract.doc import Token
from graph.extract.spans import CAMPAIGN, GAZETTEER, ORGANIZATION, PATTERN, PLACE, Span
from graph.records import EntityKind

if TYPE_CHECKING:
    from graph.extract.doc import Doc

HEADS: Final[frozenset[str]] = organizations.HEADS | campaigns.HEADS | places.HEADS
# A union's numbered unit: "Teamsters Local 350", "SEIU Local 32BJ", "IAM District 751", "Escondida Union No. 1"
_UNIT_NUMBER: Final = re.compile(r" \d{1,5}(?:[A-Z]{1,3})?\b")
_NUMBER_SIGN: Final = re.compile(r"\. \d{1,3}\b")
_UNIT_WORDS: Final = frozenset(("local", "district", "lodge", "council", "no"))
# (and a national treasury, the state's: "the National Treasury said", as the gold names it in 6, 41 and 45)
_BODIES_BY_QUALIFIER: Final = frozenset(("court", "council", "treasury"))
_LEGISLATURE_WORDS: Final = LEGISLATURES | {"assembly"} | _BODIES_BY_QUALIFIER
# A legislature's chamber named by its members: "House of Councillors", "House of Peoples' Representatives"
_CHAMBER: Final = re.compile(r"\bHouse of (?:the )?(?:People['’]s |Peoples['’] )?(?:Councillors|Councilors|Representatives|Deputies|"
                             r"Delegates|Lords|Commons|Peers|Senators|Elders|Federation|Assembly)\b")


def _legislature(chunk: Chunk) -> tuple[int, int] | None:
    """The token range of a bare legislature's name in the chunk: the word alone after nothing, a possessive, "and"
    or a "the" that opens the run or follows "and" ("Japan's Diet", "Labor and Congress", "The Senate was debating";
    not "The Congress", which is as often a union's), or with a qualifier ("the National Assembly"), where a name ends
    (at the run's end or before a small word: "the National Assembly on Monday"); a federal or national court or
    council named by those two words alone ("Australia's Federal Court", "the Federal Council", "the National
    Treasury")."""
    tokens = chunk.tokens
    for k, word in enumerate(tokens):
        if word.lower in _BODIES_BY_QUALIFIER:
            # "Australia's Federal Court", "the Federal Council": a federal or national court or council, named bare
            if k >= 1 and k + 1 == len(tokens) and tokens[k - 1].lower in ("federal", "national") and (
                    k == 1 or tokens[k - 2].lower in ("the", "and", "&") or tokens[k - 2].bare != tokens[k - 2].text):
                return k - 1, k
            continue
        if word.lower not in LEGISLATURES and word.lower != "assembly":
            continue
        if word.text != word.bare or k + 1 < len(tokens) and is_capitalized(tokens[k + 1].text):
            continue
        if word.lower in LEGISLATURES and (k == 0 or tokens[k - 1].bare != tokens[k - 1].text
                                           or tokens[k - 1].lower in ("and", "&")
                                           # "The Senate was debating", "the Chamber of Deputies and the Senate"
                                           or tokens[k - 1].lower == "the" and word.lower != "congress"
                                           and (k == 1 or tokens[k - 2].lower in ("and", "&"))):
            return k, k
        if k >= 1 and tokens[k - 1].lower in LEGISLATURE_QUALIFIERS and (
                k == 1 or tokens[k - 2].lower in ("the", "and", "&") or tokens[k - 2].bare != tokens[k - 2].text):
            return k - 1, k
    return None


def _legislature_of_country(doc: Doc, chunk: Chunk, k: int, final: Token) -> Token:
    """The last token of a bare "Parliament" run on by "of" and the country that ends the run ("the Parliament of
    Georgia": the whole is the body's name, as the open gold names it 4 times of 4), else `final` itself. Not
    "Senate of" (20's "Senate of the Netherlands" is "Senate" in the gold) nor "Congress of" (as often a union's:
    "Congress of South African Trade Unions")."""
    tokens = chunk.tokens
    after = k + 2 if k + 1 < len(tokens) and tokens[k + 1].text == "of" else 0
    if after and after < len(tokens) and tokens[after].text == "the":
        after += 1
    if not after or after >= len(tokens):
        return final
    start = tokens[after].start
    if any(c.kind is PLACE and c.source == "country" and c.field is chunk.field and c.start == start
           and c.end == chunk.end for c in doc.candidates):
        return tokens[-1]
    return final


def _split_at_place(doc: Doc, span: Span) -> list[Span]:
    """A head-noun name that runs over "and" into a known place is two names ("University of Cambridge and Boston
    College", "University of Auckland and Auckland University of Technology"), or one after a place listed before it
    ("Mount Sinai Hospital in Manhattan and Montefiore Medical Center")."""
    text = doc.texts[span.field]
    at = text.find(" and ", span.start, span.end)
    while at != -1:
        after = at + 5
        place = next((c for c in doc.candidates if c.field is span.field and c.kind is PLACE
                      and c.priority > PATTERN and (c.start == after and c.end < span.end
                                                    or c.start == span.start and c.end == at)), None)
        if place is not None:
            if place.start == span.start:
                return [replace(span, start=after, name=text[after:span.end])]
            return [replace(span, end=at, name=text[span.start:at]), replace(span, start=after, name=text[after:span.end])]
        at = text.find(" and ", after, span.end)
    return [span]


# Laws and other documents named after whom or what they govern: "the Posted Workers Directive", "the Strikes (Minimum
# Service Levels) Act", "the Rajasthan Platform Based Gig Workers (Registration and Welfare) Bill", "the Pregnant Workers
# Fairness Act", "Government Regulation 78", "the OECD Guidelines for Multinational Enterprises"
_DOCUMENT_WORDS: Final = ("Act|Acts|Bill|Bills|Law|Laws|Code|Directive|Directives|Ordinance|Ordinances|Decree|Decrees|Regulation|"
                          "Regulations|Order|Guidelines|Convention|Declaration|Charter|Treaty|Protocol")
# (after the name: a bracketed part, then up to four capitalized words before the document's word)
_DOCUMENT_AFTER: Final = re.compile(rf"(?: \([^()]{{1,60}}\))?(?: [A-Z][\w'’-]*){{0,4}}? (?:{_DOCUMENT_WORDS})\b")
# ... or after "and" and the capitalized words of the rest of the law's name: "the Trade Union and Labour Relations
# (Consolidation) Act", "the Trade Union and Labor Relations Adjustment Act"
_DOCUMENT_AFTER_AND: Final = re.compile(rf" and(?: [A-Z][\w'’-]*){{1,4}}(?: \([^()]{{1,60}}\))?(?: [A-Z][\w'’-]*){{0,2}}? (?:{_DOCUMENT_WORDS})\b")
_BRACKETED_DOCUMENT: Final = re.compile(rf"\) (?:{_DOCUMENT_WORDS})\b")
_DOCUMENT_SET: Final = frozenset(_DOCUMENT_WORDS.split("|"))
_DOCUMENT_BEFORE: Final = re.compile(r"\b(?:Guidelines|Convention|Declaration|Charter|Principles|Protocol) (?:for|on|concerning) $")


# A legal form with small letters or a space inside, which the capitalized runs break apart after its first letters:
# "Giorgio Armani Operations S.p.A.", "Roadget Business Pte. Ltd.", "... S.r.l."
_DOTTED_STARTS: Final = frozenset(("S", "Pte", "A"))
# (and the Nordic "A/S", which the runs break at its slash: "Ørsted A/S")
_DOTTED_FORM: Final = re.compile(r"S\.p\.A\.|S\.r\.l\.|Pte\.?\sLtd\.?|A/S\b")


def _dotted_company(chunk: Chunk, text: str) -> Span | None:
    """The company a run names when its last word opens a dotted legal form: the run's capitalized words from the
    first that is no small word, and the form."""
    form = _DOTTED_FORM.match(text, chunk.tokens[-1].start)
    first = next((t for t in chunk.tokens[:-1] if t.lower not in STOPWORDS and is_capitalized(t.text)), None)
    if form is None or first is None:
        return None
    return Span(ORGANIZATION, chunk.field, first.start, form.end(), PATTERN, "rule", 0.8,
                text[first.start:form.end()], trimmable=True, source="company")


# "Social Services Minister Lisa MacLeod", "Migrant Workers Secretary Hans Leo Cacdac": a minister's portfolio before
# the title, not a body (a body's own name before a title ends in a body's head: "Treasury Board President ...")
_PORTFOLIO_TITLES: Final = (" Minister ", " Secretary ", " Minister,", " Secretary,")
_PORTFOLIO_HEADS: Final = frozenset(("services", "workers"))
# heads a campaign and a body share that a founder's name before them makes a body's: "the John Lewis Partnership"
# (a retailer its staff own; batches 4, 37 and 48, each read as a campaign); no campaign of the open gold is named by a
# listed given name, a surname and one of these heads
_EPONYMOUS_HEADS: Final = frozenset(("partnership", "fund", "initiative"))


def _eponymous_body(span: Span, given: frozenset[str]) -> Span:
    """A campaign reading named by a listed given name, a surname and a shared head ("John Lewis Partnership") as the
    founder's body, an organization; any other span as it is."""
    words = span.name.split(" ")
    if len(words) != 3 or words[0] not in given or words[-1].lower() not in _EPONYMOUS_HEADS:
        return span
    return replace(span, kind=ORGANIZATION, themes=(), trimmable=False)


def _in_a_documents_name(text: str, start: int, end: int) -> bool:
    """Whether a name read by its head noun is part of a law's or another document's name: the document's word after it
    (past a bracketed part and capitalized words), after the bracket it stands in ("Strikes (Minimum Service Levels)
    Act"), before it with "for" or "on" ("Guidelines for Multinational Enterprises"), or its own last word after a
    leading head ("Government Regulation 78"; not after an "of" phrase: "Ministry of Law")."""
    # (what follows must be a capitalized word or a bracket for the regex to match: most names are followed by neither)
    if text[end + 1:end + 2].isupper() or text[end + 1:end + 2] == "(":
        if _DOCUMENT_AFTER.match(text, end) is not None:
            return True
    if text.startswith(" and ", end) and _DOCUMENT_AFTER_AND.match(text, end) is not None:
        return True
    if text[start - 1:start] == "(" and _BRACKETED_DOCUMENT.match(text, end) is not None:
        return True
    name = text[start:end]
    if name.rsplit(" ", 1)[-1] in _DOCUMENT_SET and " of " not in name and " for " not in name:
        return True
    # (the string tests first: few names follow "for" or "on")
    return text.endswith(("for ", "on ", "concerning "), 0, start) and _DOCUMENT_BEFORE.search(
        text, max(0, start - 40), start) is not None


_POSSESSIVE_WORD: Final = re.compile(r"[A-Za-z]['’]s?$")


def _programmes_of_bodies(doc: Doc, organizations_found: list[Span],
                          campaigns_found: list[Span]) -> tuple[list[Span], list[Span]]:
    """A run ending in a campaign head names the programme, not the body named inside it: "the Starbucks College
    Achievement Plan" is a plan, not a college; "the Coalition of Immokalee Workers' Fair Food Program" is the
    coalition's programme (the owner before its possessive an organization); "the World Bank for Universal Health
    Coverage Day" is the day, after a known organization and "for"."""
    known = [c for c in doc.candidates if c.kind is ORGANIZATION and c.source.startswith(("known", "entry"))]
    kept_campaigns: list[Span] = []
    dropped: set[tuple[int, int]] = set()
    added: list[Span] = []
    for campaign in campaigns_found:
        owner = next((k for k in known if k.field is campaign.field and k.start == campaign.start
                      and campaign.name[k.end - k.start:k.end - k.start + 5] == " for "
                      and campaign.name[k.end - k.start + 5:k.end - k.start + 6].isupper()), None)
        if owner is not None:
            # "World Bank for Universal Health Coverage Day": the day, after the body that marks it
            start = owner.end + 5
            kept_campaigns.append(replace(campaign, start=start, name=campaign.name[start - campaign.start:]))
            dropped.add((campaign.start, campaign.end))
            continue
        same = [o for o in organizations_found if o.field is campaign.field and o.start == campaign.start
                and o.end == campaign.end]
        if not same or campaign.name.split()[-1].lower() not in campaigns.HEADS:
            kept_campaigns.append(campaign)
            continue
        dropped.add((campaign.start, campaign.end))
        words = campaign.name.split()
        cut = next((k for k in range(1, len(words) - 2) if _POSSESSIVE_WORD.search(words[k])), None)
        if cut is None:
            kept_campaigns.append(campaign)
            continue
        # "Coalition of Immokalee Workers' Fair Food Program": the owner, then its programme
        owner_name = " ".join(words[:cut + 1])
        owner_name = owner_name[:-2] if owner_name.endswith(("'s", "’s")) else owner_name[:-1]
        after = len(" ".join(words[:cut + 1])) + 1
        added.append(replace(same[0], end=campaign.start + len(owner_name), name=owner_name))
        kept_campaigns.append(replace(campaign, start=campaign.start + after, name=campaign.name[after:]))
    kept = [o for o in organizations_found if (o.start, o.end) not in dropped] + added
    return kept, kept_campaigns


_CAUSE_WORDS: Final = frozenset(("for", "on", "of", "to", "against"))
# a name led or ended by a body's own head is that body, whatever an apposition calls it: "the Council of Indonesian
# Workers and Labourers (MPBI), an alliance of the KSPI, KSPSI and KSBSI confederations"
_BODY_LEADS: Final = frozenset("council union unions federation confederation congress association chamber".split())
_MADE_BEFORE: Final = re.compile(r"\b(?:launch(?:ed|es|ing)?|unveil(?:ed|s|ing)?|creat(?:e|es|ed|ing)|establish(?:es|ed|ing)?|"
                                 r"set(?:s|ting)? up) (?:the|a|an|its|their|a new|the new) $")
# (what is created may be a document or a post: "introduced ... Bill", "creates an Independent ... Commissioner")
_NOT_PROGRAMMES: Final = frozenset("act bill directive regulation decree code law treaty convention index report commissioner "
                                   "area zone".split())


def kind_of(name: str, text: str = "", end: int = 0, start: int = 0) -> EntityKind:
    """The kind a name's last word gives it: "... Day" a campaign, "... Province" a place, else an organization;
    a coalition for a cause ("Global Alliance for Clean Air") is a campaign, and so is a name `text` goes on to call
    one at `end` ("... (AFAWA) initiative", "... (B4IG), a coalition hosted by ...", "... (BRACE) Program") or sets
    off after a programme noun before `start` ("The government's plan, Reconstruction Assistance on Yolanda (RAY),")."""
    words = name.split()
    if text and (campaigns.called_a_campaign(text, end) or campaigns.named_after_programme_noun(text, start)) \
            and not _BODY_LEADS.intersection((words[0].lower(), words[-1].lower())):
        return CAMPAIGN
    last = words[-1].lower()
    if last in campaigns.HEADS or campaigns.purpose_coalition(name):
        return CAMPAIGN
    # "a law creating the National Integrated Care System (SNIC)": what is created, launched or set up with no body's
    # head in its name is a programme, as the "launched" pass reads it (batch 38)
    if text and start > 8 and _MADE_BEFORE.search(text, max(0, start - 24), start) is not None \
            and not organizations.HEADS.intersection(w.lower() for w in words) and last not in _NOT_PROGRAMMES:
        return CAMPAIGN
    # "Programme for International Student Assessment (PISA)": a campaign's head leading the name before what it is for
    if len(words) > 2 and words[0].lower() in campaigns.PREFIX_HEADS and words[1] in _CAUSE_WORDS:
        return CAMPAIGN
    if last in places.HEADS and not (last in places.FEATURES and len(words) > 1 and words[-2].lower() in places.ESTATES):
        return PLACE
    # "their Canada Emergency Business Account (CEBA) loans": what a defined name pays out says it is a programme,
    # unless a body's head is in it ("International Monetary Fund (IMF) loans" are the body's)
    if text and text[end:end + 1] == " " and _PAID_OUT.match(text, end) is not None \
            and not organizations.HEADS.intersection(w.lower() for w in words):
        return CAMPAIGN
    return ORGANIZATION


_PAID_OUT: Final = re.compile(r" (?:loans?|grants?|payments?|payouts?|top-ups?|vouchers?|subsidies|subsidy|allowances?|"
                              r"stipends?|credits?)\b")


# "Fair Work Australia terminated all industrial action", "Health Canada", "Universities UK", "HomeNet Pakistan": capitalized
# words before a country that ends the run name a body that serves that country (batches 7, 8, 13, 21, 22, 26, 27, 33,
# 35, 36, 39, 40: 19 such organizations the gold lists that no list knew); not a region of it ("South Australia",
# "Latin America", "Rural India"), nor a known name's branch or division ("Oxfam India", "Samsung India": their own
# passes), nor a run opening on a figure, an owner's possessive, a title or a gerund (a conference's or a report's
# title: "Rebuilding Ukraine"), nor a place's preposition ("Inside Syria")
_REGION_WORDS = frozenset("north south east west northern southern eastern western central latin greater rural urban "
                          "upper lower southeast southwest northeast northwest south-east south-west north-east "
                          "north-west mainland coastal inner outer sub-saharan continental metropolitan new old "
                          "peninsular insular inside outside within beyond towards toward "
                          "two three four five six seven eight nine ten one".split())


def _country_body(doc: Doc, chunk: Chunk, country: Span, titles: frozenset[str]) -> Span | None:
    """The body a run names whose last words are a country, from its first word that is no article or small word:
    "Fair Work Australia", "Sexual Minorities Uganda" (None for a region, a figure, a possessive, a title, or words
    another reading already claims)."""
    before = [t for t in chunk.tokens if t.start < country.start]
    while before and before[0].lower in STOPWORDS:
        before.pop(0)
    if not before:
        return None
    for t in before:
        if t.lower in _REGION_WORDS or t.lower in STOPWORDS or t.lower in titles or t.bare != t.text \
                or not t.text[:1].isupper() or t.text[:1].isdigit():
            return None
    if before[0].lower.endswith("ing") or all(is_all_caps(t.text) for t in before):
        return None  # "WHO Europe": a known body's regional office, the "branches" pass's
    start = before[0].start
    if any(c is not country and c.field is chunk.field and c.start < country.start and start < c.end
           for c in doc.candidates):
        return None  # "Oxfam India", "Aotearoa New Zealand": the words before are already something
    text = doc.texts[chunk.field]
    return Span(ORGANIZATION, chunk.field, start, chunk.end, PATTERN, "rule", 0.7, text[start:chunk.end],
                source="country-body")


# A national union centre as Spanish and Portuguese name it: "Central" and a word or two, then its members, "de
# Trabajadores" ("Central General de Trabajadores", "Central Única dos Trabalhadores", "Central de Trabajadores de la
# Argentina"), or "Obrera" and a word ("Central Obrera Boliviana"); 8 such names in the gold of batches 1-41 (2, 13,
# 20, 28, 35, 38 three times), all known to the gazetteer there, 2 unknown in 42. "Central" alone leads no name
# ("Central Asia", "Central Bank of ...": other readings).
_CENTRAL_UNION: Final = re.compile(
    r"\bCentral(?: [A-Z\u00c0-\u00de][\w'’-]*){0,3}? (?:de|dos|das|do|da|del) (?:Trabajadores|Trabajadoras|Trabalhadores|"
    r"Trabalhadoras|Obreros)\b(?: (?:de|del|do|da|dos) (?:la |los |las |El |La )?[A-Z\u00c0-\u00de][\w'’-]*"
    r"(?: [A-Z\u00c0-\u00de][\w'’-]*)*)?"
    r"|\bCentral Obrera [A-Z\u00c0-\u00de][\w'’-]*")


def _central_unions(chunk: Chunk, text: str) -> list[Span]:
    """The union centres a run names by the Spanish and Portuguese "Central ... de Trabajadores" form."""
    return [Span(ORGANIZATION, chunk.field, m.start(), m.end(), PATTERN, "rule", 0.8, m.group(), source="union")
            for m in _CENTRAL_UNION.finditer(text, chunk.start, chunk.end)]


def name_forms(doc: Doc) -> None:
    """Pass "name-forms": "... Federation", "Ministry of ...", "World ... Day", "... Province", "... S.A.", a bare "Parliament"
    as candidates."""
    res = doc.resources
    heads, org_heads, not_before_of, titles = res.heads, res.organization_heads, res.not_before_of, res.cues.titles
    form_words, suffixes = res.form_words, res.company_suffixes
    # only a field with an apostrophe can hold a company that owns what follows it
    owning = {field for field, text in doc.texts.items() if "'" in text or "’" in text}
    # a country's gazetteer reading that ends a run of two words or more, by where it ends ("Fair Work Australia")
    countries = {(s.field, s.end): s for s in doc.candidates
                 if s.kind is PLACE and s.source == "country"} if len(doc.chunks) else {}
    for chunk in doc.chunks:
        text = doc.texts[chunk.field]
        end = chunk.end
        if countries and len(chunk.tokens) >= 2:
            country = countries.get((chunk.field, end))
            if country is not None and country.start > chunk.start:
                body = _country_body(doc, chunk, country, titles)
                if body is not None:
                    doc.candidates.append(body)
        if has_head(chunk, heads):
            found = []
            for span in organizations.find_organizations(chunk, text, not_before_of, org_heads, titles):
                if _in_a_documents_name(text, span.start, span.end) or text.startswith(_PORTFOLIO_TITLES, span.end) \
                        and span.name.rsplit(None, 1)[-1].lower() in _PORTFOLIO_HEADS:
                    continue
                # "Nicholas Bloom of Stanford University": the person before "of" is not the university's
                alone = organizations.after_person(span, res.vocabulary) if " of " in span.name else None
                span = span if alone is None else alone
                if " and " in span.name:
                    found.extend(_split_at_place(doc, span))
                else:
                    found.append(span)
            named = campaigns.find_campaigns(chunk, text, countries=countries)
            if named and chunk.tokens[-1].bare.lower() in campaigns.HELD_HEADS:
                given = res.people.given_names  # "David Card": a person, no card scheme
                named = [s for s in named if not (s.name.count(" ") == 1 and s.name.split()[0] in given)]
            if named and chunk.tokens[-1].bare.lower() in _EPONYMOUS_HEADS:
                named = [_eponymous_body(s, res.people.given_names) for s in named]
            if named and found:
                found, named = _programmes_of_bodies(doc, found, named)
            doc.candidates.extend(found)
            doc.candidates.extend(named)
            doc.candidates.extend(places.find_places(chunk, text, cues=res.not_before_of, vocabulary=res.vocabulary))
        else:
            # most runs are names of people or places: no head noun, and then a campaign or a place only with a
            # lower-case head or a bracketed gloss after it ("the SCORE programme", "Sekong province", "... (Life
            # Beyond Work) movement"), which the next characters rule out for most (the finders' own first tests,
            # made here: two calls per run cost more than the tests)
            after = text[end + 1:end + 2]
            if after in campaigns.LOWER_HEAD_INITIALS or text[end:end + 2] == " (":
                doc.candidates.extend(campaigns.find_campaigns(chunk, text, False))
            if text[end:end + 1].isspace() and (after in places.LOWER_HEAD_INITIALS or after.isspace()
                                                or after == "i" and text.startswith("island", end + 1)):
                doc.candidates.extend(places.find_places(chunk, text, False, vocabulary=res.vocabulary))
        # ("Strategy" is a head, "Vision" is not: a year after either is read on both branches)
        if text[end + 1:end + 2].isdigit() and chunk.tokens[-1].text in campaigns.YEAR_NAMED_HEADS:
            vision = campaigns.vision_of_year(chunk, text)
            if vision is not None:
                doc.candidates.append(vision)
        small_form = _SMALL_LEGAL_FORM.match(text, end) if text[end + 1:end + 2] in "pd" else None
        if small_form is not None:
            plc = _before_plc(chunk, text, small_form.end())
            if plc is not None:
                doc.candidates.append(plc)
        comma_form = text[end:end + 1] == "," and text[end + 2:end + 3].isupper()
        # most runs hold no word a company, union or legislature form needs
        if comma_form or has_head(chunk, form_words):
            _company_and_union_forms(doc, chunk, text, comma_form)
        if chunk.tokens[-1].text in _DOTTED_STARTS and len(chunk.tokens) >= 2:
            dotted = _dotted_company(chunk, text)
            # ("Maersk A/S": a known company before the form is the "company-divisions" pass's, keeping what it is)
            if dotted is not None and not any(
                    c.source == "known-company" and c.field is chunk.field and c.start == dotted.start
                    and c.end == chunk.tokens[-2].end for c in doc.candidates):
                doc.candidates.append(dotted)
        if len(chunk.tokens) >= 2 and has_head(chunk, places.WATER_LEADS):
            doc.candidates.extend(places.water_by_lead(chunk, text))
        if len(chunk.tokens) >= 2 and has_head(chunk, places.METRO_LEADS):
            doc.candidates.extend(places.metro_areas(chunk, text, doc.candidates))
        if "central" in chunk.bares and len(chunk.tokens) >= 3:
            doc.candidates.extend(_central_unions(chunk, text))
        if chunk.field in owning and len(chunk.tokens) >= 3:
            owner = organizations.possessive_company(chunk, text, suffixes)
            if owner is not None:
                doc.candidates.append(owner)


def _numbered_unit(doc: Doc, chunk: Chunk, text: str) -> Span | None:
    """A union's unit named by a number after its union's name: "Teamsters Local 350", "Unite Here Local 11", "IAM
    District 751", "AFSCME District Council 33", "Escondida Union No. 1", "Union No. 1". The name runs back from the
    unit word over capitalized words (not over "of": "Members of Teamsters Local 728"); a district or lodge only after
    an acronym or a known union ("Seattle District 3" is no union's), "No." only after "Union". Led by a known name,
    the unit outranks it, as a branch does ("Oxfam India")."""
    tokens = chunk.tokens
    last = tokens[-1]
    unit = len(tokens) - 1
    if last.lower == "no":
        number = _NUMBER_SIGN.match(text, chunk.end) if tokens[-2].lower in ("union", "unions") else None
    else:
        if last.lower == "council":
            unit -= 1  # "District Council 33"
            if tokens[unit].lower != "district" or unit < 1:
                return None
        number = _UNIT_NUMBER.match(text, chunk.end)
    if number is None:
        return None
    first = unit - 1
    while first > 0 and is_capitalized(tokens[first - 1].text) and tokens[first - 1].lower not in STOPWORDS \
            and tokens[first - 1].bare == tokens[first - 1].text:
        first -= 1
    if first < 0 or tokens[first].lower in STOPWORDS:
        return None
    start = tokens[first].start
    known = next((c for c in doc.candidates if c.field is chunk.field and c.start == start
                  and c.priority == GAZETTEER and c.kind is ORGANIZATION and c.end <= tokens[unit].start), None)
    if tokens[unit].lower in ("district", "lodge") and known is None and not is_all_caps(tokens[unit - 1].text):
        return None
    return Span(ORGANIZATION, chunk.field, start, number.end(), GAZETTEER if known else PATTERN, "rule", 0.8,
                text[start:number.end()], source="union")


# a company's legal form written in small letters, which the capitalized runs stop before
_SMALL_LEGAL_FORM: Final = re.compile(r" (?:plc|d\.o\.o\.)(?!\w)")


def _before_plc(chunk: Chunk, text: str, end: int) -> Span | None:
    """"Tullow Oil plc suspended ...", "its subsidiary Rio Sava Exploration d.o.o.": a run before a company's legal
    form in small letters is the company's name, with the form (batches 7, 35 and 38)."""
    tokens = chunk.tokens
    at = 0
    for k, token in enumerate(tokens):
        if token.lower in STOPWORDS and k == at or token.bare != token.text:
            at = k + 1  # a sentence's "The", an owner's possessive: "Kenya's Tullow Oil plc"
    if at == len(tokens):
        return None
    first = tokens[at]
    return Span(ORGANIZATION, chunk.field, first.start, end, PATTERN, "rule", 0.8, text[first.start:end],
                trimmable=True, source="company")


def _company_and_union_forms(doc: Doc, chunk: Chunk, text: str, comma_form: bool) -> None:
    """The rarer forms: unions ("United ... Workers", "Teamsters Local 350"), bare legislatures, companies by their
    suffix or legal form."""
    res = doc.resources
    last = chunk.tokens[-1]
    if last.lower == "united" or last.bare.lower().endswith("workers"):
        union = organizations.union_form(chunk, text)
        if union is not None:
            # "Members of Bakery Workers United": the form outranks a head-noun reading that stops at "Workers"
            doc.candidates = [c for c in doc.candidates if not (c.source == "head" and c.overlaps(union)
                                                               and c.end < union.end)]
            doc.candidates.append(union)
    chamber = _CHAMBER.search(text, chunk.start, chunk.end) if "house" in chunk.bares else None
    if chamber is not None:
        # "Morocco's House of Councillors", "the House of Peoples' Representatives": a legislature's chamber
        doc.candidates.append(Span(ORGANIZATION, chunk.field, chamber.start(), chamber.end(), PATTERN,
                                   "rule", 0.7, chamber.group(), source="legislature"))
    legislature = _legislature(chunk) if has_head(chunk, _LEGISLATURE_WORDS) else None
    if legislature is not None:
        # "Parliament", "Chile's Congress", "the National Assembly": the legislature, named by the bare words
        first, final = chunk.tokens[legislature[0]], chunk.tokens[legislature[1]]
        if final.lower == "parliament" and legislature[1] + 2 < len(chunk.tokens):
            final = _legislature_of_country(doc, chunk, legislature[1], final)
        doc.candidates.append(Span(ORGANIZATION, chunk.field, first.start, final.end, PATTERN, "rule",
                                   0.7, text[first.start:final.end], source="legislature"))
    if last.lower in _UNIT_WORDS and len(chunk.tokens) >= 2:
        unit = _numbered_unit(doc, chunk, text)
        if unit is not None:
            doc.candidates.append(unit)
    if last.text in res.legal_forms or comma_form:
        legal_span = organizations.legal_form_company(chunk, text, res.legal_forms)
        if legal_span is not None:
            doc.candidates.append(legal_span)
    if len(chunk.tokens) >= 2 and last.text[:1].isupper() and last.lower in res.company_suffixes:
        doc.candidates.extend(organizations.companies(chunk, text, res.company_suffixes))
