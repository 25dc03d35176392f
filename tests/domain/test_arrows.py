"""The import arrows of the layout hold: render draws models, models are plain data, the domain
is pure, services never reach handlers or jobs (contracts in pyproject.toml, import-linter)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# In its own process: import-linter reconfigures logging, which later tests rely on.
CHECK = (
    "import sys\n"
    "from importlinter.cli import lint_imports\n"
    "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True, no_logo=True))\n"
)


def test_every_import_contract_is_kept() -> None:
    # Every import counts, those inside functions and under TYPE_CHECKING too.
    done = subprocess.run(
        [sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout
