"""Organizations named by their form: "... Federation", "Ministry of ...", "Full Name (ACRONYM)"."""
from __future__ import annotations

import re
from typing import Final, TYPE_CHECKING

from dataclasses import replace

from graph.extract.chunks import MEMBERS, STOPWORDS, UNION_HEADS, UPPER, Chunk, Token, headed_spans, is_all_caps, is_capitalized
from graph.extract.folding import fold
from graph.extract.spans import Claims, DEFINITION, GUESS, ORGANIZATION, PATTERN, Span
from graph.records import EntityKind, Field

if TYPE_CHECKING:
    from graph.extract.doc import Doc

HEADS: Final[frozenset[str]] = frozenset("""
ministry organization organisation organizations organisations union unions federation federations agency bank fund
council commission institute institution university college school academy association associations confederation
corporation company co ltd limited inc llc plc group foundation office authority department network alliance centre
center chamber committee trust society party court parliament assembly secretariat board bureau service services
coalition cooperative co-operative cooperatives congress syndicate guild league channel television tv radio broadcasting
times post press tribune herald journal magazine media industries enterprises holdings factory factories mills
partners hospital clinic government embassy employers workers police army branch unit taskforce
brotherhood consortium forum roundtable panel church
tribunal tribunals observatory lab laboratory ombudsman squad forces directorate superintendency superintendence
inspectorate chancellery
colegio stiftung bund alianza instituto fundación fundação fondation asociación associação associazione partido partito
consejo conselho comisión comissão ministerio ministério movimiento movimento confederazione federazione verband
sangha sangh andolan sabha federación confederación federação confederação sindicato sindicatos syndicat syndicats sindacato gewerkschaft serikat kesatuan
conseil consiglio fédération confédération comité institut istituto fondazione gesellschaft forbund forbundet förbundet
compañía companhia corporación coordinadora asamblea cámara câmara grupo banco empresa minera
""".split())
# (the last lines: heads of other languages' names, "Fundación ...", "... Gewerkschaft", "Conseil du Café-Cacao",
# "Compañía Minera ...", "... Gesellschaft", "... forbund", and South Asia's "... Sangh", "... Sabha" (an assembly or
# association), "... Andolan" (a movement's body): "Gujarat Mazdoor Sabha")
# Heads that lead a name and take an 'of' phrase: "Ministry of Labour", "Confederation of Turkish Trade Unions", "Assembly
# of the Republic", "Islamic Corporation for the Development of the Private Sector"; in Spanish and Portuguese a company's
# name is led by what it is, as "Grupo México", "Banco do Brasil", "Minera Escondida".
PREFIX_HEADS: Final = frozenset("""
ministry department university federation confederation union chamber bank institute council commission office
association society academy college school court board bureau government embassy secretariat centre center
organization organisation agency fund foundation network alliance coalition trust committee authority service
brotherhood forum panel tribunal laboratory directorate superintendency superintendence colegio alianza instituto fundación fundação fondation asociación
associação associazione partido partito consejo conselho comisión comissão ministerio ministério movimiento movimento
confederazione federazione sindicato syndicat sindacato federación confederación federação confederação
conseil consiglio fédération confédération comité institut istituto fondazione compañía companhia corporación coordinadora
asamblea cámara câmara assembly corporation grupo banco empresa minera church league chancellery
""".split())
# "platforms such as Rappi and Uber", "companies including Glencore": what follows names organizations.
_LIST_CUE: Final = re.compile(r"(?i)\b(?:companies|firms|platforms|brands|retailers|corporations|businesses|buyers|banks|employers|"
                              r"operators|multinationals|unions|donors|enterprises|manufacturers|suppliers|investors|funds|groups|shareholders)"
                              r",?\s+(?:such as|including|like)\s+$")
