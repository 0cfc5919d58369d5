"""The ``stance_speakers`` component: who said what — direct quotes, reported speech and their speakers.

Owns:
- finding quotation spans on the raw text (straight and curly marks; a quote running over paragraphs,
  where each new paragraph repeats the opening mark and the earlier one has no closing mark);
- reported speech: a cue verb (``models/attribution_cues.jsonl``) with a clausal complement ("X said
  that …"), "according to X", "X characterized the plan as a …";
- the speaker mention as written (subject of the cue, climbing conjunctions and "adding that"), and the
  entity it resolves to: an entity inside the mention, or for "he"/"she" the most recent person who
  spoke or was a subject before it.
A cue inside a quote never attributes that quote, so "I"/"you" inside quoted words never become its
speaker. ``"A," he said. "B."`` is one attribution: both contents share the cue.

Writes ``doc._.stance_quotes`` (list of core ``Quote``, code points relative to the Doc).
Reads ``doc._.stance_entities`` when the entity component ran first (canonical names).
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from stance_reader.core.models import Entity, Quote
from stance_reader.nlp.extensions import doc_text  # also registers doc._.stance_quotes

RULES_FILE = "attribution_cues.jsonl"
CURLY_OPEN = "\u201c\u201e\u00ab"  # “ „ «
CURLY_CLOSE = "\u201d\u00bb"  # ” »
STRAIGHT = '"'
_OPENING_CONTEXT = " \t\n([{\u2014\u2013-/:;,"
SUBJECTS = ("nsubj", "nsubjpass")
# Verbs whose subject is what is judged, not who judges ("he seems to …").
RAISING = frozenset({"seem", "appear", "look"})
PERSONAL = {"he": "m", "him": "m", "she": "f", "her": "f"}
# How far (tokens) a cue may sit from the quote it attributes.
CUE_WINDOW = 30
# Quotes this short with no cue are taken for scare quotes, not speech.
MIN_UNCUED_WORDS = 4
SpanT = tuple[int, int]


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
        for row in _read_jsonl(path):
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


def _read_jsonl(path: Path) -> Iterable[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


# --------------------------------------------------------------------------------------------
# Quotation marks on the raw text


def _paragraphs(text: str) -> Iterator[SpanT]:
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            yield start, end
        start = end + 1


def _opens(text: str, i: int) -> bool:
    """A straight mark opens when it follows a space, a bracket or a dash (or starts the text)."""
    prev = text[i - 1] if i else " "
    # isspace: a no-break space (U+00A0) often sits between '… he said.' and the next quote.
    return prev.isspace() or prev in _OPENING_CONTEXT or prev in CURLY_OPEN


def _mark_at(text: str, i: int, open_mark: str | None) -> tuple[str, int] | None:
    """("open" | "close", length) when a quotation mark starts at ``i``, given the mark now open.

    Handles straight ``"``, curly “ ” „ « », the typewriter pairs ``\u0060\u0060`` and ``''``, and
    single curly ‘ ’ as the outer mark (British style; inside double quotes they are nested, ignored).
    """
    ch = text[i]
    pair = text[i : i + 2]
    if open_mark is None:
        if ch in CURLY_OPEN or pair == "``":
            return "open", 2 if pair == "``" else 1
        if pair == "''" and _opens(text, i):
            return "open", 2
        if ch == STRAIGHT and _opens(text, i):
            return "open", 1
        if ch == "\u2018" and _opens(text, i):
            return "open", 1
        return None
    if open_mark == "\u2018":
        after = text[i + 1 : i + 2]
        if ch == "\u2019" and not after.isalpha():
            return "close", 1
        return None
    if pair == "''":
        return "close", 2
    if ch in CURLY_CLOSE or ch == STRAIGHT or (ch == "\u201c" and open_mark == "\u201e"):
        return "close", 1
    return None


def find_quote_spans(text: str) -> list[list[SpanT]]:
    """Each quotation as its segments (one per paragraph it spans), quotation marks included.

    A quote left open at a paragraph's end continues when the next paragraph starts with an opening
    mark (the newspaper convention); otherwise it ends with its paragraph.
    """
    quotes: list[list[SpanT]] = []
    segments: list[SpanT] = []
    open_at: int | None = None
    open_mark: str | None = None
    for p_start, p_end in _paragraphs(text):
        pos = p_start
        if open_at is not None:
            first = p_start + (len(text[p_start:p_end]) - len(text[p_start:p_end].lstrip()))
            found = _mark_at(text, first, None)
            if found and found[0] == "open":
                open_at, pos = first, first + found[1]
            else:
                quotes.append(segments)
                segments, open_at, open_mark = [], None, None
        i = pos
        while i < p_end:
            found = _mark_at(text, i, open_mark)
            if found is None:
                i += 1
                continue
            role, length = found
            if role == "open":
                open_at, open_mark = i, text[i]
            else:
                segments.append((open_at if open_at is not None else i, i + length))
                quotes.append(segments)
                segments, open_at, open_mark = [], None, None
            i += length
        if open_at is not None:
            segments.append((open_at, p_end))
    if segments:
        quotes.append(segments)
    return [q for q in quotes if any(e - s > 2 for s, e in q)]


# --------------------------------------------------------------------------------------------
# Attributions on the parsed Doc


@dataclass(slots=True)
class _Attribution:
    content: list[SpanT]
    cue: Token | None
    cue_span: SpanT | None
    subject: Token | None
    mention: SpanT | None
    direct: bool
    rule: str


class AttributionComponent:
    """Finds quotes and reported speech and writes them to ``doc._.stance_quotes``."""

    def __init__(self, nlp: Language, name: str, rules_dir: str = "") -> None:
        self.name = name
        if rules_dir:
            folder = Path(rules_dir)
        else:
            from stance_reader.paths import models_dir

            folder = models_dir()
        self.rules = CueRules.load(folder / RULES_FILE)
        # Gendered titles ("Mrs", "Mr") from the entity rules: a hint for resolving he/she.
        titles = folder / "entity_titles.jsonl"
        self.title_gender = {
            str(row["title"]): str(row["gender"]) for row in _read_jsonl(titles) if row.get("gender")
        } if titles.exists() else {}

    def __call__(self, doc: Doc) -> Doc:
        quote_of = [-1] * len(doc)
        text = doc_text(doc)
        quotes = find_quote_spans(text)
        quote_tokens: list[tuple[int, int]] = []
        for qi, segments in enumerate(quotes):
            first, last = len(doc), -1
            for s, e in segments:
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is None:
                    continue
                for t in span:
                    quote_of[t.i] = qi
                first, last = min(first, span.start), max(last, span.end - 1)
            quote_tokens.append((first, last))
        reported = self._reported(doc, quote_of)
        for key, att in _labelled_lines(doc, text, quote_of).items():
            reported.setdefault(key, att)
        found = self._direct(doc, text, quotes, quote_tokens, quote_of, reported)
        entities = doc._.stance_entities or []
        genders = _title_genders(text, entities, self.title_gender)
        doc._.stance_quotes = _resolve(doc, found, entities, genders)
        return doc

    # -- reported speech ----------------------------------------------------------------------

    def _is_cue(self, tok: Token) -> bool:
        if tok.pos_ != "VERB":
            return False
        lemma = tok.lemma_.lower()
        if _naming(tok):
            return False
        return lemma in self.rules.verbs or "ccomp" in self.rules.frames.get(lemma, ())

    def _reported(self, doc: Doc, quote_of: list[int]) -> dict[int, _Attribution]:
        """Reported speech keyed by cue token index."""
        out: dict[int, _Attribution] = {}
        for tok in doc:
            if quote_of[tok.i] >= 0:
                continue
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                att = _according_to(doc, tok)
                if att:
                    out[tok.i] = att
                continue
            if tok.pos_ != "VERB":
                continue
            frames = self.rules.frames.get(tok.lemma_.lower())
            if not frames or _naming(tok):
                continue
            content = _complement(tok, frames)
            if not content:
                continue
            out[tok.i] = _cued(tok, content, direct=False)
        _stop_before_next_reports(doc, out)
        return out

    # -- direct quotes ------------------------------------------------------------------------

    def _direct(
        self,
        doc: Doc,
        text: str,
        quotes: list[list[SpanT]],
        quote_tokens: list[tuple[int, int]],
        quote_of: list[int],
        reported: dict[int, _Attribution],
    ) -> list[_Attribution]:
        results: dict[int, _Attribution] = dict(reported)
        nearby = _ReportIndex(reported)
        previous: _Attribution | None = None
        previous_end = -1
        for qi, segments in enumerate(quotes):
            first, last = quote_tokens[qi]
            if last < 0:
                continue
            inside = _inside_reported(segments, nearby.near(segments), text)
            if inside is not None:
                nearby.touched(inside)  # its content may grow now: always a candidate from here on
            if inside is not None and not inside.direct:
                _end_at_closing_comma(text, inside, segments)
            if inside is not None:
                current = results.get(inside.cue.i) if inside.cue is not None else None
                if current is not None and current is not inside and current.direct:
                    # '"A," X said, "that B"': the cue's clause was already replaced by the first quote
                    current.content.extend(segments)
                    nearby.touched(current)
                    previous, previous_end = current, last
                elif inside.direct or inside.subject is not None:
                    # a named speaker's clause holding a quote: a quoted paragraph next carries it on
                    previous, previous_end = inside, last
                continue
            if _work_title(doc, first, last):
                continue  # 'on CNN's “State of the Union,”': a programme or work named, not speech
            whole = _whole_sentences(doc, first, last, quote_of)
            words = sum(1 for t in doc[first : last + 1] if t.is_alpha)
            cue = self._nearest_cue(doc, first, last, quote_of, reported) or _comma_tag(doc, last, quote_of)
            if not whole and words < MIN_UNCUED_WORDS and not _tagged(doc, first, last, cue):
                continue  # a scare quote or a title inside someone's sentence, not speech
            if cue is not None:
                key = cue.i
                att = results.get(key)
                if att is not None and att.direct:
                    att.content.extend(segments)
                    nearby.touched(att)
                else:
                    att = _cued(cue, _with_lead(doc, cue, first, segments), direct=True)
                    results[key] = att
                previous, previous_end = att, last
                continue
            opens = whole or (doc[first].sent.start == first and words >= MIN_UNCUED_WORDS)
            if opens and previous is not None and _same_paragraph_run(doc, previous_end, first, quote_of):
                # a next quote opening a sentence continues it too ('"A," she told reporters. "B" and more.')
                previous.content.extend(segments)
                nearby.touched(previous)
                previous_end = last
                continue
            if words < MIN_UNCUED_WORDS:
                continue  # a scare quote or a title, not speech
            if not whole:
                # 'Trump boomed: “Let’s defeat her in November.”': a quote closing the sentence after a
                # colon is what the clause before the colon introduces; other partial quotes are not speech
                intro = _colon_intro(doc, first) if _ends_sentence(doc, last, quote_of) else None
                if intro is None:
                    continue
            told = _report_just_before(doc, first, reported) if whole else None
            if told is not None:
                # 'Perez says too many women feel torn. "They feel like a bad employee."': the quote
                # that follows a named speaker's report in the same paragraph is that speaker's.
                told.content.extend(segments)
                nearby.touched(told)
                previous, previous_end = told, last
                continue
            if whole:
                intro = _colon_intro(doc, first) or _dash_signature(doc, last)
            if intro is not None:
                colon, subject = intro
                rule = "direct:colon" if colon.text == ":" else "direct:dash"
                mention = _mention(subject)
                if colon.i < subject.i:  # a signature: the name after the dash, not the dash itself
                    mention = (max(mention[0], doc[colon.i + 1].idx), mention[1])
                att = _Attribution(
                    list(segments), colon, (colon.idx, colon.idx + len(colon.text)), subject,
                    mention, True, rule,
                )
                results[colon.i] = att
                previous, previous_end = att, last
                continue
            # A quote with no cue, no introducing colon, no signature and no attributed neighbour has
            # no speaker we can name; "who said what" leaves it out rather than list it as nobody's.
            previous, previous_end = None, -1
        return sorted(results.values(), key=lambda a: min(s for s, _ in a.content))

    def _nearest_cue(
        self, doc: Doc, first: int, last: int, quote_of: list[int], reported: dict[int, _Attribution]
    ) -> Token | None:
        """The closest cue outside any quote in the sentences the quote touches (or a colon intro)."""
        sents = {doc[first].sent.start: doc[first].sent, doc[last].sent.start: doc[last].sent}
        start_sent = doc[first].sent
        intro = -1
        if start_sent.start > 0:
            prev = doc[start_sent.start - 1].sent
            tail = [t for t in prev if not t.is_space]
            if tail and tail[-1].text == ":":
                sents[prev.start] = prev
                intro = prev.start
        after = last + 1
        while after < len(doc) and (doc[after].is_punct and quote_of[after] < 0):
            after += 1
        if after < len(doc) and quote_of[after] < 0 and "\n" not in doc[last:after].text:
            sents.setdefault(doc[after].sent.start, doc[after].sent)
        best: tuple[int, int, Token] | None = None
        for sent in sents.values():
            for tok in sent:
                if quote_of[tok.i] >= 0 or not (self._is_cue(tok) or _according(tok)):
                    continue
                if tok.i > last and tok.sent.start > doc[last].sent.start and _reports_elsewhere(
                        reported.get(tok.i), doc[first].idx, doc[last].idx):
                    continue  # '… “A.” He added: “B”': the next sentence's cue reports its own quote
                gap = doc[last + 1 : tok.i] if tok.i > last else doc[tok.i + 1 : first]
                crosses = "\n" in gap.text
                if crosses and sent.start != intro:
                    continue  # never reach into another paragraph, except from an introducing colon
                dist = first - tok.i if tok.i < first else tok.i - last
                if dist > CUE_WINDOW:
                    continue
                rank = (dist, 0 if tok.i > last else 1, tok)
                if best is None or rank[:2] < best[:2]:
                    best = rank
        return best[2] if best else None


def _comma_tag(doc: Doc, last: int, quote_of: list[int]) -> Token | None:
    """'“France will always be France,” an angry Hollande retaliated.': a quote closed by a comma and
    followed by subject + verb is tagged by that verb even when the verb is not in the cue list."""
    if last < 1 or "," not in (doc[last - 1].text, doc[last].text):
        return None
    i = last + 1
    while i < len(doc) and doc[i].is_space and "\n" not in doc[i].text:
        i += 1
    if i >= len(doc) or quote_of[i] >= 0:
        return None
    root = doc[i].sent.root
    if root.pos_ != "VERB" or not last < root.i <= last + 8 or quote_of[root.i] >= 0:
        return None
    if any(c.dep_ in ("dobj", "ccomp", "xcomp") and quote_of[c.i] < 0 for c in root.children):
        return None  # '“…,” he wrote the letter' is not a tag
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or not last < subject.i <= root.i + 3 or "\n" in doc[last : root.i].text:
        return None
    return root


def _with_lead(doc: Doc, cue: Token, first: int, segments: list[SpanT]) -> list[SpanT]:
    """A quote that completes a clause the cue opens ('noting the nominee “makes you want to retch”',
    'said Sanders has been "a tremendously important part"') reports that whole clause: the content
    starts where the reported words start, not at the quotation mark."""
    if not cue.i < first or doc[cue.i].sent.start != doc[first].sent.start or first - cue.i > 25:
        return list(segments)
    between = doc[cue.i + 1 : first]
    if any(t.text in (":", ";") or "\n" in t.text for t in between):
        return list(segments)  # 'responded, with a smile: “…”': the quote is introduced, not continued
    lead = _complement_start(cue, first)
    if lead is None or not any(t.is_alpha for t in doc[lead:first]):
        return list(segments)
    start = doc[lead].idx
    return [(start, segments[0][1]), *segments[1:]]


def _end_at_closing_comma(text: str, att: _Attribution, segments: Sequence[SpanT]) -> None:
    """'said she was "going to put coal miners out of business," while trying to explain …': a quote
    closed by a comma inside its marks ends the reported words; what follows is the writer's."""
    q_end = segments[-1][1]
    inner = text[max(0, q_end - 3) : q_end].rstrip("\"\u201d\u2019' ")
    if not inner.endswith(","):
        return
    words = text[q_end : q_end + 40].split()[:2]
    first = words[0].lower().strip(",") if words else ""
    second = words[1].lower() if len(words) > 1 else ""
    # only a gloss without a subject of its own: '…," which is …', '…," suggesting …', '…," while
    # trying …'; '…," although he conceded that …' is a clause (and a report) of its own
    timed = first in ("while", "when", "before", "after") and second.endswith("ing")
    if not (first in ("which", "who", "whom", "whose") or first.endswith("ing") or second in ("which", "whom")
            or timed):
        return
    for k, (s, e) in enumerate(att.content):
        if s < q_end < e and any(ch.isalpha() for ch in text[q_end:e]):
            att.content[k] = (s, q_end)
            del att.content[k + 1 :]
            return


