"""Runs of capitalized words (with 'of', 'for', 'and' inside) that the pattern finders classify."""
from __future__ import annotations

from typing import Final

import re

from graph.extract import memo
from graph.extract.doc import Chunk, Doc, Token
from graph.extract.memo import keep
from graph.records import Field

# Capitals of Latin-1 and of Latin Extended-A/B and Vietnamese ("İŞKUR", "Łódź", "Đà Nẵng"); the extended
# blocks interleave capitals and small letters, so their capitals are listed one by one.
UPPER: Final = "A-Z\u00c0-\u00d6\u00d8-\u00de" + "".join(
    c for c in map(chr, [*range(0x100, 0x250), *range(0x1e00, 0x1f00)]) if c.isupper() and c.isalpha())
# ("Sharm el-Sheikh", "Bashar al-Assad": an Arabic article joined by a hyphen to a capitalized word is part of a name)
ARTICLES: Final = ("al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ud", "ul")
_ARTICLE: Final = rf"(?:{'|'.join(ARTICLES)})-"
CONNECTORS: Final = frozenset("of for the and on against to & de da del della des di do dos du la le van von der den al el bin ibn y "
                              "und".split())
PARTICLES: Final = frozenset("de da del della des di do dos du la le van von der den al el bin ibn y".split())
_CONNECT: Final = "|".join(sorted((re.escape(c) for c in CONNECTORS), key=len, reverse=True))
# (the characters a connector can start with: a lookahead that fails at once on the other words)
_CONNECT_STARTS: Final = re.escape("".join(sorted({c[0] for c in CONNECTORS})))


# ("St. Louis", "St. Vincent Hospital": a saint's abbreviation before a capital stays in the run; cut at its full stop,
# the run was a place "St" and a name without it: batches 20, 31, 40 and 47. Tried first among a word's alternatives,
# where a word that is not "St." fails it at its first letter: a lookbehind after every word cost 9 k instructions a
# story)
_SAINT: Final = r"St\.(?=\s[A-Z])|"


def _run_pattern(upper: str, digit: str, word: str) -> str:
    """The capitalized-run pattern, its capitals, digits and word characters given as the insides of character classes.
    (The first word is written as one character class, then the alternatives looking back at it: a pattern that starts
    with a class lets the regex engine skip to the next capital or digit instead of trying every alternative at every
    position. The article ("al-", "el-") only inside a run: tried at every position of the text, it would double the
    scan's cost. Repeats that no later part of the pattern could give back to are possessive ("*+", "++"): the same
    matches, with no backtracking state kept; not the connectors' loop, which gives back the "el" of "Sharm el-Sheikh"
    to the article.)"""
    first = (rf"[{upper}{digit}](?:(?<=\bS)t\.(?=\s[A-Z])|(?<=[A-Z])\.(?:\s?[A-Z]\.)*(?=[\s,:;)]|$)"
             rf"|(?<=[{upper}])[{word}'’]*+(?:-[{word}'’]+)*+"
             rf"|(?<=[{digit}])[{digit}]*+(?:\.[{digit}]+)?(?=\s[{upper}]))")
    cap = (rf"(?:{_SAINT}[A-Z]\.(?:\s?[A-Z]\.)*(?=[\s,:;)]|$)|(?:{_ARTICLE})?[{upper}][{word}'’]*+(?:-[{word}'’]+)*+"
           rf"|[{digit}]++(?:\.[{digit}]+)?(?=\s[{upper}]))")
    return rf"{first}(?:(?:\s++(?=[{_CONNECT_STARTS}])(?:{_CONNECT}))*\s++{cap})*"


CHUNK: Final = re.compile(_run_pattern(UPPER, r"\d", r"\w"))
# ... and the same pattern for a text all ASCII (most texts), where its capitals are A-Z, its digits 0-9 and its word
# characters [A-Za-z0-9_]: the same matches in such a text, with plain ranges tested instead of the capitals' large
# set and Unicode's digit and word categories at every character
_ASCII_CHUNK: Final = re.compile(_run_pattern("A-Z", "0-9", "A-Za-z0-9_"))
_TOKEN: Final = re.compile(r"(?:[A-Z]\.(?:\s?[A-Z]\.)*)|\S+")

