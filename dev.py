#!/usr/bin/env python3
"""Set up the project's virtual environment on demand, then run the app or the test suite.

    python3 dev.py run [ARGS...]    create/update .venv, start Stance Reader (bundled sample by default)
    python3 dev.py test [ARGS...]   create/update .venv, run ruff, the layer contracts and pytest
    python3 dev.py train [ARGS...]  create/update .venv with the training extra, retrain the stance
                                    decider from ../shared/eval (models/stance_model.json)
    python3 dev.py train attribution
                                    retrain the attribution models on PolNeAR train, in order: the
                                    frame model, the speaker chooser, the report filter, the
                                    content-end chooser

Only the standard library is used here, so this works on a fresh machine with Python >= 3.11.
The install is redone only when pyproject.toml changes (a hash stamp in .venv).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".dev-stamp"


def _python() -> Path:
    return BIN / ("python.exe" if os.name == "nt" else "python")


def ensure_env(extras: str = "test") -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs on the system Python, not .venv
        sys.exit(f"Stance Reader needs Python >= 3.11; this is {sys.version.split()[0]}")
    if not _python().exists():
        print("creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == want:
        return
    print("installing Stance Reader and its dependencies into .venv ...", flush=True)
    pip = [str(_python()), "-m", "pip", "--disable-pip-version-check"]
    subprocess.run([*pip, "install", "-q", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "-q", "-e", f"{ROOT}[{extras}]"], check=True)
    STAMP.write_text(want)


def run_app(args: list[str]) -> int:
    return subprocess.call([str(BIN / "stance-reader"), *args])


def run_tests(args: list[str]) -> int:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    steps = [
        # --no-cache: ruff's cache does not notice a helper module moving between folders (its import
        # sorting depends on where first-party modules are), so a stale tree could pass what CI fails.
        [str(BIN / "ruff"), "check", "--no-cache", "desktop", "tests", "dev.py"],
        [str(BIN / "lint-imports")],
        [str(_python()), "-m", "pytest", "-q", *args],
    ]
    for step in steps:
        print("$", " ".join(Path(step[0]).name if i == 0 else a for i, a in enumerate(step)), flush=True)
        code = subprocess.call(step, cwd=ROOT, env=env)
        if code:
            return code
    return 0


# Each attribution model is trained with the ones before it loaded, so the order matters.
ATTRIBUTION_TRAINING = (
    "train_attribution.py", "train_speakers.py", "train_report_filter.py", "train_content_ends.py",
)


def run_training(args: list[str]) -> int:
    tools = ROOT / "models" / "tools"
    if args[:1] == ["attribution"]:
        env = {**os.environ, "PYTHONPATH": str(ROOT / "desktop")}
        for script in ATTRIBUTION_TRAINING:
            code = subprocess.call([str(_python()), str(tools / script), *args[1:]], cwd=ROOT, env=env)
            if code:
                return code
        return 0
    return subprocess.call([str(_python()), str(tools / "train_stance.py"), *args], cwd=ROOT)


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in {"run", "test", "train"}:
        print(__doc__, file=sys.stderr)
        return 2
    command, rest = sys.argv[1], sys.argv[2:]
    if command == "train":
        ensure_env("test,train")
        return run_training(rest)
    ensure_env()
    return run_app(rest) if command == "run" else run_tests(rest)


if __name__ == "__main__":
    raise SystemExit(main())
