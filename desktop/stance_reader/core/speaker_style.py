"""Each speaker's look: a hue, a second cue when the hues run out, and initials. Qt-free.

The Okabe–Ito palette has eight colours; orange and blue belong to hedges and commitments, so speakers
get the other six (``palette.SPEAKER_HUES``; Okabe–Ito black is drawn as a neutral grey in the theme's
ink). The first six speakers are told apart by hue alone, as before. From the seventh on, a line
pattern joins the hue (dashed, dash-dot, dash-dot-dot underline and margin bar), and after those 24
looks a paler tint of each: the first ``DISTINCT_LOOKS`` (48) speakers never share hue and pattern and
shade. Beyond that the looks repeat, and the initials (made unique per article) still tell speakers
apart. Hedges keep their wavy underline, commitments a solid one and entities a dotted one, so no
speaker pattern can be mistaken for another layer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from stance_reader.core.palette import NEUTRAL_HUE, SPEAKER_HUES, Theme, mix, tint, underline


class LinePattern(StrEnum):
    PLAIN = "plain"  # tint only: the first six speakers, as they always looked
    DASHED = "dashed"
    DASH_DOT = "dash-dot"
    DASH_DOT_DOT = "dash-dot-dot"


PATTERNS = tuple(LinePattern)
# On/off lengths (in units of the line's width) for anything that draws a pattern by hand.
PATTERN_DASHES: dict[LinePattern, tuple[int, ...]] = {
    LinePattern.PLAIN: (),
    LinePattern.DASHED: (3, 2),
    LinePattern.DASH_DOT: (3, 2, 1, 2),
    LinePattern.DASH_DOT_DOT: (3, 2, 1, 2, 1, 2),
}
HUE_NAMES = {
    SPEAKER_HUES[0]: "bluish green",
    SPEAKER_HUES[1]: "reddish purple",
    SPEAKER_HUES[2]: "sky blue",
    SPEAKER_HUES[3]: "vermillion",
    SPEAKER_HUES[4]: "yellow",
    NEUTRAL_HUE: "grey",
}
PALE = 0.55  # a pale look's tint strength, relative to the normal one
TEXT_LINE_PULL = 0.3
DISTINCT_LOOKS = len(SPEAKER_HUES) * len(PATTERNS) * 2


@dataclass(frozen=True, slots=True)
class SpeakerStyle:
    """How one speaker is drawn. ``look`` is what the eye compares; ``initials`` the text badge."""

    index: int
    hue: str  # an Okabe–Ito "#RRGGBB"
    pattern: LinePattern
    pale: bool = False
    initials: str = ""

    @property
    def look(self) -> tuple[str, LinePattern, bool]:
        return self.hue, self.pattern, self.pale

    @property
    def hue_name(self) -> str:
        return ("pale " if self.pale else "") + HUE_NAMES.get(self.hue, self.hue)

    @property
    def pattern_name(self) -> str:
        return "no underline" if self.pattern is LinePattern.PLAIN else f"{self.pattern} underline"

    def describe(self) -> str:
        """ "bluish green tint, dashed underline" (the words legends print next to the swatch)."""
        return f"{self.hue_name} tint, {self.pattern_name}"

    def ink(self, theme: Theme) -> str:
        """The hue to mix in ``theme``: the neutral one follows the theme's text colour, so it shows as
        grey on a dark page as well as a light one."""
        return theme.text if self.hue == NEUTRAL_HUE else self.hue

    def tint(self, theme: Theme, strength: float) -> str:
        """Background for the speaker's words (``strength`` as for :func:`palette.tint`)."""
        return tint(self.ink(theme), theme, strength * (PALE if self.pale else 1.0))

    def line(self, theme: Theme) -> str:
        """Margin-bar / swatch colour (at least 3:1 against the page)."""
        return underline(self.ink(theme), theme)

    def text_line(self, theme: Theme) -> str:
        """Underline colour under body text: :meth:`line` pulled towards the text colour, so a
        one-pixel dash stays readable (as the hedge and commitment underlines are)."""
        return mix(self.line(theme), theme.text, TEXT_LINE_PULL)


def speaker_style(index: int, name: str = "") -> SpeakerStyle:
    """The style of the ``index``-th speaker (0-based, order of first appearance). Deterministic."""
    hue = SPEAKER_HUES[index % len(SPEAKER_HUES)]
    round_ = index // len(SPEAKER_HUES)
    pattern = PATTERNS[round_ % len(PATTERNS)]
    pale = (round_ // len(PATTERNS)) % 2 == 1
    return SpeakerStyle(index, hue, pattern, pale, initials(name) if name else "")


_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def initials(name: str) -> str:
    """ "Anna Berg" → "AB", "Jean-Luc de Vries" → "JV", "Reuters" → "RE"; "?" when there are no letters."""
    words = _WORD.findall(name)
    named = [w for w in words if w[0].isupper()] or words
    if not named:
        return "?"
    if len(named) == 1:
        return named[0][:2].upper()
    return (named[0][0] + named[-1][0]).upper()


def speaker_styles(names: Sequence[str]) -> dict[str, SpeakerStyle]:
    """Styles for speakers in order, initials made unique ("AB", then "AB2")."""
    styles: dict[str, SpeakerStyle] = {}
    taken: set[str] = set()
    for i, name in enumerate(dict.fromkeys(names)):
        style = speaker_style(i, name)
        badge, n = style.initials, 1
        while badge in taken:
            n += 1
            badge = f"{style.initials}{n}"
        taken.add(badge)
        styles[name] = replace(style, initials=badge)
    return styles


__all__ = [
    "DISTINCT_LOOKS",
    "HUE_NAMES",
    "PATTERNS",
    "PATTERN_DASHES",
    "LinePattern",
    "SpeakerStyle",
    "initials",
    "speaker_style",
    "speaker_styles",
]
