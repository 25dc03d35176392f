"""Counted nouns ("1 svar", "5 deltakarar") for compact organiser views."""

from __future__ import annotations

from bot.i18n.translator import Html, Translate


def counted(_: Translate, count: int, one: str, many: str, **values: object) -> Html:
    """`one` or `many` (message ids marked with N_) for `count`: nn, nb and en have two forms."""
    return Html(_(one if count == 1 else many, count=count, **values))
