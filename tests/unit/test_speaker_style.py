"""Speaker styles: every speaker distinct by hue and second cue, the first ones unchanged, hedges and
commitments never borrowed, initials unique."""

from __future__ import annotations

import itertools

import pytest

from stance_reader.core.palette import (
    COMMITMENT_HUE,
    DARK,
    HEDGE_HUE,
    LIGHT,
    NEUTRAL_HUE,
    SPEAKER_HUES,
    contrast_ratio,
)
from stance_reader.core.speaker_style import (
    DISTINCT_LOOKS,
    LinePattern,
    initials,
    speaker_style,
    speaker_styles,
)

# What speaker_hue(i) gave before the second cue existed: screenshots and tests rely on these.
PREVIOUS_HUES = ("#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")


def test_twenty_four_speakers_all_look_different() -> None:
    looks = [speaker_style(i).look for i in range(24)]
    assert len(set(looks)) == 24
    assert len({speaker_style(i).look for i in range(DISTINCT_LOOKS)}) == DISTINCT_LOOKS


def test_every_free_okabe_ito_hue_is_used_before_a_second_cue() -> None:
    first = [speaker_style(i) for i in range(len(SPEAKER_HUES))]
    assert {s.hue for s in first} == set(SPEAKER_HUES) and len(SPEAKER_HUES) == 6
    assert all(s.pattern is LinePattern.PLAIN and not s.pale for s in first)
    seventh = speaker_style(6)
    assert seventh.hue == first[0].hue and seventh.pattern is LinePattern.DASHED


def test_first_speakers_keep_their_hues() -> None:
    assert tuple(speaker_style(i).hue for i in range(5)) == PREVIOUS_HUES
    assert speaker_style(5).hue == NEUTRAL_HUE


def test_hedge_and_commitment_colours_stay_their_own() -> None:
    for i in range(DISTINCT_LOOKS):
        style = speaker_style(i)
        assert style.hue not in (HEDGE_HUE, COMMITMENT_HUE)
        for theme in (LIGHT, DARK):
            assert style.line(theme) not in (HEDGE_HUE, COMMITMENT_HUE)


def test_the_style_is_deterministic() -> None:
    assert [speaker_style(i, "Anna Berg") for i in range(30)] == [
        speaker_style(i, "Anna Berg") for i in range(30)
    ]


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_every_look_keeps_text_contrast_and_a_visible_line(theme) -> None:  # type: ignore[no-untyped-def]
    for i in range(DISTINCT_LOOKS):
        style = speaker_style(i)
        for strength in (0.24, 0.35, 0.38):
            assert contrast_ratio(theme.text, style.tint(theme, strength)) >= 4.5
        assert contrast_ratio(style.line(theme), theme.page) >= 3
        assert contrast_ratio(style.text_line(theme), theme.page) >= 3


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_tints_differ_wherever_the_pattern_is_the_same(theme) -> None:  # type: ignore[no-untyped-def]
    """Within one pattern (and shade) every speaker's tint is its own colour on screen."""
    looks = [speaker_style(i) for i in range(DISTINCT_LOOKS)]
    for a, b in itertools.combinations(looks, 2):
        if (a.pattern, a.pale) == (b.pattern, b.pale):
            assert a.tint(theme, 0.24) != b.tint(theme, 0.24)


def test_the_neutral_hue_is_grey_in_both_themes() -> None:
    grey = speaker_style(5)
    assert grey.hue_name == "grey"
    assert grey.tint(LIGHT, 0.24) != LIGHT.page and grey.tint(DARK, 0.24) != DARK.page
    assert contrast_ratio(grey.tint(DARK, 0.24), DARK.page) > 1.5


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Anna Berg", "AB"),
        ("Jean-Luc de Vries", "JV"),
        ("Reuters", "RE"),
        ("Олена Коваль", "ОК"),
        ("the mayor", "TM"),
        ("1234", "?"),
    ],
)
def test_initials(name: str, expected: str) -> None:
    assert initials(name) == expected


def test_initials_are_unique_within_an_article() -> None:
    styles = speaker_styles(["Anna Berg", "Arne Bakke", "Astrid Brun", "Tomas Lind"])
    assert [s.initials for s in styles.values()] == ["AB", "AB2", "AB3", "TL"]
    assert [s.index for s in styles.values()] == [0, 1, 2, 3]


def test_descriptions_name_hue_and_pattern() -> None:
    assert speaker_style(0).describe() == "bluish green tint, no underline"
    assert speaker_style(13).describe() == "reddish purple tint, dash-dot underline"
    assert speaker_style(24).describe() == "pale bluish green tint, no underline"
