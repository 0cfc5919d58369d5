"""Reporting cues and the attributions they open: the cue rules file (``models/attribution_cues.jsonl``:
speech verbs, learned complement frames), which verbs count as cues, a verb-cued attribution, source
phrases ("according to X"), labelled lines ("MATTHEWS: Well, …"), and splitting a report where a
coordinated report of the same speaker starts.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Token

from stance_reader.nlp.attribution.common import SUBJECTS, SpanT, _Attribution
from stance_reader.nlp.attribution.content import _trimmed
from stance_reader.nlp.attribution.quotes import _paragraphs
from stance_reader.nlp.attribution.subjects import _mention, _subject
from stance_reader.nlp.jsonl import read_jsonl

RULES_FILE = "attribution_cues.jsonl"


@dataclass(frozen=True, slots=True)
class CueRules:
    """Attribution cues.

    ``verbs``: speech verbs (hand-written) that can attribute a direct quote and take a "that" clause.
    ``frames``: lemma -> complement frames ("ccomp", "xcomp", "dobj", "prep:about") that make the verb
    an attribution cue for reported content; learned on PolNeAR train (see MODEL_CARD.md).
    """

    verbs: frozenset[str] = frozenset()
    kinds: dict[str, str] = field(default_factory=dict)
    phrases: tuple[str, ...] = ()
    frames: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> CueRules:
        kinds: dict[str, str] = {}
        phrases: list[str] = []
        frames: dict[str, list[str]] = {}
        for row in read_jsonl(path):
            if "frame" in row:
                frames.setdefault(str(row["lemma"]), []).append(str(row["frame"]))
            elif "lemma" in row:
                kinds[str(row["lemma"])] = str(row.get("kind", "speech"))
            elif "phrase" in row:
                phrases.append(str(row["phrase"]))
        for lemma in kinds:  # every speech verb reports a clause, or "X as Y" (characterize, describe)
            frames.setdefault(lemma, []).extend(["ccomp", "dobj+as"])
        ordered = {k: tuple(sorted(set(v), key=_frame_rank)) for k, v in frames.items()}
        return cls(frozenset(kinds), kinds, tuple(phrases), ordered)


def _frame_rank(frame: str) -> int:
    """Prefer a clause over an infinitive over an object over a prepositional object."""
    return {"ccomp": 0, "xcomp": 1, "dobj": 2, "dobj+as": 3}.get(frame, 4)


def _naming(tok: Token) -> bool:
    """'a group called “Farmers First”': a participle naming the noun it hangs from reports nothing."""
    # ('the plan, described by Berg as …' names who speaks: still a cue)
    # ('De Blasio, speaking on the radio, called Trump …': a comma before it means a misparsed verb)
    return (
        tok.tag_ == "VBN"
        and tok.dep_ == "acl"
        and tok.head.pos_ in ("NOUN", "PROPN")
        and not any(c.dep_ == "agent" for c in tok.children)
        and not any(t.text == "," for t in tok.doc[tok.head.i + 1 : tok.i])
    )


# Verbs that put a quoted label on something ("called the plan “a disaster”"): the thing and the label
# are what is reported. The small parser often misses the object-and-label frame of these.
CALLING = frozenset({"call", "dub", "label", "brand", "term"})
_CALLING_STOPS = frozenset({".", ";", ":", "?", "!"})
_CALLING_PARTICLES = frozenset({"for", "on", "out", "off", "up", "in", "back"})


def _called_label(tok: Token, quote_of: list[int], window: int = 15) -> list[SpanT] | None:
    """ "called Trump's statements “childish”": from the word after the verb to the end of the first
    quotation after it, when no other verb or sentence stop comes first. Not "is called", "called for",
    "called on", nor a participle naming its noun."""
    if tok.lemma_.lower() not in CALLING or _naming(tok):
        return None
    if any(c.dep_ in ("auxpass", "prt") or (c.dep_ == "prep" and c.lower_ in _CALLING_PARTICLES)
           for c in tok.children):
        return None
    doc = tok.doc
    end = min(tok.sent.end, len(doc), tok.i + window)
    j = tok.i + 1
    while j < end and quote_of[j] < 0:
        if doc[j].pos_ in ("VERB", "AUX") or doc[j].text in _CALLING_STOPS:
            return None
        j += 1
    if j >= end or all(doc[k].pos_ == "DET" for k in range(tok.i + 1, j)):
        return None  # "what she calls the “Charleston loophole”": a name, not a label put on something
    last = j
    while last + 1 < len(doc) and quote_of[last + 1] == quote_of[j]:
        last += 1
    return [(doc[tok.i + 1].idx, doc[last].idx + len(doc[last].text))]


def _cued(cue: Token, content: list[SpanT], *, direct: bool) -> _Attribution:
    """An attribution cued by one verb, its speaker the verb's subject."""
    subject = _subject(cue)
    return _Attribution(
        content=content,
        cue=cue,
        cue_span=(cue.idx, cue.idx + len(cue.text)),
        subject=subject,
        mention=_mention(subject) if subject is not None else None,
        direct=direct,
        rule=f"{'direct' if direct else 'reported'}:{cue.lemma_.lower()}",
    )