def _report_just_before(doc: Doc, first: int, reported: dict[int, _Attribution]) -> _Attribution | None:
    """The reported speech with a named speaker in the sentence right before token ``first``, in the
    same paragraph."""
    start = doc[first].sent.start
    if start == 0:
        return None
    prev = doc[start - 1].sent
    if any("\n" in t.text for t in doc[prev.start : first]):
        return None
    for tok in prev:
        att = reported.get(tok.i)
        if att is not None and att.subject is not None and att.cue is not None and not _according(tok):
            return att
    return None


def _reports_elsewhere(att: _Attribution | None, start: int, end: int) -> bool:
    return att is not None and all(e <= start or s >= end for s, e in att.content)


def _tagged(doc: Doc, first: int, last: int, cue: Token | None) -> bool:
    """A short quote ending in a comma right before its speech tag ('"Quiet," he demanded') is speech;
    so is one right after a speech verb with a named subject ('the crowd chanted "Lock her up!"')."""
    if cue is not None and cue.i < first:
        between = doc[cue.i + 1 : first]
        return (all(t.is_punct or t.is_space for t in between) and len(between) <= 2
                and _subject(cue) is not None)
    if cue is None or cue.i <= last or cue.i - last > 8:
        return False
    inner = doc[last - 1] if last > 0 else doc[last]
    if not (inner.text == "," or doc[last].text == ","):
        return False
    # The tag names who speaks right there ('he demanded', 'said Smith'); a programme title followed by
    # a comma ('on “Morning Joe,” suggested …') has no such subject beside it.
    subject = _subject(cue)
    return subject is not None and last < subject.i <= cue.i + 3 and "\n" not in doc[last : cue.i].text




