"""Kind appositions: a name the next words call a benefit, an income, a strategy or a framework ("X, a national minimum
income")."""
from __future__ import annotations

import re
from typing import Final, TYPE_CHECKING

from graph.extract.chunks import STOPWORDS, has_head
from graph.extract.spans import CAMPAIGN, PATTERN, Span

if TYPE_CHECKING:
    from graph.extract.doc import Doc

# "the Ingreso Mínimo Vital, a national minimum income that ...", "launched Young Africa Works, a strategy to ...",
# "the Barbados Welcome Stamp, a 12-month visa", "Rao Mai Ting Gan, a cash handout", "Bolsa Verde, a cash transfer",
# "the Lives and Livelihoods Fund, a US$2.5 billion initiative": the nouns of benefits and plans that the pass
# "campaign-cues" does not read after a comma, and its programme nouns with an amount among the words before them
# (chosen leave-one-batch-out on batches 1-11 by all eleven folds: tests/data/NONILO.md, round extract10)
# (not a person's job: "Carolyn Fairbairn, a former BBC strategy director", nor a business: "Gravity Payments, a credit
# card processing company")
# (or led by an owner's possessive: "Takaful, Jordan's main cash transfer programme")
# (and a framework, as a strategy: "the New Growth Path, an economic framework that sets a goal of ...", batch 36)
_KIND_APPOSITION: Final = re.compile(r",\s+(?:a|an|the|[A-Z][\w.-]*['’]s)\s+(?:[\w$€£¥.,-]+\s+){0,3}?(?:income|benefit|allowance|incentive|strategy|framework|"
                                     r"programme|program|initiative|scheme|visa|handouts?|transfers?|card|vouchers?|subsid(?:y|ies)|"
                                     r"pension)\b(?!\s+(?:director|officer|manager|chief|head|adviser|"
                                     r"advisor|lead|leader|consultant|analyst|coordinator|specialist|expert|administrator|compan(?:y|ie)|firm|maker|"
                                     r"provider|issuer|processor|processing|network|operator|platform|business|giant|group)s?\b)")
_PLACE_BEFORE: Final = ("in ", "at ")
_YEAR_AFTER: Final = re.compile(r" (?:19|20)\d\d\b")
_GLOSS: Final = re.compile(r" \([^()]{1,60}\)")


# what a story must hold (folded) for the pass to find anything, the apposition's nouns ("program" in "programme"):
# the pipeline skips it in stories with none
CUES: Final[tuple[str, ...]] = ("income", "benefit", "allowance", "incentive", "strategy", "framework", "program", "initiative", "scheme",
        "visa", "handout", "transfer", "card", "voucher", "subsid", "pension")


def kind_appositions(doc: Doc) -> None:
    """Pass "kind-appositions": a capitalized name that an apposition calls a benefit, an income, an incentive, a
    strategy or a framework ("the Ingreso Mínimo Vital, a national minimum income that ..."), or a programme with an
    amount in its words ("a US$2.5 billion initiative"), is a campaign (the annotation rules' programmes). Never a
    name after "in" or "at" (where something happened: "in Davos, a pilot initiative") nor one with an organization's
    head."""
    org_heads = doc.resources.organization_heads
    for field, text in doc.texts.items():
        # (one scan of the text for the apposition first: most texts have none, and then no chunk is looked at)
        first = _KIND_APPOSITION.search(text)
        if first is None:
            continue
        ends = {first.start(), *(m.start() for m in _KIND_APPOSITION.finditer(text, first.end()))}
        for chunk in doc.chunks_in(field):
            # "Youth 2030, the first UN-wide youth strategy": a year after the words is part of the name
            year = _YEAR_AFTER.match(text, chunk.end) if text[chunk.end + 1:chunk.end + 2].isdigit() else None
            name_end = year.end() if year is not None else chunk.end
            if text.startswith(" (", chunk.end):
                # "Rao Mai Ting Gan ("we won't leave each other behind"), a cash handout": a gloss between
                gloss = _GLOSS.match(text, chunk.end)
                if gloss is not None and gloss.end() in ends:
                    name_end = gloss.end()
            if name_end not in ends or text[max(0, chunk.start - 3):chunk.start] in _PLACE_BEFORE \
                    or has_head(chunk, org_heads):
                continue
            tokens = list(chunk.tokens)
            while tokens and tokens[0].lower in STOPWORDS:
                tokens.pop(0)
            if tokens:
                start, end = tokens[0].start, tokens[-1].start + len(tokens[-1].bare)
                if year is not None and end == chunk.end:
                    end = name_end
                doc.candidates.append(Span(CAMPAIGN, field, start, end, PATTERN, "rule", 0.7,
                                           text[start:end], source="cue"))
