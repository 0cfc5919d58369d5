"""A drop-in matcher for spaCy's attribute ruler: the same matches, found from the Doc's arrays.

The English pipelines' ``attribute_ruler`` maps tags to POS and morphology with ~180 one-token
patterns ("TAG is NN", "TAG is VBZ and LOWER is 's"). spaCy's ``Matcher`` tests every pattern at every
token, which made the ruler ~12% of the whole base pipeline's time (225 ms of ~1.9 s per 10k words),
more than any stance component. Patterns over TAG, LOWER, DEP and IS_SPACE (equality, IN, NOT_IN,
REGEX; one token or a few in a row) are matched here with array comparisons, one per attribute; any
other kind of pattern stays with a ``Matcher`` of its own. The ruler's own ``match`` and
``set_annotations`` run unchanged on the result, so which rule wins and what it sets is spaCy's
code, not a copy of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

_COLUMNS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
_ATTRS = list(_COLUMNS.values())
_INDEX = {name: i for i, name in enumerate(_COLUMNS)}
_Test = Callable[[np.ndarray], np.ndarray]


class ArrayMatcher:
    """Callable like ``Matcher(doc, allow_missing=True, as_spans=False)``: (match id, start, end)."""

    def __init__(self, original: Matcher, vocab: Any, keys: list[str]) -> None:
        self._original = original
        self._vocab = vocab
        self._rest = Matcher(vocab)
        self._regex_hits: dict[tuple[str, int], bool] = {}
        self._patterns: list[tuple[int, int, list[tuple[int, int, _Test]]]] = []
        for key in keys:
            _, patterns = original.get(key)
            for pattern in patterns:
                tests = self._tests(pattern)
                if tests is None:
                    self._rest.add(key, [pattern])
                else:
                    self._patterns.append((vocab.strings.add(key), len(pattern), tests))

    def get(self, key: str | int, default: Any = None) -> Any:
        # The ruler reads its patterns back from its matcher (``patterns``, error messages).
        return self._original.get(key, default)

    def __len__(self) -> int:
        return len(self._original)

    def __call__(
        self, doc: Doc, allow_missing: bool = False, as_spans: bool = False
    ) -> list[tuple[int, int, int]]:
        found = list(self._rest(doc, allow_missing=True)) if len(self._rest) else []
        columns = doc.to_array(_ATTRS).T if len(doc) else np.zeros((len(_ATTRS), 0), dtype=np.uint64)
        for key, length, tests in self._patterns:
            starts = len(doc) - length + 1
            if starts <= 0:
                continue
            mask = np.ones(starts, dtype=bool)
            for offset, column, test in tests:
                mask &= test(columns[column][offset : offset + starts])
            found.extend((key, int(i), int(i) + length) for i in np.flatnonzero(mask))
        return found

    def _tests(self, pattern: list[dict[str, Any]]) -> list[tuple[int, int, _Test]] | None:
        """(token offset, column, test) per attribute of each token; None: left to the Matcher."""
        tests = []
        for offset, token in enumerate(pattern):
            if not token:
                return None
            for name, value in token.items():
                test = self._test(name, value)
                if test is None:
                    return None
                tests.append((offset, _INDEX[name], test))
        return tests or None

    def _test(self, name: str, value: Any) -> _Test | None:
        if name not in _COLUMNS:
            return None
        if isinstance(value, dict):
            if len(value) != 1:
                return None
            ((op, argument),) = value.items()
            if op == "REGEX" and name != "IS_SPACE":
                return self._regex_test(str(argument))
            if op not in ("IN", "NOT_IN"):
                return None
            wanted = np.array([self._value(name, v) for v in argument], dtype=np.uint64)
            if op == "IN":
                return lambda col, wanted=wanted: np.isin(col, wanted)
            return lambda col, wanted=wanted: ~np.isin(col, wanted)
        if isinstance(value, (str, bool)):
            wanted_one = np.uint64(self._value(name, value))
            return lambda col, wanted=wanted_one: col == wanted
        return None

    def _regex_test(self, pattern: str) -> _Test:
        # The Matcher's REGEX predicate is ``re.search`` on the attribute's string; each distinct
        # string is tested once and remembered.
        regex = re.compile(pattern)
        strings = self._vocab.strings
        hits = self._regex_hits

        def test(col: np.ndarray) -> np.ndarray:
            values, inverse = np.unique(col, return_inverse=True)
            found = np.zeros(len(values), dtype=bool)
            for i, value in enumerate(values.tolist()):
                hit = hits.get((pattern, value))
                if hit is None:
                    hit = hits[(pattern, value)] = bool(regex.search(strings[value]))
                found[i] = hit
            return found[inverse]

        return test

    def _value(self, name: str, value: str | bool) -> int:
        if name == "IS_SPACE":
            return int(bool(value))
        return int(self._vocab.strings.add(value))


def speed_up_attribute_ruler(nlp: Language) -> None:
    """Give the pipeline's attribute ruler the array matcher (no-op without one)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    matcher = getattr(ruler, "matcher", None)
    if isinstance(matcher, Matcher):
        # The ruler names its rules by their index (``AttributeRuler.add``).
        keys = [str(i) for i in range(len(ruler.attrs))]
        ruler.matcher = ArrayMatcher(matcher, nlp.vocab, keys)
