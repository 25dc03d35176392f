"""Loading the config file for a `tingbot` command: every problem printed, one line each."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.config.load import ConfigError, load
from bot.config.model import Config


def load_or_report(path: Path, require_token: bool = True) -> Config | None:
    """The config, or None after printing every problem to stderr."""
    try:
        return load(path, require_token=require_token)
    except ConfigError as exc:
        count = len(exc.problems)
        print(f"tingbot: {path} has {count} problem{'' if count == 1 else 's'}:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return None
