"""Canonical speakers across the library, and the speaker ledger's use cases (Qt-free).

One identity for "Mark Rutte", "Rutte" and "NATO Secretary General Mark Rutte" in every article:

1. Each mention is **normalised** (:func:`normalise`): titles, ranks, honorifics and leading acronyms
   are dropped ("NATO Secretary General Mark Rutte" -> "Mark Rutte"), possessives and punctuation go,
   the key is casefolded without accents (``mark rutte``).
2. A **bare surname** ("Rutte") joins the one full name in the library that ends with it; when two
   full names share the surname ("Anna Berg", "Lars Berg") it stays a speaker of its own.
3. The analyst's **aliases** come last: a merge reads one key as another, a split pins a mention to
   itself so no rule joins it. They live in the store (``speaker_aliases``) and are applied again every
   time the ledger is re-resolved, so re-analysis never loses them. Merge, split and :func:`undo` each
   return an :class:`AliasUndo` record.

The ledger is filled from a document's analysis by :func:`index_document` (the decided marks that have
a speaker, and every attributed quote), replacing the document's rows in one transaction.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Unpack

from stance_reader.core.ledger import LedgerEntry, LedgerFilters, SpeakerMention, SpeakerSummary
from stance_reader.core.models import Analysis, StoredDocument
from stance_reader.store import Store

SNIPPET_CHARS = 400
MAX_ALIAS_HOPS = 16  # a chain of merges longer than this is cut (and a cycle cannot loop)

_TITLE_WORDS = """
    mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sister brother
    president vice prime minister deputy secretary general undersecretary under state foreign
    defence defense finance interior economy health justice chancellor chief executive ceo cfo coo
    chair chairman chairwoman chairperson head director managing governor mayor senator sen rep
    representative congressman congresswoman mp mep speaker spokesman spokeswoman spokesperson
    ambassador envoy commissioner commander admiral gen col lt lieutenant colonel major captain capt
    sergeant king queen prince princess pope judge justice attorney minister's former acting interim
    then new current the leader founder co-founder economist analyst professor adviser advisor
    official officer premier councillor councilor president-elect high representative foreign-
    minister
"""
TITLES = frozenset(_TITLE_WORDS.split())  # words dropped before a name ("Secretary General")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def normalise(name: str) -> tuple[str, str]:
    """(key, display name) of a speaker as written: titles and leading acronyms dropped.

    >>> normalise("NATO Secretary General Mark Rutte")
    ('mark rutte', 'Mark Rutte')
    """
    words = [w.strip(".-'’") for w in _WORD.findall(name)]
    words = [re.sub(r"['’]s$", "", w) for w in words if w]

    def title(word: str) -> bool:
        return word.casefold() in TITLES or (word.isupper() and len(word) > 1)

    if not all(title(w) for w in words):  # "the secretary general" unresolved stays as written
        while len(words) > 1 and title(words[0]):
            words.pop(0)
    display = " ".join(words) if words else name.strip()
    key = " ".join(_plain(display).casefold().split())
    return key, display


def resolve(
    mentions: Iterable[tuple[str, str, int]], aliases: Mapping[str, str]
) -> dict[str, tuple[str, str]]:
    """Each mention key's canonical (speaker key, speaker name), from the library's mentions
    ``(key, as written, marks)`` and the analyst's aliases (see the module doc)."""
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for key, display, count in mentions:
        names[key][display] += count
    full_by_surname: dict[str, set[str]] = defaultdict(set)
    for key in names:
        if " " in key and aliases.get(key, key) == key:
            full_by_surname[key.rsplit(" ", 1)[1]].add(key)

    def automatic(key: str) -> str:
        if " " in key or key in aliases:
            return key
        full = full_by_surname.get(key, set())
        return next(iter(full)) if len(full) == 1 else key

    def follow(key: str) -> str:
        seen = {key}
        for _ in range(MAX_ALIAS_HOPS):
            target = aliases.get(key)
            if target is None or target == key or target in seen:
                break
            seen.add(target)
            key = target
        return key

    canonical = {key: follow(automatic(key)) for key in names}
    members: dict[str, Counter[str]] = defaultdict(Counter)
    for key, target in canonical.items():
        members[target].update(names[key])

    def display_of(target: str) -> str:
        own = names.get(target)
        pool = own if own else members[target]
        return max(pool.items(), key=lambda item: (item[1], len(item[0]), item[0]))[0]

    shown = {target: display_of(target) for target in members}
    return {key: (target, shown[target]) for key, target in canonical.items()}


