"""The ``stance_speakers`` spaCy component and its factory: finds the quotation spans, the reported
speech and the labelled lines, attributes each quote (cue, tag, colon, signature or the previous
quote), then resolves the speakers. Writes ``doc._.stance_quotes`` (list of core ``Quote``, code points
relative to the Doc); reads ``doc._.stance_entities`` when the entity component ran first.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from spacy.attrs import IS_ALPHA, LOWER, POS
from spacy.language import Language
from spacy.symbols import VERB
from spacy.tokens import Doc, Span, Token

from stance_reader.nlp.attribution.common import SpanT, _according, _Attribution
from stance_reader.nlp.attribution.content import _complement, _frame_spans, _trimmed
from stance_reader.nlp.attribution.content_ends import MODEL_FILE as ENDS_FILE
from stance_reader.nlp.attribution.content_ends import EndModel, end_choices
from stance_reader.nlp.attribution.cues import (
    RULES_FILE,
    CueRules,
    _according_to,
    _asked_about,
    _called_label,
    _cued,
    _labelled_lines,
    _naming,
    _reportedly,
    _stop_before_next_reports,
)
from stance_reader.nlp.attribution.direct import (
    _colon_intro,
    _comma_tag,
    _dash_signature,
    _end_at_closing_comma,
    _end_before_next_act,
    _ends_sentence,
    _inside_reported,
    _name_line,
    _name_start,
    _noun_tagged_tag,
    _put_it,
    _report_just_before,
    _ReportIndex,
    _reports_elsewhere,
    _same_paragraph_run,
    _tagged,
    _whole_sentences,
    _with_clause_before_tag,
    _with_lead,
    _work_title,
)
from stance_reader.nlp.attribution.learned import MODEL_FILE as LEARNED_FILE
from stance_reader.nlp.attribution.learned import NESTED_REPORTS, FrameModel, frame_features, frames_of
from stance_reader.nlp.attribution.quotes import (
    balance_quote_marks,
    find_quote_spans,
    quote_opened_before,
)
from stance_reader.nlp.attribution.report_filter import MODEL_FILE as FILTER_FILE
from stance_reader.nlp.attribution.report_filter import ReportFilter, judged, outer_reports
from stance_reader.nlp.attribution.resolution import GENDERS_KEY, _known_genders, _resolve
from stance_reader.nlp.attribution.speaker_model import MODEL_FILE as SPEAKER_FILE
from stance_reader.nlp.attribution.speaker_model import SpeakerModel, _same, speaker_of
from stance_reader.nlp.attribution.subjects import _mention
from stance_reader.nlp.attribution.types import TYPES_FILE, TypeRules
from stance_reader.nlp.datelines import dateline_end
from stance_reader.nlp.entities.data import GIVEN_NAMES_FILE, load_given_names
from stance_reader.nlp.extensions import doc_text  # also registers doc._.stance_quotes
from stance_reader.nlp.jsonl import read_jsonl

# Reports that name no source by their nature: no speaker is chosen for them.
UNSOURCED = frozenset({"reported:reportedly", "reported:asked"})
# How far (tokens) a cue may sit from the quote it attributes.
CUE_WINDOW = 30
# Quotes this short with no cue are taken for scare quotes, not speech.
MIN_UNCUED_WORDS = 4
# Forms of a second speech verb that open a quote of its own ("said before adding:", "said, and added:").
_SECOND_TAGS = ("VBG", "VBD", "VBZ")


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
        self.learned = FrameModel.load(folder / LEARNED_FILE)
        self.speakers = SpeakerModel.load(folder / SPEAKER_FILE)
        self.report_filter = ReportFilter.load(folder / FILTER_FILE)
        self.content_ends = EndModel.load(folder / ENDS_FILE)
        self.types = TypeRules.load(folder / TYPES_FILE)
        # Gendered titles ("Mrs", "Mr") from the entity rules: a hint for resolving he/she.
        titles = folder / "entity_titles.jsonl"
        self.title_gender = (
            {str(row["title"]): str(row["gender"]) for row in read_jsonl(titles) if row.get("gender")}
            if titles.exists()
            else {}
        )
        self.given_gender = load_given_names(folder / GIVEN_NAMES_FILE)

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
                quote_of[span.start : span.end] = [qi] * len(span)
                first, last = min(first, span.start), max(last, span.end - 1)
            quote_tokens.append((first, last))
        reported = self._reported(doc, quote_of)
        for key, att in _labelled_lines(doc, text, quote_of).items():
            reported.setdefault(key, att)
        found = self._choose_speakers(self._direct(doc, text, quotes, quote_tokens, quote_of, reported))
        found = _before_parallel_reports(_one_report_per_act(found, self.rules.verbs))
        found = self._choose_ends(self._filter_reports(found))
        entities = doc._.stance_entities or []
        genders = _known_genders(text, entities, self.title_gender, self.given_gender)
        doc.user_data[GENDERS_KEY] = genders  # the stance holders' "she" reads them too
        segments = sorted(seg for quote in quotes for seg in quote)
        for att in found:
            att.type = self.types.type_of(att, doc)
            if not att.direct:
                att.content = [balance_quote_marks(text, _without_dateline(text, span), segments)
                               for span in att.content]
                if att.cue_span is not None and len(att.content) == 1:
                    att.content = [quote_opened_before(text, att.content[0], segments, att.cue_span[0])]
        doc._.stance_quotes = _resolve(doc, found, entities, genders)
        return doc

    def _filter_reports(self, found: list[_Attribution]) -> list[_Attribution]:
        """The rules' reports the trained filter finds too unlikely to be attributions are dropped."""
        model = self.report_filter
        if model is None:
            return found
        kept = []
        outer = outer_reports(found)
        for att in found:
            if judged(att):
                assert att.cue is not None
                lemma = att.cue.lemma_.lower()
                frames = self.rules.frames.get(lemma, ())
                if not model.keeps(att, frames, lemma in self.rules.verbs, outer.get(id(att))):
                    continue
            kept.append(att)
        return kept

    def _choose_ends(self, found: list[_Attribution]) -> list[_Attribution]:
        """The learned end of each reported content, where it beats the rules' end by its margin."""
        model = self.content_ends
        if model is None:
            return found
        for att, choices in zip(found, end_choices(found), strict=True):
            if choices is None:
                continue
            pick = model.pick(choices)
            if pick != choices.rule_index and not _past_a_gloss(att, choices.ends[choices.rule_index],
                                                                choices.ends[pick]):
                att.content = [(att.content[0][0], choices.ends[pick])]
                att.rule += "+learned-end"
        return found

    def _choose_speakers(self, found: list[_Attribution]) -> list[_Attribution]:
        """The learned speaker chooser's second opinion on each cued attribution's speaker."""
        if self.speakers is None:
            return found
        for att in found:
            if att.cue is None or att.rule in UNSOURCED:
                continue
            chosen = self.speakers.choose(att)
            if chosen is not None and _own_subject_outside(att, chosen):
                continue
            written = att.mention
            if chosen is not None and written is not None and written[0] <= chosen.idx < written[1]:
                continue  # a word inside the rules' source as written ("an analysis by [Pew]"): same source
            named = _named_subject_before(chosen, att.subject, att.cue) if chosen is not None else None
            if named is not None:
                # "Malik, speaking to reporters as [he] left, said": the name is the speaker
                if att.subject is None:
                    att.subject, att.mention = speaker_of(named)
                continue
            if not _same(chosen, att.subject):
                att.subject, att.mention = speaker_of(chosen)
                att.rule += "+learned-speaker"
        return found

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
        verbs, according = _verbs_and_according(doc)
        for i in sorted({*verbs, *according}):
            if quote_of[i] >= 0:
                continue
            tok = doc[i]
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                att = _according_to(doc, tok)
                if att:
                    out[tok.i] = att
                continue
            if tok.lower_ == "reportedly":
                # "X reportedly said …" is X's report, read off its verb
                att = _reportedly(doc, tok) if tok.head.lemma_.lower() not in self.rules.verbs else None
                if att:
                    out[tok.i] = att
                continue
            if tok.pos_ != "VERB":
                continue
            frames = self.rules.frames.get(tok.lemma_.lower())
            if not frames or _naming(tok):
                continue
            content = _complement(tok, frames) or _called_label(tok, quote_of)
            if not content:
                asked = _asked_about(doc, tok)
                if asked is not None:
                    out[tok.i] = asked
                continue
            out[tok.i] = _cued(tok, content, direct=False)
        if self.learned is not None:
            self._learned_reports(doc, verbs, quote_of, out)
        _drop_nested_unsourced(out)
        _stop_before_next_reports(doc, out)
        return out

    def _learned_reports(
        self, doc: Doc, verbs: list[int], quote_of: list[int], out: dict[int, _Attribution]
    ) -> None:
        """Reports of verbs the rules left alone, where the trained frame model is sure enough."""
        model = self.learned
        assert model is not None
        covered = {i for att in out.values() for s, e in att.content for i in range(s, e)}
        alpha = doc.to_array([IS_ALPHA]).ravel().tolist()  # per token, without a Token per word
        for i in verbs:
            if i in out or quote_of[i] >= 0:
                continue
            tok = doc[i]
            if not NESTED_REPORTS and tok.idx in covered:
                continue
            best: tuple[float, str, list[SpanT]] | None = None
            for frame, spans in frames_of(tok):
                words = (doc.char_span(s, e, alignment_mode="expand") for s, e in spans)
                inside = [k for span in words if span is not None for k in range(span.start, span.end)]
                if _quotes_speech(inside, quote_of, alpha):
                    continue  # quoted words are the direct-quote rules' to attribute
                if sum(alpha[k] for k in inside) <= 3 and _headline(tok.sent):
                    continue  # "Ukraine Seeks Support in Brussels": a headline verb, not a report
                feats = frame_features(tok, frame, spans, tok.lemma_.lower() in self.rules.verbs)
                p = model.probability(feats)
                if p >= model.threshold and (best is None or p > best[0]):
                    best = (p, frame, spans)
            if best is not None and not _naming(tok):
                att = _cued(tok, _frame_spans(tok, best[1]) or best[2], direct=False)
                att.rule = f"learned:{tok.lemma_.lower()}"
                out[tok.i] = att

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
                _end_before_next_act(doc, inside, segments)
            if inside is not None:
                current = results.get(inside.cue.i) if inside.cue is not None else None
                added = self._second_cue(doc, current, first, quote_of) if current is not None else None
                if added is not None and added.i not in results:
                    # '"A," X said before adding: "B"': the second quote is the second cue's
                    att = _cued(added, list(segments), direct=True)
                    results[added.i] = att
                    previous, previous_end = att, last
                elif current is not None and current is not inside and current.direct:
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
            put = None if cue is not None else _put_it(doc, first, quote_of)
            noun_tag = None if cue is not None or put is not None else _noun_tagged_tag(doc, last, quote_of)
            cue = cue or put or (noun_tag[0] if noun_tag else None)
            if not whole and words < MIN_UNCUED_WORDS and not _tagged(doc, first, last, cue):
                continue  # a scare quote or a title inside someone's sentence, not speech
            if cue is not None:
                key = cue.i
                att = results.get(key)
                if att is not None and att.direct and _in_speaker_description(att, segments):
                    continue  # 'said Leslie Feldman, who waited in an "extraordinarily long line"'
                if att is not None and att.direct:
                    att.content.extend(segments)
                    nearby.touched(att)
                else:
                    content = _with_clause_before_tag(doc, cue, first, last, segments, quote_of)
                    if put is not None:
                        content = list(segments)  # not "it" ('as she put it, “…”')
                    att = _cued(cue, content or _with_lead(doc, cue, first, segments), direct=True)
                    if noun_tag is not None:  # '“…,” the editorial read.': the parse has no subject
                        att.subject, att.mention = noun_tag[1], noun_tag[2]
                        att.content = list(segments)
                    results[key] = att
                previous, previous_end = att, last
                continue
            opens = whole or (doc[first].sent.start == first and words >= MIN_UNCUED_WORDS)
            signed = (_dash_signature(doc, last) or _name_line(doc, first)) if whole else None
            if opens and signed is None and previous is not None and _same_paragraph_run(
                doc, previous_end, first, quote_of
            ):
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
                intro = _colon_intro(doc, first) or signed or _spoke_before(doc, first)
            if intro is not None:
                colon, subject = intro
                rule = {":": "direct:colon", ",": "direct:comma"}.get(colon.text[-1], "direct:dash")
                if colon is subject:
                    rule = "direct:name-line"  # a roundup's name line over the quoted paragraph
                elif not colon.is_punct:
                    rule = "direct:spoke"  # "She spoke to the Herald." before the quoted paragraph
                mention = _mention(subject)
                if colon is subject:  # the name line's name only, not the age and place after it
                    mention = (doc[_name_start(subject)].idx, subject.idx + len(subject.text))
                elif colon.i < subject.i:  # a signature: the name after the dash (not the age after it)
                    mention = (max(mention[0], doc[colon.i + 1].idx), subject.idx + len(subject.text))
                att = _Attribution(
                    list(segments),
                    colon,
                    (colon.idx, colon.idx + len(colon.text)),
                    subject,
                    mention,
                    True,
                    rule,
                )
                results[colon.i] = att
                previous, previous_end = att, last
                continue
            # A quote with no cue, no introducing colon, no signature and no attributed neighbour has
            # no speaker we can name; "who said what" leaves it out rather than list it as nobody's.
            previous, previous_end = None, -1
        return sorted(results.values(), key=lambda a: min(s for s, _ in a.content))

    def _second_cue(self, doc: Doc, current: _Attribution, first: int, quote_of: list[int]) -> Token | None:
        """A speech verb of its own between a direct quote's cue and the next quote ("said before
        adding:", "said, adding:"), which PolNeAR (and a reader) takes as a second attribution."""
        cue = current.cue
        if cue is None or not current.direct or cue.i >= first:
            return None
        for tok in doc[cue.i + 1 : first]:
            if quote_of[tok.i] >= 0 or (tok.is_space and "\n" in tok.text):
                return None
            speech = tok.pos_ == "VERB" and tok.lemma_.lower() in self.rules.verbs
            if not speech or tok.tag_ not in _SECOND_TAGS:
                continue
            if tok.dep_ == "relcl" or any(a.dep_ == "relcl" for a in tok.ancestors if a.i > cue.i):
                return None  # "tweeted at Trump, who promised …": someone else's verb
            quoted = sum(t.is_alpha for t in doc[first:] if quote_of[t.i] == quote_of[first])
            return tok if quoted >= MIN_UNCUED_WORDS else None  # a scare quote stays with the first
        return None

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
                if (
                    tok.i > last
                    and tok.sent.start > doc[last].sent.start
                    and _reports_elsewhere(reported.get(tok.i), doc[first].idx, doc[last].idx)
                ):
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