_MORE_SUFFIX: Final = re.compile(r"\.?,? (?:Ltd|Inc|LLC|Limited|Co|Corp|plc|S\.A|AG|(?<=Co\. )KG)\.?(?=[\s,;)]|$)")
_ANY_CUE: Final = re.compile(r"(?i)\b(?:such as|including|like)\s")
_LIST_GLUE: Final = re.compile(r"^(?:,\s*(?:and\s+)?|\s+(?:and|&|or)\s+)$")
_SENTENCE_START: Final = re.compile(r"(?:^|[.!?:;]\s+)$")
# "(ILO)", "(B4IG)", "(IPEC+)": a capital, then letters, figures and joiners
_ACRONYM_DEF: Final = re.compile(rf"\(([{UPPER}](?:[^\W_]|[&\-/+]){{1,9}})\)")
# What may separate two runs of one defined name: "Garment Manufacturers Association in Cambodia (GMAC)",
# "Ministry of Labour, Invalids and Social Affairs (MOLISA)".
_NAME_GAP: Final = re.compile(r"^(?:,\s*|\s+(?:in|of|for|on|with)\s+(?:the\s+)?)$")
# A ministry's portfolio listed after a comma: "Ministry of Gender, Children and Social Action".
_PORTFOLIO: Final = re.compile(r"(?:,\s+[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*)?)*,?\s+and\s+[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*){0,2}")


def find_organizations(chunk: Chunk, text: str, not_before_of: frozenset[str], heads: frozenset[str] = HEADS,
                       titles: frozenset[str] = frozenset()) -> list[Span]:
    """Name-shaped organization spans of one chunk (arbitration settles overlaps with known names); a lone 'of'
    after a word of `not_before_of` ("Director of ...") does not join two names; a name led by a head noun
    stops before a title ("World Bank President David Malpass")."""
    spans = []
    for i, j in headed_spans(chunk, heads, PREFIX_HEADS, cross_of=not_before_of):
        j = next((k - 1 for k in range(i + 1, j) if chunk.tokens[k].lower in titles
                  and chunk.tokens[k - 1].bare.lower() in heads), j)
        # "Spanish Government and Minister for Economy Nadia ...": a title after "and" starts a person's title
        # (not in a union's name that lists its members' trades: "... Zones and General Services Employees Union")
        if not (chunk.tokens[j].lower in UNION_HEADS and chunk.tokens[j - 1].lower in MEMBERS):
            j = next((k - 2 for k in range(i + 2, j + 1) if chunk.tokens[k].lower in titles
                      and chunk.tokens[k - 1].lower == "and"), j)
        if j == i and chunk.tokens[i].bare.lower() in heads:
            continue  # "Bank President Akinwumi Adesina": a head noun alone before a title names no body
        if _title_before_name(chunk, i, j, titles, heads):
            continue  # "Union Home Secretary Ajay Bhalla": a portfolio a head noun leads, a title, a person's name
        start, end = chunk.tokens[i].start, chunk.tokens[j].start + len(chunk.tokens[j].bare)
        if i == 0 and j > 2 and chunk.tokens[1].lower == "and" and text.endswith(", ", 0, start) \
                and any(t.bare.lower() in _TRADES_HEADS for t in chunk.tokens[2:j + 1]):
            start = _listed_trades_start(text, start)
        spans.append(Span(ORGANIZATION, chunk.field, start, end, PATTERN, "rule", 0.8,
                          text[start:end], trimmable=True, source="head"))
        if j == len(chunk.tokens) - 1 and text[end:end + 1] == "," and chunk.tokens[i].lower in PREFIX_HEADS:
            portfolio = _portfolio_end(text, end)
            if portfolio is not None:
                # the longer reading wins arbitration unless a known name inside it ("..., Egypt and Jordan") claims it first
                spans.append(Span(ORGANIZATION, chunk.field, start, portfolio, PATTERN, "rule", 0.8,
                                  text[start:portfolio], trimmable=True, source="portfolio"))
    return spans


def _title_before_name(chunk: Chunk, i: int, j: int, titles: frozenset[str], heads: frozenset[str]) -> bool:
    """Whether the name read from `i` to `j` runs through a title to a person's name that ends the run ("Union Home
    Secretary Ajay Bhalla", "Labour and Trade Union Relations Minister W.D.J. Seneviratne"): a head noun that leads
    names and no "of", then a title, then two to four capitalized words to the run's end, none a head noun or a title."""
    tokens = chunk.tokens
    if j != len(tokens) - 1:
        return False
    for k in range(i + 1, j):
        if tokens[k].lower in titles:
            if not any(t.bare.lower() in PREFIX_HEADS for t in tokens[i:k]) or any(t.lower == "of" for t in tokens[i:k]):
                return False  # ("Ministry of National Education": a title's word inside an "of" phrase)
            name = tokens[k + 1:j + 1]
            return 2 <= len(name) <= 4 and all(t.text[:1].isupper() and t.bare.lower() not in heads and t.lower not in titles
                                                 for t in name)
    return False