# Words that start sentences or qualify names without naming anything themselves.
STOPWORDS: Final = frozenset("""
a an the this that these those it its his her their our my your we you they he she i in on at as for with from by to
of and but or nor yet so however meanwhile today yesterday tomorrow now then there here what when where why how who
which while after before during since until over under through across between among amid despite although though
because if unless every each all some many more most both few several also even only just not no learn read watch
join find take see let let's last next first second third one two three four five ten hundreds thousands millions dear thanks
thank please about around towards toward against without within into upon via per like unlike whether whose once still
interview interviews video photo photos story stories feature opinion op-ed statement message news update report
press release q&a faq why how explainer spotlight editorial live webinar podcast event events building towards
""".split())
MONTHS: Final = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                 "november", "december")
WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Qualifiers that do not make a name distinctive on their own: "Regional Office" names nothing.
GENERIC: Final = frozenset("""
global national regional international world country joint new special technical pilot flagship annual local public
private general central federal state government interim main key major multi-country multi-year virtual first second
high-level sectoral tripartite un european african asian arab american our its their this the a an
""".split())
# Documents and meetings: named, but neither organizations nor people ("Domestic Workers Convention",
# "Centenary Declaration"); a name running on into one of these is not the entity its earlier head suggests.
NAMED_THINGS: Final = frozenset("""
declaration convention conventions recommendation report reports agenda strategy plan charter protocol act law
summit conference meeting outlook index survey award awards prize guidelines guide toolkit treaty
""".split())

# Sites, not bodies: a head noun before one of these names a place of work ("Toledo Assembly Complex",
# "Michigan Assembly Plant"), not an organization.
FACILITIES: Final = frozenset("plant plants complex facility warehouse depot refinery mine terminal".split())
# ... and a draft law: "the Platform Workers Bill" names a bill, not the workers' body ("Bill" alone is also a
# given name, so it is not one of the NAMED_THINGS people are checked against)
THINGS_AFTER_HEADS: Final = NAMED_THINGS | FACILITIES | {"bill", "bills"}
# Legislatures a story names by the bare word ("Portugal's Parliament", "press Congress to act"): each is an
# organization on its own, and "and" before one ends the name before it ("Department of Labor and Congress").
LEGISLATURES: Final = frozenset("parliament congress senate legislature diet".split())
# ... and with a qualifier that alone names nothing: "the National Assembly", "the Federal Assembly"
LEGISLATURE_QUALIFIERS: Final = frozenset("national federal legislative state".split())

_PLURAL_POSSESSIVE: Final = ("ren", "men", "ople")  # children's, women's, people's
_WHEN: Final = frozenset(MONTHS + WEEKDAYS)
# (a prefix head reads its name on after it, never over an article right after it: "Labour Day the Mexican")
_ARTICLES_AFTER_HEAD: Final = frozenset(("the", "a", "an"))


_ARTICLED: Final = re.compile(_ARTICLE + f"[{UPPER}]")


def is_capitalized(token: str) -> bool:
    return token[:1].isupper() or "-" in token[2:4] and _ARTICLED.match(token) is not None


_ALL_CAPS: Final[dict[str, bool]] = {}


# "LinkedIn", "DoorDash", "NatWest": a capital inside a word after three small letters is a brand's (not "McCain",
# "MacArthur", "DeSantis", "LeBlanc", whose capital follows a surname's prefix)
_CAMEL: Final = re.compile(r"[A-Z][a-z]{2,}[A-Z][a-z]+")
_SURNAME_PREFIXES: Final = ("Mac", "Van", "Von", "Fitz", "Del", "Della", "Des")


_CAMELS: Final[dict[str, bool]] = {}


def is_camel(word: str) -> bool:
    """Whether a word is written as brands are, capitals inside ("LinkedIn", "WhatsApp")."""
    known = _CAMELS.get(word)
    if known is None:
        known = _CAMEL.fullmatch(word) is not None and not word.startswith(_SURNAME_PREFIXES)
        keep(_CAMELS, word, known, memo.WORDS)
    return known


