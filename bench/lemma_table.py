"""Build the lemma table from WordNet 3.0, offline: `python -m bench.lemma_table [--wordnet DIR] [--out FILE] [--inflections]`.

A dev-time tool (Debian `wordnet-base`, `apt-get install wordnet-base`, puts WordNet 3.0 in /usr/share/wordnet); only
the table it writes would be read at run time (round extract35 measured it and shipped nothing: bench.themes_lemmas,
tests/data/NONILO.md; the tables are kept in bench/candidate-lemmas/). The table maps the inflected and
derivationally related forms of the words that matter -- every word of the theme scheme's labels, weak labels and topic cues, and every word at least two annotated
stories use (the theme model's vocabulary) -- to one lemma, so "unionised", "unionizing" and "unionisation" meet one
weight and one label. Built as:

1. each seed word's WordNet bases (morphy: the exception lists and the detachment rules, each base checked against the
   index); a seed that is itself a lemma stays one;
2. with derivations (the default), the lemmas' derivationally related forms and pertainyms (pointers "+" and "\\"),
   two steps, where one word is the other with a derivational ending (`DERIVATIONS`: "migrate" / "migration",
   "union" / "unionize" / "unionization"; not the agent nouns "employer", "employee", nor "stand" / "standard");
3. every lemma's inflections (the regular rules and the exception lists, each checked by morphy back to the lemma) and
   their British spellings ("-ise", "-isation", "labour");
4. the classes joined (union-find); a class's lemma is its shortest member (then alphabetical). Of several bases the
   longest is taken ("wages" is "wage", not "wag"), and an irregular one only when it keeps the word's start.

Rows are "form<TAB>lemma" for every form whose lemma is another word; the header carries WordNet's licence notice.
"""
from __future__ import annotations

import argparse
import re
from collections import defaultdict
from pathlib import Path

from graph.extract.folding import fold

ROOT = Path(__file__).resolve().parents[1]
WORDNET = Path("/usr/share/wordnet")
OUT = ROOT / "ontology" / "lemmas.tsv"
POS = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
RULES = {  # morphy's detachment rules (WordNet's morph.c): suffix -> ending
    "n": (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"),
          ("ies", "y")),
    "v": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "r": (),
}
_WORD = re.compile(r"^[a-z][a-z-]*[a-z]$")
LICENCE = """WordNet Release 3.0 This software and database is being provided to you, the LICENSEE, by Princeton
University under the following license. By obtaining, using and/or copying this software and database, you agree that
you have read, understood, and will comply with these terms and conditions.: Permission to use, copy, modify and
distribute this software and database and its documentation for any purpose and without fee or royalty is hereby
granted, provided that you agree to comply with the following copyright notice and statements, including the
disclaimer, and that the same appear on ALL copies of the software, database and documentation, including
modifications that you make for internal use or for distribution. WordNet 3.0 Copyright 2006 by Princeton University.
All rights reserved. THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS
OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO
REPRESENTATIONS OR WARRANTIES OF MERCHANT- ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE
LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR
OTHER RIGHTS. The name of Princeton University or Princeton may not be used in advertising or publicity pertaining to
distribution of the software and/or database. Title to copyright in this software, database and any associated
documentation shall at all times remain with Princeton University and LICENSEE agrees to preserve same."""