def _according_to(doc: Doc, tok: Token) -> _Attribution | None:
    to = doc[tok.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    return _pp_attribution(doc, tok, to, source, "reported:according-to")


_QUESTION_OPENERS = frozenset({"about", "if", "whether"})


def _asked_about(doc: Doc, tok: Token) -> _Attribution | None:
    """'Asked at a briefing about the envoy's role, the secretary said …', '… when asked if he would
    endorse her': a question put to someone by nobody named. What was asked (from "about", "if" or
    "whether" to the end of the participle's clause) is reported, with no speaker."""
    if tok.lemma_.lower() != "ask" or tok.tag_ != "VBN" or tok.dep_ not in ("advcl", "ROOT"):
        return None
    if any(c.dep_ in SUBJECTS or c.dep_ in ("auxpass", "agent") for c in tok.children):
        return None  # "she was asked by …": a passive with its own subject and asker
    sent_end = tok.sent.end
    start = next((t.i for t in doc[tok.i + 1 : min(sent_end, tok.i + 12)]
                  if t.lower_ in _QUESTION_OPENERS or t.text in (",", ";", ":")), None)
    if start is None or doc[start].lower_ not in _QUESTION_OPENERS:
        return None
    end = next((t.i for t in doc[start + 1 : sent_end] if t.text in (",", ";", ":") or t.is_space), sent_end)
    content = _trimmed(doc, start, end - 1)
    if content is None or sum(t.is_alpha for t in doc[start:end]) < 2:
        return None
    return _Attribution(
        content=[content],
        cue=tok,
        cue_span=(tok.idx, tok.idx + len(tok.text)),
        subject=None,
        mention=None,
        direct=False,
        rule="reported:asked",
    )


def _reportedly(doc: Doc, tok: Token) -> _Attribution | None:
    """'The FBI is reportedly making arrangements to interview her': a report with no source named;
    what is reported is the clause the adverb sits in, with its subject (shared with an earlier verb:
    'is a Republican, but has reportedly been critical')."""
    verb = tok.head
    if verb.i == tok.i or verb.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
        return None
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    if subject is None and verb.dep_ == "conj":
        subject = next((c for c in verb.head.children if c.dep_ in SUBJECTS), None)
    sent = verb.sent
    start = max(subject.left_edge.i if subject is not None else verb.left_edge.i, sent.start)
    end = min(verb.right_edge.i, sent.end - 1)
    content = _trimmed(doc, start, end)
    if content is None or sum(t.is_alpha for t in doc[start : end + 1]) < 4:
        return None
    return _Attribution(
        content=[content],
        cue=tok,
        cue_span=(tok.idx, tok.idx + len(tok.text)),
        subject=None,
        mention=None,
        direct=False,
        rule="reported:reportedly",
    )


def _pp_clause(tok: Token) -> tuple[int, int]:
    """Token range of the clause a source phrase modifies: its verb's subtree when that verb heads a
    clause of its own ("…: London was the capital, according to one index"), else the sentence."""
    head = tok.head
    sent = tok.sent
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head  # "A had 36 percent and B 13 percent, according to the poll": all of it
    if head.i != tok.i and head.pos_ in ("VERB", "AUX") and head.dep_ != "ROOT":
        return max(head.left_edge.i, sent.start), min(head.right_edge.i + 1, sent.end)
    return sent.start, sent.end


def _pp_attribution(doc: Doc, tok: Token, last: Token, source: Token, rule: str) -> _Attribution | None:
    """A source phrase ("according to X", "in X's poll"): the longer side of the sentence is the content."""
    pp_start, pp_end = tok.i, _after_apposed_name(doc, source, source.right_edge.i + 1)
    lo, hi = _pp_clause(tok)
    left = [t for t in doc[lo:pp_start] if not t.is_space]
    right = [t for t in doc[pp_end:hi] if not t.is_space]
    parts = [p for p in (left, right) if sum(t.is_alpha for t in p) >= 2]
    if not parts:
        return None
    segments = [span for p in parts if (span := _trimmed(doc, p[0].i, p[-1].i)) is not None]
    if not segments:
        return None
    return _Attribution(
        content=segments,
        cue=tok,
        cue_span=(tok.idx, last.idx + len(last.text)),
        subject=source,
        mention=_mention_with_name(doc, source, pp_end),
        direct=False,
        rule=rule,
    )


_NAMED = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "PRODUCT"})


