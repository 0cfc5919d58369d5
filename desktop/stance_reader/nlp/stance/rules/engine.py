"""The rule engine behind the ``stance_hedges`` and ``stance_commitments`` components.

Per Doc: the trigger index finds every pattern match; each match runs the checks its rule asks for
(``when``); negation is kept, dropped or flipped ("cannot guarantee" is a hedge) as the rule says; the
mark spans the passage its ``scope`` names. Futures about the rival side are then dropped, list items
under a "… will:" header added, and one mark kept per cue. Every veto is noted in
``doc.user_data[REJECTIONS_KEY]`` for the trained decider.

Writes ``doc._.stance_marks`` (core ``Mark``; code points relative to the Doc; ``speaker`` None: the
pipeline fills it in from the quotes). Needs the parser and the tagger.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path

from stance_reader.core.models import Mark, MarkKind
from stance_reader.nlp.extensions import doc_text  # also registers doc._.stance_marks
from stance_reader.nlp.stance.rules.checks.registry import CHECKS, Check
from stance_reader.nlp.stance.rules.forecasts import rival_forecasts
from stance_reader.nlp.stance.rules.lists import list_items_under_header
from stance_reader.nlp.stance.rules.marks import cue_words, dedupe, token_ranges
from stance_reader.nlp.stance.rules.rule import Hit, Rule
from stance_reader.nlp.stance.rules.rule_files import (
    LEXICON_FILE,
    default_dir,
    read_lexicons,
    read_rules,
    write_lexicons,
    write_rules,
)
from stance_reader.nlp.stance.rules.scope import scope_span
from stance_reader.nlp.stance.rules.trigger_index import TriggerIndex
from stance_reader.nlp.syntax import governed_verb, is_negated
from stance_reader.nlp.voice import FUTURE_FAMILIES

REJECTIONS_KEY = "stance_rejections"


class StanceMarker:
    """Applies one rule file to a Doc and appends ``Mark`` objects to ``doc._.stance_marks``.

    Rules and word lists are read at construction from ``models_dir()`` (or ``rules_dir`` when given) so
    a plain ``nlp.add_pipe("stance_hedges")`` works; ``to_disk``/``from_disk`` carry both files.
    """

    def __init__(self, nlp: Language, name: str, rules_file: str, rules_dir: str = "") -> None:
        self.name = name
        self.rules_file = rules_file
        self.vocab = nlp.vocab
        self.rules: dict[str, Rule] = {}
        self.lexicons: dict[str, frozenset[str]] = {}
        self.index = TriggerIndex(nlp.vocab, [], frozenset())
        self._checks: dict[str, Check] = CHECKS
        folder = Path(rules_dir) if rules_dir else default_dir()
        self.load(folder / rules_file, folder / LEXICON_FILE)

    # ---- loading -------------------------------------------------------------------------

    def load(self, rules_path: Path, lexicon_path: Path) -> None:
        self.lexicons = read_lexicons(lexicon_path)
        self.set_rules(read_rules(rules_path))

    def set_rules(self, rules: Iterable[Rule]) -> None:
        self.rules = {}
        for rule in rules:
            if rule.id in self.rules:
                raise ValueError(f"duplicate rule id {rule.id!r} in {self.rules_file}")
            self.rules[rule.id] = rule
        compiled = [(rule, self._expand(rule.pattern)) for rule in self.rules.values()]
        self.index = TriggerIndex(self.vocab, compiled, self.lexicon("@common_words"))

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
        """The words of ``"@name"``, of a plain word, or of a list mixing both."""
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
        futures: list[tuple[Hit, Mark | None]] = []
        for rule, start in self.index.matches(doc):
            hit = Hit(rule, list(doc[start : start + len(rule.pattern)]))
            mark = self._judge(hit)
            if rule.family in FUTURE_FAMILIES:
                futures.append((hit, mark))
            if mark is not None:
                marks.append(mark)
        forecasts = rival_forecasts(self, futures)
        for hit, mark in futures:
            if mark is not None and id(mark) in forecasts:
                self._reject(hit, "rival_forecast")
        marks = [m for m in marks if id(m) not in forecasts]
        marks += list_items_under_header(
            doc_text(doc), marks + list(doc._.stance_marks), self.lexicon("@list_header_modals")
        )
        doc._.stance_marks.extend(dedupe(marks, doc._.stance_marks))
        return doc

    def _judge(self, hit: Hit) -> Mark | None:
        """The mark a match makes, or None when a check or the rule's negation handling vetoes it."""
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
        explanation = rule.explanation.replace("{cue}", cue_words(cue_toks))
        if negated:
            if rule.negation == "drop":
                self._reject(hit, "negated")
                return None
            if rule.negation == "flip":
                kind = MarkKind.HEDGE if kind == MarkKind.COMMITMENT else MarkKind.COMMITMENT
                explanation = f"negated: {explanation}"
        cue = token_ranges(cue_toks)
        lo, hi = scope_span(rule.scope, anchor, verb, cue_toks)
        doc = anchor.doc
        start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
        start, end = min(start, cue[0][0]), max(end, cue[-1][1])
        mark = Mark(
            kind=kind, start=start, end=end, cue=tuple(cue), rule=rule.id, speaker=None,
            explanation=explanation, negated=negated,
        )
        return mark

    def _reject(self, hit: Hit, check: str) -> None:
        """Note which check turned a matched cue down: the trained decider weighs each veto
        (``doc.user_data[REJECTIONS_KEY]``: (kind, cue token index, rule id, check))."""
        rule = hit.rule
        cue = hit.tokens[rule.cue[0]] if rule.cue and rule.cue[0] < len(hit.tokens) else hit.tokens[0]
        store = cue.doc.user_data.setdefault(REJECTIONS_KEY, [])
        store.append((str(rule.kind), cue.i, rule.id, check))

    # ---- serialisation -------------------------------------------------------------------

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        folder = ensure_path(path)
        folder.mkdir(parents=True, exist_ok=True)
        write_rules(folder / "rules.jsonl", self.rules.values())
        write_lexicons(folder / "lexicons.jsonl", self.lexicons)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> StanceMarker:
        folder = ensure_path(path)
        self.load(folder / "rules.jsonl", folder / "lexicons.jsonl")
        return self
