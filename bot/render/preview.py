"""The organiser's preview of a question's draft summary, and the provenance of one point."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.labels import typical_members
from bot.domain.preview import NumberedPoint, Section, numbered, paginate
from bot.domain.shortening import shorten
from bot.domain.support import Support
from bot.i18n.translator import N_, Translate, esc
from bot.model.preview import QuestionPreview
from bot.render.limits import MESSAGE_LIMIT
from bot.render.wording import OTHERS_TITLE, headline_title, support_note

# Room kept for section headings, the blockquote tags and the page line around the points, and
# for an instruction under them: fixed, so a page holds the same points with or without one.
FRAME = 400
NOTE_ROOM = 400
POINTS_PER_PAGE = 15
PROVENANCE_PER_PAGE = 10
LABEL_LIMIT = 280
PROVENANCE_LIMIT = 240
TYPICAL_LIMIT = 90
GROUP_COUNT = (N_("({count} of {total} group)"), N_("({count} of {total} groups)"))


@dataclass(frozen=True)
class Page:
    """One page of a view: its HTML text, how many pages there are, and what it shows."""

    text: str
    number: int
    pages: int
    points: tuple[NumberedPoint, ...] = ()
    refs: tuple[str, ...] = ()


def point_line(
    _: Translate,
    item: NumberedPoint,
    groups_answering: int,
    support: Support | None = None,
    typical: Sequence[str] = (),
) -> str:
    """ "3. Sats på Hallingdal 2.0 (6 av 8 grupper)", with ✏️ when an organiser named it; under
    it the point's support in the cross-group round when it has votes, and its most typical
    member texts (what the label stands for)."""
    point = item.point
    message = GROUP_COUNT[0] if groups_answering == 1 else GROUP_COUNT[1]
    count = _(message, count=len(point.groups), total=groups_answering)
    mark = " ✏️" if point.renamed else ""
    line = f"{item.number}. {esc(shorten(point.label, LABEL_LIMIT))} {count}{mark}"
    note = support_note(_, support)
    if note:
        line += f"\n    <i>{note}</i>"
    # A single member that reads as the label says nothing new.
    shown = [t for t in typical if len(typical) > 1 or t.strip(" .!") != point.label]
    if shown:
        quotes = " · ".join(f"«{esc(shorten(text, TYPICAL_LIMIT))}»" for text in shown)
        line += f"\n    {quotes}"
    return line


def _heading(_: Translate, view: QuestionPreview, section: Section) -> str:
    """The section's heading: the channel post's own, so the preview reads as the post will."""
    if section == "headline":
        return f"<b>{headline_title(_, view.digest.consultation)}</b>"
    if section == "others":
        return f"<b>{_(OTHERS_TITLE)}</b>"
    return "🙈 " + _("<b>Hidden</b> (left out of the summary)")


def _header(_: Translate, view: QuestionPreview, language: str) -> str:
    entry = view.entry
    answering = len(entry.summary.groups_answering)
    lines = [
        "📝 "
        + _(
            "<b>Draft summary</b> · question {number} of {total}",
            number=view.position + 1,
            total=len(view.question_ids),
        ),
        f"<b>{esc(entry.theme_title)}</b>: <i>{esc(shorten(entry.question.text.get(language), 300))}</i>",
        _(
            "Groups that answered: {count} of {total}.",
            count=answering,
            total=len(view.digest.consultation.groups),
        )
        if answering
        else _("No answers to this question yet."),
    ]
    return "\n".join(lines)


def summary_page(
    _: Translate, view: QuestionPreview, language: str, page: int, note: str = ""
) -> Page:
    """One page of the draft: headline points first, then the others, hidden ones collapsed."""
    header = _header(_, view, language)
    items = numbered(view.entry.summary)
    answering = len(view.entry.summary.groups_answering)
    texts = {ref: point.text for ref, point in view.digest.points.items()}
    lines = [
        point_line(
            _,
            item,
            answering,
            view.support.get(item.point.key),
            typical_members(item.point, texts),
        )
        for item in items
    ]
    budget = MESSAGE_LIMIT - FRAME - NOTE_ROOM - len(header)
    pages = paginate([len(line) + 1 for line in lines], budget, POINTS_PER_PAGE)
    number = min(max(page, 0), len(pages) - 1)
    shown = pages[number]
    body: list[str] = []
    section: Section | None = None
    for index in shown:
        item = items[index]
        if item.section != section:
            body.append("")
            if item.section == "hidden":
                body.append("<blockquote expandable>" + _heading(_, view, item.section))
            else:
                body.append(_heading(_, view, item.section))
            section = item.section
        body.append(lines[index])
    if section == "hidden":
        body[-1] += "</blockquote>"
    footer = []
    if len(pages) > 1:
        footer.append(
            "<i>" + _("Page {page} of {pages}", page=number + 1, pages=len(pages)) + "</i>"
        )
    if note:
        footer.append(note)
    text = "\n".join([header, *body, *([""] if footer else []), *footer])
    return Page(text, number, len(pages), tuple(items[i] for i in shown))


def provenance_page(
    _: Translate,
    view: QuestionPreview,
    item: NumberedPoint,
    page: int,
    show_names: bool,
    head: str = "",
) -> Page:
    """The points behind one summary point, with their group (and name if the config says so),
    under `head` (by default: pick the answer to move)."""
    digest = view.digest
    head = head or "↪️ " + _(
        "<b>Move</b>: point {number}, «{label}». Pick the answer to move to another point.",
        number=item.number,
        label=shorten(item.point.label, 120),
    )
    entries = []
    for ref in item.point.refs:
        point = digest.points[ref]
        who = digest.group_name(point.group)
        if show_names:
            row = digest.answers.get(point.answer_id)
            if row is not None and row.first_name:
                who = f"{who}, {row.first_name}"
        entries.append((ref, who, shorten(point.text, PROVENANCE_LIMIT)))
    lines = [
        f"{number}. <b>{esc(who)}</b>: {esc(text)}"
        for number, (_ref, who, text) in enumerate(entries, start=1)
    ]
    pages = paginate(
        [len(line) + 1 for line in lines], MESSAGE_LIMIT - FRAME - len(head), PROVENANCE_PER_PAGE
    )
    number = min(max(page, 0), len(pages) - 1)
    shown = pages[number]
    body = [lines[i] for i in shown]
    if len(pages) > 1:
        body += [
            "",
            "<i>" + _("Page {page} of {pages}", page=number + 1, pages=len(pages)) + "</i>",
        ]
    text = "\n".join([head, "", *body])
    return Page(text, number, len(pages), refs=tuple(entries[i][0] for i in shown))
