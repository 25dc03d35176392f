"""The consultation as renderers see it: its definition is plain frozen data already.

The configuration's dataclasses (title, background, themes, questions, groups, rules) are
immutable and reach no file, storage or service, so they serve as view models unchanged;
renderers take them from here, so that `bot.model` is the one place render takes data from and
never the configuration's loading and reading.
"""

from __future__ import annotations

from bot.config.model import CaseFrame, Consultation, Question, Theme

__all__ = ["CaseFrame", "Consultation", "Question", "Theme"]
