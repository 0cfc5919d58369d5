"""Alias merging at the scale of a whole long text: the indexed lookup gives the names the original
compare-with-everyone loop gave (kept below as the reference), and stays near-linear."""

from __future__ import annotations

import random
import time

import pytest

from stance_reader.nlp.entities import aliases
from stance_reader.nlp.entities.aliases import NameHints, _best_fit, _by_salience, _Person, resolve_names


def _reference_find(words: list[str], people: list[_Person], hint: NameHints | None) -> int | None:
    """The lookup as it was before the index: every person compared with every mention."""
    low = [w.lower() for w in words]
    names = [[w.lower() for w in p.words] for p in people]
    if len(low) == 1:
        for attr in (-1, 0):
            hits = [c for c in range(len(people)) if len(names[c]) > 1 and names[c][attr] == low[0]]
            if hits:
                return _best_fit(_by_salience(hits, people), people, hint)
        same = [c for c in range(len(people)) if names[c] == low]
        return same[0] if same else None
    for c in sorted(range(len(people)), key=lambda c: -people[c].last_seen):
        have = names[c]
        if have == low:
            return c
        if (len(have) == 1 and have[0] == low[-1]
                and not any(len(o) > 1 and o[-1] == low[-1] for o in names)):
            return c
        if len(have) > 1 and have[-1] == low[-1] and aliases._first_compatible(have[0], low[0]):
            return c
        if len(low) < len(have) and have[-len(low) :] == low:
            return c
    return None


def _reference_merge(mentions: list[tuple[str, str]], hints: list[NameHints | None]) -> list[str]:
    people: list[_Person] = []
    out: list[int | str] = []
    for pos, (name, label) in enumerate(mentions):
        if label != "PERSON":
            out.append(name)
            continue
        words = name.split(" ")
        cid = _reference_find(words, people, hints[pos])
        if cid is None:
            people.append(_Person(words, pos, pos))
            cid = len(people) - 1
        elif len(words) > len(people[cid].words):
            people[cid].words = words
        people[cid].note(pos, hints[pos], {})
        out.append(cid)
    return [" ".join(people[o].words) if isinstance(o, int) else o for o in out]


FIRST = ["Mark", "M.", "Maria", "John", "J.", "Ursula", "Ana", "Ana-Lisa"]
LAST = ["Rutte", "Smith", "von der Leyen", "Leyen", "Kovač", "SMITH", "Maria"]


def _mentions(rng: random.Random, n: int) -> tuple[list[tuple[str, str]], list[NameHints | None]]:
    mentions, hints = [], []
    for _ in range(n):
        roll = rng.random()
        if roll < 0.45:
            mentions.append((f"{rng.choice(FIRST)} {rng.choice(LAST)}", "PERSON"))
        elif roll < 0.85:
            mentions.append((rng.choice(LAST + FIRST).split(" ")[-1], "PERSON"))
        else:
            mentions.append((rng.choice(["NATO", "the Commission", "Smith"]), "ORG"))
        hints.append(rng.choice([None, NameHints(frozenset({"senator"}), "f", True), NameHints(gender="m")]))
    return mentions, hints


@pytest.mark.parametrize("seed", range(40))
def test_indexed_lookup_matches_the_reference(seed: int) -> None:
    mentions, hints = _mentions(random.Random(seed), 60)
    got = aliases._merge(mentions, hints, {})
    want = _reference_merge(mentions, hints)
    assert [g for g, (_, label) in zip(got, mentions, strict=True) if label == "PERSON"] == [
        w for w, (_, label) in zip(want, mentions, strict=True) if label == "PERSON"
    ]


def test_many_people_merge_in_near_linear_time() -> None:
    """20,000 mentions of ~8,000 people: the old loop took ~140 s here; the index well under 2 s."""
    rng = random.Random(0)
    first, last = [f"F{i}x" for i in range(300)], [f"L{i}y" for i in range(2000)]
    mentions = [
        (f"{rng.choice(first)} {rng.choice(last)}" if rng.random() < 0.7 else rng.choice(last), "PERSON")
        for _ in range(20_000)
    ]
    started = time.perf_counter()
    resolve_names(mentions)
    assert time.perf_counter() - started < 2.0
