"""Bodies named like campaigns: "the Outlaw Ocean Project links ...", "Vital Signs Partnership: ..."."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Final, TYPE_CHECKING

from graph.extract.spans import ORGANIZATION, CAMPAIGN

if TYPE_CHECKING:
    from graph.extract.doc import Doc

# heads a campaign and a standing body share ("the Outlaw Ocean Project" is a newsroom, "the Clean Clothes Campaign" a
# network of organizations); a programme, day or pact never acts as a body, nor does a coalition a qualifier names
# ("UNESCO and the EQUALS Skills Coalition published ..."): every unknown name ending "Coalition" in the gold of the
# open batches is a campaign (six, in six batches), where names ending "Alliance" are mostly bodies
BODY_HEADS: Final = frozenset("project partnership campaign alliance mission".split())
# what a body does in news: it reports, finds, links, warns ("the Outlaw Ocean Project links ..."), or speaks in a
# headline ("Vital Signs Partnership: deaths of ... go unexplained")
_ACTS: Final = re.compile(r"(?::| (?:says|said|finds|found|reports|reported|links|linked|warns|warned|urges|urged|estimates|"
                          r"estimated|shows|showed|publishes|published|documents|documented|accuses|accused|argues|told)\b)")


def acting_bodies(doc: Doc) -> None:
    """Pass "acting-bodies": a campaign-headed name that acts as a body is an organization.

    A name ending in a head campaigns and bodies share (Project, Partnership, Campaign, Alliance, Mission) is an
    organization when it is the subject of a reporting verb or a headline's colon ("Outlaw Ocean Project links ...",
    "Vital Signs Partnership: ..."); its other mentions in the story follow. (Listed beside organizations is no
    evidence: the annotations call "the Clean Clothes Campaign" in such a list a campaign in one batch and an
    organization in another.)"""
    campaign = CAMPAIGN
    heads = [s for s in doc.accepted if s.kind is campaign and s.name.rsplit(" ", 1)[-1].lower() in BODY_HEADS]
    if not heads:
        return
    bodies = {s.name for s in heads if _ACTS.match(doc.texts[s.field], s.end) is not None}
    if not bodies:
        return
    doc.reread({id(s): replace(s, kind=ORGANIZATION, themes=()) for s in heads if s.name in bodies})
