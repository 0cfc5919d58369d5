"""Direct quotes on the parsed Doc: telling speech from scare quotes and titles, the tags that
attribute a quote ('"…," he said', 'Clinton's answer: "…"', '"…" - Bernie Sanders'), a quote that is
(part of) a reported clause, and a quote carrying on the previous one. The component's ``_direct``
walks the quotes with these.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from stance_reader.nlp.attribution.common import SUBJECTS, SpanT, _according, _Attribution
from stance_reader.nlp.attribution.content import _complement_start
from stance_reader.nlp.attribution.subjects import _subject
from stance_reader.nlp.extensions import doc_text


def _comma_tag(doc: Doc, last: int, quote_of: list[int]) -> Token | None:
    """'“France will always be France,” an angry Hollande retaliated.': a quote closed by a comma and
    followed by subject + verb is tagged by that verb even when the verb is not in the cue list."""
    if last < 1:
        return None
    i = last + 1
    while i < len(doc) and doc[i].is_space and "\n" not in doc[i].text:
        i += 1
    if i >= len(doc) or quote_of[i] >= 0:
        return None
    closing = {doc[last - 1].text, doc[last].text}
    # '“This is fantastic!” beamed Hartley': after "!" or "?" a lower-case word goes on the sentence
    if "," not in closing and not (closing & {"!", "?"} and doc[i].is_lower):
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


# Speech verbs the small tagger reads as nouns after a quote ('“…,” the editorial read.').
_NOUN_TAGGED = frozenset({"read", "reads", "states", "stated", "said", "says", "wrote", "writes"})


def _noun_tagged_tag(doc: Doc, last: int, quote_of: list[int]) -> tuple[Token, Token, SpanT] | None:
    """(cue, speaker's head, speaker as written) for '“…,” the editorial read.' or '“…,” a voice-over in
    the ad states.' when the tagger made the verb a noun: a short noun phrase after a comma-closed quote,
    one of the speech forms, then the end of the sentence (or "in …"). The speaker is the phrase before
    any preposition."""
    if last < 1 or "," not in (doc[last - 1].text, doc[last].text):
        return None
    i = last + 1
    while i < len(doc) and doc[i].is_space and "\n" not in doc[i].text:
        i += 1
    phrase: list[Token] = []
    for tok in doc[i : min(len(doc), i + 8)]:
        if quote_of[tok.i] >= 0 or tok.is_space:
            return None
        if tok.lower_ in _NOUN_TAGGED and tok.pos_ != "VERB" and phrase:
            after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if after is not None and after.text not in (".", ",", "in", "on") and not after.is_space:
                return None
            # the phrase up to its first preposition: "a voice-over [in the ad]"; its last word is the head
            cut = next((k for k, t in enumerate(phrase) if t.pos_ == "ADP"), len(phrase))
            words = [t for t in phrase[:cut] if not t.is_punct]
            if not words or words[-1].pos_ == "DET":
                return None
            return tok, words[-1], (words[0].idx, words[-1].idx + len(words[-1].text))
        if tok.pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM", "PART", "ADP", "PUNCT"):
            return None
        phrase.append(tok)
    return None


def _put_it(doc: Doc, first: int, quote_of: list[int]) -> Token | None:
    """'As the Post's Dana Milbank puts it, “…”': the verb of "as X put(s) it" right before a quote."""
    i = first - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in (",", ":")) and "\n" not in doc[i].text:
        i -= 1
    if i < 2 or doc[i].lower_ != "it" or quote_of[i] >= 0:
        return None
    verb = doc[i].head
    if verb.lemma_.lower() != "put" or doc[i].dep_ != "dobj" or verb.i != i - 1:
        return None
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    return verb if any(c.dep_ == "nsubj" for c in verb.children) else None


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