class WordNet:
    """The parts of WordNet the table needs: each part of speech's lemmas, exceptions and lexical links."""

    def __init__(self, directory: Path) -> None:
        self.lemmas: dict[str, set[str]] = {}
        self.exceptions: dict[str, dict[str, set[str]]] = {}
        self.links: dict[str, set[str]] = defaultdict(set)  # lemma -> derivationally related lemmas, pertainyms
        for p, name in POS.items():
            self.lemmas[p] = {line.split(" ", 1)[0] for line in _lines(directory / f"index.{name}")}
            exc: dict[str, set[str]] = defaultdict(set)
            for line in _lines(directory / f"{name}.exc"):
                form, *bases = line.split()
                for base in bases:
                    exc[form].add(base)
            self.exceptions[p] = exc
        words: dict[tuple[str, int], list[str]] = {}
        pointers: list[tuple[str, int, int, str, int]] = []
        for name in POS.values():
            for line in _lines(directory / f"data.{name}"):
                fields = line.split(" | ", 1)[0].split()
                offset, ss_type = int(fields[0]), fields[2]
                key = ("a" if ss_type == "s" else ss_type, offset)
                count = int(fields[3], 16)
                words[key] = [fields[4 + 2 * i].lower().split("(")[0] for i in range(count)]
                at = 4 + 2 * count
                for i in range(int(fields[at])):
                    symbol, target, tpos, st = fields[at + 1 + 4 * i: at + 5 + 4 * i]
                    if symbol in ("+", "\\") and st != "0000":
                        pointers.append((key[0], offset, int(st[:2], 16), ("a" if tpos == "s" else tpos) + target,
                                         int(st[2:], 16)))
        for p, offset, source, target, number in pointers:
            a = words[(p, offset)][source - 1]
            b = words[(target[0], int(target[1:]))][number - 1]
            self.links[a].add(b)
            self.links[b].add(a)

    def bases(self, word: str, pos: str | None = None) -> set[str]:
        """The WordNet lemmas an inflected word can be a form of (morphy), the word itself excluded; of several, the
        longest ("wages" is "wage", not "wag"), and an irregular one only when it keeps the word's start ("children",
        "women"; not "better" -> "good")."""
        out: set[str] = set()
        for p in (pos,) if pos else POS:
            out |= {b for b in self.exceptions[p].get(word, set()) if _prefix(word, b) >= min(len(b), 3)}
            for suffix, ending in RULES[p]:
                if word.endswith(suffix) and len(word) > len(suffix):
                    base = word[: -len(suffix)] + ending
                    if base in self.lemmas[p]:
                        out.add(base)
        out.discard(word)
        longest = max(map(len, out), default=0)
        return {b for b in out if len(b) == longest}

    def is_lemma(self, word: str) -> bool:
        return any(word in lemmas for lemmas in self.lemmas.values())

    def inflections(self, lemma: str) -> set[str]:
        """The lemma's inflected forms in each of its parts of speech, by the rules backwards and the exception lists,
        each checked by morphy back to the lemma in that part of speech."""
        out: set[str] = set()
        if self.bases(lemma):
            return out  # "works", "acting": lemmas that are themselves another's forms have no forms of their own
        vowel_y = lemma.endswith("y") and lemma[-2:-1] not in ("a", "e", "o", "u", "")
        plural = lemma + "es" if lemma.endswith(("s", "x", "z", "ch", "sh")) else \
            lemma[:-1] + "ies" if vowel_y else lemma + "s"
        forms = {"n": {plural},
                 "v": {plural, lemma + "d" if lemma.endswith("e") else lemma[:-1] + "ied" if vowel_y else lemma + "ed",
                       lemma[:-1] + "ing" if lemma.endswith("e") and not lemma.endswith("ee") else lemma + "ing"},
                 # comparatives of short adjectives only ("poorer", "safest"; not "nationaler")
                 "a": set() if len(lemma) > 6 else {lemma + "r", lemma + "st"} if lemma.endswith("e") else
                 {lemma[:-1] + "ier", lemma[:-1] + "iest"} if vowel_y else {lemma + "er", lemma + "est"}}
        for p, candidates in forms.items():
            if lemma not in self.lemmas[p]:
                continue
            candidates |= {form for form, bases in self.exceptions[p].items() if lemma in bases}
            out |= {c for c in candidates if lemma in self.bases(c, p)}
        return out


def _prefix(a: str, b: str) -> int:
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common


# the endings a derivation may add to a word for the two to count as one word's forms: nominalizations, the verbs and
# adjectives of a noun ("unionize", "economic"), the state or office nouns ("apprenticeship"); not the agent nouns
# ("employer", "employee"), which name someone else, nor words that only start alike ("stand" / "standard")
DERIVATIONS = ("ation", "ition", "ion", "ment", "ance", "ence", "ancy", "ency", "ship", "ity", "ize", "ise", "al",
               "ial", "ic", "ical", "ive", "ness", "hood", "age", "ure", "y")


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="latin-1").splitlines() if line and not line.startswith(" ")]


def related(a: str, b: str) -> bool:
    """Whether one of two derivationally linked words is the other with a derivational ending ("retrench" /
    "retrenchment", "migrate" / "migration", "unionize" / "unionization"), not merely alike ("union" / "unite")."""
    short, long = sorted((a, b), key=lambda w: (len(w), w))
    for stem in {short, short[:-1] if short[-1:] in "ey" else short, short[:-1] + "i" if short[-1:] == "y" else short}:
        if long.startswith(stem) and long[len(stem):] in DERIVATIONS:
            return True
    return False


