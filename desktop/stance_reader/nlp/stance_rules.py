"""The ``stance_hedges`` and ``stance_commitments`` components: rule-driven cues and the passage they govern.

Owns the hedge / firm-commitment detector. Both factories share one engine (:class:`StanceMarker`):

1. token patterns (spaCy ``Matcher`` syntax: ``LOWER``/``LEMMA``/``TAG``/``POS``/``DEP`` with a string or
   ``IN``/``NOT_IN``, no operators) from a JSONL rule file under ``models/`` (``hedges.jsonl``,
   ``commitments.jsonl``), one rule per line with an ``id``; word lists the rules refer to as ``"@name"``
   live in ``stance_lexicons.jsonl``. Each pattern is indexed under its rarest word (its *trigger*);
   one vectorised ``numpy.searchsorted`` over the Doc's LOWER/LEMMA arrays finds the few candidate tokens and
   only those are checked. (The built-in ``Matcher`` ran the same rules at 12-16% of the parser's time
   because its ``IN`` predicates are Python calls on every token; this index runs at ~1-2%.);
2. per match, a few dependency checks the rule asks for (``when``), e.g. "the modal's verb has an agent
   for a subject", "the cue is not inside an *if* clause", "not a direct question";
3. negation (a ``neg`` child, or "not"/"never"/"no" just before the cue) handled per rule:
   ``keep`` (flag it), ``drop`` (no mark) or ``flip`` (a negated commitment cue becomes a hedge:
   "cannot guarantee");
4. scope, ConText-style but syntactic (the governed passage, clipped to the sentence): ``clause`` = the
   cue's clause (the clause head's subtree minus coordinated clauses), ``phrase`` = the phrase the cue
   modifies ("a bit [difficult]"), ``complement`` = the cue verb's own clause with the clause it embeds
   ("Rutte did confirm that NATO would …"), ``sentence`` = the whole sentence.

Rule keys: ``id``, ``kind`` (hedge | commitment), ``family``, ``explanation`` (may name the cue as
``{cue}``), ``pattern`` (Matcher token dicts), ``cue`` (pattern indices that are the cue; default all),
``anchor`` (pattern index whose clause is governed; default the first cue index), ``scope``, ``negation``
and ``when`` (see ``_CHECKS``).

Writes ``doc._.stance_marks`` (list of core ``Mark``; code points relative to the Doc; ``speaker`` None —
the pipeline fills it in from the quotes). Needs the parser (``token.dep``, ``token.head``) and the tagger.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import ensure_path

from stance_reader.core.models import Mark, MarkKind
from stance_reader.nlp.extensions import doc_text  # also registers doc._.stance_marks
from stance_reader.nlp.syntax import (
    AGENT_ENTS,
    CLAUSE_DEPS,
    SCOPE_EXCLUDE,
    SUBJECT_DEPS,
    clause_head,
    clause_span,
    governed_verb,
    in_condition,
    is_negated,
    is_question,
    subject_of,
)
from stance_reader.nlp.voice import FUTURE_FAMILIES, VoiceLedger, side_of

LEXICON_FILE = "stance_lexicons.jsonl"
REJECTIONS_KEY = "stance_rejections"


@dataclass(frozen=True, slots=True)
class Rule:
    """One cue rule as read from JSONL (see the module docstring for the keys)."""

    id: str
    kind: MarkKind
    pattern: list[dict[str, Any]]
    explanation: str = ""
    family: str = ""
    cue: tuple[int, ...] = ()
    anchor: int | None = None
    scope: str = "clause"
    negation: str = "keep"
    when: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Rule:
        pattern = list(data["pattern"])
        cue = tuple(int(i) for i in data.get("cue", range(len(pattern))))
        anchor = data.get("anchor")
        return cls(
            id=str(data["id"]),
            kind=MarkKind(data.get("kind", "hedge")),
            pattern=pattern,
            explanation=str(data.get("explanation", "")),
            family=str(data.get("family", "")),
            cue=cue,
            anchor=int(anchor) if anchor is not None else cue[0],
            scope=str(data.get("scope", "clause")),
            negation=str(data.get("negation", "keep")),
            when=dict(data.get("when", {})),
        )


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip() and not line.lstrip().startswith("//")]


def load_lexicons(path: Path) -> dict[str, frozenset[str]]:
    """``{"id": "report_verbs", "words": [...]}`` lines -> name -> lower-cased word set."""
    return {str(row["id"]): frozenset(w.lower() for w in row["words"]) for row in read_jsonl(path)}


# --------------------------------------------------------------------------------------------
# The engine


@dataclass(slots=True)
class _Hit:
    rule: Rule
    tokens: list[Token]
    anchor: Token | None = None  # set by _judge, read by the voice ledger
    verb: Token | None = None


_ATTRS = ("LOWER", "LEMMA", "TAG", "POS", "DEP")


_Test = tuple[str, bool, frozenset[str]]


def _token_test(spec: dict[str, Any]) -> list[_Test]:
    """A pattern token as (attribute, wanted, values) tests: wanted=False means NOT_IN."""
    tests = []
    for attr, value in spec.items():
        if attr not in _ATTRS:
            raise ValueError(f"unsupported pattern key {attr!r} (rules use {', '.join(_ATTRS)})")
        if isinstance(value, str):
            tests.append((attr, True, frozenset({value.lower() if attr in ("LOWER", "LEMMA") else value})))
        elif "IN" in value:
            tests.append((attr, True, frozenset(str(v) for v in value["IN"])))
        elif "NOT_IN" in value:
            tests.append((attr, False, frozenset(str(v) for v in value["NOT_IN"])))
        else:
            raise ValueError(f"unsupported predicate {value!r}")
    return tests


def _token_value(tok: Token, attr: str) -> str:
    if attr == "LOWER":
        return tok.lower_
    if attr == "LEMMA":
        return tok.lemma_.lower()
    if attr == "TAG":
        return tok.tag_
    if attr == "POS":
        return tok.pos_
    return tok.dep_


class _TriggerIndex:
    """Patterns indexed by one word each (the rarest LOWER/LEMMA value set in the pattern)."""

    def __init__(
        self, vocab: Any, compiled: list[tuple[Rule, list[dict[str, Any]]]], common: frozenset[str]
    ) -> None:
        self.vocab = vocab
        self.by_lower: dict[int, list[tuple[Rule, int, list[list[_Test]]]]] = {}
        self.by_lemma: dict[int, list[tuple[Rule, int, list[list[_Test]]]]] = {}
        for rule, pattern in compiled:
            tests = [_token_test(spec) for spec in pattern]
            pos, attr, words = self._trigger(rule, tests, common)
            table = self.by_lower if attr == "LOWER" else self.by_lemma
            for word in words:
                table.setdefault(vocab.strings.add(word), []).append((rule, pos, tests))
        self.lower_keys = np.array(sorted(self.by_lower), dtype=np.uint64)
        self.lemma_keys = np.array(sorted(self.by_lemma), dtype=np.uint64)

    @staticmethod
    def _trigger(
        rule: Rule, tests: list[list[_Test]], common: frozenset[str]
    ) -> tuple[int, str, frozenset[str]]:
        """The token and word set to index ``rule`` under: the fewest words, avoiding ``common`` ones."""
        best: tuple[int, int, str, frozenset[str]] | None = None
        for pos, token_tests in enumerate(tests):
            for attr, wanted, words in token_tests:
                if attr not in ("LOWER", "LEMMA") or not wanted:
                    continue
                cost = len(words) + 1000 * len(words & common)
                if best is None or cost < best[0]:
                    best = (cost, pos, attr, words)
        if best is None:
            raise ValueError(f"rule {rule.id}: a pattern needs a LOWER or LEMMA word to trigger on")
        return best[1], best[2], best[3]

    def matches(self, doc: Doc) -> list[tuple[Rule, int]]:
        """(rule, start token) for every full pattern match, in document order."""
        if not len(doc):
            return []
        arr = doc.to_array([LOWER, LEMMA])
        found: list[tuple[Rule, int]] = []
        for col, keys, table in ((0, self.lower_keys, self.by_lower), (1, self.lemma_keys, self.by_lemma)):
            if not len(keys):
                continue
            column = arr[:, col]
            # keys are sorted once at load: a binary search per token beats np.isin, which re-sorts
            # both arrays on every call (it cost a third of the component's time with big lexicons)
            pos = np.minimum(np.searchsorted(keys, column), len(keys) - 1)
            for i in np.nonzero(keys[pos] == column)[0].tolist():
                for rule, pos, tests in table[int(column[i])]:
                    start = i - pos
                    if start >= 0 and start + len(tests) <= len(doc) and _full_match(doc, start, tests):
                        found.append((rule, start))
        found.sort(key=lambda m: m[1])
        return found


def _full_match(doc: Doc, start: int, tests: list[list[_Test]]) -> bool:
    for offset, token_tests in enumerate(tests):
        tok = doc[start + offset]
        for attr, wanted, words in token_tests:
            if (_token_value(tok, attr) in words) != wanted:
                return False
    return True


class StanceMarker:
    """Applies one rule file to a Doc and appends ``Mark`` objects to ``doc._.stance_marks``.

    Rules are read at construction from ``models_dir()`` (or ``rules_dir`` when given) so a plain
    ``nlp.add_pipe("stance_hedges")`` works; ``to_disk``/``from_disk`` carry the rule and lexicon files.
    """

    def __init__(self, nlp: Language, name: str, rules_file: str, rules_dir: str = "") -> None:
        self.name = name
        self.rules_file = rules_file
        self.vocab = nlp.vocab
        self.rules: dict[str, Rule] = {}
        self.lexicons: dict[str, frozenset[str]] = {}
        self.index = _TriggerIndex(nlp.vocab, [], frozenset())
        self._checks: dict[str, Callable[[Any, _Hit, Any, Token, Token], bool]] = _CHECKS
        folder = Path(rules_dir) if rules_dir else _default_dir()
        self.load(folder / rules_file, folder / LEXICON_FILE)

    # ---- loading -------------------------------------------------------------------------

    def load(self, rules_path: Path, lexicon_path: Path) -> None:
        self.lexicons = load_lexicons(lexicon_path)
        self.set_rules([Rule.from_dict(row) for row in read_jsonl(rules_path)])

    def set_rules(self, rules: Iterable[Rule]) -> None:
        self.rules = {}
        for rule in rules:
            if rule.id in self.rules:
                raise ValueError(f"duplicate rule id {rule.id!r} in {self.rules_file}")
            self.rules[rule.id] = rule
        compiled = [(rule, self._expand(rule.pattern)) for rule in self.rules.values()]
        self.index = _TriggerIndex(self.vocab, compiled, self.lexicon("@common_words"))

    def _expand(self, pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Replace ``"@lexicon"`` references inside ``IN``/``NOT_IN`` lists by the lexicon's words."""

        def expand(value: Any) -> Any:
            if isinstance(value, dict):
                return {k: expand(v) for k, v in value.items()}
            if isinstance(value, list):
                out: list[Any] = []
                for item in value:
                    if isinstance(item, str) and item.startswith("@"):
                        out.extend(sorted(self.lexicon(item)))
                    else:
                        out.append(expand(item))
                return out
            return value

        return [expand(tok) for tok in pattern]

    def lexicon(self, ref: str | list[str]) -> frozenset[str]:
        if isinstance(ref, list):
            words: set[str] = set()
            for item in ref:
                words |= self.lexicon(item) if item.startswith("@") else {item.lower()}
            return frozenset(words)
        if ref.startswith("@"):
            try:
                return self.lexicons[ref[1:]]
            except KeyError:
                raise KeyError(f"rule refers to unknown lexicon {ref!r}") from None
        return frozenset({ref.lower()})

    # ---- running -------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        if doc._.stance_marks is None:
            doc._.stance_marks = []
        if not doc.has_annotation("DEP"):
            # scope and agent checks need the parse; an unparsed Doc gets no marks rather than wrong ones
            return doc
        marks: list[Mark] = []
        futures: list[tuple[_Hit, Mark | None]] = []
        for rule, start in self.index.matches(doc):
            hit = _Hit(rule, list(doc[start : start + len(rule.pattern)]))
            mark = self._judge(hit)
            if rule.family in FUTURE_FAMILIES:
                futures.append((hit, mark))
            if mark is not None:
                marks.append(mark)
        forecasts = self._forecasts(futures)
        for hit, mark in futures:
            if mark is not None and id(mark) in forecasts:
                self._reject(hit, "rival_forecast")
        marks = [m for m in marks if id(m) not in forecasts]
        marks += list_items_under_header(
            doc_text(doc), marks + list(doc._.stance_marks), self.lexicon("@list_header_modals")
        )
        doc._.stance_marks.extend(_dedupe(marks, doc._.stance_marks))
        return doc

    def _judge(self, hit: _Hit) -> Mark | None:
        rule = hit.rule
        toks = hit.tokens
        anchor = toks[min(rule.anchor or 0, len(toks) - 1)]
        hit.anchor, hit.verb = anchor, governed_verb(anchor)
        verb = hit.verb
        for key, arg in rule.when.items():
            check = self._checks.get(key)
            if check is None:
                raise KeyError(f"rule {rule.id}: unknown check {key!r}")
            if not check(self, hit, arg, anchor, verb):
                self._reject(hit, key)
                return None
        kind = rule.kind
        negated = is_negated(anchor, verb)
        cue_toks = [toks[i] for i in rule.cue if i < len(toks)]
        # "{cue}" in an explanation names the words that fired: "belief verb 'think' — opinion …"
        explanation = rule.explanation.replace("{cue}", _cue_words(cue_toks))
        if negated:
            if rule.negation == "drop":
                self._reject(hit, "negated")
                return None
            if rule.negation == "flip":
                kind = MarkKind.HEDGE if kind == MarkKind.COMMITMENT else MarkKind.COMMITMENT
                explanation = f"negated: {explanation}"
        cue = _token_ranges(cue_toks)
        lo, hi = self._scope(rule.scope, anchor, verb, cue_toks)
        doc = anchor.doc
        start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
        start, end = min(start, cue[0][0]), max(end, cue[-1][1])
        mark = Mark(
            kind=kind, start=start, end=end, cue=tuple(cue), rule=rule.id, speaker=None,
            explanation=explanation, negated=negated,
        )
        return mark

    def _reject(self, hit: _Hit, check: str) -> None:
        """Note which check turned a matched cue down: the trained decider weighs each veto
        (``doc.user_data["stance_rejections"]``: (kind, cue token index, rule id, check))."""
        rule = hit.rule
        cue = hit.tokens[rule.cue[0]] if rule.cue and rule.cue[0] < len(hit.tokens) else hit.tokens[0]
        store = cue.doc.user_data.setdefault(REJECTIONS_KEY, [])
        store.append((str(rule.kind), cue.i, rule.id, check))

    def _forecasts(self, futures: list[tuple[_Hit, Mark | None]]) -> set[int]:
        """ids of future marks that speak of the rival side (see ``nlp/voice.py``). The writer's side
        is read from the marks first; refused futures are only looked at when there is one (news
        rarely has one, so most articles stop after a pass over their commitment marks)."""
        ledger = VoiceLedger()
        for hit, mark in futures:
            if mark is not None and mark.kind == MarkKind.COMMITMENT:
                self._witness(ledger, hit, mark)
        if not ledger.candidates or not ledger.own_side():
            return set()
        for hit, mark in futures:
            if mark is None:
                self._witness(ledger, hit, None)
        return ledger.forecasts()

    def _witness(self, ledger: VoiceLedger, hit: _Hit, mark: Mark | None) -> None:
        """Feed the voice ledger: whose side an unreported future of a named body speaks for."""
        verb = hit.verb
        subj = subject_of(verb) if verb is not None else None
        if verb is None or subj is None:
            return
        if subj.lower_ in ("which", "that", "who") and clause_head(verb).dep_ == "relcl":
            subj = clause_head(verb).head
        first_person = _first_person(self, subj)
        side = frozenset() if first_person else side_of(subj)
        if not (first_person or side):
            return  # most futures name no side: done before the costlier report test
        rep = _reporting_head(verb)
        if rep is not None and rep.lemma_.lower() in self.lexicon("@report_verbs"):
            return  # someone's reported words, not the writer's voice
        if first_person:
            ledger.first_person += mark is not None
            return
        if _government_to_be(subj):  # "A Shorten Labor Government will …" is the writer's own side
            ledger.vote_own(side, strong=True)
        elif mark is None:
            if hit.anchor is not None and not _check_not_attack(self, hit, True, hit.anchor, verb):
                ledger.vote_rival(side)  # a harm forecast about this side
        elif self._funds(verb):
            ledger.vote_own(side, strong=False)
        if mark is not None:
            ledger.candidate(mark, side)

    def _funds(self, verb: Token) -> bool:
        """"… will invest / provide $85 million": money the subject delivers, not money it cuts."""
        lemma = _content_verb(self, verb).lemma_.lower()
        if lemma not in self.lexicon("@delivery_verbs") or lemma in self.lexicon("@cut_verbs"):
            return False
        return any(t.ent_type_ == "MONEY" or t.text in ("$", "£", "€") for t in verb.subtree)

    def _scope(self, scope: str, anchor: Token, verb: Token, cue: list[Token]) -> tuple[int, int]:
        sent = anchor.sent
        if scope == "sentence":
            lo, hi = sent.start, sent.end
        elif scope == "phrase":
            # the phrase the cue modifies: "a bit [difficult]" anchors on the adjective itself
            head = anchor.head if any(t.i == anchor.i for t in cue) and anchor.head.i != anchor.i else anchor
            lo, hi = head.left_edge.i, head.right_edge.i + 1
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

    # ---- serialisation -------------------------------------------------------------------

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        folder = ensure_path(path)
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / "rules.jsonl").open("w", encoding="utf-8") as fh:
            for rule in self.rules.values():
                fh.write(json.dumps(_rule_dict(rule), ensure_ascii=False) + "\n")
        with (folder / "lexicons.jsonl").open("w", encoding="utf-8") as fh:
            for name, words in sorted(self.lexicons.items()):
                fh.write(json.dumps({"id": name, "words": sorted(words)}, ensure_ascii=False) + "\n")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> StanceMarker:
        folder = ensure_path(path)
        self.load(folder / "rules.jsonl", folder / "lexicons.jsonl")
        return self


