"""The import arrows of the layout hold: render draws models, models are plain data, the domain
is pure, services never reach handlers or jobs (contracts in pyproject.toml, import-linter)."""

from __future__ import annotations

from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]


def test_every_import_contract_is_kept() -> None:
    # Every import counts, those inside functions and under TYPE_CHECKING too.
    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    assert code == 0