# --- filling the ledger --------------------------------------------------------------------------------


def _snippet(text: str, spans: Iterable[tuple[int, int]]) -> str:
    joined = " … ".join(" ".join(text[s:e].split()) for s, e in spans)
    return joined if len(joined) <= SNIPPET_CHARS else joined[: SNIPPET_CHARS - 1].rstrip() + "…"


def mentions_of(analysis: Analysis, text: str) -> list[SpeakerMention]:
    """The ledger rows of one analysis: decided hedges and commitments that have a speaker, and every
    quote attributed to one, in reading order."""
    found: list[SpeakerMention] = []
    for mark in analysis.decided().marks:
        if mark.speaker:
            key, display = normalise(mark.speaker)
            if key:
                found.append(SpeakerMention(
                    key, display, str(mark.kind), mark.start, mark.end,
                    _snippet(text, [(mark.start, mark.end)]), mark.confidence,
                ))  # fmt: skip
    for quote in analysis.quotes:
        if quote.speaker_entity and quote.content:
            key, display = normalise(quote.speaker_entity)
            if key:
                found.append(SpeakerMention(
                    key, display, "quote", quote.start, quote.end, _snippet(text, quote.content),
                    quote.speaker_confidence,
                ))  # fmt: skip
    return sorted(found, key=lambda m: (m.start, m.end, m.kind))


def index_document(store: Store, document: StoredDocument, analysis: Analysis) -> int:
    """Replace ``document``'s rows in the ledger by what ``analysis`` says, with the analyst's stored
    corrections applied (one transaction, canonical speakers re-resolved across the library in it);
    returns the rows written."""
    from stance_reader.services.corrections.reading import corrected

    analysis = corrected(store, document, analysis, write_back=False).analysis
    return store.replace_speaker_marks(document.id, mentions_of(analysis, document.article.text), resolve)


def reindex_document(store: Store, document: StoredDocument) -> int | None:
    """Index ``document`` again from its newest stored analysis (after its corrections changed);
    None when it has never been analysed."""
    analysis = store.latest_analysis(document.content_hash)
    return None if analysis is None else index_document(store, document, analysis)


def refresh(store: Store) -> int:
    """Re-resolve every speaker (after the resolution rules changed); returns mentions re-keyed."""
    return store.refresh_speakers(resolve)


# --- merge, split, undo ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AliasUndo:
    """What one merge or split changed: each alias key with its previous canonical key (None: none).
    :func:`undo` puts them back; it returns the record that redoes the change."""

    description: str
    previous: tuple[tuple[str, str | None], ...]


def _key(store: Store, speaker: str) -> str:
    """A speaker's key from its key or any name it is listed or mentioned under."""
    found = find_speaker(store, speaker)
    return found.key if found is not None else normalise(speaker)[0]


def merge(store: Store, source: str, target: str) -> AliasUndo:
    """Read speaker ``source`` as ``target`` from now on (keys or names); persisted, undoable."""
    return merge_many(store, [source], target)