def _drop_nested_unsourced(out: dict[int, _Attribution]) -> None:
    """'The agency said it was reportedly running short': a "reportedly" inside someone's report is
    part of what they said, not a second, unsourced report."""
    for key, att in list(out.items()):
        if att.rule != "reported:reportedly" or att.cue_span is None:
            continue
        cue = att.cue_span[0]
        if any(other is not att and any(s <= cue < e for s, e in other.content) for other in out.values()):
            del out[key]


def _verbs_and_according(doc: Doc) -> tuple[list[int], list[int]]:
    """Indices of the verbs and of "according" (the only tokens that can cue a report), read from the
    Doc's arrays so the rest never become Token objects."""
    arr = doc.to_array([POS, LOWER])
    sources = {doc.vocab.strings.add("according"), doc.vocab.strings.add("reportedly")}
    verbs = [i for i, pos in enumerate(arr[:, 0].tolist()) if pos == VERB]
    return verbs, [i for i, low in enumerate(arr[:, 1].tolist()) if low in sources]


def _quotes_speech(indices: list[int], quote_of: list[int], alpha: list[int]) -> bool:
    """Whether a frame's tokens (``indices``) hold a quotation the direct-quote rules attribute: one of
    at least ``MIN_UNCUED_WORDS`` words. A shorter one ('heralded the deal as a “breakthrough”') is a scare
    quote those rules leave out, so the frame that holds it may still report it."""
    quoted = Counter(quote_of[k] for k in indices if quote_of[k] >= 0 and alpha[k])
    if not any(quote_of[k] >= 0 for k in indices):
        return False
    return not quoted or max(quoted.values()) >= MIN_UNCUED_WORDS