TITLE_LEADS = frozenset({"on", "in", "of", "'s", "’s", "from", "at"})


def _work_title(doc: Doc, first: int, last: int) -> bool:
    """A short Title-Case quote right after "on", "in", "'s" … names a programme, book or film
    ('on “Morning Joe,”', 'CNN's “State of the Union”', 'in the “Fantastic Four” reboot')."""
    inner = [t for t in doc[first : last + 1] if not (t.is_quote or t.is_punct or t.is_space)]
    if not inner or len(inner) > 7 or any(t.text in (".", "!", "?") for t in doc[first : last + 1]):
        return False
    if not all(t.is_title or t.is_upper or t.is_digit or t.is_stop for t in inner) or not inner[0].is_title:
        return False
    before = [t for t in doc[max(0, first - 3) : first] if not (t.is_quote or t.is_space)]
    if before and before[-1].lower_ == "the" and len(before) > 1:
        before = before[:-1]  # 'in the “Fantastic Four” reboot'
    return bool(before) and before[-1].lower_ in TITLE_LEADS


def _ends_sentence(doc: Doc, last: int, quote_of: list[int]) -> bool:
    """No words follow the quote in its sentence."""
    return not any(t.is_alpha and quote_of[t.i] < 0 for t in doc[last + 1 : doc[last].sent.end])