def _after_apposed_name(doc: Doc, source: Token, end: int) -> int:
    """Past ", Hannah Berg," right after a source noun ("according to the institute's director, Hannah
    Berg, the shift …"): the small parser often hangs the name on the clause instead of the noun."""
    if source.pos_ != "NOUN" or end >= len(doc):
        return end
    comma = end if doc[end].text == "," else end - 1  # the parser may hang the comma on the noun
    if doc[comma].text != ",":
        return end
    k = comma + 1
    while k < len(doc) and doc[k].ent_type_ in _NAMED and doc[k].pos_ == "PROPN":
        k += 1  # a person's or a body's name ("figures from the utility, Northwater, show …")
    return k + 1 if comma + 1 < k < len(doc) and k - comma <= 5 and doc[k].text == "," else end


def _mention_with_name(doc: Doc, source: Token, end: int) -> SpanT:
    """The source as written, with the name apposed to it when ``end`` runs past one."""
    start, stop = _mention(source)
    if end > source.right_edge.i + 1:
        name = doc[end - 2]
        stop = max(stop, name.idx + len(name.text))
    return start, stop


def _stop_before_next_reports(doc: Doc, reports: dict[int, _Attribution]) -> None:
    """'said the party was not in a crisis, and urged that everyone relax': a report coordinated
    inside another's content, with no subject of its own, is the same speaker's next report, not part
    of what the first one reports. (Candidates are few; each report looks them up by position.)"""
    coordinated = sorted(
        (doc[i].idx, i)
        for i, r in reports.items()
        if doc[i].dep_ == "conj"
        and r.subject is not None
        and not any(c.dep_ in SUBJECTS for c in doc[i].children)
    )
    if not coordinated:
        return
    starts = [c for c, _ in coordinated]
    for att in reports.values():
        if len(att.content) != 1 or att.cue is None:
            continue
        start, end = att.content[0]
        k = bisect.bisect_right(starts, start)
        while k < len(coordinated) and coordinated[k][0] < end and reports[coordinated[k][1]] is att:
            k += 1
        if k < len(coordinated) and coordinated[k][0] < end:
            _cut_before(doc, att, reports[coordinated[k][1]], doc[coordinated[k][1]])