_BULLET = re.compile(r"[ \t]*(?:[-*\u2022\u2013\u2014\u00b7]|\d{1,2}[.)])[ \t]+")
_HEADER_END = re.compile(r"(?:[ \t]+not|n['\u2019]t)?[ \t]*:[ \t]*\n")  # "will:", "will not:", "won't:"


def list_items_under_header(text: str, marks: list[Mark], modals: frozenset[str]) -> list[Mark]:
    """Release lists: "A Labor Government will:" followed by bulleted items. Each item is part of the
    undertaking the header's *will* makes, so it gets a commitment mark cued by the item's first word
    (one mark per cue: the header keeps its own). Items already marked as commitments, and lists after
    a non-commitment, are left alone. ``modals``: the header words that open a list ("will")."""
    out: list[Mark] = []
    # An item is already marked when a commitment's cue lies in it (the header's passage may run over
    # the list when the parser glues it on; that does not count).
    covered = [span for m in marks if m.kind is MarkKind.COMMITMENT for span in m.cue]
    for header in marks:
        if header.kind is not MarkKind.COMMITMENT or not header.cue:
            continue
        cue_start, cue_end = header.cue[0]
        if text[cue_start:cue_end].lower() not in modals:
            continue
        colon = _HEADER_END.match(text, cue_end)
        if colon is None:
            continue  # "will: …" on the same line is a sentence, not a list header
        for start, end in _list_items(text, colon.end() - 1):
            if not any(s < end and start < e for s, e in covered):
                word = re.match(r"[^\s,;:]+", text[start:end])
                first = (start, start + (word.end() if word else end - start))
                out.append(Mark(  # cue: the item's action ("will" is the header's own mark's cue)
                    kind=MarkKind.COMMITMENT, start=start, end=end, cue=(first,),
                    rule="commit.list.under_header", speaker=None, negated=header.negated,
                    explanation=f"list item under '{_clip(text[header.start : cue_end])}:' — part of it",
                ))
                covered.append(first)
    return out