def _colon_intro(doc: Doc, first: int) -> tuple[Token, Token] | None:
    """("Clinton's answer: “…”") the colon just before a quote and the person or body named before it."""
    i = first - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0 or doc[i].text not in (":", "-", "\u2013", "\u2014"):
        return None
    colon = doc[i]
    # 'Bernie Sanders - "…"': a dash counts only right after a name.
    if colon.text != ":" and (colon.i == 0 or doc[colon.i - 1].ent_type_ not in ("PERSON", "ORG")):
        return None
    sent = doc[colon.i - 1].sent if colon.i > 0 else colon.sent
    named = [t for t in doc[sent.start : colon.i] if t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")]
    subjects = [t for t in named if t.dep_ in SUBJECTS or t.dep_ == "poss"]
    if colon.text == ":":
        # 'He delivered a retort: “…”': the subject of the clause the colon closes, named or not
        verb = doc[colon.i - 1] if colon.i > sent.start else colon
        for _ in range(8):  # the main-level verb of the clause that ends at the colon (not a relative)
            if verb.pos_ in ("VERB", "AUX") and verb.dep_ in ("ROOT", "conj"):
                break
            if verb.head.i == verb.i:
                break
            verb = verb.head
        if verb.i < colon.i and verb.pos_ in ("VERB", "AUX"):
            named = [c for c in verb.children if c.dep_ == "nsubj" and c.i < colon.i
                     and c.tag_ not in ("WP", "WDT") and c.lower_ not in ("it", "this", "that", "what")]
            subjects = named or subjects
    pick = (subjects or [t for t in named if t.ent_type_ == "PERSON"])[:1]
    if not pick:
        return None
    head = pick[0]
    while head.dep_ in ("compound", "flat") and _same_name(head, head.head):
        head = head.head  # the last word of the name
    return colon, head


def _same_name(tok: Token, head: Token) -> bool:
    return head.ent_type_ == tok.ent_type_ and head.i > tok.i


def _dash_signature(doc: Doc, last: int) -> tuple[Token, Token] | None:
    """('"… zero taxes." - Bernie Sanders') a dash after the quote, then the name that signs it."""
    i = last + 1
    while i < len(doc) and doc[i].is_space:
        i += 1
    if i + 1 >= len(doc) or doc[i].text not in ("-", "\u2013", "\u2014", "--"):
        return None
    name = doc[i + 1]
    if name.ent_type_ not in ("PERSON", "ORG"):
        return None
    end = name
    while end.i + 1 < len(doc) and doc[end.i + 1].ent_iob_ == "I":
        end = doc[end.i + 1]
    if "\n" in doc[last:i].text:
        # '"…"¶¶- Sanders.': a signature on a line of its own, nothing after the name but punctuation
        rest = end.i + 1
        while rest < len(doc) and doc[rest].is_punct:
            rest += 1
        if rest < len(doc) and "\n" not in doc[rest].text:
            return None
    return doc[i], end


def _according(tok: Token) -> bool:
    doc = tok.doc
    return tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to"


def _according_to(doc: Doc, tok: Token) -> _Attribution | None:
    to = doc[tok.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    return _pp_attribution(doc, tok, to, source, "reported:according-to")


def _pp_clause(tok: Token) -> tuple[int, int]:
    """Token range of the clause a source phrase modifies: its verb's subtree when that verb heads a
    clause of its own ("…: London was the capital, according to one index"), else the sentence."""
    head = tok.head
    sent = tok.sent
    if head.i != tok.i and head.pos_ in ("VERB", "AUX") and head.dep_ != "ROOT":
        return max(head.left_edge.i, sent.start), min(head.right_edge.i + 1, sent.end)
    return sent.start, sent.end


def _pp_attribution(doc: Doc, tok: Token, last: Token, source: Token, rule: str) -> _Attribution | None:
    """A source phrase ("according to X", "in X's poll"): the longer side of the sentence is the content."""
    pp_start, pp_end = tok.i, source.right_edge.i + 1
    lo, hi = _pp_clause(tok)
    left = [t for t in doc[lo:pp_start] if not t.is_space]
    right = [t for t in doc[pp_end:hi] if not t.is_space]
    parts = [p for p in (left, right) if sum(t.is_alpha for t in p) >= 2]
    if not parts:
        return None
    content = max(parts, key=len)
    while content and content[0].is_punct:
        content = content[1:]
    while content and content[-1].is_punct:
        content = content[:-1]
    if not content:
        return None
    return _Attribution(
        content=[(content[0].idx, content[-1].idx + len(content[-1].text))],
        cue=tok,
        cue_span=(tok.idx, last.idx + len(last.text)),
        subject=source,
        mention=_mention(source),
        direct=False,
        rule=rule,
    )


def _stop_before_next_reports(doc: Doc, reports: dict[int, _Attribution]) -> None:
    """'said the party was not in a crisis, and urged that everyone relax': a report coordinated
    inside another's content, with no subject of its own, is the same speaker's next report, not part
    of what the first one reports. (Candidates are few; each report looks them up by position.)"""
    coordinated = sorted(
        (doc[i].idx, i) for i, r in reports.items()
        if doc[i].dep_ == "conj" and r.subject is not None
        and not any(c.dep_ in SUBJECTS for c in doc[i].children))
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
NOT_SPEAKERS = frozenset({
    "update", "updated", "watch", "related", "photo", "photos", "video", "videos", "note", "editor",
    "correction", "source", "sources", "read", "follow", "advertisement", "breaking", "exclusive", "live",
    "opinion", "analysis", "listen", "see", "also", "more", "click", "share", "subscribe", "contact",
    "email", "tags", "filed", "posted", "credit", "image", "caption", "map", "chart", "graphic", "q", "a",
    "look", "boom", "wow", "whoa", "yikes", "ouch", "bam", "lol", "omg", "wtf",  # clickbait interjections
})


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
            content=[rest], cue=doc[colon], cue_span=(doc[colon].idx, doc[colon].idx + 1), subject=head,
            mention=(doc[first].idx, head.idx + len(head.text)), direct=False, rule="reported:label",
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
            len(name) == 1 and name[0].pos_ == "NOUN"):
        return None
    last = name[-1]
    while last.is_punct and last.i > name[0].i:
        last = doc[last.i - 1]
    return colon.i, last.i


def _naming(tok: Token) -> bool:
    """'a group called “Farmers First”': a participle naming the noun it hangs from reports nothing."""
    # ('the plan, described by Berg as …' names who speaks: still a cue)
    # ('De Blasio, speaking on the radio, called Trump …': a comma before it means a misparsed verb)
    return (tok.tag_ == "VBN" and tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN")
            and not any(c.dep_ == "agent" for c in tok.children)
            and not any(t.text == "," for t in tok.doc[tok.head.i + 1 : tok.i]))


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


def _complement(tok: Token, frames: Sequence[str]) -> list[SpanT] | None:
    """The reported content of a cue verb in the first of its ``frames`` the parse offers."""
    for frame in frames:
        spans = _frame_spans(tok, frame)
        if spans:
            return spans
        if spans == []:
            return None  # the frame ruled the cue out (see _clause)
    return None


def _frame_spans(tok: Token, frame: str) -> list[SpanT] | None:
    if frame == "ccomp":
        return _clause(tok)
    span: SpanT | None = None
    if frame == "xcomp":
        child = next((c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i), None)
        span = _edge_span(child) if child is not None else None
    elif frame in ("dobj", "dobj+as"):
        span = _object(tok, need_second=frame == "dobj+as")
    elif frame.startswith("prep:"):
        word = frame[5:]
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == word and prep.i > tok.i:
                obj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
                if obj is not None:
                    span = _edge_span(obj)
                    break
    return [span] if span is not None else None


def _clause(tok: Token) -> list[SpanT] | None:
    """The clausal complement: "He said that X", or the clause the cue interrupts or follows
    ("X, he said" / "X, he said, Y": the head's words around the cue's own subtree)."""
    clauses = [c for c in tok.children if c.dep_ == "ccomp"]
    # A clause after the cue is what it reports; one before it is usually a misparse of a clause
    # around the subject ("Sanders, who sits at zero endorsements, said that …").
    after = [c for c in clauses if c.i > tok.i]
    if after:
        start, end = _clause_span(after[0])
        lead = _complement_start(tok, after[0].left_edge.i)
        if lead is not None:  # the clause's own subject the parser hung off the cue ("said the days when …")
            start = tok.doc[lead].idx
        return [(start, end)]
    if clauses and not any(c.dep_ in ("dobj", "oprd", "dative") and c.i > tok.i for c in tok.children):
        # '"…," he said' reports the clause before it; 'she drew his ire - he called her "weak"' does
        # not: a cue with its own object after it reports that instead.
        return [_clause_span(clauses[0])]
    head = tok.head
    if tok.dep_ not in ("parataxis", "ccomp") or head.i == tok.i or head.pos_ not in ("VERB", "AUX"):
        return None
    doc = tok.doc
    if head.i < tok.left_edge.i and not any(t.is_punct for t in doc[head.i + 1 : tok.left_edge.i]):
        # "Officials said they warned …": the cue's clause is what the verb before it reports, not a
        # parenthetical "…, they warned"; "Officials said" is no one's content, and no other frame
        # of this cue is tried either (an empty list stops the search).
        return []
    parts = [
        _trimmed(doc, head.left_edge.i, tok.left_edge.i - 1),
        _trimmed(doc, tok.right_edge.i + 1, head.right_edge.i),
    ]
    spans = [p for p in parts if p is not None]
    return spans or None


# Verbs whose object is the person addressed, not what is said ("told reporters that …").
ADDRESSEE_VERBS = frozenset({"tell", "inform", "assure", "reassure", "remind", "warn", "advise", "brief",
                             "ask", "urge", "promise", "notify", "caution", "convince", "persuade", "accuse"})
# Children of a cue that modify the telling itself, not the content ("said Tuesday in a statement that").
_CUE_MODIFIERS = frozenset({"prep", "advmod", "dative", "punct", "prt", "agent", "aux", "auxpass", "neg",
                            "mark", "cc", "nsubj", "nsubjpass", "expl"})


def _complement_start(cue: Token, limit: int) -> int | None:
    """The first word between the cue and token ``limit`` that belongs to what is reported, not to the
    telling: skips the cue's adverbials ("on Tuesday", "in a statement"), the addressee of "tell",
    a "that" and punctuation. None when every word there belongs to the telling."""
    doc = cue.doc
    for i in range(cue.i + 1, limit):
        tok = doc[i]
        if tok.is_punct or tok.is_space or (tok.lower_ in ("that", "if", "whether") and tok.dep_ == "mark"):
            continue
        top = tok
        for _ in range(12):
            if top.head.i in (cue.i, top.i):
                break
            top = top.head
        if top.head.i != cue.i:
            return i  # not under the cue at all: a misparse, the words read as the content's
        if top.dep_ in _CUE_MODIFIERS:
            continue
        if top.dep_ == "npadvmod" and top.ent_type_ in ("DATE", "TIME"):
            continue
        if top.dep_ in ("dobj", "iobj") and cue.lemma_.lower() in ADDRESSEE_VERBS:
            continue
        return i
    return None


def _clause_span(head: Token) -> SpanT:
    """The clause under ``head``, stopping before a coordinated report of its own ("they were worried,
    and 4 in 10 said …": the second speaker's words are not the first's)."""
    doc = head.doc
    for conj in head.children:
        if conj.dep_ == "conj" and conj.i > head.i and conj.pos_ == "VERB" and any(
                c.dep_ == "ccomp" for c in conj.children) and any(
                c.dep_ in SUBJECTS or (c.pos_ == "NUM" and c.i < conj.i) for c in conj.children):
            cut = _trimmed(doc, head.left_edge.i, conj.left_edge.i - 1)
            if cut is not None:
                return cut
    # ", which is spread by mosquitoes" closing the clause is usually the writer's gloss, not the report.
    end = head.right_edge.i
    while end > head.i and (doc[end].is_punct or doc[end].is_space):
        end -= 1
    gloss = [t for t in doc[head.i + 1 : end + 1] if t.dep_ == "relcl" and t.right_edge.i >= end - 1
             and t.left_edge.lower_ in ("which", "who") and doc[t.left_edge.i - 1].text == ","]
    if gloss:
        cut = _trimmed(doc, head.left_edge.i, gloss[0].left_edge.i - 2)
        if cut is not None:
            return cut
    return _edge_span(head)


def _trimmed(doc: Doc, first: int, last: int) -> SpanT | None:
    """Tokens first..last without punctuation at either end; None under two words."""
    while first <= last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if last < first or sum(t.is_alpha for t in doc[first : last + 1]) < 2:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _object(tok: Token, need_second: bool) -> SpanT | None:
    """The direct object, with its second complement ("called Trump a liar", "… the plan as a …")."""
    objs = [c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i]
    if not objs:
        return None
    heads = [tok, objs[0]]
    extra = [c for h in heads for c in h.children if c.i > objs[0].i and _second_complement(c)]
    # 'criticized Trump for once holding liberal views', 'blasted him over his stance': the reason given
    # belongs to the evaluation
    extra += [c for c in tok.children if c.i > objs[0].i and c.dep_ == "prep" and c.lower_ in REASONS]
    if need_second and not extra:
        return None
    end_tok = max([objs[0], *extra], key=lambda c: c.right_edge.i).right_edge
    return objs[0].left_edge.idx, end_tok.idx + len(end_tok.text)


# Prepositions that give the reason for an evaluation ("criticized X for Y").
REASONS = frozenset({"for", "over", "against", "about"})


def _second_complement(tok: Token) -> bool:
    return tok.dep_ in ("oprd", "xcomp", "attr") or (tok.dep_ == "prep" and tok.lower_ == "as")


def _edge_span(tok: Token) -> SpanT:
    left, right = tok.left_edge, tok.right_edge
    doc = tok.doc
    while right.i > left.i and (right.is_punct or right.is_space):
        right = doc[right.i - 1]
    return left.idx, right.idx + len(right.text)


def _subject(cue: Token) -> Token | None:
    """Who speaks: the parsed subject, else for a finite cue the noun phrase right before it."""
    subj = _parsed_subject(cue)
    if subj is not None and _temporal(subj):
        # 'Saturday at the convention Sen. Warren said …': a day or a time never speaks
        subj = None
    if subj is None:
        subj = _left_subject(cue)
    return subj


WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                      "today", "yesterday", "tonight"})


