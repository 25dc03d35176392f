"""The report as a neutral outline (headings, paragraphs, bullets) that Markdown and DOCX render.

Shaped like a council case document (saksframlegg): title, background, the questions, the
compiled summary with group counts, the other points, and an appendix with every answer per
group. After a cross-group round, each point with votes carries its support, and a section on
agreement across the groups explains the figures and lists the common-ground points first.
Anonymous unless the consultation sets `show_names`. In the consultation's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from zoneinfo import ZoneInfo

from bot.domain.summary import SummaryPoint
from bot.i18n.translator import N_, Translate, translator
from bot.model.report import ReportSource
from bot.render.support import support_line
from bot.render.wording import (
    NO_POINTS,
    OTHERS_TITLE,
    group_count,
    headline_title,
    support_explanation,
    support_note,
)

BlockKind = Literal["title", "heading", "paragraph", "note", "bullet", "numbered", "table"]
AGREEMENT_TITLE = N_("Agreement across the groups")


@dataclass(frozen=True)
class Block:
    """One element of the report; `text` is plain text, `detail` an optional trailing remark,
    `support` an optional line under a bullet (a point's support in the round), `rows` a
    table's rows (the first is its header row), `new_page` a page break before the block."""

    kind: BlockKind
    text: str
    level: int = 0
    detail: str = ""
    support: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    new_page: bool = False


def report_outline(source: ReportSource) -> list[Block]:
    """The whole report, section by section."""
    _ = translator(source.language)
    return [
        *_front(source, _),
        *_questions(source, _),
        *_summary(source, _),
        *_agreement(source, _),
        *_appendix(source, _),
    ]


def _front(source: ReportSource, _: Translate) -> list[Block]:
    """Title, the draft note and the background."""
    from babel.dates import format_date  # imported on first use: slow to import at start-up

    consultation = source.consultation
    language = source.language
    local = source.made_at.astimezone(ZoneInfo(consultation.timezone))
    pattern = "d MMMM y" if language == "en" else "d. MMMM y"
    answering = {r.group_id for r in source.digest.answers.values()}
    participants = {r.participant_id for r in source.digest.answers.values()}
    blocks = [
        Block("title", consultation.title.get(language)),
        Block(
            "note",
            _(
                "Draft case document from tingbot, {date}.",
                date=format_date(local, pattern, locale=language),
            ),
        ),
        Block(
            "note",
            _(
                "{groups} of {total} groups and {participants} participants have answered.",
                groups=len(answering),
                total=len(consultation.groups),
                participants=len(participants),
            ),
        ),
        Block("heading", _("Background"), 1),
    ]
    background = consultation.background.get(language).strip()
    for paragraph in background.split("\n\n"):
        if paragraph.strip():
            blocks.append(Block("paragraph", " ".join(paragraph.split())))
    return blocks


def _questions(source: ReportSource, _: Translate) -> list[Block]:
    """The questions, per theme."""
    language = source.language
    blocks = [Block("heading", _("Questions"), 1)]
    theme_key = None
    for number, question in enumerate(source.digest.questions, start=1):
        theme = source.consultation.theme_of(question.question.key)
        if theme.key != theme_key:
            theme_key = theme.key
            blocks.append(Block("heading", theme.title.get(language), 2))
        blocks.append(Block("numbered", f"{number}. {question.question.text.get(language)}"))
    return blocks


def _summary(source: ReportSource, _: Translate) -> list[Block]:
    """Per question: the headline points and the other points with their group counts."""
    language = source.language
    total = len(source.consultation.groups)
    blocks = [Block("heading", _("Compiled summary of the answers"), 1)]
    if source.has_votes:
        blocks.append(
            Block(
                "note",
                _(
                    "Under each point with votes is its support in the round across the groups; "
                    "“{section}” explains the figures.",
                    section=_(AGREEMENT_TITLE),
                ),
            )
        )
    for number, question in enumerate(source.digest.questions, start=1):
        summary = question.summary
        answering = len(summary.groups_answering)
        if not answering:
            continue  # a question nobody answered gets no section of its own
        blocks.append(Block("heading", f"{number}. {question.question.text.get(language)}", 2))
        blocks.append(
            Block(
                "note",
                _("Answers from {count} of {total} groups.", count=answering, total=total),
            )
        )
        sections = [(headline_title(_, source.consultation), summary.headline)]
        sections.append((_(OTHERS_TITLE), summary.others))
        for title, points in sections:
            blocks.append(Block("heading", title, 3))
            blocks += [_point(source, _, point, answering) for point in points]
            if not points:
                blocks.append(Block("paragraph", _(NO_POINTS)))
        blocks.append(_group_table(source, _, (*summary.headline, *summary.others)))
    return blocks


def _point(source: ReportSource, _: Translate, point: SummaryPoint, answering: int) -> Block:
    """A summary point with its group count (which groups: the question's table)."""
    count = group_count(_, len(point.groups), answering)
    support = support_note(_, source.support_of(point))
    return Block("bullet", f"{point.label} ({count})", support=support)


def _group_table(source: ReportSource, _: Translate, points: tuple[SummaryPoint, ...]) -> Block:
    """Which groups (and names, if shown) raised each point, as a table with a header row."""
    rows: list[tuple[str, ...]] = [(_("Point"), _("Groups"))]
    for point in points:
        groups = ", ".join(source.digest.group_name(key) for key in point.groups)
        names = source.names_of(point) if source.consultation.show_names else ()
        if names:
            groups += " – " + ", ".join(names)
        rows.append((point.label, groups))
    return Block("table", _("Groups behind each point"), rows=tuple(rows))


def _agreement(source: ReportSource, _: Translate) -> list[Block]:
    """After a round: what the support figures mean, the common-ground points, then the other
    points with votes by agree share (nothing without votes)."""
    if not source.has_votes:
        return []
    common: list[Block] = []
    others: list[tuple[float, int, Block]] = []
    for number, question in enumerate(source.digest.questions, start=1):
        for point in (*question.summary.headline, *question.summary.others):
            support = source.support_of(point)
            if support is None or support.agree_share is None:
                continue
            block = Block(
                "bullet",
                point.label,
                detail=_("question {number}", number=number),
                support=support_line(_, support),
            )
            if support.common_ground:
                common.append(block)
            else:
                others.append((-support.agree_share, -support.votes, block))
    blocks = [
        Block("heading", _(AGREEMENT_TITLE), 1),
        Block("paragraph", support_explanation(_, source.consultation)),
        Block("heading", _("Common ground"), 2),
        *(common or [Block("paragraph", _("No point found common ground."))]),
    ]
    if others:
        blocks.append(Block("heading", _("Other points with votes"), 2))
        blocks += [block for *_order, block in sorted(others, key=lambda o: o[:2])]
    return blocks


def _appendix(source: ReportSource, _: Translate) -> list[Block]:
    """Every active answer, per question (its text once) and group; then the silent groups."""
    language = source.language
    title = _("Appendix: all answers per group")
    blocks = [Block("heading", title, 1, new_page=True)]
    silent = {group.key: group.name for group in source.consultation.groups}
    for number, question in enumerate(source.digest.questions, start=1):
        per_group = [
            (group.name, source.answers_to(question, group.key))
            for group in source.consultation.groups
        ]
        if not any(answers for _name, answers in per_group):
            continue
        blocks.append(Block("heading", f"{number}. {question.question.text.get(language)}", 2))
        for (name, answers), group in zip(per_group, source.consultation.groups, strict=True):
            if not answers:
                continue
            silent.pop(group.key, None)
            blocks.append(Block("heading", name, 3))
            for row in answers:
                writer = row.first_name if source.consultation.show_names else ""
                blocks.append(Block("bullet", row.text, detail=writer))
    if silent:
        names = ", ".join(silent.values())
        blocks.append(Block("note", _("No answers from: {groups}.", groups=names)))
    return blocks