def merge_many(store: Store, sources: Iterable[str], target: str) -> AliasUndo:
    """Read every speaker in ``sources`` as ``target``: one transaction, one undo step."""
    sources = list(sources)
    target_key = _key(store, target)
    pairs = [(key, target_key) for key in dict.fromkeys(_key(store, s) for s in sources) if key != target_key]
    description = f"merge {', '.join(sources)} into {target}"
    if not pairs:
        return AliasUndo(description, ())
    previous = store.set_speaker_aliases(pairs, resolve)
    return AliasUndo(description, tuple(previous.items()))


def split(store: Store, mention: str) -> AliasUndo:
    """Make ``mention`` (a mention key or name as written, e.g. "Rutte") a speaker of its own, never
    joined automatically or by an earlier merge; persisted, undoable."""
    key = normalise(mention)[0] if mention not in {k for k, _, _ in store.speaker_mentions()} else mention
    previous = store.set_speaker_aliases([(key, key)], resolve)
    return AliasUndo(f"split {mention}", tuple(previous.items()))


def undo(store: Store, record: AliasUndo) -> AliasUndo:
    """Put back what ``record`` changed; returns the record that redoes it."""
    previous = store.set_speaker_aliases(list(record.previous), resolve)
    return AliasUndo(f"undo {record.description}", tuple(previous.items()))


# --- reading -------------------------------------------------------------------------------------------


def find_speaker(store: Store, name: str) -> SpeakerSummary | None:
    """The canonical speaker called ``name``: by key, listed name, or any mention of theirs (titles
    ignored), e.g. "Rutte" or "NATO Secretary General Mark Rutte"; None when no one is."""
    speakers = store.list_speakers()
    by_key = {s.key: s for s in speakers}
    key = normalise(name)[0]
    for candidate in (name, key):
        if candidate in by_key:
            return by_key[candidate]
    for s in speakers:
        if s.name.casefold() == name.casefold():
            return s
    aliases = store.speaker_aliases()
    mentions = store.speaker_mentions()
    if key in {k for k, _, _ in mentions}:
        target = resolve(mentions, aliases).get(key)
        if target is not None and target[0] in by_key:
            return by_key[target[0]]
    if key and " " not in key:  # a surname no article uses bare: the one listed full name ending in it
        endings = [s for s in speakers if s.key.endswith(" " + key)]
        if len(endings) == 1:
            return endings[0]
    return None


def ledger(
    store: Store, name: str, **filters: Unpack[LedgerFilters]
) -> tuple[SpeakerSummary, list[LedgerEntry]] | None:
    """The speaker called ``name`` and their ledger (filtered), or None when there is no such speaker."""
    speaker = find_speaker(store, name)
    if speaker is None:
        return None
    entries = store.speaker_ledger(speaker.key, **filters)
    return speaker, entries


class SpeakerHistory:
    """Undo and redo of merges and splits, for one window or session (Qt-free, like the highlights'
    history). Each method runs one store transaction; the caller runs it off the GUI thread."""

    def __init__(self) -> None:
        self._undo: list[AliasUndo] = []
        self._redo: list[AliasUndo] = []

    def merge(self, store: Store, source: str, target: str) -> AliasUndo:
        return self._did(merge(store, source, target))

    def merge_many(self, store: Store, sources: Iterable[str], target: str) -> AliasUndo:
        return self._did(merge_many(store, sources, target))

    def split(self, store: Store, mention: str) -> AliasUndo:
        return self._did(split(store, mention))

    def _did(self, record: AliasUndo) -> AliasUndo:
        if record.previous:  # a merge of a speaker into itself changed nothing: nothing to undo
            self._undo.append(record)
            self._redo.clear()
        return record

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo_text(self) -> str:
        return self._undo[-1].description if self._undo else ""

    def undo(self, store: Store) -> AliasUndo | None:
        if not self._undo:
            return None
        record = self._undo.pop()
        self._redo.append(undo(store, record))
        return record

    def redo(self, store: Store) -> AliasUndo | None:
        if not self._redo:
            return None
        record = self._redo.pop()
        self._undo.append(undo(store, record))
        return record