def is_all_caps(token: str) -> bool:
    known = _ALL_CAPS.get(token)
    if known is None:
        letters = [c for c in token if c.isalpha()]
        known = len(letters) >= 2 and all(c.isupper() for c in letters)
        keep(_ALL_CAPS, token, known, memo.WORDS)
    return known


_Layout = tuple[tuple[tuple[tuple[int, int, str, str, str], ...], tuple[str, ...], frozenset[str]], ...]
_LAYOUTS: Final[dict[str, _Layout]] = {}


def _words(matched: str) -> list[tuple[int, int, str]]:
    """The tokens of a run (`_TOKEN`'s matches) with their offsets. A run without a full stop has no initials, so its
    tokens are its words, split on the whitespace `\\s` is (str.split's): found in turn by `find` instead of a match
    object's three method calls a token (compiled, a generic call each), the regex only for runs with initials."""
    if "." in matched:
        return [(t.start(), t.end(), t.group()) for t in _TOKEN.finditer(matched)]
    found = []
    at = 0
    for word in matched.split():
        at = matched.find(word, at)  # (the next word's start: only whitespace lies before it)
        found.append((at, at + len(word), word))
        at += len(word)
    return found


def _layout(matched: str) -> _Layout:
    """How one capitalized run splits into chunks of words, offsets relative to the run; cached, as the
    same names recur story after story."""
    layout = _LAYOUTS.get(matched)
    if layout is not None:
        return layout
    groups: list[tuple] = []
    tokens: list[tuple[int, int, str, str, str]] = []
    for start, end, text in _words(matched):
        token = (start, end, text, text.lower(), text[:-2] if text.endswith(("'s", "’s")) else text)
        if tokens and tokens[-1][2].endswith(".") and token[3] in STOPWORDS:
            groups.append(tuple(_trim_connectors(tokens)))
            tokens = []
        tokens.append(token)
    # "40,000 Verizon workers": a figure before a name is not part of it
    while tokens and tokens[0][2][0].isdigit():
        tokens.pop(0)
    tokens = _trim_connectors(tokens)
    if tokens:
        groups.append(tuple(tokens))
    layout = tuple((g, tuple(t[2] for t in g), frozenset(t[4].lower() for t in g)) for g in groups if g)
    return keep(_LAYOUTS, matched, layout, memo.RUNS)


def find_chunks(text: str, field: Field) -> list[Chunk]:
    """Capitalized runs, split where a sentence ends inside one ("the U.S. The ILO")."""
    chunks = []
    for match in (_ASCII_CHUNK if text.isascii() else CHUNK).finditer(text):
        at = match.start()
        matched = match.group()
        layout = _LAYOUTS.get(matched)  # (the memo read here: a call per run cost more than the hits it serves)
        for group, words, bares in (layout if layout is not None else _layout(matched)):
            tokens = tuple([Token(at + a, at + b, t, lower, bare) for a, b, t, lower, bare in group])
            chunks.append(Chunk(field, tokens, words, tokens[0].start, tokens[-1].end, bares))
    return chunks


def words_before(text: str, start: int, count: int = 3) -> list[str]:
    """Up to `count` words just before `start`, last one last, with a comma or colon after the last one dropped
    ("companies, Amazon"): string slicing, far cheaper per run than a regex over the whole text."""
    words = text[max(0, start - 40):start].split()
    if words and start >= 40:
        words = words[1:]  # the first may be cut
    if words and words[-1][-1:] in ",:":
        words[-1] = words[-1][:-1]
    return words[-count:]


def find_runs(doc: Doc) -> None:
    """Pass "chunks": the capitalized runs of the title, then of the summary."""
    for field, text in doc.texts.items():
        found = find_chunks(text, field)
        doc.chunks.extend(found)
        doc.chunks_by_field[field] = found


def _trim_connectors(tokens: list) -> list:
    while tokens and tokens[-1][3] in CONNECTORS and not tokens[-1][2][:1].isupper():
        tokens.pop()
    while tokens and tokens[0][3] in CONNECTORS and not tokens[0][2][:1].isupper():
        tokens.pop(0)
    return tokens


