"""Which rules match where: each pattern is indexed under its rarest word (its *trigger*), one
vectorised ``numpy.searchsorted`` over the Doc's LOWER/LEMMA arrays finds the few candidate tokens and
only those are checked in full. spaCy's ``Matcher`` ran the same rules at 12-16% of the parser's time
(its ``IN`` predicates are Python calls on every token); this index runs at ~1-2%.

Pattern tokens use ``Matcher`` syntax restricted to ``LOWER``/``LEMMA``/``TAG``/``POS``/``DEP`` with a
string or ``IN``/``NOT_IN`` and no operators.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

from stance_reader.nlp.stance.rules.rule import Rule

_ATTRS = ("LOWER", "LEMMA", "TAG", "POS", "DEP")
_Test = tuple[str, bool, frozenset[str]]  # (attribute, wanted, values)


def _token_test(spec: dict[str, Any]) -> list[_Test]:
    """A pattern token as (attribute, wanted, values) tests: wanted=False means NOT_IN."""
    tests: list[_Test] = []
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


class TriggerIndex:
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
                for rule, trigger_pos, tests in table[int(column[i])]:
                    start = i - trigger_pos
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
