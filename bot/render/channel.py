"""The channel post: the compiled summary as Telegram HTML, shaped like the council's case text.

Title, then per theme its questions, each with the points raised by enough groups as bullets
"• label (6 av 8 grupper)" and then the other points. Only the questions chosen for the channel
are posted (`left_out` names the others), and only those with a point to show: the public never
reads "(ingen)" or "no answers to this question"; a theme without such a question is left out
too. Hidden points are never shown; names only when the consultation sets `show_names`. After
a cross-group round each point with votes gets a line with its support (and 🤝 for common
ground), and the post ends with what the figures mean.
Always in the consultation's language.
"""

from __future__ import annotations

from collections.abc import Collection

from bot.domain.summary import SummaryPoint
from bot.i18n.translator import esc, translator
from bot.model.report import ReportSource
from bot.model.summary import QuestionDigest
from bot.render.wording import (
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


def posted_questions(
    source: ReportSource, left_out: Collection[str] = ()
) -> list[tuple[int, QuestionDigest]]:
    """(number, question) of every question the post shows: chosen, and with a point to show.
    The number is the question's place in the consultation, as participants saw it."""
    return [
        (number, question)
        for number, question in enumerate(source.digest.questions, start=1)
        if question.question.key not in left_out
        and question.summary.groups_answering
        and (question.summary.headline or question.summary.others)
    ]


def channel_post(
    source: ReportSource, version: int | None = None, left_out: Collection[str] = ()
) -> str:
    """The whole post as HTML (split it with `split_html`); `version` marks an updated post,
    `left_out` names the questions (by key) an organiser chose not to post."""
    digest = source.digest
    consultation = digest.consultation
    language = consultation.language
    _ = translator(language)
    blocks = [_head(source)]
    theme_key = None
    for number, question in posted_questions(source, left_out):
        theme = consultation.theme_of(question.question.key)
        if theme.key != theme_key:
            theme_key = theme.key
            blocks.append(f"<b><u>{esc(theme.title.get(language))}</u></b>")
        blocks.append(f"<i>{number}. {esc(question.question.text.get(language))}</i>")
        summary = question.summary
        answering = len(summary.groups_answering)
        sections = [(headline_title(_, consultation), summary.headline)]
        sections.append((_(OTHERS_TITLE), summary.others))
        for title, points in sections:
            if points:
                lines = [f"<b>{title}</b>"]  # translated texts are HTML already
                lines += [_bullet(source, point, answering) for point in points]
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
