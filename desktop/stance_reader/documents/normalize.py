"""Text normalisation, applied once at import: the single place that decides what ``Article.text`` looks like.

NFC; every line-break convention (``\\r\\n``, ``\\r``, NEL, U+2028/9) becomes ``\\n``; BOMs, zero-width
spaces, soft hyphens, control characters and lone surrogates are removed; Unicode spaces become one ASCII
space; lines are trimmed; paragraphs are separated by exactly one blank line. Offsets into the result
are code points.
"""

from __future__ import annotations

import re
import unicodedata

_LINE_BREAKS = re.compile(r"\r\n|[\r\x85\u2028\x0b\x0c]")
# Removed outright: BOM / zero-width no-break space, zero-width space, word joiner, soft hyphen
# (it splits words for the tokenizer while staying invisible), lone surrogates (they cannot be encoded).
_INVISIBLE = re.compile("[\ufeff\u200b\u2060\u00ad\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
# Every Unicode space separator and the tab collapse to one ASCII space.
_SPACES = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_LIGATURES = re.compile("[\ufb00-\ufb06]")
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """Return ``text`` in the canonical form every offset refers to. Idempotent."""
    text = text.replace("\u2029", "\n\n")
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    # Typographic ligatures (ﬁ, ﬂ; common in PDF text) break words for the tokenizer and for search.
    text = _LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip(" ") for line in text.split("\n"))
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip("\n")


def split_blocks(text: str) -> list[str]:
    """Paragraph blocks of already normalised text (separated by one blank line)."""
    return [block for block in text.split("\n\n") if block.strip()]


def join_blocks(blocks: list[str]) -> str:
    """The body text for a list of paragraphs, normalised."""
    return normalize_text("\n\n".join(b for b in blocks if b.strip()))


_LIST_ITEM = re.compile(r"^\s*(?:[-*•–]|\d{1,3}[.)])\s")


def unwrap_block(block: str) -> str:
    """Join the lines of a hard-wrapped paragraph (fixed-width plain text) into one line.

    Only paragraphs that look wrapped are joined: several lines, the longest between 50 and 100 characters,
    every line but the last at least 60% of it, and no list bullets. Headers, verse and lists keep their
    line breaks, so nothing is merged that a person wrote as separate lines.
    """
    lines = block.split("\n")
    if len(lines) < 2 or any(_LIST_ITEM.match(line) for line in lines):
        return block
    longest = max(len(line) for line in lines)
    if not 50 <= longest <= 100 or any(len(line) < 0.6 * longest for line in lines[:-1]):
        return block
    return join_lines(lines)


def join_lines(lines: list[str]) -> str:
    """Join lines of one paragraph with spaces, undoing end-of-line hyphenation ("recon-" + "struction")."""
    out = ""
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        hyphenated = out.endswith("-") and len(out) > 1 and out[-2].islower() and line[0].islower()
        if hyphenated:
            out = out[:-1] + line
        elif out:
            out = f"{out} {line}"
        else:
            out = line
    return out
