"""The kind of an attribution (``quotes[].type``), after PolNeAR's kinds: speech, belief, according_to,
poll, scare_quote. PolNeAR's annotation carries no type field, so the kind is read off the cue (belief
verbs, "according to") and the source (a poll, survey or study); the word lists are data
(``models/attribution_types.json``) so they can be read and changed without code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from stance_reader.nlp.attribution.common import _Attribution

TYPES_FILE = "attribution_types.json"
SPEECH, BELIEF, ACCORDING, POLL, SCARE = "speech", "belief", "according_to", "poll", "scare_quote"
TYPES = (SPEECH, BELIEF, ACCORDING, POLL, SCARE)


@dataclass(frozen=True, slots=True)
class TypeRules:
    belief: frozenset[str] = frozenset()
    according: frozenset[str] = frozenset()
    poll: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: Path) -> TypeRules:
        if not path.exists():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            frozenset(data.get("belief_cues", ())),
            frozenset(data.get("according_cues", ())),
            frozenset(data.get("poll_sources", ())),
        )

    def type_of(self, att: _Attribution, doc: Doc) -> str:
        """Poll before belief: "a poll found most voters oppose" reports a finding, not a mind."""
        if att.cue is None and att.mention is None:
            return SCARE
        lemma = att.cue.lemma_.lower() if att.cue is not None else ""
        if "according" in att.rule or lemma in self.according:
            return ACCORDING
        if att.mention is not None and self._poll_source(doc, att.mention):
            return POLL
        if lemma in self.belief:
            return BELIEF
        return SPEECH

    def _poll_source(self, doc: Doc, mention: tuple[int, int]) -> bool:
        span = doc.char_span(*mention, alignment_mode="expand")
        return span is not None and span.root.lemma_.lower() in self.poll
