"""core/ holds plain data shared by every layer: it imports the standard library and itself only, so the
CLI, the window, the store and the workers can all load it without Qt, spaCy or a database driver."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import stance_reader.core

CORE = Path(stance_reader.core.__file__).parent


def _imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_core_imports_the_standard_library_only() -> None:
    allowed = set(sys.stdlib_module_names) | {"__future__", "stance_reader"}
    found = {path.name: _imported_roots(path) - allowed for path in sorted(CORE.glob("*.py"))}
    assert len(found) >= 4  # the package was found
    assert {name: roots for name, roots in found.items() if roots} == {}


def test_core_imports_nothing_above_it() -> None:
    for path in sorted(CORE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("stance_reader."):
                assert node.module.startswith("stance_reader.core"), f"{path.name} imports {node.module}"
