"""Whose side a release speaks for, read from the whole text rather than one sentence.

Campaign prose promises in its own party's name ("A Shorten Labor Government will invest $85 million")
and forecasts harm in its rival's ("Labor will hit small business with higher taxes"). One sentence
such as "Labor will bring back the old rules" reads the same in both parties' releases; the rest of the
release says which it is. The ledger counts, per proper name in a future's subject, votes for *own
side* (a hypothetical or re-elected government of that name, or funding it delivers) and for *rival*
(a harm the commitment rules refused as an attack). A name that only the rival votes back is the other
side, and its remaining unreported futures are forecasts about it, not commitments.

News articles rarely have both kinds of evidence, so the ledger stays silent there.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Token

from stance_reader.core.models import Mark

# Rule families whose marks are a party's own futures and can be a rival's instead.
FUTURE_FAMILIES = frozenset({"commissive_modal", "commissive_progressive", "commissive_plan"})
_TITLES = frozenset(
    {"mr", "mrs", "ms", "dr", "sir", "dame", "hon", "senator", "minister", "prime", "premier",
     "president", "leader", "deputy", "treasurer"}
)
_GENERIC = frozenset({"government", "administration", "party", "team"})  # "the Turnbull Government"
_PLACES = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME"})
STRONG_VOTE = 2  # "A Shorten Labor Government will …" names the writer's own side outright
# A name needs two refused attacks to be the rival, or one when the text plainly speaks for a side
# (its own side has two votes, or it says "we will …").
RIVAL_QUORUM = 2


def side_key(tok: Token) -> str:
    """"Liberals" and "Liberal", "Greens" and "Green" are one side."""
    low = tok.lower_.rstrip(".")
    return low[:-1] if low.endswith("s") and len(low) > 4 else low


def side_of(subj: Token | None) -> frozenset[str]:
    """The proper names in a subject up to its head ("Bill Shorten's Labor" -> bill, shorten, labor;
    "the Turnbull Coalition Government" -> turnbull, coalition); places and titles left out."""
    if subj is None:
        return frozenset()
    return frozenset(
        side_key(t)
        for t in subj.subtree
        if t.i <= subj.i and t.pos_ == "PROPN" and t.ent_type_ not in _PLACES and t.lower_ not in _TITLES
        and t.lower_ not in _GENERIC
    )


@dataclass(slots=True)
class VoiceLedger:
    """Votes gathered over one Doc, then applied to its future marks."""

    own: Counter[str] = field(default_factory=Counter)
    rival: Counter[str] = field(default_factory=Counter)
    candidates: list[tuple[Mark, frozenset[str]]] = field(default_factory=list)
    first_person: int = 0  # unreported "we will …" commitments: the text speaks for a side

    def vote_own(self, side: frozenset[str], strong: bool) -> None:
        for key in side:
            self.own[key] += STRONG_VOTE if strong else 1

    def vote_rival(self, side: frozenset[str]) -> None:
        for key in side:
            self.rival[key] += 1

    def candidate(self, mark: Mark, side: frozenset[str]) -> None:
        """An unreported future whose subject names a side: dropped if that side is the rival."""
        if side:
            self.candidates.append((mark, side))

    def own_side(self) -> frozenset[str]:
        return frozenset(k for k, n in self.own.items() if n > self.rival[k])

    def rival_side(self) -> frozenset[str]:
        own = self.own_side()
        if not own:
            return frozenset()
        speaks_for_itself = max(self.own.values()) >= STRONG_VOTE or self.first_person > 0
        quorum = 1 if speaks_for_itself else RIVAL_QUORUM
        return frozenset(k for k, n in self.rival.items() if n >= quorum and n > self.own[k])

    def forecasts(self) -> set[int]:
        """ids of the candidate marks that speak of the rival, not for the writer's side."""
        rival, own = self.rival_side(), self.own_side()
        if not rival:
            return set()
        return {id(m) for m, side in self.candidates if side & rival and not side & own}
