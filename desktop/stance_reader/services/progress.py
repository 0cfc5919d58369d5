"""Progress of a long analysis in words: "analysing: 12% (3.6/30.0 MB) ETA 9 min".

Owns :func:`progress_text` (the words, shared by the CLI and the window's status bar) and
:class:`ProgressLine` (the CLI's line on stderr: redrawn in place on a terminal, one line per ~10 %
otherwise, so a log file gets a dozen lines, not thousands). Sizes are MB of UTF-8 text (10^6 bytes; kB under
1 MB), estimated from code points with the text's own bytes-per-character ratio.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

# Redraw a terminal line at most this often (seconds): fast enough to look alive, cheap to print.
REDRAW_S = 0.5
LOG_STEP = 10  # percent between lines when stderr is not a terminal


def mb_per_char(text: str) -> float:
    """MB of UTF-8 per code point of ``text`` (1e-6 for ASCII), counted on a sample so a 30 MB text is
    not encoded whole just to label a progress bar."""
    step = max(1, len(text) // 64)
    sample = "".join(text[i : i + 1024] for i in range(0, len(text), step))
    return len(sample.encode("utf-8", "replace")) / max(1, len(sample)) / 1e6


def duration_text(seconds: float) -> str:
    """"40 s", "9 min", "1 h 05 min": as precise as a person reading an ETA wants."""
    if seconds < 60:
        return f"{max(1, round(seconds))} s"
    minutes = round(seconds / 60)
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60:02d} min"


def progress_text(done: int, total: int, scale: float, elapsed: float | None, verb: str = "analysing") -> str:
    """``done``/``total`` in code points, ``scale`` MB per code point, ``elapsed`` seconds of analysis
    so far (None: not started yet, no ETA)."""
    percent = 100 * done // max(1, total)
    line = f"{verb}: {percent}% ({_sizes(done * scale, total * scale)})"
    if elapsed is not None and done > 0 and done < total:
        line += f" ETA {duration_text(elapsed * (total - done) / done)}"
    return line


def _sizes(done_mb: float, total_mb: float) -> str:
    """"3.6/30.0 MB"; under 1 MB in kB ("12/85 kB"), where "0.0/0.1 MB" would say nothing."""
    if total_mb >= 1.0:
        return f"{done_mb:.1f}/{total_mb:.1f} MB"
    return f"{done_mb * 1000:.0f}/{total_mb * 1000:.0f} kB"


class ProgressLine:
    """The CLI's progress on ``stream``: call :meth:`update` with code points done, :meth:`finish` at
    the end. The first line is printed at once (before the pipeline loads), so a long run never starts
    in silence."""

    def __init__(
        self, text: str, stream: TextIO, clock: Callable[[], float] = time.monotonic, tty: bool | None = None
    ) -> None:
        self.total = len(text)
        self.scale = mb_per_char(text)
        self._stream = stream
        self._clock = clock
        self._tty = stream.isatty() if tty is None else tty
        self._started: float | None = None  # when the first chunk began (pipeline loaded)
        self._last_draw = float("-inf")
        self._last_step = -1
        self._show(progress_text(0, self.total, self.scale, None) + " loading the pipeline…")

    def update(self, done: int) -> None:
        """``done`` code points analysed; the first call (``done == 0``) starts the ETA clock."""
        now = self._clock()
        if self._started is None:
            self._started = now
        text = progress_text(done, self.total, self.scale, now - self._started)
        if self._tty:
            if now - self._last_draw >= REDRAW_S:
                self._show(text)
                self._last_draw = now
            return
        step = 100 * done // max(1, self.total) // LOG_STEP
        if step > self._last_step:
            self._last_step = step
            self._show(text)

    def finish(self, done: int | None = None) -> None:
        """End the line: the size, the time and the rate (or how far it got when stopped early)."""
        done = self.total if done is None else done
        took = self._clock() - (self._started if self._started is not None else self._clock())
        mb = done * self.scale
        rate = f", {took / mb:.0f} s per MB" if mb >= 0.1 and took > 0 else ""
        verb = "analysed" if done >= self.total else "stopped after"
        self._show(f"{verb} {mb:.1f} MB in {duration_text(took)}{rate}")
        if self._tty:
            self._stream.write("\n")
            self._stream.flush()

    def _show(self, text: str) -> None:
        if self._tty:
            self._stream.write("\r" + text + "\x1b[K")  # back to the line start, clear what is left
        else:
            self._stream.write(text + "\n")
        self._stream.flush()


__all__ = ["ProgressLine", "duration_text", "mb_per_char", "progress_text"]
