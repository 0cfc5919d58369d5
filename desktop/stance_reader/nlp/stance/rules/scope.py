"""The passage a cue governs, ConText-style but syntactic and clipped to the sentence.

``clause``: the cue's clause (the clause head's subtree minus coordinated clauses); ``phrase``: the
phrase the cue modifies ("a bit [difficult]"); ``noun``: a cue noun's own phrase ("the minister's promise
to …"); ``complement``: the cue verb's own clause with the clause
it embeds ("Rutte did confirm that NATO would …"); ``sentence``: the whole sentence.
"""

from __future__ import annotations

from spacy.tokens import Token

from stance_reader.nlp.syntax import clause_head, clause_span


def scope_span(scope: str, anchor: Token, verb: Token, cue: list[Token]) -> tuple[int, int]:
    """Token range [lo, hi) of the passage, without punctuation at its ends unless that is the cue."""
    sent = anchor.sent
    if scope == "sentence":
        lo, hi = sent.start, sent.end
    elif scope == "phrase":
        # the phrase the cue modifies: "a bit [difficult]" anchors on the adjective itself
        head = anchor.head if any(t.i == anchor.i for t in cue) and anchor.head.i != anchor.i else anchor
        lo, hi = head.left_edge.i, head.right_edge.i + 1
    elif scope == "noun":
        # a commitment noun's own phrase: "the minister's [promise to bring them down by Christmas]"
        lo, hi = anchor.left_edge.i, anchor.right_edge.i + 1
    elif scope == "complement":
        # the cue verb's own clause: its subject, the cue and the clause it embeds
        lo, hi = clause_span(verb)
    else:
        lo, hi = clause_span(clause_head(verb))
    lo, hi = max(lo, sent.start), min(hi, sent.end)
    doc = anchor.doc
    cue_ids = {t.i for t in cue}
    while hi - lo > 1 and (doc[hi - 1].is_punct or doc[hi - 1].is_space) and doc[hi - 1].i not in cue_ids:
        hi -= 1  # trailing punctuation belongs to the sentence, not the passage
    while hi - lo > 1 and (doc[lo].is_punct or doc[lo].is_space) and doc[lo].i not in cue_ids:
        lo += 1
    return lo, hi
