"""Text normalisation, applied once at import: the single place that decides what ``Article.text`` looks like.

NFC; every line-break convention (``\\r\\n``, ``\\r``, NEL, U+2028/9) becomes ``\\n``; BOMs, zero-width
spaces, soft hyphens, control characters and lone surrogates are removed; Unicode spaces become one ASCII
space; lines are trimmed; paragraphs are separated by exactly one blank line. Offsets into the result
are code points.
"""

from __future__ import annotations

import re
import unicodedata


def _translation() -> dict[int, str | None]:
    """One str.translate table for every per-character rule (much faster than a regex per rule)."""
    table: dict[int, str | None] = {}
    # Removed outright: BOM / zero-width no-break space, zero-width space, word joiner, soft hyphen (it
    # splits words for the tokenizer while staying invisible), C0/C1 controls, lone surrogates (they
    # cannot be encoded, so content hashes and the database would fail on them).
    for code in (0xFEFF, 0x200B, 0x2060, 0x00AD, *range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0)):
        table[code] = None
    for code in range(0xD800, 0xE000):
        table[code] = None
    for code in (0x0D, 0x85, 0x2028, 0x0B, 0x0C):  # CR (after CRLF is handled), NEL, LS, VT, FF
        table[code] = "\n"
    table[0x2029] = "\n\n"  # paragraph separator
    # Tabs and every Unicode space separator become one ASCII space.
    for code in (0x09, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000):
        table[code] = " "
    # Typographic ligatures (common in PDF text) break words for the tokenizer and for search.
    for code in range(0xFB00, 0xFB07):
        table[code] = unicodedata.normalize("NFKC", chr(code))
    return table


_TABLE = _translation()
_ASCII_RULES = re.compile("[\x00-\x09\x0b-\x1f\x7f]")  # the ASCII characters _TABLE rewrites
_SPACE_RUNS = re.compile(" {2,}")
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """Return ``text`` in the canonical form every offset refers to. Idempotent."""
    if not (text.isascii() and not _ASCII_RULES.search(text)):  # plain ASCII: nothing to translate
        text = text.replace("\r\n", "\n").translate(_TABLE)
        text = unicodedata.normalize("NFC", text)
    if "  " in text:
        text = _SPACE_RUNS.sub(" ", text)
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


def reflow_plain_block(block: str) -> list[str]:
    """Plain-text paragraph rules: a hard-wrapped paragraph is rejoined (``unwrap_block``); a block of long
    lines (over 100 characters, so not wrapped by a tool) is one paragraph per line, as when paragraphs
    were separated by single newlines. Anything else (headers, verse, lists) is left alone."""
    lines = block.split("\n")
    if len(lines) > 1 and max(len(line) for line in lines) > 100:
        return lines
    return [unwrap_block(block)]


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
