"""Organisers add, change and cancel meetings in private chat: a guided flow with confirmation.

The flow's state (a MeetingDraft) is an awaited input (`Deps.awaiting`). Its text input is
offered before the text is taken as an answer (`handlers/shared/awaiting`), and handling stops
when the flow consumed it, so an organiser's input never becomes an answer. Any command ends
the flow.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ApplicationHandlerStop

from bot.config.model import Consultation
from bot.context import Context, deps
from bot.domain.reminding import parse_local_moment
from bot.handlers.shared import callbacks as cb
from bot.handlers.shared.common import acknowledge, callback_parts, int_or_none, reply, sender
from bot.handlers.shared.keyboards import button
from bot.handlers.shared.organiser_access import organiser_only
from bot.i18n.translator import P_, Translate, format_moment, translator
from bot.jobs.reminders import application_of
from bot.render import meeting_admin as texts
from bot.render.reminders import MeetingText
from bot.services import meeting_changes as svc
from bot.services.broadcast import BroadcastReport
from bot.services.meetings import MeetingRecord, meeting_text, meetings_of
from bot.services.participation import language_of

MAX_PLACE = 200
MAX_DESCRIPTION = 1000


@dataclass(frozen=True)
class MeetingDraft:
    """A meeting being added (meeting None), changed or cancelled; None values: unchanged."""

    consultation_key: str
    meeting: MeetingRecord | None
    step: str  # "start", "place", "description" or "confirm"
    start_utc: datetime | None = None
    place: str | None = None
    description: str | None = None
    cancel: bool = False


def _draft(update: Update, context: Context) -> MeetingDraft | None:
    """The organiser's draft in progress, if any."""
    d = deps(context)
    return d.awaiting.active(sender(update).id, MeetingDraft, d.clock())


def _keep(update: Update, context: Context, draft: MeetingDraft | None) -> None:
    """Store (or with None, drop) the organiser's draft."""
    awaiting, user_id = deps(context).awaiting, sender(update).id
    if draft is None:
        awaiting.end(user_id, MeetingDraft)
    else:
        awaiting.begin(user_id, draft)


async def language_and_translator(update: Update, context: Context) -> tuple[str, Translate]:
    """The sender's language and a translator for it."""
    user = sender(update)
    language = await language_of(context.bot_data.deps, user.id, user.language_code)
    return language, translator(language)


@organiser_only
async def overview(update: Update, context: Context, consultation: Consultation) -> None:
    """Every meeting of the consultation, with buttons to add, change and cancel."""
    d = context.bot_data.deps
    language, _ = await language_and_translator(update, context)
    meetings = await meetings_of(d, consultation)
    names = {g.key: g.name for g in consultation.groups}
    entries = [
        (
            meeting_text(consultation, m, language),
            ", ".join(names.get(g, g) for g in m.groups),
            m.cancelled,
        )
        for m in meetings
    ]
    rows = [[button("➕ " + _("Add a meeting"), cb.MEETING_ADD.build())]]
    for number, meeting in enumerate(meetings, start=1):
        if not meeting.cancelled and meeting.start_utc > d.clock():
            change = "✏️ " + _("Change {number}", number=number)
            drop = "🗑 " + _("Cancel {number}", number=number)
            rows.append(
                [
                    button(change, cb.MEETING_CHANGE.build(meeting.id)),
                    button(drop, cb.MEETING_CANCEL.build(meeting.id)),
                ]
            )
    text = texts.overview(_, entries, consultation.timezone)
    await reply(update, text, InlineKeyboardMarkup(rows))


@organiser_only
async def start_add(update: Update, context: Context, consultation: Consultation) -> None:
    """The add button: ask for the date and time."""
    _language, _ = await language_and_translator(update, context)
    assert update.callback_query is not None
    await acknowledge(update.callback_query)
    _keep(update, context, MeetingDraft(consultation.key, None, "start"))
    await reply(update, texts.ask(_, "start", consultation.timezone, None, changing=False))


@organiser_only
async def start_change(update: Update, context: Context, consultation: Consultation) -> None:
    """A change button: ask for the new date and time (or "-" to keep it)."""
    meeting = await _chosen(update, context, consultation, cb.MEETING_CHANGE)
    if meeting is not None:
        language, _ = await language_and_translator(update, context)
        _keep(update, context, MeetingDraft(consultation.key, meeting, "start"))
        current = format_moment(meeting.start_utc, consultation.timezone, language)
        await reply(update, texts.ask(_, "start", consultation.timezone, current, changing=True))


@organiser_only
async def start_cancel(update: Update, context: Context, consultation: Consultation) -> None:
    """A cancel button: ask for confirmation."""
    meeting = await _chosen(update, context, consultation, cb.MEETING_CANCEL)
    if meeting is not None:
        language, _ = await language_and_translator(update, context)
        _keep(update, context, MeetingDraft(consultation.key, meeting, "confirm", cancel=True))
        shown = meeting_text(consultation, meeting, language)
        await reply(update, texts.confirmation(_, "cancel", shown), _confirm_keyboard(_))