def _with_clause_before_tag(
    doc: Doc, cue: Token, first: int, last: int, segments: list[SpanT], quote_of: list[int]
) -> list[SpanT] | None:
    """'Couple global exposure with a “candidate who is a lightning rod” and Clevelanders get nervous,
    said Link': a quote inside a sentence that a closing tag reports is part of that sentence; the
    content runs from the sentence start to the comma before the tag (None when that is not the case)."""
    start = doc[first].sent.start
    if cue.i <= last or cue.i - last > 20 or not any(t.is_alpha for t in doc[start:first]):
        return None
    if any(t.text in (":", ";") or "\n" in t.text for t in doc[start:first]):
        return None  # 'he had a warning: “…”': the quote is introduced, not part of a sentence
    comma = next((k for k in range(cue.i - 1, max(last - 2, 0), -1) if doc[k].text == ","), None)
    if comma is None or cue.i - comma > 6:
        return None
    if any(doc[k].pos_ in ("VERB", "AUX") for k in range(comma + 1, cue.i)):
        return None
    between = doc[last + 1 : comma]
    if any(quote_of[t.i] >= 0 or t.is_sent_start or "\n" in t.text for t in between):
        return None
    # the tag closes the sentence ('…, Gingrich said.', '…, said Link, the director.'): no verb and
    # no quotation after it; "In Concord, he referred to …" is a fronted phrase, not a tag
    end_of_sentence = doc[cue.i].sent.end
    after = doc[cue.i + 1 : end_of_sentence]
    if len(after) > 10 or any(t.pos_ in ("VERB", "AUX") or quote_of[t.i] >= 0 for t in after):
        return None
    if not any(t.pos_ in ("VERB", "AUX") for t in doc[start:comma]):
        return None  # the words before the comma must make a clause (inside the quote or out)
    lead = doc[start:first]
    if any(t.text in (".", "!", "?") for t in lead) or any(
        t.pos_ == "VERB" and any(c.dep_ == "ccomp" for c in t.children) for t in lead
    ):
        return None  # another sentence, or another report ("Kerry said the Iranians … “…”, he told")
    words = [t for t in doc[first : last + 1] if t.is_alpha]
    if len(words) >= 2 and sum(t.is_title for t in words) >= 0.6 * len(words):
        return None  # 'starred in “Parks and Recreation,”': a title, not words spoken
    end = max(segments[-1][1], doc[comma - 1].idx + len(doc[comma - 1].text) if comma > last else 0)
    return [(doc[start].idx, end)]


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
    if not (
        first in ("which", "who", "whom", "whose")
        or first.endswith("ing")
        or second in ("which", "whom")
        or timed
    ):
        return
    for k, (s, e) in enumerate(att.content):
        if s < q_end < e and any(ch.isalpha() for ch in text[q_end:e]):
            att.content[k] = (s, q_end)
            del att.content[k + 1 :]
            return


def _end_before_next_act(doc: Doc, att: _Attribution, segments: Sequence[SpanT]) -> None:
    """'called the election “a citizenship election” and likened it to …', '“We'll see,” when asked
    whether …': after a quote that completes the report, "and" + a verb of the speaker's next act or a
    "when/as/while" clause is the writer's account, not the reported words."""
    q_end = segments[-1][1]
    k = next((i for i, (s, e) in enumerate(att.content) if s < q_end < e), None)
    if k is None:
        return
    after = doc.char_span(q_end, att.content[k][1], alignment_mode="expand")
    words = [t for t in after or () if not (t.is_punct or t.is_space)] if after is not None else []
    if len(words) < 2:
        return
    first, second = words[0], words[1]
    next_act = first.lower_ in ("and", "but") and second.pos_ == "VERB" and second.tag_ in ("VBD", "VBZ")
    timed = first.lower_ in ("when", "as", "while") and (second.pos_ == "PRON" or second.tag_ == "VBN")
    if next_act or timed:
        att.content[k] = (att.content[k][0], q_end)
        del att.content[k + 1 :]


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
    """Does the cue already report words away from this quote? Not when those are a bare object of
    three words or fewer ('“You think I'm going to change?” Trump asked reporters …': the addressee)."""
    if att is None or not all(e <= start or s >= end for s, e in att.content):
        return False
    doc = att.cue.doc if att.cue is not None else None
    if doc is None or att.direct:
        return True
    text = doc_text(doc)
    return sum(len(text[s:e].split()) for s, e in att.content) > 3


def _tagged(doc: Doc, first: int, last: int, cue: Token | None) -> bool:
    """A short quote ending in a comma right before its speech tag ('"Quiet," he demanded') is speech;
    so is one right after a speech verb with a named subject ('the crowd chanted "Lock her up!"')."""
    if cue is not None and cue.i < first:
        between = doc[cue.i + 1 : first]
        return (
            all(t.is_punct or t.is_space for t in between) and len(between) <= 2 and _subject(cue) is not None
        )
    if cue is None or cue.i <= last or cue.i - last > 8:
        return False
    inner = doc[last - 1] if last > 0 else doc[last]
    if not {inner.text, doc[last].text} & {",", "!", "?"}:
        return False  # ('"Meh," wrote …', '"Nooooo!" cried the crowd')
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
    if i >= 0 and doc[i].text == ",":
        return _comma_intro(doc, doc[i])
    if i < 0 or doc[i].text not in (":", "):", "-", "\u2013", "\u2014"):
        return None
    colon = doc[i]
    label = _label_before_colon(doc, colon) if colon.text.endswith(":") else None
    if label is not None:
        return colon, label
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
            # 'She went on: “…”': the parser may hang the clause off the quote's verb; it ends here
            if verb.head.i == verb.i or (verb.pos_ == "VERB" and verb.head.i > colon.i):
                break
            verb = verb.head
        if verb.i < colon.i and verb.pos_ in ("VERB", "AUX"):
            named = _clause_subjects(verb, colon.i)
            if not named and verb.dep_ == "conj" and verb.head.i < verb.i:
                named = _clause_subjects(verb.head, colon.i)  # 'X leaned in and boomed: “…”'
            subjects = named or subjects
    pick = (subjects or [t for t in named if t.ent_type_ == "PERSON"])[:1]
    if not pick:
        return None
    head = pick[0]
    while head.dep_ in ("compound", "flat") and _same_name(head, head.head):
        head = head.head  # the last word of the name
    return colon, head


_DASHES = frozenset({"-", "\u2013", "\u2014"})