# "the Communications, Energy and Paperworkers Union of Canada", "the International Textile, Garment and Leather
# Workers' Federation": a name that lists the trades it organises holds the words the commas set off before its "and"
# (each a single capitalized word but the first, which may lead with its own capitals: batches 12, 18, 30, 34)
_LISTED_TRADES: Final = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*(?: (?:of )?[A-Z][\w'’-]*)*(?:, [A-Z][\w'’-]*)*, $")
# (the heads of bodies that list trades; a company's list is of companies: "Walmart, Gap, Target and VF Corporation")
_TRADES_HEADS: Final = frozenset("union unions federation confederation committee association council commission ministry "
                                 "department guild syndicate".split())


def _listed_trades_start(text: str, start: int) -> int:
    """Where a name whose run starts with "Energy and ..." right after a comma starts when the comma lists its trades."""
    listed = _LISTED_TRADES.search(text, max(0, start - 80), start)
    if listed is None:
        return start
    at = listed.start()
    if text.startswith(("The ", "A ", "An "), at):
        at = text.index(" ", at) + 1  # a sentence's article before the name
    items = text[at:start - 2].split(", ")
    # (not a clause a stop word leads, set off by its comma: "In Ottawa, Energy and ...")
    if items[0].split(" ", 1)[0].lower() in STOPWORDS or "'" in items[0] or "’" in items[0] or any(" " in item or item.lower() in STOPWORDS
                                                              for item in items[1:]):
        return start
    return at


_INITIAL: Final = re.compile(r"^[A-Z]\.(?:[A-Z]\.)*$")


def after_person(span: Span, vocabulary: frozenset[str]) -> Span | None:
    """The organization alone when a name read by its head noun ran back over "of" into a person's name ("Nicholas
    Bloom of Stanford University", "Joshua D. Angrist of MIT and Guido W. Imbens of Stanford University"): two to four
    capitalized words before the last "of" (back to an "and"), none a word that names something else, a stopword or
    an acronym, are a person the organization's name does not hold."""
    name = span.name
    cut = name.rfind(" of ")
    if cut < 0 or not name[cut + 4:cut + 5].isupper():
        return None
    before = name[:cut]
    joined = before.rfind(" and ")
    words = before[joined + 5:].split() if joined >= 0 else before.split()
    if not 2 <= len(words) <= 4 or _INITIAL.match(words[0]) or _INITIAL.match(words[-1]):
        return None
    for word in words:
        if _INITIAL.match(word):
            continue
        if not is_capitalized(word) or is_all_caps(word) or word != word.rstrip("'’s") and word.endswith(("'s", "’s")) \
                or word.lower() in STOPWORDS or fold(word) in vocabulary:
            return None
    start = span.start + cut + 4
    return replace(span, start=start, name=name[cut + 4:])