def _is_head(token: Token, heads: frozenset[str]) -> bool:
    return is_capitalized(token.text) and token.bare.lower() in heads


_HEADED: Final[dict[tuple, list[tuple[int, int]]]] = {}
_PEOPLE_HEADS: Final = frozenset(("workers", "employers"))


def has_head(chunk: Chunk, heads: frozenset[str]) -> bool:
    """Whether any word of the chunk is one of `heads`; without one, no headed span can start, so the
    finders skip their rules."""
    bares = chunk.bares or frozenset(t.bare.lower() for t in chunk.tokens)
    return not heads.isdisjoint(bares)


# words a campaign's name may hold between capitalized words though they are stopwords elsewhere (and a capitalized
# "On": "Go Home On Time Day"; campaigns._after_when cuts it where an observance follows it whole)
_INNER_WORDS: Final = frozenset("first one all every no more on".split())
_TRADE_NOUNS: Final = frozenset(("building",))
_AND: Final = frozenset(("and", "&"))


def _qualified(tokens: tuple[Token, ...], k: int) -> bool:
    """Whether the head noun at `k` has a distinctive capitalized word right before it ("Brandman University"), so
    it can end a name of its own (not "Service", nor "National Service")."""
    return k > 0 and is_capitalized(tokens[k - 1].text) and tokens[k - 1].lower not in STOPWORDS \
        and tokens[k - 1].bare.lower() not in GENERIC


# a union's head after its members' noun: what a name before "and" lists are the trades of one union's members
UNION_HEADS = frozenset(("union", "unions", "federation", "association"))
MEMBERS = frozenset(("workers", "employees", "workers'", "employees'", "workers’", "employees’"))


def _trades_union(tokens: tuple[Token, ...], k: int, h: int) -> bool:
    """Whether a head noun at `k` before "and" is one of the trades a union's name lists, the name after "and" ending
    in its members' noun and a union's head ("the Free Trade Zones and General Services Employees Union", "Domestic
    Service and Allied Workers Union"), the head before "and" being no union's or members' word itself."""
    return tokens[h].lower in UNION_HEADS and h > k + 2 and tokens[h - 1].lower in MEMBERS \
        and tokens[k].lower not in UNION_HEADS and tokens[k].lower not in MEMBERS


def headed_spans(chunk: Chunk, heads: frozenset[str], prefix_heads: frozenset[str],
                 cross: bool = False, cross_of: frozenset[str] | None = None) -> list[tuple[int, int]]:
    """`_headed_spans`, remembered per run of words and rule set (names recur across stories)."""
    if not has_head(chunk, heads):
        return []  # no head noun of this set: no span can end in or start with one (most runs, most sets)
    key = (chunk.words or tuple(t.text for t in chunk.tokens), id(heads), id(prefix_heads), cross, id(cross_of))
    found = _HEADED.get(key)
    if found is None:
        found = _headed_spans(chunk, heads, prefix_heads, cross, cross_of)
        keep(_HEADED, key, found, memo.SPANS)
    return found