def _comma_intro(doc: Doc, comma: Token) -> tuple[Token, Token] | None:
    """'In Just the Way You Are, Billy Joel sings, “Don't go changing.”': a clause whose verb (with its
    subject before it and no object) ends at a comma right before a quote that closes the sentence
    introduces it, as a colon would."""
    verb = doc[comma.i - 1] if comma.i > 0 else None
    if verb is None or verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp") and c.i < comma.i for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subject is None or subject.tag_ in ("WP", "WDT") or subject.lower_ in ("it", "this", "that", "there"):
        return None
    return comma, subject


def _label_before_colon(doc: Doc, colon: Token) -> Token | None:
    """Who a colon right before a quote names as a label: 'the next round - Philip Bump: “…”',
    'Rep. Trey Gowdy (R-S.C.): “…”' (a name opening its line or set off by a dash), or 'From the
    report: “…”' / 'More from Jones: “…”' (a bare "from" phrase)."""
    j = colon.i - 1
    if colon.text == "):" or (j >= 0 and doc[j].text == ")"):
        while j >= 0 and doc[j].text != "(" and colon.i - j < 8:
            j -= 1  # past the bracket: "(R-S.C.)"
        j -= 1
    if j < 0:
        return None
    name = doc[j]
    sent = name.sent
    if name.pos_ == "PROPN" or name.ent_type_ in ("PERSON", "ORG"):
        k = j  # back over the name and a title before it ("Rep. Trey Gowdy") to what opens the label
        while k > sent.start and _name_word(doc[k - 1]):
            k -= 1
        if k == sent.start or doc[k - 1].text in _DASHES or "\n" in doc[k - 1].text:
            return name
    words = [t for t in doc[sent.start : colon.i] if not t.is_space]
    if words and words[0].lower_ == "more":
        words = words[1:]
    if len(words) >= 2 and words[0].lower_ == "from" and name.dep_ == "pobj" and name.head == words[0]:
        return name
    return None


def _name_word(tok: Token) -> bool:
    title = tok.is_title and tok.text.endswith(".")  # "Rep.", "Sen."
    return tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG") or title


def _clause_subjects(verb: Token, before: int) -> list[Token]:
    """The verb's subjects before ``before`` that can be a speaker (not "it", "this", "who")."""
    return [
        c
        for c in verb.children
        if c.dep_ == "nsubj"
        and c.i < before
        and c.tag_ not in ("WP", "WDT")
        and c.lower_ not in ("it", "this", "that", "what")
    ]


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


_BULLETS = frozenset({"", "•", "*", "-", "\u2013", "\u2014", "\u25aa", "\u25cf"})


def _name_line(doc: Doc, first: int) -> tuple[Token, Token] | None:
    """A reader roundup: a line of its own with only a name (and an age, a place or a job after commas),
    then the quote paragraph ('Marisol Ortega, 41, Tucson¶“I have voted …”'). (last word of the
    name, the same word): the name is both the cue and the speaker, as a signature is."""
    if first < 2 or "\n" not in doc[first - 1].text:
        return None
    line_end = first - 1
    line_start = line_end - 1
    while line_start > 0 and "\n" not in doc[line_start - 1].text:
        line_start -= 1
        if line_end - line_start > 24:
            return None  # a paragraph, not a name line: stop walking back through it
    words = [t for t in doc[line_start:line_end] if not t.is_space]
    if not words or len(words) > 12 or any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in words):
        return None
    if words[-1].text in (".", "?", "!", ":"):
        return None  # a sentence or a label, not a name line
    while len(words) > 1 and (words[0].like_num or words[0].text.rstrip(".)") in _BULLETS):
        words = words[1:]  # a numbered or bulleted roundup: '1. Rosa Delgado, nurse'
    name = words[0]
    if name.ent_type_ == "PERSON" and name.ent_iob_ == "B":
        while name.i + 1 < line_end and doc[name.i + 1].ent_iob_ == "I":
            name = doc[name.i + 1]
    elif name.pos_ == "PROPN" and name.i + 1 < line_end and doc[name.i + 1].pos_ == "PROPN":
        while name.i + 1 < line_end and doc[name.i + 1].pos_ == "PROPN":
            name = doc[name.i + 1]  # the model may read a name as a place ("Ana Beltran")
    else:
        return None
    after = doc[name.i + 1] if name.i + 1 < line_end else None
    if after is not None and after.text not in (",", "(", "-", "\u2013", "\u2014"):
        return None  # 'Jane Smith and the Council' or a title, not a name standing alone
    return name, name


def _name_start(last: Token) -> int:
    """The first word of the name ending at ``last`` on a name line (after any list number)."""
    doc, start = last.doc, last.i
    while start > 0 and "\n" not in doc[start - 1].text:
        if doc[start - 1].pos_ != "PROPN" and doc[start].ent_iob_ != "I":
            break
        start -= 1
    return start


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
    if (
        len(content) != 1
        or start >= segments[0][0]
        or not any(ch.isalpha() for ch in text[start : segments[0][0]])
    ):
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
    return (
        "\n\n" not in between.text.strip().replace("\n\n", "\n", 1)
        and sum(1 for t in between if t.is_alpha) <= 12
    )
