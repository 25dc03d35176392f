"""The channel post: the compiled summary as Telegram HTML, shaped like the council's case text.

Title, then per theme its questions, each with the points raised by enough groups as bullets
"• label (6 av 8 grupper)" and then the other points. Hidden points are never shown; names only
when the consultation sets `show_names`. After a cross-group round each point with votes gets a
line with its support (and 🤝 for common ground), and the post ends with what the figures mean.
Always in the consultation's language.
"""

from __future__ import annotations

from bot.domain.summary import SummaryPoint
from bot.i18n.translator import esc, translator
from bot.model.report import ReportSource
from bot.render.wording import (
    NO_ANSWERS,
    NO_POINTS,
    OTHERS_TITLE,
    group_count,
    headline_title,
    support_explanation,
    support_note,
)


def _head(source: ReportSource) -> str:
    """The post's first block: the consultation's title."""
    return f"<b>{esc(source.consultation.title.get(source.language))}</b>"


def with_version(source: ReportSource, post: str, version: int) -> str:
    """A post drawn by `channel_post` marked as updated version `version` under its title."""
    _ = translator(source.language)
    head = _head(source)
    if not post.startswith(head):
        raise ValueError("not a channel post of this source")
    marker = "\n<i>" + _("Updated version {version}", version=version) + "</i>"
    return head + marker + post[len(head) :]


def channel_post(source: ReportSource, version: int | None = None) -> str:
    """The whole post as HTML (split it with `split_html`); `version` marks an updated post."""
    digest = source.digest
    consultation = digest.consultation
    language = consultation.language
    _ = translator(language)
    blocks = [_head(source)]
    theme_key = None
    for number, question in enumerate(digest.questions, start=1):
        theme = consultation.theme_of(question.question.key)
        if theme.key != theme_key:
            theme_key = theme.key
            blocks.append(f"<b><u>{esc(theme.title.get(language))}</u></b>")
        asked = f"<i>{number}. {esc(question.question.text.get(language))}</i>"
        summary = question.summary
        answering = len(summary.groups_answering)
        if not answering:
            blocks.append(asked + "\n" + _(NO_ANSWERS))
            continue
        blocks.append(asked)
        sections = [(headline_title(_, consultation), summary.headline)]
        if summary.others:
            sections.append((_(OTHERS_TITLE), summary.others))
        for title, points in sections:
            lines = [f"<b>{title}</b>"]  # translated texts are HTML already
            lines += [_bullet(source, point, answering) for point in points] or [_(NO_POINTS)]
            blocks.append("\n".join(lines))
    if source.has_votes:
        blocks.append("<i>" + support_explanation(_, consultation) + "</i>")
    post = "\n\n".join(blocks)
    return post if version is None else with_version(source, post, version)


def _bullet(source: ReportSource, point: SummaryPoint, answering: int) -> str:
    """One point: "• label (6 av 8 grupper)", with names when the consultation shows them."""
    _ = translator(source.language)
    line = f"• {esc(point.label)} ({group_count(_, len(point.groups), answering)})"
    if source.consultation.show_names:
        names = source.names_of(point)
        if names:
            line += " – <i>" + esc(", ".join(names)) + "</i>"
    note = support_note(_, source.support_of(point))
    if note:
        line += f"\n   <i>{note}</i>"  # translated texts with numbers: HTML already
    return line