def _temporal(tok: Token) -> bool:
    """A day or a time of day (the parser sometimes makes a fronted "Saturday" the subject)."""
    return tok.ent_type_ == "TIME" or tok.lower_ in WEEKDAYS


def _left_subject(cue: Token) -> Token | None:
    """'Speaker of the House Paul Ryan (R-WI) said “…”' when the parser lost the subject: a finite,
    active cue takes the noun phrase just before it (over adverbs and a parenthesis); a relative
    clause ending there gives its noun ('an official who spoke anonymously said …')."""
    if cue.tag_ == "VBG" and cue.i > 0 and cue.doc[cue.i - 1].text == ",":
        # 'Hollande said …, noting that …': a participle clause after a comma shares the main subject
        root = cue.sent.root
        if root.i >= cue.i or root.pos_ not in ("VERB", "AUX"):
            return None
        return _parsed_subject(root)
    if cue.tag_ not in ("VBD", "VBZ", "VBP") or cue.lemma_.lower() in RAISING:
        return None
    if any(c.dep_ in ("auxpass", "nsubjpass", "expl", "csubj") for c in cue.children):
        return None
    doc = cue.doc
    start = cue.sent.start
    i, depth = cue.i - 1, 0
    while i >= start:
        tok = doc[i]
        if tok.text == ")":
            depth += 1
        elif tok.text == "(":
            depth -= 1
        elif depth == 0 and not (tok.is_space or tok.pos_ in ("ADV", "PART") or tok.text in (",", "-", "—")):
            break
        i -= 1
    if i < start:
        return None
    tok = doc[i]
    if tok.pos_ not in ("PROPN", "NOUN", "PRON") or tok.is_quote or tok.tag_ in ("WP", "WDT"):
        return None
    if tok.lower_ in ("him", "them", "me", "us", "whom"):
        return None  # an object pronoun never speaks
    holder = tok
    for _ in range(8):  # climb out of a relative clause to the noun it describes
        if holder.dep_ == "relcl" and holder.head.i < tok.i:
            return holder.head
        if holder.head.i == holder.i:
            break
        holder = holder.head
    return tok


