"""Figures the reliability tests measure, printed at the end of the run (tests/conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FIGURES: dict[str, dict[str, Any]] = {}


def report_figures(name: str, figures: dict[str, Any], folder: Path | None = None) -> None:
    """Keep figures for the run's summary (and write them as JSON into `folder`)."""
    FIGURES[name] = figures
    print(f"{name}: {figures}")
    if folder is not None:
        slug = "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")
        (folder / f"figures-{slug}.json").write_text(json.dumps(figures, indent=2), "utf-8")
