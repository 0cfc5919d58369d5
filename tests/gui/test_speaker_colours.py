"""Seven speakers on screen, no two alike: the reader's formats, the sidebar swatches and the legend's
speaker key (issue 17). The article is our own, with fictional people; the analysis is canned so the
quotes are exact (the real pipeline's attribution is tested under tests/nlp)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_analysis import commitment, entities, hedge, quote
from PySide6.QtGui import QTextCharFormat
from windows import present

from stance_reader.app import build_window, open_library
from stance_reader.core import Analysis
from stance_reader.core.speaker_style import LinePattern
from stance_reader.ui.main_window import MainWindow
from stance_reader.ui.render_plan import SPEAKER_PROPERTY, Layer
from stance_reader.ui.speaker_look import SWATCH_SIZE

WAIT_MS = 30_000

SEVEN = (
    ("We cannot leave the island cut off after dark", "Anna Berg"),
    ("The budget simply does not stretch that far", "Tomas Lind"),
    ("Fishermen need the late crossing more than anyone", "Mirela Kovač"),
    ("I will ask the county to share the cost", "Jonas Ekholm"),
    ("Nobody asked the crews what they think", "Sigrid Aune"),
    ("The timetable may change again in spring", "Pia Halvorsen"),
    ("We will publish the ridership figures every month", "Leila Haddad"),
)
ARTICLE = "Harbour council splits over the night ferry\n\n" + "\n\n".join(
    [
        "The council voted on Tuesday to keep the night ferry to Vessøy running until March.",
        *(f"\u201c{said},\u201d said {who}." for said, who in SEVEN),
        "The ferry company declined to comment.",
    ]
)


def seven_speakers(text: str) -> Analysis:
    quotes = tuple(quote(text, said, who, who) for said, who in SEVEN)
    marks = (
        hedge(text, "The timetable may change again in spring", "may", "Pia Halvorsen"),
        commitment(text, "I will ask the county to share the cost", "will ask", "Jonas Ekholm"),
    )
    people = entities(text, {who: ("PERSON", who) for _said, who in SEVEN})
    return Analysis(marks=marks, quotes=quotes, entities=people, pipeline="seven-speakers")


class SevenSpeakerAnalyzer:
    name = "canned"
    version = "canned-seven-1"

    def analyze(self, text: str) -> Analysis:
        return seven_speakers(text)


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    from stance_reader.services import analysis

    monkeypatch.setattr(analysis, "_ANALYZER", SevenSpeakerAnalyzer())
    store, problem = open_library(str(tmp_path / "library.sqlite3"))
    assert not problem, problem
    windows: list[MainWindow] = []
    present(qtbot, build_window(store, "light", restore_layout=False), windows)
    path = tmp_path / "night-ferry.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    with qtbot.waitSignal(windows[0].analysis_ready, timeout=WAIT_MS):
        windows[0].open_path(path)
    wait_drawn(qtbot, windows[0])
    yield windows[0]
    for w in windows:
        w.close()


def wait_drawn(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not window.reader.is_rendering() and not window.lane.is_busy(), timeout=WAIT_MS)


def quote_formats(window: MainWindow) -> dict[str, QTextCharFormat]:
    """Each speaker's format on the first letter of their quote (no hedge, commitment or name there)."""
    text = window.current_article.text  # type: ignore[union-attr]
    return {who: window.reader.char_format_at(text.index(said)) for said, who in SEVEN}


def look(fmt: QTextCharFormat) -> tuple[str, QTextCharFormat.UnderlineStyle, str]:
    return fmt.background().color().name(), fmt.underlineStyle(), fmt.underlineColor().name()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_seven_speakers_never_share_colour_and_pattern(qtbot, window: MainWindow, theme: str) -> None:  # type: ignore[no-untyped-def]
    window.actions_by_name[f"theme_{theme}"].trigger()
    wait_drawn(qtbot, window)
    formats = quote_formats(window)
    assert [f.property(SPEAKER_PROPERTY) for f in formats.values()] == [who for _s, who in SEVEN]
    looks = {who: look(fmt) for who, fmt in formats.items()}
    for (a, la), (b, lb) in itertools.combinations(looks.items(), 2):
        assert (la[0], la[1]) != (lb[0], lb[1]), f"{a} and {b} look the same: {la}"
    # The sidebar's swatches follow the theme too (the badge's fill is the speaker's strong tint).
    styles = window.sidebar.speaker_styles()
    for who, style in styles.items():
        icon = window.sidebar.speaker_item(who).icon(0).pixmap(*SWATCH_SIZE).toImage()  # type: ignore[union-attr]
        assert icon.pixelColor(6, 4).name().upper() == style.tint(window.theme(), 0.38).upper()
    # The seventh shares the first one's hue: the line pattern is what tells them apart.
    first, seventh = looks["Anna Berg"], looks["Leila Haddad"]
    assert first[0] == seventh[0]
    assert first[1] == QTextCharFormat.UnderlineStyle.NoUnderline
    assert seventh[1] == QTextCharFormat.UnderlineStyle.DashUnderline


def test_the_pattern_covers_the_whole_quote_under_other_layers(window: MainWindow) -> None:
    """Leila Haddad's commitment-free words are dashed to the end; a hedge inside a quote keeps its wave."""
    text = window.current_article.text  # type: ignore[union-attr]
    said = "the ridership figures every month"
    start = text.index(said)
    for offset in range(start, start + len(said)):
        assert window.reader.char_format_at(offset).underlineStyle() in (
            QTextCharFormat.UnderlineStyle.DashUnderline,
            QTextCharFormat.UnderlineStyle.SingleUnderline,  # the commitment's own line wins where it is
        )
    may = text.index("may change")
    assert window.reader.char_format_at(may).underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline


def test_sidebar_and_legend_list_seven_distinct_swatches(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: len(window.legend.speaker_key.entries()) == 7, timeout=WAIT_MS)
    assert window.legend.count_text(Layer.SPEAKERS) == "Speakers 7"
    styles = window.sidebar.speaker_styles()
    assert list(styles) == [who for _s, who in SEVEN]
    assert len({s.look for s in styles.values()}) == 7
    assert len({s.initials for s in styles.values()}) == 7
    for who, style in styles.items():
        item = window.sidebar.speaker_item(who)
        assert item is not None and not item.icon(0).isNull()
        assert style.describe() in item.toolTip(0) and style.initials in item.toolTip(0)
    assert window.legend.speaker_key.entries() == list(styles.items())
    key_tip = window.legend.speaker_key.toolTip()
    assert key_tip.count("\n") == 6 and "LH · Leila Haddad: bluish green tint, dashed underline" in key_tip
    assert styles["Leila Haddad"].pattern is LinePattern.DASHED


def test_reader_formats_and_sidebar_agree(window: MainWindow) -> None:
    """The swatch a speaker gets in the sidebar is the style the reader drew their quote with."""
    styles = window.sidebar.speaker_styles()
    theme = window.theme()
    for who, fmt in quote_formats(window).items():
        assert fmt.background().color().name().upper() == styles[who].tint(theme, 0.24).upper()
        if styles[who].pattern is not LinePattern.PLAIN:
            assert fmt.underlineColor().name().upper() == styles[who].text_line(theme).upper()