def _clip(words: str, limit: int = 60) -> str:
    words = " ".join(words.split())
    return words if len(words) <= limit else "…" + words[-limit:].lstrip()


def _list_items(text: str, pos: int) -> Iterable[tuple[int, int]]:
    """(start, end) of each bulleted line after ``pos`` (blank lines between items allowed), up to
    the first line that is not a bullet item."""
    line_start = text.find("\n", pos) + 1
    while 0 < line_start < len(text):
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        line = text[line_start:line_end]
        if line.strip():
            bullet = _BULLET.match(line)
            if bullet is None:
                return
            start, end = line_start + bullet.end(), line_end
            while end > start and text[end - 1] in " \t;,.":
                end -= 1
            if end > start:
                yield start, end
        line_start = line_end + 1


def _default_dir() -> Path:
    from stance_reader.paths import models_dir

    return models_dir()


def _rule_dict(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id, "kind": str(rule.kind), "family": rule.family, "explanation": rule.explanation,
        "pattern": rule.pattern, "cue": list(rule.cue), "anchor": rule.anchor, "scope": rule.scope,
        "negation": rule.negation, "when": rule.when,
    }


def _cue_words(tokens: list[Token]) -> str:
    """The cue as written, lower-cased: each run of adjacent tokens is sliced from the text, so the
    tokenizer's splits never show ("can't", not "ca n't"); separate runs are joined by a space."""
    runs: list[list[Token]] = []
    for tok in tokens:
        if runs and tok.i == runs[-1][-1].i + 1:
            runs[-1].append(tok)
        else:
            runs.append([tok])
    return " ".join(run[0].doc[run[0].i : run[-1].i + 1].text.lower() for run in runs)


def _token_ranges(tokens: list[Token]) -> list[tuple[int, int]]:
    """Character ranges of the cue, adjacent tokens joined ("can't say" is one range, "some … argue" two)."""
    ranges: list[tuple[int, int]] = []
    last = -2
    for tok in sorted(tokens, key=lambda t: t.i):
        end = tok.idx + len(tok.text)
        if ranges and tok.i == last + 1:
            ranges[-1] = (ranges[-1][0], end)
        else:
            ranges.append((tok.idx, end))
        last = tok.i
    return ranges


def _cue_inside(inner: Mark, outer: Mark) -> bool:
    return all(any(os <= s and e <= oe for os, oe in outer.cue) for s, e in inner.cue)


