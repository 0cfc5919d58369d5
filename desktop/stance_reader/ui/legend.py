"""The legend bar: one toggle per layer with its count and a sample of how the layer looks, and the
speaker key (each speaker's swatch: tint, line pattern, initials).

Owns :class:`LegendBar` and :class:`SpeakerKey`. The toggles are the window's checkable View actions
(shared, so the menu, the shortcut and the bar never disagree); the bar only adds counts and the visual
samples. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QAction, QColor, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QToolTip, QWidget

from stance_reader.core.palette import COMMITMENT_HUE, HEDGE_HUE, LIGHT, Theme, tint, underline
from stance_reader.core.speaker_style import SpeakerStyle, speaker_style
from stance_reader.ui.render_plan import LAYER_LABELS, Layer
from stance_reader.ui.speaker_look import SWATCH_SIZE, badge_font, badge_width, paint_badge

STYLE_HINTS = {
    Layer.SPEAKERS: "each speaker's quotes tinted in their colour (from the 7th speaker on also underlined"
    " dashed, dash-dot or dash-dot-dot), a bar in the margin with their initials, the name in bold",
    Layer.HEDGES: "tinted, wavy underline, the cue word in italics",
    Layer.COMMITMENTS: "tinted, solid underline, the cue word in bold",
    Layer.ENTITIES: "dotted underline; the sidebar lists them by type",
}


def speaker_label(name: str, style: SpeakerStyle) -> str:
    """ "AB · Anna Berg: bluish green tint, no underline" (tooltips, accessible names)."""
    return f"{style.initials} · {name}: {style.describe()}"


class SpeakerKey(QWidget):
    """The article's speakers as a row of swatches (as many as fit, then "+N"); hover one for its name."""

    GAP = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("speaker_key")
        self.setAccessibleName("Speaker key")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._styles: dict[str, SpeakerStyle] = {}
        self._theme: Theme = LIGHT
        self._font = badge_font()
        self._rects: list[tuple[QRectF, str]] = []

    def set_speakers(self, styles: Mapping[str, SpeakerStyle]) -> None:
        self._styles = dict(styles)
        lines = [speaker_label(name, style) for name, style in self._styles.items()]
        self.setToolTip("\n".join(lines))
        self.setAccessibleDescription("; ".join(lines))
        self.updateGeometry()
        self.update()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.update()

    def entries(self) -> list[tuple[str, SpeakerStyle]]:
        """(name, style) of every speaker in the key, in order."""
        return list(self._styles.items())

    def _chip_width(self, style: SpeakerStyle) -> float:
        return max(float(SWATCH_SIZE[0]), badge_width(style, self._font))

    def sizeHint(self) -> QSize:
        width = sum(self._chip_width(s) + self.GAP for s in self._styles.values())
        return QSize(round(width), SWATCH_SIZE[1] + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, SWATCH_SIZE[1] + 4)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._rects = []
        x, y, h = 0.0, (self.height() - SWATCH_SIZE[1]) / 2, float(SWATCH_SIZE[1])
        items = list(self._styles.items())
        more = QRectF(0, y, 28, h)
        for i, (name, style) in enumerate(items):
            width = self._chip_width(style)
            room = self.width() - (0 if i == len(items) - 1 else more.width() + self.GAP)
            if x + width > room:
                painter.setPen(QColor(self._theme.muted))
                label = f"+{len(items) - i}"
                painter.drawText(QRectF(x, y, more.width(), h), Qt.AlignmentFlag.AlignVCenter, label)
                break
            rect = QRectF(x, y, width, h)
            paint_badge(painter, style, self._theme, rect, self._font)
            self._rects.append((rect, name))
            x += width + self.GAP
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hit = next((name for rect, name in self._rects if rect.contains(event.position())), None)
            if hit is not None:
                QToolTip.showText(event.globalPos(), speaker_label(hit, self._styles[hit]), self)
                return True
        return super().event(event)


class LegendBar(QWidget):
    def __init__(self, actions: dict[Layer, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legend")
        self.setAccessibleName("Legend and layer toggles")
        self.actions = actions
        self.buttons: dict[Layer, QToolButton] = {}
        self.counts: dict[Layer, int] = dict.fromkeys(Layer, 0)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.setSpacing(6)
        title = QLabel("Show:", self)
        title.setAccessibleName("Legend")
        layout.addWidget(title)
        for layer in Layer:
            button = QToolButton(self)
            button.setObjectName(f"legend_{layer}")
            button.setDefaultAction(actions[layer])
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAutoRaise(False)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.buttons[layer] = button
            actions[layer].toggled.connect(lambda _on: self._relabel())
            layout.addWidget(button)
        self.speaker_key = SpeakerKey(self)
        layout.addWidget(self.speaker_key)
        self.hint = QLabel("", self)
        self.hint.setObjectName("legend_hint")
        self.hint.setAccessibleName("How layers are drawn")
        self.hint.setMinimumWidth(0)
        self.hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.hint, 1)

    def set_speakers(self, styles: Mapping[str, SpeakerStyle]) -> None:
        """Show these speakers' swatches in the key (empty: none)."""
        self.speaker_key.set_speakers(styles)

    def set_counts(self, counts: dict[Layer, int]) -> None:
        self.counts.update(counts)
        self._relabel()

    def _relabel(self) -> None:
        """Label = tick (shown) or empty box (hidden) + name + count: the state is readable without
        colour."""
        for layer, button in self.buttons.items():
            mark = "☑" if self.actions[layer].isChecked() else "☐"
            text = f"{mark} {LAYER_LABELS[layer]} {self.counts[layer]}"
            button.setToolTip(
                f"{LAYER_LABELS[layer]}: {STYLE_HINTS[layer]}. Click or Alt+{list(Layer).index(layer) + 1} "
                "to show or hide."
            )
            self.actions[layer].setText(text)
            self.actions[layer].setIconText(text)
            button.setAccessibleName(f"{LAYER_LABELS[layer]}: {self.counts[layer]}, toggle")

    def count_text(self, layer: Layer) -> str:
        """ "Hedges 6" as the legend shows it (without the tick)."""
        return self.buttons[layer].text()[2:]

    def apply_theme(self, theme: Theme) -> None:
        """Each toggle is drawn the way its layer looks in the text (colour never alone)."""
        first = speaker_style(0)
        samples = {
            Layer.SPEAKERS: (first.tint(theme, 0.38), "font-weight: bold;", first.line(theme), "solid"),
            Layer.HEDGES: (
                tint(HEDGE_HUE, theme, 0.30),
                "font-style: italic;",
                underline(HEDGE_HUE, theme),
                "dashed",
            ),
            Layer.COMMITMENTS: (
                tint(COMMITMENT_HUE, theme, 0.22),
                "font-weight: bold;",
                underline(COMMITMENT_HUE, theme),
                "solid",
            ),
            Layer.ENTITIES: (theme.page, "", theme.muted, "dotted"),
        }
        for layer, (bg, font, line, style) in samples.items():
            self.buttons[layer].setStyleSheet(
                f"QToolButton {{ background: {bg}; color: {theme.text}; {font} border: 1px solid {line};"
                f" border-bottom: 3px {style} {line}; border-radius: 3px; padding: 2px 8px; }}"
                f"QToolButton:!checked {{ background: transparent; color: {theme.muted};"
                f" font-weight: normal; font-style: normal; border-bottom: 1px solid {theme.muted}; }}"
                f"QToolButton:focus {{ border: 2px solid {theme.text}; }}"
            )
        self.speaker_key.set_theme(theme)
        self.hint.setText(f"<span style='color:{theme.muted}'>Hover a mark for why · ● saved</span>")
