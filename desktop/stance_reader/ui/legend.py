"""The legend bar: one toggle per layer with its count and a sample of how the layer looks.

Owns :class:`LegendBar`. The toggles are the window's checkable View actions (shared, so the menu, the
shortcut and the bar never disagree); the bar only adds counts and the visual sample. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from stance_reader.core.palette import COMMITMENT_HUE, HEDGE_HUE, Theme, speaker_hue, tint, underline
from stance_reader.ui.render_plan import LAYER_LABELS, Layer

STYLE_HINTS = {
    Layer.SPEAKERS: "each speaker's quotes tinted in their colour, a bar in the margin, the name in bold",
    Layer.HEDGES: "tinted, wavy underline, the cue word in italics",
    Layer.COMMITMENTS: "tinted, solid underline, the cue word in bold",
    Layer.ENTITIES: "dotted underline; the sidebar lists them by type",
}


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
        self.hint = QLabel("", self)
        self.hint.setObjectName("legend_hint")
        self.hint.setAccessibleName("How layers are drawn")
        self.hint.setMinimumWidth(0)
        self.hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.hint, 1)

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
        samples = {
            Layer.SPEAKERS: (
                tint(speaker_hue(0), theme, 0.38),
                "font-weight: bold;",
                underline(speaker_hue(0), theme),
                "solid",
            ),
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
        self.hint.setText(f"<span style='color:{theme.muted}'>Hover a mark for why · ● saved</span>")