_BRITISH = ((re.compile(r"iz(e|ed|es|ing|er|ers|ation|ations|ational)$"), r"is\1"),
            (re.compile(r"yz(e|ed|es|ing)$"), r"ys\1"), (re.compile(r"labor"), "labour"),
            (re.compile(r"^(behavi|favo|hono|harbo|neighbo|colo|rumo|vigo)r"), r"\1our"),
            (re.compile(r"center"), "centre"))


def british(form: str) -> set[str]:
    """The British spellings of an American form ("unionization" -> "unionisation")."""
    out = set()
    for pattern, replacement in _BRITISH:
        changed = pattern.sub(replacement, form)
        if changed != form:
            out.add(changed)
    return out


def seeds() -> set[str]:
    """The words that matter: the scheme's labels, weak labels and topic cues, and words two stories use."""
    from graph.extract.knowledge import load
    from graph.extract.learned import STOP, words

    from bench.train_themes import SETS, gold_stories

    found: set[str] = set()
    for theme in load().themes:
        for label in (*theme.labels, *theme.weak, *theme.topics):
            found |= set(words(fold(label)))
    counts: dict[str, int] = defaultdict(int)
    for name in SETS:
        for story, _ in gold_stories(name):
            for w in set(words(fold(story.title)) + words(fold(story.summary))):
                counts[w.rstrip("'").removesuffix("'s")] += 1
    found |= {w for w, c in counts.items() if c >= 2}
    return {w for w in found if _WORD.match(w) and w not in STOP}


def build(wordnet: WordNet, seed: set[str], derivations: bool = True) -> dict[str, str]:
    """form -> lemma for every form of the seeds' classes whose lemma is another word."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb, key=lambda w: (len(w), w))] = min(ra, rb, key=lambda w: (len(w), w))

    lemmas: set[str] = set()
    for word in seed:
        bases = {b for b in wordnet.bases(word) if _WORD.match(b)}
        if wordnet.is_lemma(word):
            bases = {b for b in bases if _prefix(word, b) >= len(b) - 1}  # "working" is "work"
            lemmas.add(word)
        for b in bases:
            union(word, b)
            lemmas.add(b)
    if derivations:
        frontier = set(lemmas)
        for _ in range(2):  # two steps: "unionisation" -> "unionize" -> "union"
            reached = set()
            for lemma in frontier:
                for other in wordnet.links.get(lemma, ()):
                    if _WORD.match(other) and related(lemma, other):
                        union(lemma, other)
                        reached.add(other)
            frontier = reached - lemmas
            lemmas |= reached
    for lemma in list(lemmas):
        for form in wordnet.inflections(lemma):
            if _WORD.match(form):
                union(lemma, form)
    for form in list(parent):
        for variant in british(form):
            union(form, variant)
    return {form: find(form) for form in parent if find(form) != form}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordnet", type=Path, default=WORDNET, help="WordNet 3.0's dict directory")
    parser.add_argument("--out", type=Path, default=OUT, help="the table to write")
    parser.add_argument("--inflections", action="store_true", help="inflections only, no derivations")
    args = parser.parse_args(argv)
    table = build(WordNet(args.wordnet), seeds(), derivations=not args.inflections)
    command = "python -m bench.lemma_table" + (" --inflections" if args.inflections else "") + \
        (f" --out {args.out}" if args.out != OUT else "")
    header = [
        "# Lemma table: an inflected or derivationally related form <TAB> its lemma (measured for the theme model's",
        "# features and label matching by bench.themes_lemmas in round extract35, tests/data/NONILO.md; not shipped).",
        "# Derived from WordNet 3.0 (Princeton University; Debian package wordnet-base) for the words of the theme",
        "# scheme's labels and cues and the words two annotated stories use, by: " + command,
        "# (see bench/lemma_table.py for the method). WordNet's licence, which applies to this derived table:",
        *("# " + line for line in LICENCE.splitlines()),
    ]
    rows = [f"{form}\t{lemma}" for form, lemma in sorted(table.items())]
    args.out.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(rows)} rows, {len(set(table.values()))} lemmas")


if __name__ == "__main__":
    main()