def _headline(sent: Span) -> bool:
    """A title-case line ("Ukraine Seeks Support in Brussels"): most of its words are capitalised."""
    words = [t for t in sent if t.is_alpha and len(t.text) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.8 * len(words)


_PARALLEL_MARKS = frozenset({"as", "while"})


def _before_parallel_reports(found: list[_Attribution]) -> list[_Attribution]:
    """A report stops before ", as/while <someone> <speech verb> …" that the parser hung inside it or
    that its content runs into ("the bridge would reopen in May, as the engineer told reporters that
    …"): that clause is the writer's, another source speaking at the same time, not part of what the
    first one said."""
    marks = [m for m in (_parallel_mark(att) for att in found) if m is not None]
    if not marks:
        return found
    for att in found:
        if att.direct or att.cue is None or len(att.content) != 1:
            continue
        doc = att.cue.doc
        words = doc.char_span(*att.content[0], alignment_mode="expand")
        if words is None:
            continue
        inside = [m for m in marks if words.start < m.i < words.end and m.head.i != att.cue.i]
        if inside:
            cut = _trimmed(doc, words.start, min(m.i for m in inside) - 2)
            if cut is not None:
                att.content = [cut]
                att.rule += "+before-parallel"
    return found


def _parallel_mark(att: _Attribution) -> Token | None:
    """The "as"/"while" after a comma opening the clause of a speaking cue with its own subject."""
    cue = att.cue
    if cue is None or att.subject is None or cue.dep_ != "advcl":
        return None
    mark = next((c for c in cue.children if c.dep_ == "mark" and c.lower_ in _PARALLEL_MARKS), None)
    if mark is None or mark.i == 0 or cue.doc[mark.i - 1].text != ",":
        return None
    return mark


_REFUSALS = frozenset({"decline", "refuse"})


def _one_report_per_act(found: list[_Attribution], speech_verbs: frozenset[str]) -> list[_Attribution]:
    """One act of saying is reported once. A report whose cue is the infinitive of another report's
    cue, inside that report's content ("declined to say whether …", "continued to insist that …"),
    and that report are the same act: under a refusal or a speech verb the outer one stays, with
    "to say …" as its content (PolNeAR's reading of "declined to say"); under any other verb
    ("continued", "tried", "wants") the inner speech verb is the cue and the outer report goes."""
    outer = {att.cue.i: att for att in found if att.cue is not None and not att.direct}
    dropped: set[int] = set()
    for att in found:
        cue = att.cue
        if cue is None or att.direct or cue.dep_ != "xcomp" or cue.head.i not in outer:
            continue
        host = outer[cue.head.i]
        if host is att or not any(s <= cue.idx < e for s, e in host.content):
            continue
        lemma = cue.head.lemma_.lower()
        dropped.add(id(att) if lemma in _REFUSALS or lemma in speech_verbs else id(host))
    return [a for a in found if id(a) not in dropped]


def _without_dateline(text: str, span: SpanT) -> SpanT:
    """A report opening its line starts after the story's dateline, which is the writer's, not the
    source's words."""
    start, end = span
    stop = dateline_end(text, start, end)
    return (stop, end) if stop is not None and stop < end else span


_GLOSS = re.compile(r"\s*,\s*(?:which|who)\b")


def _past_a_gloss(att: _Attribution, rule_end: int, end: int) -> bool:
    """Would ``end`` take back the writer's closing gloss (", which mosquitoes spread") that the rules
    cut off the report? The words of the gloss are the writer's, whatever the chooser prefers."""
    assert att.cue is not None
    text = doc_text(att.cue.doc)
    return end > rule_end and _GLOSS.match(text, rule_end) is not None


def _in_speaker_description(att: _Attribution, segments: list[SpanT]) -> bool:
    """The quote sits in the words describing the speaker (a relative clause or apposition after the
    name): a scare quote of the writer's, not more of what the speaker said."""
    subject = att.subject
    if subject is None or subject.pos_ not in ("PROPN", "NOUN"):
        return False
    right = subject.right_edge
    lo, hi = subject.left_edge.idx, right.idx + len(right.text)
    return all(lo <= s and e <= hi for s, e in segments)


def _own_subject_outside(att: _Attribution, chosen: Token) -> bool:
    """ "Brandt, a researcher at the Institute, said the pause suggested that …": a report inside a
    reported clause keeps its own parsed subject (a noun: "the pause") as its source; the chooser's
    pick from outside that clause (the teller's apposition) is the outer report's source."""
    cue, subject = att.cue, att.subject
    assert cue is not None
    return (
        subject is not None and subject.dep_ == "nsubj" and subject.head.i == cue.i
        and subject.pos_ == "NOUN" and cue.dep_ in ("ccomp", "conj")
        and not cue.left_edge.i <= chosen.i <= cue.right_edge.i
    )


def _named_subject_before(chosen: Token, subject: Token | None, cue: Token) -> Token | None:
    """The name whose description holds a pronoun the chooser picked ("Malik, speaking to reporters as
    he left, said"): the parsed subject when it is a name before the pronoun, or, when the parser hung
    the name on the participle, a name opening the sentence and closed by a comma. None otherwise."""
    if chosen.pos_ != "PRON" or not chosen.i < cue.i:
        return None
    if subject is not None:
        return subject if subject.pos_ == "PROPN" and subject.i < chosen.i else None
    doc, first = cue.doc, cue.sent.start
    end = first
    while end < chosen.i and doc[end].pos_ == "PROPN":
        end += 1
    if end == first or doc[end].text != "," or doc[end - 1].ent_type_ not in ("PERSON", "ORG"):
        return None
    return doc[end - 1]


_INTERVIEW_VERBS = frozenset({"speak", "talk"})


def _spoke_before(doc: Doc, first: int) -> tuple[Token, Token] | None:
    """ "She spoke to the Herald at her home." closing a paragraph, then a paragraph that is a quote: the
    interview's words are hers. (verb, subject), as a colon introduction gives, or None."""
    if first < 2 or "\n" not in doc[first - 1].text:
        return None
    prev = doc[first - 2].sent
    verb = prev.root
    if verb.lemma_.lower() not in _INTERVIEW_VERBS or any(c.dep_ in ("ccomp", "dobj") for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or not (subject.pos_ == "PROPN" or subject.lower_ in ("he", "she")):
        return None
    return verb, subject