def companies(chunk: Chunk, text: str, suffixes: frozenset[str] = frozenset()) -> list[Span]:
    """A run ending in a company suffix ("Nestlé S.A.", "General Motors", "Hon Hai Precision Industry Co., Ltd."),
    and the company listed before it when "and" follows a suffix ("MGM Resorts International and Wynn Resorts")."""
    tokens = chunk.tokens
    first = 0
    while first < len(tokens) - 1 and (tokens[first].lower in STOPWORDS or not is_capitalized(tokens[first].text)
                                       or tokens[first].bare != tokens[first].text):
        first += 1  # "Kenya's Safaricom PLC": the owner is not part of the name
    if first >= len(tokens) - 1:
        return []
    # "UNI Global Union and Progressive International", "MGM Resorts International and Wynn Resorts": after a head
    # noun or a company suffix, "and" starts another name
    # ("&" joins the words of one name: "Carnival Corporation & plc", "Wyndham Hotels & Resorts")
    split = max([first, *(k + 1 for k in range(first + 1, len(tokens) - 1) if tokens[k].lower == "and"
                          and (tokens[k - 1].bare.lower() in HEADS or tokens[k - 1].lower in suffixes))])
    found = []
    if split > first + 2 and tokens[split - 2].lower in suffixes and tokens[split - 2].text[:1].isupper():
        before = tokens[split - 2]
        found.append(Span(ORGANIZATION, chunk.field, tokens[first].start, before.end, PATTERN, "rule", 0.8,
                          text[tokens[first].start:before.end], trimmable=True, source="company"))
    first = split
    # "Members of Progressive International": a sentence's first word and its "of" are not the company's
    if first + 2 < len(tokens) and tokens[first + 1].lower in ("of", "for") and _SENTENCE_START.search(
            text, max(0, tokens[first].start - 3), tokens[first].start):
        first += 2
    start, end = tokens[first].start, chunk.end
    more = _MORE_SUFFIX.match(text, end) if text[end:end + 1] in (".", ",") else None
    if more is not None:
        end = more.end()  # "Co., Ltd."
    found.append(Span(ORGANIZATION, chunk.field, start, end, PATTERN, "rule", 0.8, text[start:end],
                      trimmable=True, source="company"))
    return found


def _portfolio_end(text: str, end: int) -> int | None:
    """Where a comma-listed portfolio after "Ministry of X" ends, if what follows reads as one."""
    match = _PORTFOLIO.match(text, end)
    if match is None:
        return None
    words = [w.strip(",'’").lower() for w in match.group().split()]
    # "the Ministry of Labour, Employers' Federation and ...": a head noun starts another organization
    if any(w in HEADS for w in words):
        return None
    return match.end()


def _initials_fit(words: list[str], acronym: str) -> bool:
    # "MOLISA" spells "Ministry of Labour, Invalids and Social Affairs" only with the small words' initials
    return _spelled(words, acronym, True) or _spelled(words, acronym, False)


def _spelled(words: list[str], acronym: str, capitals_only: bool) -> bool:
    letters = [c for c in acronym.upper() if c.isalpha()]
    initials = [w[0].upper() for w in words if (is_capitalized(w) or not capitals_only and w[:1].isalpha())]
    # every letter of the acronym in order among the capitalized words' initials, starting with the first
    if not initials or not letters or initials[0] != letters[0]:
        return False
    k = 0
    for initial in initials:
        if k < len(letters) and initial == letters[k]:
            k += 1
    return k == len(letters)


def find_definitions(text: str, field: Field, chunks: list[Chunk]) -> list[tuple[int, int, str, int, int]]:
    """'International Labour Organization (ILO)': (name start, name end, acronym, acronym start, end)."""
    found: list[tuple[int, int, str, int, int]] = []
    if "(" not in text:
        return found  # most text defines nothing: no bracket, no run ends to index
    ends: dict[int, int] | None = None  # (indexed at the first "(ACR)": most brackets hold none, "(1)", "(file photo)")
    for match in _ACRONYM_DEF.finditer(text):
        if ends is None:
            ends = {c.end: n for n, c in enumerate(chunks)}
        before = text[:match.start()].rstrip()
        n = ends.get(len(before))
        if n is None:
            continue
        chunk = chunks[n]
        acronym = match.group(1)
        start = _spelled_start(text, chunks, n, acronym)
        if start is not None:
            found.append((start, chunk.end, acronym, match.start(1), match.end(1)))
        else:
            words = [t.text for t in chunk.tokens]
            # Acronyms from another language ("SECO") do not spell the English name; a name with a
            # head noun ("... Secretariat for Economic Affairs", "Department of ...") is still defined.
            lowered = [w.lower().rstrip("'s") for w in words]
            # the name starts after the last "and"/"the" ("the ILO and the Swiss State Secretariat ...")
            breaks = [i + 1 for i, w in enumerate(words[:-1]) if w in ("and", "the", "&")]
            # ... unless no head noun follows the break ("Global Alliance for Buildings and Construction (GlobalABC)")
            breaks = [b for b in breaks if lowered[-1] in HEADS or any(w in PREFIX_HEADS for w in lowered[b:])]
            first = breaks[-1] if breaks else 0
            k = next((i for i in range(first, len(words)) if words[i].lower() not in STOPWORDS), None)
            if k is not None and (lowered[-1] in HEADS or any(w in PREFIX_HEADS for w in lowered)):
                found.append((chunk.tokens[k].start, chunk.end, acronym, match.start(1), match.end(1)))
    return found