async def _chosen(
    update: Update, context: Context, consultation: Consultation, action: cb.Callback
) -> MeetingRecord | None:
    """The meeting a change or cancel button names, if it may still be changed."""
    _language, _ = await language_and_translator(update, context)
    query = update.callback_query
    assert query is not None
    parts = callback_parts(update, action)
    meeting_id = int_or_none(parts[0]) if len(parts) == 1 else None
    app = application_of(context)
    meeting = await svc.changeable(app, consultation, meeting_id) if meeting_id else None
    if meeting is None:
        await acknowledge(query, _("This meeting can no longer be changed."), alert=True)
        return None
    await acknowledge(query)
    return meeting


async def on_text(update: Update, context: Context) -> None:
    """Text while a draft awaits input: take it and stop (it is not an answer)."""
    draft = _draft(update, context)
    if draft is None:
        return
    await _take_input(update, context)
    raise ApplicationHandlerStop


@organiser_only
async def _take_input(update: Update, context: Context, consultation: Consultation) -> None:
    """One answer of the flow: validate it and go on, or say clearly what is wrong."""
    language, _ = await language_and_translator(update, context)
    draft, message = _draft(update, context), update.effective_message
    if draft is None or message is None or draft.consultation_key != consultation.key:
        _keep(update, context, None)
        return
    if draft.step == "confirm":
        await reply(update, _("Use the buttons above: ✅ Confirm or Cancel."))
        return
    text, zone = (message.text or "").strip(), consultation.timezone
    keep = draft.meeting is not None and text == texts.KEEP
    if draft.step == "start":
        start = None if keep else parse_local_moment(text, ZoneInfo(zone))
        if not keep and (start is None or start <= context.bot_data.deps.clock()):
            await reply(update, texts.problem(_, "unreadable" if start is None else "past", zone))
            return
        draft = replace(draft, start_utc=start, step="place")
    elif draft.step == "place":
        if not keep and not 0 < len(text) <= MAX_PLACE:
            await reply(update, texts.problem(_, "place", zone))
            return
        draft = replace(draft, place=None if keep else text, step="description")
    else:
        if not keep and len(text) > MAX_DESCRIPTION:
            await reply(update, texts.problem(_, "description", zone))
            return
        none = "" if text == texts.KEEP else text
        draft = replace(draft, description=None if keep else none, step="confirm")
    _keep(update, context, draft)
    if draft.step == "confirm":
        kind = "add" if draft.meeting is None else "change"
        shown = _result(consultation, draft, language)
        await reply(update, texts.confirmation(_, kind, shown), _confirm_keyboard(_))
        return
    current = None
    if draft.meeting is not None:
        current = (
            draft.meeting.place if draft.step == "place" else draft.meeting.description_in(language)
        )
    await reply(update, texts.ask(_, draft.step, zone, current, changing=draft.meeting is not None))


def _result(consultation: Consultation, draft: MeetingDraft, language: str) -> MeetingText:
    """The meeting as it will be once the draft is saved."""
    old = draft.meeting
    start = draft.start_utc or (old.start_utc if old else None)
    assert start is not None
    place = draft.place if draft.place is not None else (old.place if old else "")
    description = draft.description
    if description is None:
        description = old.description_in(language) if old else ""
    return MeetingText(format_moment(start, consultation.timezone, language), place, description)


@organiser_only
async def confirm(update: Update, context: Context, consultation: Consultation) -> None:
    """✅: store the change, rebuild the reminder jobs, notify the participants concerned."""
    _language, _ = await language_and_translator(update, context)
    query = update.callback_query
    assert query is not None
    draft = _draft(update, context)
    if draft is None or draft.step != "confirm" or draft.consultation_key != consultation.key:
        await acknowledge(query, _("This button is no longer valid."), alert=True)
        return
    _keep(update, context, None)
    await acknowledge(query)
    await query.edit_message_reply_markup(None)
    app = application_of(context)
    report: BroadcastReport | None
    if draft.meeting is None:
        assert draft.start_utc is not None and draft.place is not None
        report = await svc.add(
            app, consultation, draft.start_utc, draft.place, draft.description or ""
        )
    elif draft.cancel:
        report = await svc.cancel(app, consultation, draft.meeting)
    else:
        report = await svc.change(
            app, consultation, draft.meeting, draft.start_utc, draft.place, draft.description
        )
    if report is None:
        await reply(update, _("This meeting can no longer be changed."))
        return
    done = _("✅ The meeting is cancelled.") if draft.cancel else _("✅ The meeting is saved.")
    await reply(
        update,
        done
        + " "
        + _(
            P_("{count} participant got a notice.", "{count} participants got a notice."),
            count=report.sent,
        ),
    )


@organiser_only
async def abort(update: Update, context: Context, consultation: Consultation) -> None:
    """Avbryt: drop the draft; nothing changes."""
    _language, _ = await language_and_translator(update, context)
    query = update.callback_query
    assert query is not None
    _keep(update, context, None)
    await acknowledge(query)
    await query.edit_message_reply_markup(None)
    await reply(update, _("Nothing was changed."))


def _confirm_keyboard(_: Translate) -> InlineKeyboardMarkup:
    """✅ and Avbryt."""
    return InlineKeyboardMarkup(
        [
            [
                button("✅ " + _("Confirm"), cb.MEETING_CONFIRM.build()),
                button(_("Cancel"), cb.MEETING_ABORT.build()),
            ]
        ]
    )