def _cut_before(doc: Doc, att: _Attribution, other: _Attribution, tok: Token) -> None:
    start, end = att.content[0]
    head = tok.head
    cc = [c for c in head.children if c.dep_ == "cc" and head.i < c.i < tok.i]
    stop = (cc[-1].i if cc else tok.left_edge.i) - 1
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None:
        return
    cut = _trimmed(doc, first.start, stop)
    if cut is not None:
        att.content = [cut]
        if att.subject is not None:  # the parser gave it the clause's subject; it is the speaker's
            other.subject, other.mention = att.subject, att.mention


# Line labels that name a section or a medium, not someone speaking.
NOT_SPEAKERS = frozenset(
    {
        "update",
        "updated",
        "watch",
        "related",
        "photo",
        "photos",
        "video",
        "videos",
        "note",
        "editor",
        "correction",
        "source",
        "sources",
        "read",
        "follow",
        "advertisement",
        "breaking",
        "exclusive",
        "live",
        "opinion",
        "analysis",
        "listen",
        "see",
        "also",
        "more",
        "click",
        "share",
        "subscribe",
        "contact",
        "email",
        "tags",
        "filed",
        "posted",
        "credit",
        "image",
        "caption",
        "map",
        "chart",
        "graphic",
        "q",
        "a",
        "look",
        "boom",
        "wow",
        "whoa",
        "yikes",
        "ouch",
        "bam",
        "lol",
        "omg",
        "wtf",  # clickbait interjections
    }
)


def _labelled_lines(doc: Doc, text: str, quote_of: list[int]) -> dict[int, _Attribution]:
    """'Rubio: I Still Believe Trump Can't Be Trusted' (a headline) or 'MATTHEWS: Well, …' (a
    transcript): a line opening with a short name and a colon reports what follows on that line."""
    out: dict[int, _Attribution] = {}
    for p_start, p_end in _paragraphs(text):
        if ":" not in text[p_start : min(p_end, p_start + 80)]:
            continue  # most lines have no colon near their start: skip them on the text
        span = doc.char_span(p_start, p_end, alignment_mode="expand")
        if span is None:
            continue
        line_start, line_end = span.start, span.end
        label = _line_label(doc, line_start, line_end, quote_of)
        if label is None:
            continue
        colon, name_end = label
        rest = _trimmed(doc, colon + 1, line_end - 1)
        if rest is None or sum(t.is_alpha for t in doc[colon + 1 : line_end]) < 3:
            continue
        first = line_start
        while doc[first].is_space or doc[first].is_punct:
            first += 1
        head = doc[name_end]
        out[colon] = _Attribution(
            content=[rest],
            cue=doc[colon],
            cue_span=(doc[colon].idx, doc[colon].idx + 1),
            subject=head,
            mention=(doc[first].idx, head.idx + len(head.text)),
            direct=False,
            rule="reported:label",
        )
    return out


def _line_label(doc: Doc, start: int, end: int, quote_of: list[int]) -> tuple[int, int] | None:
    """(colon, last word of the name) when the line opens with up to six words and a colon."""
    words = [t for t in doc[start : min(end, start + 8)] if not t.is_space]
    colon = next((t for t in words if t.text == ":"), None)
    if colon is None or quote_of[colon.i] >= 0:
        return None
    name = [t for t in doc[start : colon.i] if not t.is_space]
    if not name or len(name) > 6 or not name[0].text[:1].isupper():
        return None
    if any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in name):
        return None  # 'The reason is simple: …' is the writer's own sentence
    if name[0].lower_ in NOT_SPEAKERS or name[-1].lower_ in NOT_SPEAKERS:
        return None
    if not any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in name) and not (
        len(name) == 1 and name[0].pos_ == "NOUN"
    ):
        return None
    last = name[-1]
    comma = next((t for t in name[1:] if t.text == ","), None)
    if comma is not None and doc[comma.i - 1].pos_ == "PROPN":
        last = doc[comma.i - 1]  # 'Ana Beltran, 63, Yuma:': the name, not the place after the age
    while last.is_punct and last.i > name[0].i:
        last = doc[last.i - 1]
    return colon.i, last.i
