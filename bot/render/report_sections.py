"""The later sections of the case draft: agreement across the groups (after a round), the parts
left for the officer (Vurdering, Forslag til vedtak) and the appendix with every answer."""

from __future__ import annotations

from bot.i18n.translator import N_, Translate
from bot.model.report import ReportSource
from bot.render.report_block import Block
from bot.render.support import support_line
from bot.render.wording import support_explanation

AGREEMENT_TITLE = N_("Agreement across the groups")


def agreement(source: ReportSource, _: Translate) -> list[Block]:
    """After a round, under the summary: what the support figures mean, the common-ground
    points, then the other points with votes by agree share (nothing without votes)."""
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
        Block("heading", _(AGREEMENT_TITLE), 2),
        Block("paragraph", support_explanation(_, source.consultation)),
        Block("heading", _("Common ground"), 3),
        *(common or [Block("paragraph", _("No point found common ground."))]),
    ]
    if others:
        blocks.append(Block("heading", _("Other points with votes"), 3))
        blocks += [block for *_order, block in sorted(others, key=lambda o: o[:2])]
    return blocks


def officer_sections(_: Translate) -> list[Block]:
    """Vurdering and Forslag til vedtak: headed, and left for the officer to write."""
    return [
        Block("heading", _("Assessment"), 1),
        Block("note", _("[The case officer writes the assessment here.]")),
        Block("heading", _("Proposed resolution"), 1),
        Block("note", _("[The case officer writes the proposed resolution here.]")),
    ]


def appendix(source: ReportSource, _: Translate) -> list[Block]:
    """Vedlegg on a new page: every active answer, per question (its text once) and group;
    then the groups that did not answer."""
    language = source.language
    blocks = [
        Block("heading", _("Appendix"), 1, new_page=True),
        Block("paragraph", _("All answers from the groups, per question.")),
    ]
    silent = {group.key: group.name for group in source.consultation.groups}
    for number, question in enumerate(source.digest.questions, start=1):
        per_group = [
            (group, source.answers_to(question, group.key)) for group in source.consultation.groups
        ]
        if not any(answers for _group, answers in per_group):
            continue
        blocks.append(Block("heading", f"{number}. {question.question.text.get(language)}", 2))
        for group, answers in per_group:
            if not answers:
                continue
            silent.pop(group.key, None)
            blocks.append(Block("heading", group.name, 3))
            for row in answers:
                writer = row.first_name if source.consultation.show_names else ""
                marks = (writer, _("from paper") if row.from_paper else "")
                detail = ", ".join(mark for mark in marks if mark)
                blocks.append(Block("bullet", row.text, detail=detail))
    if silent:
        names = ", ".join(silent.values())
        blocks.append(Block("note", _("No answers from: {groups}.", groups=names)))
    return blocks
