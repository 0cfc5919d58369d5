"""Code-point ↔ UTF-16 offset conversion.

Python indexes code points; QTextDocument positions count UTF-16 code units, so after one character
outside the Basic Multilingual Plane (an emoji) every Python offset is off by one in Qt. The whole app
stores code points; the view converts with :class:`Utf16Map` in exactly one place.
"""

from __future__ import annotations

from bisect import bisect_right


class Utf16Map:
    """Maps code-point offsets in ``text`` to UTF-16 offsets and back, in O(log n) per lookup."""

    def __init__(self, text: str) -> None:
        # Code-point indices of astral characters (each takes two UTF-16 units).
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        # The UTF-16 position of each astral character, for the reverse lookup.
        self._astral16 = [i + n for n, i in enumerate(self._astral)]
        self._length = len(text)

    def to_utf16(self, offset: int) -> int:
        """UTF-16 position of code-point ``offset``."""
        return offset + bisect_right(self._astral, offset - 1)

    def to_codepoint(self, pos16: int) -> int:
        """Code-point offset of UTF-16 position ``pos16`` (a position inside a pair rounds down)."""
        # Each astral character that starts before pos16 adds one extra unit; one whose second half
        # lies at pos16 counts too, which rounds a mid-pair position down to the character.
        return pos16 - bisect_right(self._astral16, pos16 - 1)

    @property
    def has_astral(self) -> bool:
        return bool(self._astral)