def _dedupe(marks: list[Mark], existing: list[Mark]) -> list[Mark]:
    """One mark per cue: drop a mark whose cue lies inside a longer cue of the same kind, including
    marks an earlier component already wrote ("cannot guarantee" as a shield and as a flipped
    commitment). Kept marks are bucketed by the text blocks their cues cover, so each check looks
    only at nearby cues (linear in a long article, not quadratic)."""
    block = 64  # characters; cues are a few words, so most fall in one or two blocks
    buckets: dict[tuple[str, int], list[Mark]] = {}

    def keep(mark: Mark) -> None:
        for b in range(mark.cue_start // block, mark.cue_end // block + 1):
            buckets.setdefault((mark.kind, b), []).append(mark)

    for mark in existing:
        keep(mark)
    fresh: list[Mark] = []
    size = lambda m: sum(e - s for s, e in m.cue)  # noqa: E731
    for mark in sorted(marks, key=lambda m: (-size(m), m.start)):
        nearby = buckets.get((mark.kind, mark.cue_start // block), ())
        if any(_cue_inside(mark, other) for other in nearby):
            continue
        keep(mark)
        fresh.append(mark)
    return sorted(fresh, key=lambda m: (m.cue_start, m.start))


# --------------------------------------------------------------------------------------------
# Checks a rule may ask for under "when". Each returns True when the match may stand; ``arg`` is the
# rule's value for the check (``true`` or a list / "@lexicon").


def _check_next_lemma_not(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    last = hit.tokens[-1]
    nxt = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    return nxt is None or nxt.lemma_.lower() not in eng.lexicon(arg)


def _check_child_dep_any(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """The anchor (or its verb) has a child with one of these dependency labels."""
    deps = set(arg)
    return any(c.dep_ in deps for c in anchor.children) or any(c.dep_ in deps for c in verb.children)


def _check_child_dep_none(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    return not _check_child_dep_any(eng, hit, arg, anchor, verb)


def _check_dep_in(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    return anchor.dep_ in set(arg)


def _check_dep_not_in(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    return anchor.dep_ not in set(arg)


def _check_verb_lemma_not(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    return verb.lemma_.lower() not in eng.lexicon(arg)


def _check_head_lemma_in(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    return anchor.head.lemma_.lower() in eng.lexicon(arg)


def _check_head_lemma_not(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    return anchor.head.lemma_.lower() not in eng.lexicon(arg)


def _check_not_question(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    return not is_question(anchor)


def _check_not_conditional(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    return not in_condition(anchor)


def _reporting_head(verb: Token) -> Token | None:
    """The verb whose clausal complement ``verb``'s clause is (``said`` in "said that NATO would …")."""
    head = clause_head(verb)
    if head.dep_ in ("ccomp", "xcomp", "advcl", "acl") and head.head.i != head.i:
        return head.head
    return None


def _check_not_reported(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """Not a backshifted future under a reporting verb ("said NATO would meet" reports a 'will')."""
    rep = _reporting_head(verb)
    return rep is None or rep.lemma_.lower() not in eng.lexicon(arg if arg is not True else "@report_verbs")


def _check_reported(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    return not _check_not_reported(eng, hit, arg, anchor, verb)


def agent_kind(eng: StanceMarker, subj: Token | None) -> str:
    """'agent' (a person, body, we/I), 'instrument' (a plan, funding …) or '' for anything else."""
    if subj is None:
        return ""
    low = subj.lower_
    if low in eng.lexicon("@agent_pronouns"):
        return "agent"
    if subj.pos_ == "PRON":
        return ""
    if subj.ent_type_ in AGENT_ENTS or subj.pos_ == "PROPN":
        return "agent"
    lemma = subj.lemma_.lower()
    if lemma in eng.lexicon("@agent_nouns"):
        return "agent"
    if lemma in eng.lexicon("@instrument_nouns"):
        return "instrument"
    return ""


def _check_commissive_future(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """A future/backshifted modal that commits someone. Yes: an agent (person, body, we) doing anything
    but a scheduled or forecast event ("Labor will invest"); a passive plan ("stations will be built");
    any subject with a delivery verb ("the project will create 8,000 jobs"); a plan/funding subject.
    No: "the meeting will focus on", "the ministers will meet", "prices will rise", "it will be hard"."""
    lemma = verb.lemma_.lower()
    subj = subject_of(verb)
    if lemma in eng.lexicon("@instrument_verbs") and agent_kind(eng, subj) == "instrument":
        return True  # "our plan will see 40,000 jobs created", "the funding will go towards …"
    if any(_under_own(c) for c in verb.children):
        return True  # "under our plan, power bills will come down": an outcome promised by us
    if subj is not None and _vote_for(subj):
        # "a vote for Labor will keep your wages growing": the outcome the party promises its voters
        return lemma not in eng.lexicon("@not_commissive_verbs")
    if lemma in ("mean", "see") and subj is not None and subj.lower_ in ("this", "these", "it"):
        # "This will mean 1,000 more police", "It will mean people can get to work quicker": the outcome
        # the writer's own (unreported) sentence promises
        return clause_head(verb).dep_ == "ROOT" and not any(c.dep_ == "parataxis" for c in verb.children)
    if lemma == "hold" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in eng.lexicon("@held_inquiries") for c in verb.children
    ):  # "will hold a royal commission" undertakes; "will hold a press conference" is a diary note
        return agent_kind(eng, subj) == "agent"
    if _speech_event(eng, verb):
        return False  # "I'll take a couple of questions", "I'll give you an example": managing the talk
    targets = eng.lexicon("@met_targets")
    if lemma == "meet" and any(c.dep_ == "dobj" and c.lemma_.lower() in targets for c in verb.children):
        return agent_kind(eng, subj) == "agent"  # "will meet its aid goal" undertakes; "will meet again" not
    if lemma in eng.lexicon("@not_commissive_verbs") or _effective_lemma(eng, verb) in eng.lexicon(
        "@not_commissive_verbs"
    ):  # "debt will keep climbing"
        return False
    if subj is not None and subj.lower_ in ("that", "which", "who") and clause_head(verb).dep_ == "relcl":
        subj = clause_head(verb).head  # "a government that will invest": the noun the clause modifies
    if subj is not None and subj.lower_ == "there" and lemma == "be":
        return _promised_existence(eng, verb)  # "there will be 500 more nurses"
    if subj is None or subj.lower_ in ("you", "there") or subj.dep_ == "expl":
        return False
    delivery = lemma in eng.lexicon("@delivery_verbs")
    kind = agent_kind(eng, subj)
    if subj.dep_ == "nsubjpass":  # "stations will be built" promises; "will be remembered" forecasts
        return delivery
    if lemma == "be":  # "we will be a government that …" commits; "he will be in Brussels" does not
        if any(c.dep_ == "acomp" and c.lower_ in eng.lexicon("@speaker_states") for c in verb.children):
            return False  # "I'll be brief", "I will always be grateful"
        return subj.lower_ in ("we", "i") or _promised_state(eng, verb, subj)
    if lemma == "have" and any(c.dep_ == "xcomp" for c in verb.children):
        return False  # "Labor will have to explain …": an obligation laid on someone, not an undertaking
    if kind in ("agent", "instrument"):  # a plan or funding noun promises its outcome ("the investment
        return True  # will attract …"); "will affect / cost" are in the not-commissive verbs
    if lemma == "have" and subj.pos_ in ("NOUN", "PROPN"):  # "students will have access to …"
        benefits = eng.lexicon("@benefit_nouns")
        return any(c.dep_ == "dobj" and c.lemma_.lower() in benefits for c in verb.children)
    # a delivery verb promises an outcome when its subject is a thing ("the project will create jobs",
    # "this will help families"); "it" only in the writer's own sentence, not a reported forecast
    # ("it will receive support, the senator said")
    if delivery and subj.lower_ == "it":
        return clause_head(verb).dep_ == "ROOT" and not any(c.dep_ == "parataxis" for c in verb.children)
    return delivery and (subj.pos_ in ("NOUN", "PROPN") or subj.lower_ in ("this", "these"))


def _promised_existence(eng: StanceMarker, verb: Token) -> bool:
    """"There will be 500 more nurses / a new hospital / an extra 20 beds": something new is promised to
    exist — a counted or new thing, not "there will be no easy choices"."""
    more = eng.lexicon("@more_words")
    for c in verb.children:
        if c.dep_ not in ("attr", "nsubj", "dobj") or c.pos_ not in ("NOUN", "PROPN"):
            continue
        mods = list(c.children)
        if any(m.lower_ == "no" for m in mods):
            return False
        return any(m.dep_ == "nummod" or m.lower_ in more for m in mods)
    return False


def _speech_event(eng: StanceMarker, verb: Token) -> bool:
    """"I'll take a couple of questions", "I'll give you an example", "I'll let the Minister answer
    that", "we will have more to say about that": the speaker managing the speech or press conference."""
    lemma = verb.lemma_.lower()
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    objects += [o for c in objects for p in c.children if p.lower_ == "of" for o in p.children]  # "a few of"
    if lemma in ("get", "have") and any(
        o.lemma_.lower() == "say"
        or (o.lemma_.lower() == "chance" and any(c.lemma_.lower() in ("have", "vote") for c in o.children))
        for o in objects
    ):
        return True  # "Australians will get their chance to have their say": the election, not a promise
    talk_objects = eng.lexicon("@talk_objects")
    if lemma in ("take", "give", "have") and any(o.lemma_.lower() in talk_objects for o in objects):
        if lemma != "have":
            return True
        return any(c.dep_ in ("xcomp", "relcl", "acl") and c.lemma_.lower() == "say"
                   for o in objects for c in (*o.children, *verb.children))
    if lemma == "hand" and not objects:  # "I'll hand over to Catherine"
        return any(c.dep_ == "prt" and c.lower_ == "over" for c in verb.children)
    if lemma == "let":
        talk_verbs = eng.lexicon("@talk_verbs")
        return any(c.dep_ in ("ccomp", "xcomp") and c.lemma_.lower() in talk_verbs for c in verb.children)
    if lemma in ("finish", "conclude", "close", "end", "wrap") and verb.tag_ == "VB":
        # "I will finish with this", "I'll conclude by saying": the speaker, ending the speech
        subj = subject_of(verb)
        done = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ not in ("this", "that")]
        return subj is not None and subj.lower_ == "i" and not done
    return False


def _under_own(prep: Token) -> bool:
    """"under our plan", "under my government": the writer's own programme ("under a Labor Government"
    is as often a rival's threat)."""
    if prep.dep_ != "prep" or prep.lower_ != "under":
        return False
    return any(
        o.dep_ == "pobj" and any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in o.children)
        for o in prep.children
    )


def _promised_state(eng: StanceMarker, verb: Token, subj: Token) -> bool:
    """"The centre will be open seven days a week", "parents will be able to apply": a service made
    available (a noun subject and an availability adjective), not "it will be difficult"."""
    if subj.pos_ not in ("NOUN", "PROPN") and subj.lower_ not in ("this", "these"):
        return False
    if _is_person(eng, subj) or is_negated(verb, verb) or _dated(eng, verb):
        return False  # "the Minister will be available for interviews", "Labor will never be able to"
    states = eng.lexicon("@availability_adjs")
    comparative_ok = agent_kind(eng, subj) != "agent"  # "roads will be safer"; "Americans would be safer"
    if _better_off(verb):
        return comparative_ok  # "schools will be better off by $23 million"; not "Labor will be better off"
    return any(
        c.dep_ in ("acomp", "attr") and c.lower_ in states and (c.tag_ != "JJR" or comparative_ok)
        for c in verb.children
    )


def _better_off(verb: Token) -> bool:
    """"will be better off" right after the verb (the parser attaches "off" in several ways)."""
    doc = verb.doc
    window = doc[verb.i + 1 : min(len(doc), verb.i + 4)]
    return any(t.lower_ == "better" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "off" for t in window)


def _check_future_complement(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """The cue verb embeds a clause carrying will/would/shall/going to ("confirmed that NATO would …"),
    or is emphatic ("did confirm")."""
    if any(c.dep_ == "aux" and c.lemma_ == "do" for c in verb.children):
        return True
    for comp in verb.children:
        if comp.dep_ in ("ccomp", "xcomp"):
            subj = subject_of(comp)
            # someone's undertaking ("that NATO would meet its goal"), not an estimate confirmed about a
            # thing ("the office confirmed the changes will raise $32 billion")
            agentive = subj is None or subj.lower_ == "it" or agent_kind(eng, subj) == "agent"
            modals = eng.lexicon("@future_modals")
            if agentive and any(c.dep_ == "aux" and c.lower_ in modals for c in comp.children):
                return True
            if comp.lower_ == "going":
                return True
    return False


def _check_subject_agent(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    return agent_kind(eng, subject_of(verb)) == "agent"


def _check_object_not(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    words = eng.lexicon(arg)
    return not any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in words for c in verb.children)


def _check_subject_lemma_in(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    subj = subject_of(verb)
    return subj is not None and subj.lower_ in eng.lexicon(arg)


def _check_sent_not_startswith(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """The cue does not open the sentence (an inverted modal opens a question: "Could NATO …")."""
    first = next((t for t in anchor.sent if not t.is_punct), anchor)
    return first.i != anchor.i


def _check_negated(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    return is_negated(anchor, verb)


def _check_object_in(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    words = eng.lexicon(arg)
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in words for c in verb.children)


def _check_not_booster_doubt(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """"beyond doubt", "little doubt" boost rather than hedge."""
    return anchor.i == 0 or anchor.doc[anchor.i - 1].lower_ not in {"beyond", "little"}


def _check_question_phrase(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """"question" as an open matter: "open question", "raises the question", "questions remain",
    "the question (of) whether" — not a question someone asked."""
    if any(c.dep_ == "amod" and c.lower_ in eng.lexicon("@open_question_modifiers") for c in anchor.children):
        return True
    if anchor.head.lemma_.lower() in eng.lexicon("@open_question_heads"):
        return True
    return any(t.lower_ == "whether" for t in anchor.subtree)


def _check_embedded_under(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """The *whether/if* clause is embedded under an uncertainty or inquiry word ("unclear whether",
    "to determine whether", "it is not known if")."""
    head = clause_head(anchor.head if anchor.dep_ == "mark" else anchor)
    gov = head.head
    if gov.i == head.i:
        return False
    words = eng.lexicon(arg)
    if gov.lemma_.lower() in words or gov.lower_ in words:
        return True
    return any(c.dep_ in ("acomp", "attr") and c.lemma_.lower() in words for c in gov.children)


def _check_not_under_hedge(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """A 'will' under "I think / we hope / expect" is a forecast, not a promise."""
    rep = _reporting_head(verb)
    if rep is not None and rep.lemma_.lower() in ("guarantee", "promise", "commit", "confirm", "assure"):
        return not is_negated(rep, rep)  # "we cannot guarantee that it will be finished" is a hedge
    return rep is None or rep.lemma_.lower() not in eng.lexicon("@hedge_heads")


def _check_prev_lower_not(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    first = hit.tokens[0]
    return first.i == 0 or first.doc[first.i - 1].lower_ not in eng.lexicon(arg)


def _check_that_complement(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """A that-clause complement ("indicates that …"), not a figure legend's "× indicates the codon"."""
    return any(
        c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        for c in verb.children
    )


def _check_no_hedge_adverb(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """"will probably be remembered" forecasts; a hedging adverb on the verb cancels the commitment."""
    adverbs = eng.lexicon("@hedge_adverbs")
    return not any(c.dep_ == "advmod" and c.lower_ in adverbs for c in verb.children)


def _check_modifier_not(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """No adjective from the list on the cue ("broken promise" reports a failure, not a commitment)."""
    words = eng.lexicon(arg)
    return not any(c.dep_ == "amod" and c.lower_ in words for c in anchor.children)


def _check_owned_plural_not(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """Not "his promises", "their commitments", "Mr Shorten's promises": a rival's promises counted up
    in an attack; one owned undertaking ("NATO's commitment", "our promises") stays."""
    if anchor.tag_ != "NNS":
        return True
    return not any(
        c.dep_ == "poss" and (c.lower_ in ("his", "her", "its", "their") or _named_person(eng, c))
        for c in anchor.children
    )


def _check_not_modalised(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """A commissive under would/could/should is not performed ("she would have insisted on it",
    "the platform should reiterate")."""
    if any(c.dep_ == "aux" and c.lower_ in eng.lexicon("@hypothetical_modals") for c in verb.children):
        return False
    # "the Government needs to announce a plan", "Labor has to commit": an obligation, not a performance
    return not (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("need", "have", "ought"))


# ---- commitment-only checks: who commits, and what is not a commitment in campaign prose ----------


def _first_person(eng: StanceMarker, subj: Token | None) -> bool:
    """"we"/"I", or our plan or our government ("our plan"; not "our children will pay")."""
    if subj is None:
        return False
    first = eng.lexicon("@first_person")
    if subj.lower_ in first:
        return True
    if not any(c.dep_ == "poss" and c.lower_ in first for c in subj.children):
        return False
    lemma = subj.lemma_.lower()
    return lemma in eng.lexicon("@own_body_nouns") or lemma in eng.lexicon("@instrument_nouns")


def _effective_lemma(eng: StanceMarker, verb: Token) -> str:
    """The verb that carries the content: "keep/continue/start climbing" is about climbing."""
    return _content_verb(eng, verb).lemma_.lower()


def _content_verb(eng: StanceMarker, verb: Token) -> Token:
    """"keep cutting", "try to sell", "plan to raise": the xcomp verb; else ``verb`` itself."""
    lemma = verb.lemma_.lower()
    if lemma in eng.lexicon("@aspect_verbs") or lemma in eng.lexicon("@attempt_verbs"):
        for c in verb.children:
            if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
                return c
    return verb


def _objects(verb: Token) -> list[Token]:
    """Direct objects and the nouns of "funding to/for/from X" ("cut funding to schools")."""
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr"):
            out.append(c)
            preps = (p for p in c.children if p.dep_ == "prep")
            out.extend(o for prep in preps for o in prep.children if o.dep_ == "pobj")
        elif c.dep_ == "prep" and c.lower_ in ("from", "to", "on", "for"):
            out.extend(p for p in c.children if p.dep_ == "pobj")
    return out


def _under_opponent(eng: StanceMarker, prep: Token) -> bool:
    """"Under Labor, …", "under Mr Shorten, …": a forecast of life under someone else's rule. "Under
    our plan" and "under a Labor Government" (a hypothetical of the writer's own) are not."""
    if prep.dep_ != "prep" or prep.lower_ != "under":
        return False
    for obj in prep.children:
        if obj.dep_ != "pobj":
            continue
        if any(c.lower_ in eng.lexicon("@first_person") or c.lower_ in ("a", "an") for c in obj.children):
            return False
        return obj.pos_ == "PROPN" or obj.lower_ in ("them", "him", "her")
    return False


def _check_not_attack(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """Not a prediction of the other side's harm ("Labor will increase taxes", "the Liberals will cut
    funding to schools", "their plan will make it harder"): in campaign prose such a 'will' attacks an
    opponent. First-person subjects are exempt ("we will cut taxes" is our promise)."""
    subj = subject_of(verb)
    if _first_person(eng, subj) or is_negated(anchor, verb):  # "Labor will not increase the GST" promises
        return True
    if _government_to_be(subj):  # "A Shorten Labor Government will cap fees": the writer's own side
        return True
    if subj is not None:
        if any(c.dep_ == "poss" and c.lower_ in ("their", "his", "her") for c in subj.children):
            return False
        if any(c.dep_ == "amod" and c.lower_ in eng.lexicon("@pejoratives") for c in subj.children):
            return False
        if subj.lemma_.lower() in eng.lexicon("@burden_nouns") and not _lowering(eng, verb):
            return False  # "Labor's debt will keep growing", not "power bills will come down"
    if any(c.dep_ == "dobj" and c.lower_ in ("anything", "whatever") for c in verb.children):
        return False  # "will say anything to win"
    if any(_under_opponent(eng, c) for c in verb.children):
        return False
    if subj is not None and subj.lemma_.lower() in eng.lexicon("@burden_nouns") and _lowering(eng, verb):
        return True  # "power bills will come down"
    verb = _content_verb(eng, verb)
    lemma = verb.lemma_.lower()
    if lemma in eng.lexicon("@cut_verbs") and not _objects(verb) and verb.i != anchor.head.i:
        return False  # "the Liberals will keep cutting": cutting, with nothing named to cut
    if lemma in eng.lexicon("@harm_verbs"):
        return False
    objs = _objects(verb)
    objects = {o.lemma_.lower() for o in objs} | {o.lower_ for o in objs}
    objects |= {c.lemma_.lower() for o in objs for c in o.children if c.dep_ == "compound"}
    burdens = [o for o in objs if o.lemma_.lower() in eng.lexicon("@burden_nouns")]
    on_powerful = any(_on_the_powerful(eng, b) for b in burdens)
    if lemma in eng.lexicon("@raise_verbs") and burdens and not on_powerful:
        return False  # "will increase taxes", not "will increase the tax on cigarettes"
    if lemma in eng.lexicon("@cut_verbs") and objects & eng.lexicon("@public_goods"):
        return False
    near = [t for c in verb.children if c.dep_ not in SCOPE_EXCLUDE for t in (c, *c.children)]
    if any(t.lower_ in eng.lexicon("@harm_outcomes") for t in near):
        return False
    if lemma == "pay" and any(t.lower_ in ("more", "price", "extra") for t in near):
        return False  # "families will pay more", "Australians will pay the price"
    if _burden_rises(eng, verb):
        return False
    return lemma in eng.lexicon("@remedy_verbs") or not _harm_in_clause(eng, verb)


def _lowering(eng: StanceMarker, verb: Token) -> bool:
    """"will fall", "will come down", "will go down": a burden getting lighter."""
    lemma = verb.lemma_.lower()
    if lemma in eng.lexicon("@lowering_verbs"):
        return True
    down = any(c.dep_ in ("prt", "advmod") and c.lower_ == "down" for c in verb.children)
    return lemma in ("come", "go") and down


def _burden_rises(eng: StanceMarker, verb: Token) -> bool:
    """"(our plan will see) GP fees rise": a burden noun that is the subject of a rising verb."""
    burdens = eng.lexicon("@burden_nouns")
    rising_verbs = eng.lexicon("@rising_verbs")
    for tok in verb.subtree:
        lemma = tok.lemma_.lower()
        rising = lemma in rising_verbs or (lemma == "go" and any(c.lower_ == "up" for c in tok.children))
        subjects = (c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass"))
        if rising and any(c.lemma_.lower() in burdens for c in subjects):
            return True
    return False


def _harm_in_clause(eng: StanceMarker, verb: Token) -> bool:
    """The clause talks of harm ("will create chaos", "put jobs at risk", "a legacy of debt", "the
    Government's cuts will …"): said of someone else, a forecast or an attack, not a promise. A remedy
    verb ("will fix the crisis", "reverse the cuts") turns harm words into the promise's target."""
    words = eng.lexicon("@harm_words")
    # the verb's own arguments, not a purpose or relative clause ("invest to help people at risk")
    own = [c for c in verb.children if c.dep_ not in SCOPE_EXCLUDE and c.dep_ not in CLAUSE_DEPS]
    for tok in (verb, *(t for c in own for t in c.subtree)):
        if tok.lower_ in words or tok.lemma_.lower() in words:
            return True
        if tok.lower_ == "cuts" and tok.tag_ == "NNS" and not any(c.lower_ == "tax" for c in tok.children):
            return True  # "their cuts", not "our tax cuts"
        relief = (tok.dep_ == "compound" and tok.head.lemma_.lower() in eng.lexicon("@relief_nouns")) or any(
            c.dep_ == "amod" and c.lower_ in ("lower", "fewer", "less", "reduced", "fairer", "simpler")
            for c in tok.children
        )
        if tok.lower_ in eng.lexicon("@burden_nouns") and not relief and not _on_the_powerful(eng, tok):
            return True  # "will bring back the carbon tax", not "will deliver tax relief"
    return False


def _on_the_powerful(eng: StanceMarker, burden: Token) -> bool:
    """"a levy on the big banks", "a tax on multinationals / millionaires / polluters": a burden laid on
    the powerful is what a party promises; one laid on families or everyone is what its rival warns of."""
    head = burden.head if burden.dep_ == "compound" else burden
    holders = [head, head.head] if head.dep_ == "dobj" else [head]  # "introduce a levy [on the banks]"
    payers = eng.lexicon("@powerful_payers")
    for prep in (c for h in holders for c in h.children):
        if prep.dep_ != "prep" or prep.lower_ not in ("on", "for"):
            continue
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            mods = {c.lower_ for c in obj.children if c.dep_ in ("amod", "compound")}
            if obj.lemma_.lower() in payers or obj.lower_ in payers or mods & eng.lexicon("@big_words"):
                return True
    return False


def _check_not_event_subject(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """Scheduling prose: an event as subject ("the conference will bring together …", "the announcement
    will be made in Perth") describes a programme, not an undertaking."""
    subj = subject_of(verb)
    words = eng.lexicon("@event_nouns")
    if subj is not None and (subj.lemma_.lower() in words or subj.lower_ in words) and not _vote_for(subj):
        return False
    return not (_is_person(eng, subj) and _dated(eng, verb))


def _vote_for(subj: Token) -> bool:
    """"a vote for Labor": what the vote brings is the party's promise, not a scheduled event."""
    if subj.lemma_.lower() != "vote":
        return False
    return any(c.dep_ == "prep" and c.lower_ == "for" for c in subj.children)


def _named_person(eng: StanceMarker, tok: Token) -> bool:
    """A named individual or an office-holder as written ("Mr Turnbull", "Bill Shorten", "the Prime
    Minister", "Trudeau"), not a party or government ("the Turnbull Government", "Labor")."""
    low = tok.lemma_.lower()
    if low in eng.lexicon("@agent_nouns") and low not in eng.lexicon("@office_titles"):
        return False
    if tok.pos_ == "PRON":
        return False
    return _is_person(eng, tok)


def _plural_party(subj: Token) -> bool:
    """"The Liberals / the Tories / the Republicans will …": parties call themselves by the singular
    body ("Labor", "the Coalition", "a Conservative Government", "we"); the plural nickname with "the"
    is how the other side names them."""
    tag, low = subj.tag_, subj.lower_
    plural = tag == "NNPS" or (subj.pos_ == "PROPN" and low.endswith("s") and tag != "NNP")
    if not plural:
        return False
    if any(c.dep_ == "conj" and c.pos_ == "PROPN" for c in subj.children):
        return False  # "the Liberals and Nationals will …": a coalition naming itself by its parties
    return any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children)


def _check_own_voice(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """The future is the writer's own party's, not a claim about a rival or a diary note about a person.
    Campaign prose speaks of its own side as a body ("Labor will", "the Turnbull Government will", "a
    Shorten Labor Government will", "we will") and of the other side through people and their
    possessions ("Mr Turnbull will …", "Bill Shorten's Labor will …", "Trudeau's Liberals …", "Mr
    Shorten's plan will …"). Not a commitment: a named person (or he/she) as the subject of the
    writer's own sentence — in news that is scheduling or forecast ("The Prime Minister will visit
    Townsville"); a subject owned by a named person; a future under a distancing verb ("Mr Shorten
    claims Labor will …"). A person's undertaking still counts when reported ("Rutte said he would …")
    or in the first person ("I will")."""
    subj = subject_of(verb)
    rep = _reporting_head(verb)
    if rep is not None and rep.lower_ == "going":  # "said he was going to get …"
        rep = _reporting_head(rep)
    if rep is not None and rep.lemma_.lower() in eng.lexicon("@distancing_verbs"):
        return False
    if subj is None or _first_person(eng, subj):
        return True
    owner = clause_head(verb).head if subj.lower_ in ("which", "that") else subj
    if clause_head(verb).dep_ == "relcl" and any(  # "Mr Turnbull's tax cut, which will cost …"
        c.dep_ == "poss" and (_named_person(eng, c) or c.lower_ in ("their", "his", "her"))
        for c in owner.children
    ):
        return False
    if any(c.dep_ == "poss" and _named_person(eng, c) for c in subj.children):
        return False
    if any(c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children) for c in verb.children):
        return False  # "Unless Mr Shorten changes course, the budget will never …": a threat or forecast
    if subj.lower_ in ("that", "who") and clause_head(verb).dep_ == "relcl":
        owner = clause_head(verb).head  # "the same Labor Party that will do deals with the Greens"
        if any(c.lower_ == "same" for c in owner.children):
            return False
    reported = rep is not None and rep.lemma_.lower() in eng.lexicon("@report_verbs")
    if reported:
        return True
    relative = clause_head(verb)
    if subj.lower_ == "who" and relative.dep_ == "relcl" and _named_person(eng, relative.head):
        return False  # "Please welcome Jessica O'Bryan, who will sing the anthem": a programme note
    if _plural_party(subj):
        return False
    people = [subj, *(c for c in subj.children if c.dep_ == "conj")]
    if subj.lower_ in ("he", "she"):
        return False
    # "Bill Shorten and Labor will fight …" speaks for the party
    return not all(_named_person(eng, t) for t in people)


def _is_person(eng: StanceMarker, subj: Token | None) -> bool:
    """A named person or an office-holder ("Mr Turnbull", "the Prime Minister", "Senator Brandis")."""
    if subj is None:
        return False
    return subj.ent_type_ == "PERSON" or subj.lemma_.lower() in eng.lexicon("@office_titles") or any(
        c.dep_ == "compound" and c.lemma_.lower() in eng.lexicon("@office_titles") for c in subj.children
    )


def _dated(eng: StanceMarker, verb: Token) -> bool:
    """The clause names a day or a time of day ("this morning", "on Friday", "tonight", "at 10.30am"):
    a diary entry."""
    lo, hi = clause_span(verb)
    return any(t.lower_ in eng.lexicon("@diary_words") or _clock_time(t) for t in verb.doc[lo:hi])


def _clock_time(tok: Token) -> bool:
    """"10.30am", "8pm", "7.00" before am/pm: a time of day."""
    low = tok.lower_
    if low.endswith(("am", "pm")) and low[:-2].replace(".", "").replace(":", "").isdigit():
        return True
    nxt = tok.doc[tok.i + 1].lower_ if tok.i + 1 < len(tok.doc) else ""
    return tok.like_num and nxt in ("am", "pm", "a.m.", "p.m.")


def _check_not_embedded_question(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """"nobody knows what X will do", "failed to explain how he would pay": an indirect question."""
    head = clause_head(verb)
    if head.dep_ in ("ROOT", "relcl") or head.head.i == head.i:
        return True
    lo, _ = clause_span(verb)  # "where the money will come from": the wh-word may hang off a preposition
    doc = verb.doc
    return not any(
        t.tag_ in ("WP", "WRB") and not _that_is_why(t) for t in doc[lo : verb.i]
    )


def _that_is_why(tok: Token) -> bool:
    """"That is why we will invest …", "which is why": a reason given, not an open question."""
    return tok.lower_ == "why" and tok.i > 0 and tok.doc[tok.i - 1].lemma_ == "be"


def _check_progressive_agent(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """A present-progressive announcement by the party itself: "we are investing $30 million",
    "Labor is delivering …" — present 'be', no modal, the subject "we"/"I" or a named body (not
    he/she/they, whose progressive describes, or a common noun)."""
    auxes = [c for c in anchor.children if c.dep_ in ("aux", "auxpass")]
    present_be = any(a.lemma_ == "be" and a.lower_ in eng.lexicon("@present_be") for a in auxes)
    if not present_be or any(a.tag_ == "MD" for a in auxes):
        return False
    if any(c.lower_ == "already" for c in anchor.children):
        return False  # "is already investing $3 million": a running programme, not an announcement
    subj = subject_of(anchor)
    if subj is None or subj.dep_ == "nsubjpass":
        return False
    if subj.lower_ in ("we", "i"):
        return True
    return subj.pos_ != "PRON" and agent_kind(eng, subj) == "agent"


def _check_owned_plan_subject(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """A present-tense verb whose subject is a plan/funding noun the speaker owns or points at ("our
    plan delivers", "Labor's plan provides", "this commitment builds on") — not "their plan"."""
    if anchor.tag_ not in ("VBZ", "VBP"):
        return False
    subj = subject_of(anchor)
    if subj is None or subj.dep_ != "nsubj" or subj.lemma_.lower() not in eng.lexicon("@instrument_nouns"):
        return False
    for c in subj.children:
        if c.dep_ == "poss":
            if c.lower_ in eng.lexicon("@first_person"):
                return True
            named = c.pos_ == "PROPN" or agent_kind(eng, c) == "agent"
            return named and c.lower_ not in ("their", "his", "her")
        if c.dep_ == "det" and c.lower_ in ("this", "these"):
            return True
    return False


def _check_not_kept_or_praised(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """A commitment noun that is kept or praised is not made here: "which delivers on our commitment to
    …", "honours Labor's promise", "thanked him for his commitment to the region"."""
    noun = next((t for t in hit.tokens if t.pos_ == "NOUN"), anchor)  # "commitment to develop": the noun
    if noun.dep_ not in ("dobj", "pobj"):
        return True  # "Labor's pledge was welcomed": the pledge itself is still reported
    head = noun.head
    if head.dep_ == "prep" and head.lower_ in ("on", "for", "to"):
        head = head.head
    return head.i == noun.i or head.lemma_.lower() not in eng.lexicon("@keeping_verbs")


def _check_not_refused(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """"refused to commit", "has yet to commit", "declined to promise": a withheld commitment; "calls on
    the State Government to commit $75 million", "urges Mr Turnbull to guarantee …": one demanded of
    someone else (a directive), not made."""
    head = verb.head if verb.dep_ == "xcomp" else None
    if head is not None and head.lemma_.lower() in eng.lexicon("@refusal_heads"):
        return False
    if _demanded_of_another(eng, verb):
        return False
    doc = anchor.doc
    return not any(doc[i].lower_ == "yet" for i in range(max(anchor.sent.start, anchor.i - 3), anchor.i))


def _demanded_of_another(eng: StanceMarker, verb: Token) -> bool:
    """The cue's clause is what a directive asks of someone named as its object ("call on X to …",
    "urge X to …", "want X to …"); "we want to build" (no one else named) is not."""
    if verb.dep_ not in ("xcomp", "advcl", "ccomp") or verb.head.lemma_.lower() not in eng.lexicon(
        "@directive_heads"
    ):
        return False
    head = verb.head
    asked = [c for c in head.children if c.dep_ in ("dobj", "dative", "nsubjpass")]  # "was asked to"
    asked += [o for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon") for o in c.children]
    asked += [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]  # "want the Government to"
    return bool(asked)


def _check_money_purpose(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """A release headline "$5 million to upgrade Main Street": an amount or a funding noun with the
    purpose it is for, in a sentence without a finite verb of its own (a fragment)."""
    head = anchor.head
    if anchor.dep_ not in ("relcl", "acl", "advcl") or head.i == anchor.i:
        return False
    if not (head.ent_type_ == "MONEY" or head.lemma_.lower() in eng.lexicon("@instrument_nouns")):
        return False
    root = anchor.sent.root
    return root.pos_ in ("NOUN", "PROPN", "NUM", "SYM", "X")


def _check_headline_future(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """A headline future, "Labor to build new hospital": a bare infinitive as the sentence root with an
    agent subject (scheduling verbs excluded: "Prime Minister to visit Darwin")."""
    if anchor.lemma_.lower() in eng.lexicon("@not_commissive_verbs"):
        return False
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in anchor.children):
        return False
    if anchor.dep_ == "ROOT":
        subj = subject_of(anchor)
    elif anchor.dep_ in ("relcl", "acl") and anchor.head.i == anchor.sent.root.i and anchor.head.i < anchor.i:
        subj = anchor.head  # the small model reads "Labor to build …" as a noun with a relative clause
    else:
        return False
    return subj is not None and agent_kind(eng, subj) == "agent" and subj.pos_ != "PRON"


def _check_gerund_fragment(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """A list item of a release, "Upgrading the Princes Highway …": the sentence is a subjectless
    gerund phrase that opens with the verb."""
    if anchor.dep_ != "ROOT" or any(c.dep_ in (*SUBJECT_DEPS, "aux", "auxpass") for c in anchor.children):
        return False
    first = next((t for t in anchor.sent if not (t.is_punct or t.is_space)), anchor)
    return first.i == anchor.i


def _check_fragment_root(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """The cue heads a verbless sentence ("$8.5 million for a new aquatic centre"): a release heading
    or list item naming money and its purpose."""
    return anchor.sent.root.i == anchor.i


def _purpose_clause(noun: Token) -> Token | None:
    """A to-infinitive hanging off a list item's noun: "150 new beds to meet demand"."""
    return next(
        (c for c in noun.children
         if c.dep_ in ("acl", "relcl") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)),
        None,
    )


def _verbless(sent: Span) -> bool:
    return not any(t.pos_ in ("VERB", "AUX") for t in sent)


def _item_start(eng: StanceMarker, anchor: Token) -> bool:
    """``anchor`` opens its sentence, after nothing but punctuation, a bullet or an infinitive "to"."""
    bullets = eng.lexicon("@bullets")
    for tok in anchor.sent:
        if tok.i == anchor.i:
            return True
        if not (tok.is_punct or tok.is_space or tok.text in bullets or tok.lower_ == "to"):
            return False
    return False


def _check_imperative_item(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """A list item after a "Labor will:" header, "Invest $30 million to upgrade …", "To build 20 new
    hospitals": a bare delivery verb opening a sentence with no subject, not "Help us win" or "Vote
    Labor"."""
    if anchor.dep_ != "ROOT" or not _item_start(eng, anchor):
        return False
    if any(c.dep_ in (*SUBJECT_DEPS, "aux", "auxpass") and c.tag_ != "TO" for c in anchor.children):
        return False
    if any(c.dep_ in ("dobj", "dative") and c.lower_ in ("us", "me", "you") for c in anchor.children):
        return False
    return any(c.dep_ in ("dobj", "prep", "advcl", "xcomp") for c in anchor.children)


def _check_np_item(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """A verbless list item or heading naming what is promised: "More doctors in regional towns",
    "Extra teachers for our public schools", "A new emergency department for Joondalup", "A $5 million
    upgrade of the interchange" — not "More than 2,000 people …"."""
    noun = anchor.head if anchor.dep_ == "amod" else anchor
    sent = anchor.sent
    purpose = _purpose_clause(noun)  # "New operating theatres to accommodate …"
    inside = {t.i for t in purpose.subtree} if purpose is not None else set()
    verbs_outside = [t for t in sent if t.pos_ in ("VERB", "AUX") and t.i not in inside]
    if noun.i != sent.root.i or verbs_outside or len(sent) > 25:
        return False
    nxt = anchor.doc[anchor.i + 1] if anchor.i + 1 < len(anchor.doc) else anchor
    if anchor.lower_ == "more" and nxt.lower_ == "than":
        return False
    preps = eng.lexicon("@item_preps")
    if purpose is None and not any(c.dep_ == "prep" and c.lower_ in preps for c in noun.children):
        return False
    if anchor.lower_ == "new":  # "a new X for Y" (with the article: a headline drops it)
        return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children)
    if noun.lemma_.lower() in eng.lexicon("@instrument_nouns") and noun.i == anchor.i:
        return any(t.ent_type_ == "MONEY" or t.tag_ == "$" for t in noun.subtree)  # "a $5 million upgrade"
    return anchor.lower_ in eng.lexicon("@more_words") and _item_start(eng, anchor.doc[noun.left_edge.i])


def _check_hypothetical_government(
    eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token
) -> bool:
    """"A Shorten Labor Government would invest …": the campaign's own hypothetical government."""
    return _government_to_be(subject_of(verb))


def _government_to_be(subj: Token | None) -> bool:
    """"A Shorten Labor Government", "a re-elected Turnbull Government": only a campaign speaks of its
    own side's government this way."""
    if subj is None or subj.lemma_.lower() not in ("government", "administration"):
        return False
    if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in subj.children):
        return True
    return "re-elected" in subj.doc[subj.left_edge.i : subj.i].text.lower()


def _check_announces_funding(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """"The Government today announced $15 million for …", "I can announce that we will …": an agent
    announcing money, a plan or a future undertaking — not "will announce" (scheduling), not a past
    announcement dated back ("last year announced")."""
    if any(c.dep_ == "aux" and c.lower_ in eng.lexicon("@future_modals") for c in anchor.children):
        return False
    modifiers = (c for c in anchor.children if c.dep_ in ("npadvmod", "advmod", "prep"))
    if any(t.lower_ in eng.lexicon("@time_past") for c in modifiers for t in c.subtree):
        return False
    if agent_kind(eng, subject_of(anchor)) != "agent":
        return False
    for c in anchor.children:
        if c.dep_ == "dobj" and (
            c.ent_type_ == "MONEY" or c.lemma_.lower() in eng.lexicon("@instrument_nouns")
            or any(t.ent_type_ == "MONEY" for t in c.subtree)
        ):
            return True
    return _check_future_complement(eng, hit, arg, anchor, anchor)


def _check_first_person_wish(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """"We want to build a stronger economy": a first-person volition to act — not courtesy ("we want
    to thank …") or perception ("want to see")."""
    subj = subject_of(anchor)
    if subj is None or subj.lower_ not in ("we", "i"):
        return False
    target = hit.tokens[-1].lemma_.lower()
    return target not in eng.lexicon("@not_commissive_verbs") and target not in eng.lexicon("@courtesy_verbs")


def _check_first_person_plan(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """"our plan to cut red tape", "we have a plan to create jobs": a plan the speaker owns, with the
    action it undertakes — not "Labor's plan to …" (which a rival release may be attacking)."""
    if any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in anchor.children):
        return True
    head = anchor.head
    if anchor.dep_ == "dobj" and head.lemma_ == "have" and head.tag_ in ("VBP", "VB"):
        subj = subject_of(head)
        return subj is not None and subj.lower_ in ("we", "i") and not is_negated(head, head)
    return False


def _check_body_plan(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """"Labor's plan to create jobs", "its plan to fix the NBN", "the Coalition has a plan to grow the
    economy": a plan owned by a party or government (not a person's: "Mr Turnbull's plan to …"; not
    "their plan"). The rule also runs the attack test on the planned action ("Labor's plan to increase
    taxes")."""
    noun = hit.tokens[0]
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return False  # "I have no plans to endorse a candidate"
    if _check_first_person_plan(eng, hit, arg, noun, noun):
        return True
    for c in noun.children:
        if c.dep_ == "poss":
            if c.lower_ == "its":
                return True
            return agent_kind(eng, c) == "agent" and c.pos_ != "PRON" and not _named_person(eng, c)
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_ == "have" and not is_negated(head, head):
        subj = subject_of(head)
        return subj is not None and subj.pos_ != "PRON" and agent_kind(eng, subj) == "agent" and not (
            _named_person(eng, subj)
        )
    return False


def _check_present_pledge(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """A release headline in the present tense, "Coalition delivers $20 million for Geelong rail",
    "Labor invests in youth services": a party or government (not a person, not a pronoun) as subject
    of an announcing verb with an object, in a sentence with no closing full stop."""
    if anchor.dep_ != "ROOT" or any(c.dep_ in ("aux", "auxpass") for c in anchor.children):
        return False
    subj = subject_of(anchor)
    if subj is None or subj.pos_ == "PRON" or agent_kind(eng, subj) != "agent" or _named_person(eng, subj):
        return False
    if any(c.dep_ == "poss" for c in subj.children):  # "Labor's …": a thing owned, not the party
        return False
    objs = [c for c in anchor.children if c.dep_ in ("dobj", "prep", "dative")]
    # body text in the present describes a running programme ("The Government provides $2 billion a
    # year"); only a headline announces with it
    last = next((t for t in reversed(anchor.sent) if not t.is_space), anchor)
    return bool(objs) and last.text not in (".", "!", "?", '"', "”", ";", ",")


def _check_title_case_headline(eng: StanceMarker, hit: _Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """"Labor Commits To New Cancer Centre In Darwin", "Coalition To Build Western Sydney Rail": a short
    Title Case headline whose first words name a party or government (not a person: "Prime Minister To
    Visit Darwin") before the announcing verb. The tagger reads such lines as noun phrases, so the
    test is on the words. After "To" the next word must be a delivery verb ("To Build", "To Fund")."""
    last = hit.tokens[-1]
    if not (anchor.is_title or anchor.is_upper) or not (last.is_title or last.is_upper):
        return False  # cheap test first: the rule's words fire on every "to build" in body text
    sent = anchor.sent
    words = [t for t in sent if t.is_alpha]
    if not 3 <= len(words) <= 16 or sent[-1].text in ("?", "!"):
        return False
    if anchor.dep_ == "ROOT" and anchor.tag_ in ("VBZ", "VBP"):
        return False  # parsed as a verb after all: the headline rules on the parse decide
    if sum(1 for t in words if t.is_title or t.is_upper or t.is_stop) < len(words):
        return False  # body text, not a Title Case headline
    lead = [t for t in sent[: anchor.i - sent.start] if not t.is_space]
    if not 1 <= len(lead) <= 5 or not all(t.is_title or t.is_upper or t.text in ("-", "'s") for t in lead):
        return False
    if lead[0].lower_.rstrip(".") in eng.lexicon("@headline_persons") or lead[0].lower_ in eng.lexicon(
        "@first_person"
    ):
        return False
    # "Smith Pledges …" is a person's, "Shorten Labor Government …" the party's
    return not any(t.ent_type_ == "PERSON" for t in lead) or any(
        t.lower_ in ("government", "labor", "labour", "coalition", "party") for t in lead
    )


_CHECKS: dict[str, Callable[[Any, _Hit, Any, Token, Token], bool]] = {
    "next_lemma_not": _check_next_lemma_not,
    "child_dep_any": _check_child_dep_any,
    "child_dep_none": _check_child_dep_none,
    "dep_in": _check_dep_in,
    "dep_not_in": _check_dep_not_in,
    "verb_lemma_not": _check_verb_lemma_not,
    "head_lemma_in": _check_head_lemma_in,
    "head_lemma_not": _check_head_lemma_not,
    "not_question": _check_not_question,
    "not_conditional": _check_not_conditional,
    "not_reported": _check_not_reported,
    "reported": _check_reported,
    "commissive_future": _check_commissive_future,
    "future_complement": _check_future_complement,
    "subject_agent": _check_subject_agent,
    "object_not": _check_object_not,
    "subject_lemma_in": _check_subject_lemma_in,
    "not_sentence_initial": _check_sent_not_startswith,
    "negated": _check_negated,
    "not_modalised": _check_not_modalised,
    "modifier_not": _check_modifier_not,
    "no_hedge_adverb": _check_no_hedge_adverb,
    "prev_lower_not": _check_prev_lower_not,
    "that_complement": _check_that_complement,
    "object_in": _check_object_in,
    "not_booster_doubt": _check_not_booster_doubt,
    "question_phrase": _check_question_phrase,
    "embedded_under": _check_embedded_under,
    "not_under_hedge": _check_not_under_hedge,
    "not_attack": _check_not_attack,
    "own_voice": _check_own_voice,
    "not_kept_or_praised": _check_not_kept_or_praised,
    "title_case_headline": _check_title_case_headline,
    "owned_plural_not": _check_owned_plural_not,
    "not_event_subject": _check_not_event_subject,
    "not_embedded_question": _check_not_embedded_question,
    "progressive_agent": _check_progressive_agent,
    "owned_plan_subject": _check_owned_plan_subject,
    "not_refused": _check_not_refused,
    "money_purpose": _check_money_purpose,
    "headline_future": _check_headline_future,
    "gerund_fragment": _check_gerund_fragment,
    "fragment_root": _check_fragment_root,
    "imperative_item": _check_imperative_item,
    "np_item": _check_np_item,
    "hypothetical_government": _check_hypothetical_government,
    "announces_funding": _check_announces_funding,
    "first_person_wish": _check_first_person_wish,
    "first_person_plan": _check_first_person_plan,
    "body_plan": _check_body_plan,
    "present_pledge": _check_present_pledge,
}


# --------------------------------------------------------------------------------------------
# Factories


@Language.factory(
    "stance_hedges",
    assigns=["doc._.stance_marks"],
    requires=["token.dep", "token.lemma", "token.tag"],
    default_config={"rules_file": "hedges.jsonl", "rules_dir": ""},
)
def make_hedges(nlp: Language, name: str, rules_file: str, rules_dir: str) -> StanceMarker:
    """Hedges: modal and epistemic cues, shields, approximators, distancing."""
    return StanceMarker(nlp, name, rules_file, rules_dir)


@Language.factory(
    "stance_commitments",
    assigns=["doc._.stance_marks"],
    requires=["token.dep", "token.lemma", "token.tag", "token.ent_type"],
    default_config={"rules_file": "commitments.jsonl", "rules_dir": ""},
)
def make_commitments(nlp: Language, name: str, rules_file: str, rules_dir: str) -> StanceMarker:
    """Firm commitments: commissives, assurances, boosters; negated ones may turn into hedges."""
    return StanceMarker(nlp, name, rules_file, rules_dir)