def _parsed_subject(cue: Token) -> Token | None:
    """Who speaks: the cue's subject, or the subject of the verb it hangs from ("…, adding that")."""
    if _according(cue):
        to = cue.doc[cue.i + 1]
        return next((c for c in to.children if c.dep_ == "pobj"), None)
    if cue.lemma_.lower() in RAISING:
        return None  # "he seems to …": an impression, nobody is quoted
    sharer = _participle_sharer(cue)
    if sharer is not None:
        return sharer
    verb = cue
    via_conj = False
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        subj = min(subjects, key=lambda c: abs(c.i - verb.i)) if subjects else None
        if subj is not None:
            if subj.dep_ == "nsubjpass" and via_conj:
                return subj  # 'Silverman was joined on stage … and joked': the shared subject speaks
            if subj.dep_ == "nsubjpass" or (verb is not cue and subj.lower_ == "it"):
                # passive, or "It is difficult to say …": nobody named says it
                return None
            return subj
        if verb is cue and cue.i > 0 and cue.doc[cue.i - 1].is_quote:
            # '"…," added another New Hampshire Democrat': the parser takes the speaker for an object.
            after = [c for c in cue.children if c.i > cue.i and c.dep_ in ("dobj", "attr", "npadvmod", "dep")]
            if after and after[0].pos_ in ("PROPN", "NOUN", "PRON"):
                return after[0]
            nxt = cue.doc[cue.i + 1] if cue.i + 1 < len(cue.doc) else None
            if nxt is not None and nxt.is_title and not nxt.is_stop:
                return nxt  # '“…,” said Skelly' with the name mistagged or hung off something else
        if verb.tag_ == "VBN" and (verb.dep_ == "advcl" or verb.i == verb.sent.start):
            return None  # "Asked whether …, X said": the asker is not named
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            holder = verb.head
            if holder.pos_ == "NOUN" and holder.dep_ == "dobj" and holder.ent_type_ != "PERSON":
                # "X issued a statement saying …": the statement's issuer speaks, not the statement
                issuer = [c for c in holder.head.children if c.dep_ == "nsubj"]
                if issuer:
                    return issuer[0]
            return holder  # "Clinton, stating that …"
        if verb is cue:
            # "About 4 in 10 say …": the parser hangs the poll share off the verb as a number.
            share = [c for c in cue.children
                     if c.i < cue.i and c.pos_ == "NUM" and c.dep_ in ("nummod", "npadvmod")]
            if share:
                return share[-1]
        # "Voters were more likely to say …": climb from the infinitive over the adjective too.
        if verb.dep_ in ("conj", "xcomp", "advcl", "acomp") and verb.head.i != verb.i:
            via_conj = verb.dep_ == "conj" and verb is cue
            verb = verb.head
            continue
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
            verb = verb.head.head  # "… in criticizing Trump's record": the subject of the verb before "in"
            continue
        break
    return None


