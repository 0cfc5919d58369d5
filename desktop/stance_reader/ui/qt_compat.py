"""Work-arounds for defects in the Qt bindings, applied once at start-up (``app.py``, GUI tests).

Owns :func:`protect_none_refcount`: PySide6 6.12.0 on CPython 3.11 drops one reference to ``None`` on
every call of a C++ method returning ``void`` (measured: 1,000 ``QTextCursor.setPosition`` calls lower
``sys.getrefcount(None)`` by 1,000), so a session aborts with "Fatal Python error: none_dealloc" after a
few thousand calls. CPython 3.12 made ``None`` immortal; 6.11.3 does not have the bug. On the affected
combination we give ``None`` a huge reference count once, which is what 3.12 does by design.
"""

from __future__ import annotations

import sys


def affected(pyside_version: str, python: tuple[int, int]) -> bool:
    return python < (3, 12) and pyside_version.startswith("6.12")


def protect_none_refcount() -> bool:
    """Apply the work-around when needed; True when it was applied."""
    import PySide6

    if not affected(PySide6.__version__, sys.version_info[:2]):
        return False
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
    return True