def _headed_spans(chunk: Chunk, heads: frozenset[str], prefix_heads: frozenset[str],
                  cross: bool = False, cross_of: frozenset[str] | None = None) -> list[tuple[int, int]]:
    """Token index ranges [i, j] of names ending in a head noun ("... Trade Unions") or led by one
    ("Ministry of Labour and Social Affairs"); 'of' is crossed leftwards after a head noun, always when
    `cross` (campaign names read "Decent Jobs for Youth Campaign"), or, given `cross_of`, a lone 'of'
    after any word not in that set ("Conditions of Work and Equality Department", not "Director of ...")."""
    tokens = chunk.tokens
    found = []
    for h, token in enumerate(tokens):
        if not _is_head(token, heads):
            continue
        if h + 1 < len(tokens) and is_capitalized(tokens[h + 1].text) and (
                tokens[h + 1].bare.lower() in THINGS_AFTER_HEADS):
            continue
        end = h
        if token.bare.lower() in prefix_heads and token.bare == token.text:
            j = h + 1
            while j < len(tokens):
                word = tokens[j]
                if word.lower == "and" and j + 1 < len(tokens) and (
                        tokens[j + 1].lower == "the" or is_all_caps(tokens[j + 1].text) or _is_head(tokens[j + 1], prefix_heads)
                        or tokens[j + 1].lower in LEGISLATURES
                        or _is_head(tokens[j - 1], heads)):  # "Brandman University and Bellevue University"
                    break
                if word.lower in _WHEN:
                    break  # "the National Assembly on Monday": when, not the name's
                if j == h + 1 and word.lower in _ARTICLES_AFTER_HEAD:
                    break  # "On Labour Day the Mexican government ...": an article after the head starts the next phrase
                if is_capitalized(word.text) and word.lower not in STOPWORDS:
                    end = j
                    # "Panel on Women's Economic Empowerment": a plural possessive inside goes on to what it owns
                    if word.bare != word.text and not (word.bare.endswith(_PLURAL_POSSESSIVE) and j + 1 < len(tokens)
                                                       and is_capitalized(tokens[j + 1].text)):
                        break
                    # "Council of Trade Unions' Change the Rules": a plural possessive ends the name, unless a
                    # head noun follows ("Federation of Workers' Unions")
                    # ("Center for Global Workers' Rights": people, not a body, own nothing a name is cut at)
                    owner = word.text.rstrip("'’").lower()
                    if word.text.endswith(("s'", "s’")) and not (j + 1 < len(tokens) and _is_head(tokens[j + 1], heads)) and (
                            owner in heads and owner not in _PEOPLE_HEADS or j + 1 == len(tokens)):
                        break
                j += 1
        start = h
        i = h - 1
        while i >= 0:
            word = tokens[i]
            if is_capitalized(word.text):
                # "Kenya's Ministry" is two names; "Children's Foundation", "Women's Union" one
                # (a campaign's name may hold an ordinal or a quantifier between capitalized words: "Global
                # Education First Initiative", "One Nation One Ration Card")
                # (and a trade's noun the stop list holds for a sentence's first word: "Building on ...", not
                # "the Australian Building and Construction Commission")
                if word.lower in STOPWORDS and not (cross and word.lower in _INNER_WORDS and i > 0
                                                    and is_capitalized(tokens[i - 1].text)
                                                    and tokens[i - 1].lower not in STOPWORDS) \
                        and not (word.lower in _TRADE_NOUNS and i > 0 and i + 1 < h
                                 and tokens[i + 1].lower in _AND and is_capitalized(tokens[i - 1].text)) \
                        or word.bare != word.text and not word.bare.endswith(_PLURAL_POSSESSIVE):
                    break
                start = i
                i -= 1
                continue
            # a connector run: cross "and" between capitalized words, "of/for/on" only after a head noun
            k = i
            while k >= 0 and not is_capitalized(tokens[k].text):
                k -= 1
            run = {t.lower for t in tokens[k + 1:i + 1]}
            if k < 0 or "the" in run and run <= {"and", "the"}:
                break
            if run <= {"and", "&"} and _is_head(tokens[k], heads) and tokens[k].text == tokens[k].bare and (
                    start == h or _qualified(tokens, k)) and not _trades_union(tokens, k, h):
                # "Brandman University and Bellevue University", "its Seasonal Worker Programme and Pacific Labour
                # Scheme": a head noun before "and" ends a name of its own; a bare one ("the Service and Food Workers
                # Union", "Communications, Energy and ...") is the first of the trades a qualified name lists
                break
            if run <= {"and", "&"} and token.lower in LEGISLATURES and start == h:
                break  # "the Department of Labor and Congress": the bare legislature is a name of its own
            if run <= {"and", "&"} or _is_head(tokens[k], prefix_heads) or (cross and "the" not in run) or (
                    cross_of is not None and run == {"of"} and tokens[k].lower not in cross_of
                    and tokens[k].lower not in STOPWORDS and tokens[k].bare == tokens[k].text):
                i = k
                continue
            break
        content = [t for t in tokens[start:end + 1] if is_capitalized(t.text) and t is not token]
        if content and any(t.bare.lower() not in GENERIC and t.bare.lower() not in heads for t in content):
            found.append((start, end))
    return found
