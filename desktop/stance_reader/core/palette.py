"""Colour-blind-safe palette (Okabe–Ito) and contrast maths shared by the window and the exporters.

Layers are never told apart by colour alone: each also has a text style (see ``LAYER_STYLES``).
Backgrounds are tints of the Okabe–Ito hues, mixed towards the theme's page colour so body text on
them keeps a WCAG contrast of at least 4.5:1.
"""

from __future__ import annotations

from dataclasses import dataclass

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

HEDGE_HUE = OKABE_ITO["orange"]
COMMITMENT_HUE = OKABE_ITO["blue"]
CUSTOM_HUE = OKABE_ITO["yellow"]
# Okabe–Ito's eighth colour. Not in OKABE_ITO (that lists the colours offered for highlights): speakers
# use it as a neutral grey drawn in the theme's text colour (``speaker_style.SpeakerStyle.ink``).
NEUTRAL_HUE = "#000000"
# Speakers take every Okabe–Ito hue not used by hedges/commitments, in this order; from the seventh
# speaker on a second cue joins the hue (``core.speaker_style``).
SPEAKER_HUES = (
    OKABE_ITO["bluish_green"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["yellow"],
    NEUTRAL_HUE,
)

# Non-colour cues per layer, so the coding survives greyscale and colour blindness.
LAYER_STYLES = {
    "hedge": "wavy underline; cue in italics",
    "commitment": "solid thick underline; cue in bold",
    "speaker": "tinted background in the speaker's own hue (from the 7th speaker on also a dashed, "
    "dash-dot or dash-dot-dot underline); speaker name marked with ▸",
    "entity": "dotted underline",
    "saved": "boxed (outline) with a ● marker",
}


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    page: str  # background
    text: str  # body text
    muted: str


LIGHT = Theme("light", page="#FBFAF7", text="#1B1B1B", muted="#5A5A5A")
DARK = Theme("dark", page="#1E1F22", text="#E8E6E3", muted="#A8A8A8")
THEMES = {"light": LIGHT, "dark": DARK}


def _rgb(colour: str) -> tuple[int, int, int]:
    c = colour.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0, min(255, v))):02X}" for v in rgb)


def mix(colour: str, towards: str, amount: float) -> str:
    """``amount`` 0 keeps ``colour``; 1 gives ``towards``."""
    a, b = _rgb(colour), _rgb(towards)
    return _hex(tuple(x + (y - x) * amount for x, y in zip(a, b, strict=True)))  # type: ignore[arg-type]


def relative_luminance(colour: str) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(fg: str, bg: str) -> float:
    """WCAG 2 contrast ratio between two colours (1.0 … 21.0)."""
    hi, lo = sorted((relative_luminance(fg), relative_luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def tint(hue: str, theme: Theme, strength: float = 0.35) -> str:
    """A background for ``hue`` on ``theme``: the hue mixed towards the page colour, weakened until
    the theme's text on it reaches 4.5:1 contrast."""
    amount = 1 - strength
    colour = mix(hue, theme.page, amount)
    while contrast_ratio(theme.text, colour) < 4.5 and amount < 1:
        amount = min(1.0, amount + 0.05)
        colour = mix(hue, theme.page, amount)
    return colour


def underline(hue: str, theme: Theme) -> str:
    """An underline/marker colour that stands out from the page (≥ 3:1, the WCAG non-text minimum)."""
    colour = hue
    target = "#FFFFFF" if theme.name == "dark" else "#000000"
    amount = 0.0
    while contrast_ratio(colour, theme.page) < 3 and amount < 1:
        amount += 0.1
        colour = mix(hue, target, amount)
    return colour


def speaker_hue(index: int) -> str:
    """The hue alone; two speakers may share it. Draw speakers with ``speaker_style.speaker_style``."""
    return SPEAKER_HUES[index % len(SPEAKER_HUES)]