def _participle_sharer(cue: Token) -> Token | None:
    """"Trump told Newsmax that Romney “…,” adding, “…”": a participle after a comma that the parser
    hangs off the reported clause still shares the main clause's subject (the reporter, not Romney)."""
    if cue.tag_ != "VBG" or cue.i == 0 or cue.doc[cue.i - 1].text != ",":
        return None
    if any(c.dep_ in SUBJECTS for c in cue.children):
        return None
    root = cue.sent.root
    if root.i >= cue.i or root.pos_ not in ("VERB", "AUX") or cue.head.i == root.i:
        return None
    if not any(a.i == root.i for a in cue.ancestors):
        return None
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    return subjects[0] if subjects else None


def _mention(subj: Token) -> SpanT:
    """The subject as written: its left modifiers up to the head, plus an apposition."""
    if subj.pos_ == "PRON":
        return subj.idx, subj.idx + len(subj.text)
    doc = subj.doc
    left = subj
    # Grow left over the subject's own modifiers, never across a line break or past 8 tokens.
    while (left.i > subj.left_edge.i and subj.i - left.i < 8 and "\n" not in doc[left.i - 1].text
           and not doc[left.i - 1].is_space):
        left = doc[left.i - 1]
    right = subj
    for child in subj.children:
        if child.dep_ == "appos" and child.i > subj.i:
            right = child.right_edge
    end = right.idx + len(right.text)
    return left.idx, end


def _alnum(text: str, spans: Iterable[SpanT]) -> set[int]:
    return {i for s, e in spans for i in range(s, e) if text[i].isalnum()}