def _spelled_start(text: str, chunks: list[Chunk], n: int, acronym: str) -> int | None:
    """Where the shortest tail of the run before "(ACRONYM)" whose initials spell it starts; the run may
    reach back over one short gap into the chunk before ("Association in Cambodia (GMAC)")."""
    chunk = chunks[n]
    tokens: list[Token | None] = list(chunk.tokens)  # None: a word of the gap, where no name may start
    earlier = chunks[n - 1] if n > 0 and chunks[n - 1].field is chunk.field else None
    if earlier is not None and _NAME_GAP.match(text[earlier.end:chunk.start]) and not is_all_caps(earlier.tokens[-1].text):
        gap = text[earlier.end:chunk.start].replace(",", " ").split()
        tokens = [*earlier.tokens, *([None] * len(gap)), *tokens]
        words = [t.text for t in earlier.tokens] + gap + [t.text for t in chunk.tokens]
    else:
        words = [t.text for t in chunk.tokens]
    for k in range(len(words) - 1, -1, -1):
        token = tokens[k]
        # (a small word starts no name, unless the letters spell it: "Building Resilience with ... (BRACE)")
        if token is None or words[k].lower() in STOPWORDS and words[k][:1] != acronym[:1]:
            continue
        if _initials_fit(words[k:], acronym) and is_capitalized(words[k]):
            return token.start
    return None


def definition_spans(text: str, field: Field, chunks: list[Chunk], kind_of) -> tuple[list[Span], dict[str, tuple[EntityKind, str]]]:
    """Spans for defined names and their acronyms, plus the acronym -> (kind, name) it teaches."""
    spans, taught = [], {}
    for start, end, acronym, a_start, a_end in find_definitions(text, field, chunks):
        name = text[start:end]
        kind = kind_of(name, text, a_end + 1, start)
        taught[acronym] = (kind, name)
        spans.append(Span(kind, field, start, end, DEFINITION, "rule", 0.9, name, trimmable=True, source="definition"))
        spans.append(Span(kind, field, a_start, a_end, DEFINITION, "rule", 0.9, name, source="acronym"))
    return spans, taught


# what a story must hold (folded) for "listed-organizations" to find anything: the pipeline skips it in the others
LISTED_CUES: Final[tuple[str, ...]] = ("such as", "including", "like")


def _cue_words(folded: str) -> bool:
    return "such as" in folded or "including" in folded or "like" in folded


def listed_organizations(chunks: list[Chunk], texts: dict[Field, str], folded: dict[Field, str],
                         claims: Claims) -> list[Span]:
    """Unknown names listed after "companies such as", "platforms including": organizations."""
    found: list[Span] = []
    previous_end: int | None = None
    # the plain substring tests first: they are a tenth of the regex's cost and nearly always fail
    cued_fields = {f for f, t in texts.items() if _cue_words(folded[f]) and _ANY_CUE.search(t)}
    if not cued_fields:
        return found
    for chunk in chunks:
        if chunk.field not in cued_fields:
            continue
        text = texts[chunk.field]
        cued = bool(_LIST_CUE.search(text, max(0, chunk.start - 40), chunk.start))
        # (a known name holding a joiner is two runs: "brands such as H&M, Gap" goes on through it)
        if not cued and previous_end is not None and not _LIST_GLUE.match(text[previous_end:chunk.start]) \
                and not claims.covered(chunk.field, previous_end, chunk.start):
            previous_end = None
        if not cued and previous_end is None:
            continue
        previous_end = chunk.end
        names: list[list] = [[]]
        for token in chunk.tokens:
            if token.lower in ("and", "or"):  # ("Legal & General", "Stop & Shop": one name)
                names.append([])
            else:
                names[-1].append(token)
        for tokens in names:
            if not 1 <= len(tokens) <= 3 + sum(t.text == "&" for t in tokens) or tokens[-1].text == "&" or not all(
                    is_capitalized(t.text) or t.text == "&" and k for k, t in enumerate(tokens)):
                continue
            start, end = tokens[0].start, tokens[-1].start + len(tokens[-1].bare)
            if claims.covered(chunk.field, start, end):
                continue
            span = Span(ORGANIZATION, chunk.field, start, end, GUESS, "rule", 0.5, text[start:end], source="listed")
            claims.add(span)
            found.append(span)
    return found


