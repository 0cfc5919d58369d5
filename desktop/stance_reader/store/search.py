"""From what the analyst types to a database condition: FTS5 on SQLite, ILIKE on PostgreSQL.

Typed text is never handed to FTS5's query language raw (a stray quote or ``-`` is a syntax error
there). Each bare word becomes a quoted prefix term (``"ukrain"*``: results appear while typing), a
"quoted phrase" stays a phrase, and all terms must match (AND). FTS5 tokenises with
``porter unicode61 remove_diacritics 2``, so "hedging" finds "hedge" and "Zelenskyy" finds "Zelenskyy".

PostgreSQL has no FTS5: there each term is a case-insensitive substring (ILIKE) over the same
fields. No stemming and no index, which is fine for a team's shared store of a few thousand
articles; a GIN ``tsvector`` index is the upgrade path if it grows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_TERM = re.compile(r'"([^"]*)"|(\S+)')


def terms(query: str) -> list[str]:
    """Words and "quoted phrases" of ``query``; empty and punctuation-only terms dropped."""
    found = []
    for phrase, word in _TERM.findall(query):
        term = (phrase or word).replace('"', " ").strip()
        if any(ch.isalnum() for ch in term):
            found.append(term)
    return found


def fts5_query(query: str) -> str | None:
    """An FTS5 MATCH expression for ``query``, or None when it holds nothing searchable."""
    return " AND ".join(fts5_terms(query)) or None


def fts5_terms(query: str) -> list[str]:
    """One FTS5 expression per word or phrase of ``query``: ``"word"*`` or ``"a phrase"``."""
    parts = []
    for phrase, word in _TERM.findall(query):
        term = (phrase or word).replace('"', " ").strip()
        if not any(ch.isalnum() for ch in term):
            continue
        parts.append(f'"{term}"' if phrase else f'"{term}"*')
    return parts


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as stored: whitespace collapsed, empties dropped, one per case-insensitive spelling."""
    seen: dict[str, str] = {}
    for tag in tags:
        name = " ".join(str(tag).split())
        if name:
            seen.setdefault(name.casefold(), name)
    return tuple(seen.values())