class _ReportIndex:
    """Reported attributions by 1,000-character bucket of their content, so each quote looks only at
    the clauses near it (a scan of all of them per quote cost a 10,000-word article ~0.1 s). Call
    :meth:`touched` after an attribution's content grows, to index its new extent too."""

    BUCKET = 1000

    def __init__(self, reported: dict[int, _Attribution]) -> None:
        self.order = {id(att): n for n, att in enumerate(reported.values())}
        self.buckets: dict[int, list[_Attribution]] = {}
        for att in reported.values():
            self._add(att)

    def _add(self, att: _Attribution) -> None:
        for s, e in att.content:
            for b in range(s // self.BUCKET, max(s, e - 1) // self.BUCKET + 1):
                bucket = self.buckets.setdefault(b, [])
                if not any(other is att for other in bucket):  # identity: equal clauses may be two
                    bucket.append(att)

    def touched(self, att: _Attribution) -> None:
        if id(att) in self.order:
            self._add(att)

    def near(self, segments: Sequence[SpanT]) -> list[_Attribution]:
        """Candidates in the order of ``reported``, as the full scan saw them."""
        lo, hi = min(s for s, _ in segments), max(e for _, e in segments)
        found: dict[int, _Attribution] = {}
        for b in range(lo // self.BUCKET, max(lo, hi - 1) // self.BUCKET + 1):
            for att in self.buckets.get(b, ()):
                found[id(att)] = att
        return sorted(found.values(), key=lambda att: self.order[id(att)])


def _inside_reported(
    segments: Sequence[SpanT], reported: Sequence[_Attribution], text: str
) -> _Attribution | None:
    """The reported attribution whose content overlaps the quote.

    When the content holds the quote plus more than a few words, the quote is part of that content.
    When the content is (part of) the quote, that attribution becomes a direct quote over the whole quote.
    """
    quote = _alnum(text, segments)
    if not quote:
        return None
    q_start, q_end = min(s for s, _ in segments), max(e for _, e in segments)
    for att in reported:
        if all(e <= q_start or s >= q_end for s, e in att.content):
            continue  # cheap test first: most reported clauses are nowhere near this quote
        content = _alnum(text, att.content)
        if not content & quote:
            continue
        if len(content - quote) > 8:
            if len(quote - content) > 2:
                continue
            if _tag_right_after(text, att, q_start, q_end):
                # 'When asked …, “…,” said the source': the words before the quote frame it; the tag
                # right after the closing mark makes the quote itself the report
                att.direct = True
                att.content = list(segments)
                att.rule = att.rule.replace("reported:", "direct:")
            return att
        att.direct = True  # the complement is the quote itself: keep it as a direct quote
        att.content = _quote_with_lead(text, att.content, segments)
        att.rule = att.rule.replace("reported:", "direct:")
        return att
    return None


def _tag_right_after(text: str, att: _Attribution, q_start: int, q_end: int) -> bool:
    """The cue follows the quote's closing mark with nothing but punctuation (or its subject) between,
    and the reported content starts before the quote and ends with it."""
    if att.cue_span is None or att.cue_span[0] < q_end or len(att.content) != 1:
        return False
    start, end = att.content[0]
    if start >= q_start or end > q_end + 2:
        return False
    before = text[start:q_start].rstrip()
    opening = text[q_start : q_start + 3].lstrip("\"\u201c\u2018'` ")
    if not before.endswith((",", ":")) or not opening[:1].isupper():
        return False  # 'Trump's plan is "a disaster," she said': the quote finishes the reported clause
    between = text[q_end : att.cue_span[0]]
    words = [w for w in between.split() if any(ch.isalnum() for ch in w)]
    return len(words) <= 3 and "\n" not in between


def _quote_with_lead(text: str, content: Sequence[SpanT], segments: Sequence[SpanT]) -> list[SpanT]:
    """The quote, plus the few words of the complement before it ('called her “third-rate”')."""
    start = min(s for s, _ in content)
    if len(content) != 1 or start >= segments[0][0] or not any(
            ch.isalpha() for ch in text[start : segments[0][0]]):
        return list(segments)
    return [(start, segments[0][1]), *segments[1:]]


def _whole_sentences(doc: Doc, first: int, last: int, quote_of: list[int]) -> bool:
    """No words of the quote's sentences lie outside it."""
    start = doc[first].sent.start
    end = doc[last].sent.end
    return not any(doc[i].is_alpha and quote_of[i] < 0 for i in range(start, end))


def _same_paragraph_run(doc: Doc, prev_end: int, first: int, quote_of: list[int]) -> bool:
    """The previous attributed quote ends in this paragraph with only its attribution between."""
    if prev_end < 0 or prev_end >= first:
        return False
    between = doc[prev_end + 1 : first]
    breaks = between.text.strip().count("\n")
    if breaks == 0:
        return True
    # The next paragraph carries on a quote whose paragraph ended with its attribution.
    return "\n\n" not in between.text.strip().replace("\n\n", "\n", 1) and sum(
        1 for t in between if t.is_alpha) <= 12


# --------------------------------------------------------------------------------------------
# Resolution of speaker mentions to entities


def _title_genders(text: str, entities: Sequence[Entity], by_title: dict[str, str]) -> dict[str, str]:
    """Canonical person -> "m"/"f" when the text calls them "Mr"/"Mrs"/"Ms" right before a mention."""
    if not by_title:
        return {}
    out: dict[str, str] = {}
    for ent in entities:
        if ent.label != "PERSON":
            continue
        words = text[max(0, ent.start - 12) : ent.start].replace(".", " ").split()
        if words and words[-1].lower() in by_title:
            out.setdefault(ent.canonical, by_title[words[-1].lower()])
    return out


class _EntityWindow:
    """The entities overlapping a span, in their original order, without scanning them all."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.by_start = sorted(range(len(entities)), key=lambda i: entities[i].start)
        self.starts = [entities[i].start for i in self.by_start]
        self.longest = max((e.end - e.start for e in entities), default=0)
        self.entities = entities

    def overlapping(self, start: int, end: int) -> list[Entity]:
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        hits = sorted(i for i in self.by_start[lo:hi] if self.entities[i].end > start)
        return [self.entities[i] for i in hits]


def _resolve(
    doc: Doc, found: list[_Attribution], entities: Sequence[Entity], known_gender: dict[str, str]
) -> list[Quote]:
    window = _EntityWindow(entities)
    persons = [e for e in entities if e.label == "PERSON"]
    people_subjects = _person_subjects(doc, persons)
    gender: dict[str, str] = dict(known_gender)
    out: list[Quote] = []
    for att in found:
        entity: str | None = None
        if att.mention is not None and att.subject is not None:
            low = att.subject.lower_
            if att.subject.tag_ in ("WP", "WDT") and att.subject.head.dep_ == "relcl":
                # "… Nicky Driscoll, 24, who said …": the mention is "who", the entity its antecedent.
                antecedent = att.subject.head.head
                entity = _entity_in(_mention(antecedent), antecedent, window)
            elif att.subject.pos_ == "PRON":
                if low in PERSONAL:
                    entity = _antecedent(att.subject.idx, people_subjects, out, gender, PERSONAL[low])
                    if entity:
                        gender.setdefault(entity, PERSONAL[low])
            else:
                entity = _entity_in(att.mention, att.subject, window)
        out.append(
            Quote(
                content=tuple(sorted(att.content)),
                cue=(att.cue_span,) if att.cue_span else (),
                speaker=(att.mention,) if att.mention else (),
                speaker_entity=entity,
                direct=att.direct,
                rule=att.rule,
            )
        )
    return out


def _entity_in(mention: SpanT, head: Token, window: _EntityWindow) -> str | None:
    start, end = mention
    inside = window.overlapping(start, end)
    if not inside:
        return None
    at_head = [e for e in inside if e.start <= head.idx < e.end]
    if not at_head and head.pos_ == "NOUN" and all(e.label == "NORP" for e in inside):
        # "Hungarian officials": a nationality modifying a common noun names no one by itself; the
        # group as written is the speaker, not the adjective.
        words = doc_text(head.doc)[start:end].split()
        return " ".join(words[1:] if words and words[0].lower() == "the" else words) or None
    for pool in (at_head, inside):
        for label in ("PERSON", "ORG", "NORP", "GPE"):
            for e in pool:
                if e.label == label:
                    return e.canonical
    return inside[0].canonical


def _person_subjects(doc: Doc, persons: Sequence[Entity]) -> list[tuple[int, str, bool]]:
    """(position, canonical, is_subject) for each person mention, in text order."""
    out = []
    for e in persons:
        span = doc.char_span(e.start, e.end, alignment_mode="expand")
        is_subject = span is not None and span.root.dep_ in SUBJECTS
        out.append((e.start, e.canonical, is_subject))
    return out


def _antecedent(
    pos: int,
    people: Sequence[tuple[int, str, bool]],
    earlier: Sequence[Quote],
    gender: dict[str, str],
    want: str,
) -> str | None:
    """Most recent person who spoke or was a subject before ``pos``; any person as a fallback."""
    candidates: list[tuple[int, str, int]] = [(p, c, 0 if subj else 1) for p, c, subj in people if p < pos]
    for q in earlier:
        if q.speaker_entity and q.speaker and q.speaker[0][0] < pos:
            candidates.append((q.speaker[0][0], q.speaker_entity, 0))
    compatible = [c for c in candidates if gender.get(c[1], want) == want]
    for tier in (0, 1):
        tiered = [c for c in compatible if c[2] == tier]
        if tiered:
            return max(tiered, key=lambda c: c[0])[1]
    return None


@Language.factory(
    "stance_speakers",
    assigns=["doc._.stance_quotes"],
    requires=["token.dep", "token.lemma", "token.tag", "doc.sents"],
    default_config={"rules_dir": ""},
)
def make_speakers(nlp: Language, name: str, rules_dir: str) -> AttributionComponent:
    return AttributionComponent(nlp, name, rules_dir)


__all__ = ["AttributionComponent", "CueRules", "Span", "find_quote_spans", "make_speakers"]