def listed(doc: Doc) -> None:
    """Pass "listed-organizations": unclaimed names after "companies such as" are accepted as organizations."""
    doc.accept(listed_organizations(doc.chunks, doc.texts, doc.folded, doc.claims))


def union_form(chunk: Chunk, text: str) -> Span | None:
    """A union named the American way, by "United" and its members' trade: "United Steelworkers", "United Farm
    Workers", "Bakers Workers United" (the run from "United", or the whole run ending in "Workers United")."""
    tokens = chunk.tokens
    if len(tokens) < 2:
        return None
    first = next((i for i, t in enumerate(tokens) if t.lower == "united"), None)
    if first is not None and first < len(tokens) - 1 and tokens[-1].bare.lower().endswith("workers"):
        start = tokens[first].start
    elif tokens[-1].lower == "united" and tokens[-2].lower.endswith("workers"):
        i = len(tokens) - 2  # back over the capitalized words before "Workers", not over "of" ("Members of ...")
        while i > 0 and is_capitalized(tokens[i - 1].text) and tokens[i - 1].lower not in STOPWORDS:
            i -= 1
        start = tokens[i].start
    else:
        return None
    end = tokens[-1].start + len(tokens[-1].bare)
    return Span(ORGANIZATION, chunk.field, start, end, PATTERN, "rule", 0.8, text[start:end],
                trimmable=True, source="union")


_LEGAL_AFTER: Final = re.compile(r",\s+([A-Z][\w./]*(?:,?\s+[A-Z][\w.]*)?)")
_WORD_BEFORE: Final = re.compile(r"(?<![\w'’-])([a-z][\w&-]*[A-Za-z]) $")


def legal_form_company(chunk: Chunk, text: str, legal_forms: frozenset[str]) -> Span | None:
    """A company named with its legal form where the run alone does not show it: a brand in small letters before
    the form ("thyssenkrupp AG", "easyJet plc") or the form after a comma ("Acme Foods of Texas, Inc.")."""
    tokens = chunk.tokens
    if len(tokens) == 1 and tokens[0].text in legal_forms:
        word = _WORD_BEFORE.search(text, max(0, chunk.start - 30), chunk.start)
        if word is None or word.group(1) in STOPWORDS:
            return None
        start, end = word.start(1), chunk.end
        more = _MORE_SUFFIX.match(text, end) if text[end:end + 1] in (".", ",") else None
        end = more.end() if more is not None else end
    else:
        after = _LEGAL_AFTER.match(text, chunk.end)
        if after is None or after.group(1).rstrip(".,") not in legal_forms and after.group(1) not in legal_forms:
            return None
        first = next((k for k, t in enumerate(tokens) if t.lower not in STOPWORDS and is_capitalized(t.text)), None)
        if first is None:
            return None
        start, end = tokens[first].start, after.end()
    return Span(ORGANIZATION, chunk.field, start, end, PATTERN, "rule", 0.8, text[start:end],
                trimmable=True, source="company")


def possessive_company(chunk: Chunk, text: str, suffixes: frozenset[str]) -> Span | None:
    """A company that owns what follows it: "Plan International's report", "Acme Holdings' plant"."""
    tokens = chunk.tokens
    if len(tokens) < 3 or "'" not in text[chunk.start:chunk.end] and "’" not in text[chunk.start:chunk.end]:
        return None
    k = next((k for k in range(1, len(tokens) - 1) if tokens[k].bare != tokens[k].text
              or tokens[k].text.endswith(("s'", "s’"))), None)
    if k is None or tokens[k].bare.rstrip("'’").lower() not in suffixes:
        return None
    end = tokens[k].start + len(tokens[k].bare.rstrip("'’"))
    owner = Chunk(chunk.field, tokens[:k + 1], chunk.words[:k + 1], chunk.start, end)
    found = companies(owner, text)
    return found[-1] if found else None
