"""The report as a neutral outline (headings, paragraphs, bullets, tables) that Markdown and DOCX
render, shaped as a council case document (saksframlegg).

The case frame (title, case number, committee, meeting date, officer) from the consultation's
`case` settings; then Bakgrunn (the background and the questions asked), Samanstilling (per
answered question the headline points and the other points with group counts, the groups
behind each point in a table, and after a cross-group round the agreement across the groups),
Vurdering and Forslag til vedtak (headed, left for the officer) and Vedlegg with every answer
per group. A question nobody answered has no section. Anonymous unless the consultation sets
`show_names`. In the consultation's language.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.domain.summary import SummaryPoint
from bot.i18n.translator import Translate, translator
from bot.model.consultation import CaseFrame
from bot.model.report import ReportSource
from bot.render.report_block import Block, BlockKind
from bot.render.report_sections import AGREEMENT_TITLE, agreement, appendix, officer_sections
from bot.render.wording import OTHERS_TITLE, group_count, headline_title, support_note

__all__ = ["Block", "BlockKind", "case_title", "report_outline"]


def report_outline(source: ReportSource) -> list[Block]:
    """The whole report, section by section."""
    _ = translator(source.language)
    return [
        *_front(source, _),
        *_background(source, _),
        *_summary(source, _),
        *agreement(source, _),
        *officer_sections(_),
        *appendix(source, _),
    ]


def case_title(source: ReportSource) -> str:
    """The case's title: the configured case title, else the consultation's."""
    title = source.consultation.case.title or source.consultation.title
    return title.get(source.language)


def _front(source: ReportSource, _: Translate) -> list[Block]:
    """Title, the case frame as a small table, and the draft note."""
    from babel.dates import format_date  # imported on first use: slow to import at start-up

    consultation = source.consultation
    language = source.language
    case = consultation.case
    local = source.made_at.astimezone(ZoneInfo(consultation.timezone))
    long_date = "d MMMM y" if language == "en" else "d. MMMM y"
    blocks = [Block("title", case_title(source))]
    frame = [
        (_("Case number"), case.number),
        (_("Committee"), case.committee),
        (_("Meeting date"), _short_date(case, language)),
        (_("Case officer"), case.officer),
    ]
    shown = [(label, value) for label, value in frame if value]
    if shown:
        header = tuple(label for label, _value in shown)
        blocks.append(Block("table", "", rows=(header, tuple(value for _l, value in shown))))
    draft = _(
        "Draft case document from tingbot, {date}.",
        date=format_date(local, long_date, locale=language),
    )
    blocks.append(Block("note", draft))
    return blocks


def _short_date(case: CaseFrame, language: str) -> str:
    """The meeting date as "11.06.2026" (Norwegian) or "11 June 2026" (English), or ""."""
    from babel.dates import format_date

    if case.meeting_date is None:
        return ""
    return format_date(
        case.meeting_date, "d MMMM y" if language == "en" else "dd.MM.y", locale=language
    )


def _background(source: ReportSource, _: Translate) -> list[Block]:
    """Bakgrunn: the consultation's background, then the questions the groups were asked."""
    language = source.language
    consultation = source.consultation
    blocks = [Block("heading", _("Background"), 1)]
    for paragraph in consultation.background.get(language).strip().split("\n\n"):
        if paragraph.strip():
            blocks.append(Block("paragraph", " ".join(paragraph.split())))
    blocks.append(Block("paragraph", _("The groups discussed these questions:")))
    theme_key = None
    for number, question in enumerate(source.digest.questions, start=1):
        theme = consultation.theme_of(question.question.key)
        if theme.key != theme_key:
            theme_key = theme.key
            blocks.append(Block("heading", theme.title.get(language), 2))
        blocks.append(Block("numbered", f"{number}. {question.question.text.get(language)}"))
    return blocks


def _summary(source: ReportSource, _: Translate) -> list[Block]:
    """Samanstilling: per answered question the headline points and the other points with
    their group counts, and a table of the groups behind each point."""
    language = source.language
    total = len(source.consultation.groups)
    answering = {r.group_id for r in source.digest.answers.values()}
    participants = {r.participant_id for r in source.digest.answers.values()}
    blocks = [
        Block("heading", _("Summary"), 1),
        Block(
            "paragraph",
            _(
                "{groups} of {total} groups and {participants} participants have answered.",
                groups=len(answering),
                total=total,
                participants=len(participants),
            ),
        ),
    ]
    paper = sum(1 for r in source.digest.answers.values() if r.from_paper)
    if paper:
        typed = (
            _("One of the answers was typed in from a paper sheet.")
            if paper == 1
            else _("{count} of the answers were typed in from paper sheets.", count=paper)
        )
        blocks.append(Block("paragraph", typed))
    if source.has_votes:
        note = _(
            "Under each point with votes is its support in the round across the groups; "
            "“{section}” explains the figures.",
            section=_(AGREEMENT_TITLE),
        )
        blocks.append(Block("note", note))
    for number, question in enumerate(source.digest.questions, start=1):
        summary = question.summary
        groups = len(summary.groups_answering)
        if not groups:
            continue  # a question nobody answered gets no section of its own
        blocks.append(Block("heading", f"{number}. {question.question.text.get(language)}", 2))
        blocks.append(
            Block("note", _("Answers from {count} of {total} groups.", count=groups, total=total))
        )
        blocks.append(Block("heading", headline_title(_, source.consultation), 3))
        blocks += [_point(source, _, point, groups) for point in summary.headline]
        if not summary.headline:
            blocks.append(Block("paragraph", _("No point was raised by that many groups.")))
        if summary.others:
            blocks.append(Block("heading", _(OTHERS_TITLE), 3))
            blocks += [_point(source, _, point, groups) for point in summary.others]
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
