"""The cross-group round in private chat: /runde goes through the other groups' points one at a
time (agree / disagree / pass), resumable, votes changeable until it closes; organisers open and
close it with /runde opne and /runde steng."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden

from bot import logs
from bot.config.model import Consultation
from bot.context import Context, Deps
from bot.domain.shortening import shorten
from bot.handlers.discussion.group_common import edit_in_place
from bot.handlers.participant.answering import NOT_JOINED
from bot.handlers.shared import callbacks as cb
from bot.handlers.shared.common import (
    acknowledge,
    callback_parts,
    int_or_none,
    participation,
    reply,
    sender,
)
from bot.handlers.shared.keyboards import button
from bot.handlers.shared.organiser_access import organised_by, organiser_only
from bot.i18n.translator import Translate, translator
from bot.render.round import CHOICE_MARKS, done_text, invitation_text, item_text
from bot.services import round as svc
from bot.services.participation import Participation, language_of
from bot.transport.priority import bulk_sends

log = logging.getLogger(__name__)
PAGE = 8
CHOICES = {"a": "agree", "d": "disagree", "p": "pass"}
OPEN_WORDS = ("opne", "open", "åpne")
CLOSE_WORDS = ("steng", "close", "lukk")


async def round_command(update: Update, context: Context) -> None:
    """/runde: a participant continues; /runde opne|steng|status is for organisers."""
    if context.args:
        await organiser_round(update, context)
        return
    d, who, _ = await participation(update, context)
    if who is None:
        if organised_by(update, context) is not None:
            await organiser_round(update, context)
            return
        await reply(update, _(NOT_JOINED))
        return
    await show_next(update, d, who, _, edit=False)


async def show_next(update: Update, d: Deps, who: Participation, _: Translate, edit: bool) -> None:
    """The first point without a vote, or the end with a way to change votes."""
    if not await svc.is_open(d, who.consultation):
        await show(
            update,
            _("The round is not open. The organisers will tell you when it opens."),
            None,
            edit,
        )
        return
    current = await svc.ballot_of(d, who)
    if not current.items:
        await show(
            update, _("There are no points from the other groups to go through yet."), None, edit
        )
        return
    position = svc.next_position(current)
    if position is None:
        markup = InlineKeyboardMarkup(
            [[button("✏️ " + _("Change my votes"), cb.ROUND_CHANGE.build(0))]]
        )
        await show(update, done_text(_, len(current.items)), markup, edit)
        return
    await show_item(update, who, _, current, position, edit)


async def show_item(
    update: Update, who: Participation, _: Translate, current: svc.Ballot, position: int, edit: bool
) -> None:
    """One point with the vote buttons."""
    item = current.items[position]
    key = item.point.key
    rows = [
        [
            button("👍 " + _("Agree"), cb.ROUND_VOTE.build("a", key)),
            button("👎 " + _("Disagree"), cb.ROUND_VOTE.build("d", key)),
        ],
        [button("⏭ " + _("Pass"), cb.ROUND_VOTE.build("p", key))],
    ]
    if current.votes:
        rows.append([button("✏️ " + _("Change my votes"), cb.ROUND_CHANGE.build(0))])
    text = item_text(
        _,
        current.digest,
        item,
        position + 1,
        len(current.items),
        current.choice(item),
        who.language,
    )
    await show(update, text, InlineKeyboardMarkup(rows), edit)


async def show(update: Update, text: str, markup: InlineKeyboardMarkup | None, edit: bool) -> None:
    """Edit the message a button was pressed on, or send a new one."""
    query = update.callback_query
    if edit and query is not None:
        await edit_in_place(query, text, markup)
    else:
        await reply(update, text, markup)


async def vote_button(update: Update, context: Context) -> None:
    """👍 / 👎 / ⏭ under a point: store the vote (committed first), then the next point."""
    d, who, _ = await participation(update, context)
    query = update.callback_query
    assert query is not None
    parts = callback_parts(update, cb.ROUND_VOTE)
    choice = CHOICES.get(parts[0]) if len(parts) == 2 else None
    if who is None or choice is None:
        await acknowledge(query, _("This button is no longer valid."), alert=True)
        return
    outcome, _current = await svc.vote(d, who, parts[1], choice)
    if outcome is svc.Voted.CLOSED:
        await acknowledge(
            query, _("The round is closed, so votes can no longer be given or changed."), alert=True
        )
        return
    if outcome is svc.Voted.UNKNOWN:
        await acknowledge(query, _("This point is no longer in the round."), alert=True)
        return
    await acknowledge(query, _("Saved: {vote}", vote=CHOICE_MARKS[choice]))
    await show_next(update, d, who, _, edit=True)


async def continue_button(update: Update, context: Context) -> None:
    """▶ (in the invitation and the list of votes): continue where the participant left off."""
    d, who, _ = await participation(update, context)
    query = update.callback_query
    assert query is not None
    if who is None:
        await acknowledge(query, _(NOT_JOINED), alert=True)
        return
    await acknowledge(query)
    await show_next(update, d, who, _, edit=cb.ROUND_START.parse(query.data) is None)


async def change_button(update: Update, context: Context) -> None:
    """✏️: the points already voted on, to pick one and vote again."""
    d, who, _ = await participation(update, context)
    query = update.callback_query
    assert query is not None
    parts = callback_parts(update, cb.ROUND_CHANGE)
    page = int_or_none(parts[0]) if len(parts) == 1 else None
    if who is None or page is None:
        await acknowledge(query, _("This button is no longer valid."), alert=True)
        return
    if not await svc.is_open(d, who.consultation):
        await acknowledge(
            query, _("The round is closed, so votes can no longer be given or changed."), alert=True
        )
        return
    await acknowledge(query)
    current = await svc.ballot_of(d, who)
    voted = [(item, current.choice(item)) for item in current.items if current.choice(item)]
    pages = max(1, -(-len(voted) // PAGE))
    page = min(max(page, 0), pages - 1)
    rows: list[list[InlineKeyboardButton]] = [
        [
            button(
                f"{CHOICE_MARKS.get(choice or '', '')} {shorten(item.point.label, 44)}",
                cb.ROUND_POINT.build(item.point.key),
            )
        ]
        for item, choice in voted[page * PAGE : (page + 1) * PAGE]
    ]
    nav = []
    if page > 0:
        nav.append(button("◀", cb.ROUND_CHANGE.build(page - 1)))
    if page + 1 < pages:
        nav.append(button("▶", cb.ROUND_CHANGE.build(page + 1)))
    if nav:
        rows.append(nav)
    rows.append([button("▶ " + _("Continue"), cb.ROUND_CONTINUE.build())])
    text = _("<b>Your votes</b>: tap a point to change your vote.")
    await show(update, text, InlineKeyboardMarkup(rows), edit=True)


async def point_button(update: Update, context: Context) -> None:
    """A point picked from the list of votes: show it again to vote anew."""
    d, who, _ = await participation(update, context)
    query = update.callback_query
    assert query is not None
    parts = callback_parts(update, cb.ROUND_POINT)
    if who is None or len(parts) != 1:
        await acknowledge(query, _("This button is no longer valid."), alert=True)
        return
    current = await svc.ballot_of(d, who)
    position = next(
        (i for i, item in enumerate(current.items) if parts[0] in item.point.refs), None
    )
    if position is None:
        await acknowledge(query, _("This point is no longer in the round."), alert=True)
        return
    await acknowledge(query)
    await show_item(update, who, _, current, position, edit=True)


@organiser_only
async def organiser_round(update: Update, context: Context, consultation: Consultation) -> None:
    """/runde opne | steng | status."""
    d = context.bot_data.deps
    _ = translator(await language_of(d, sender(update).id, sender(update).language_code))
    action = context.args[0].casefold() if context.args else ""
    if action in OPEN_WORDS:
        if not await svc.set_open(d, consultation, True, sender(update).id):
            await reply(update, _("The round is already open."))
            return
        log.info("round opened for %s", consultation.key)
        invited, total = await invite(context, d, consultation)
        await reply(
            update,
            _(
                "The round is open. Invited {invited} of {total} participants.",
                invited=invited,
                total=total,
            ),
        )
        return
    if action in CLOSE_WORDS:
        if not await svc.set_open(d, consultation, False, sender(update).id):
            await reply(update, _("The round is already closed."))
            return
        log.info("round closed for %s", consultation.key)
    votes = await svc.round_votes(d, consultation)
    state = (
        _("The round is open.") if await svc.is_open(d, consultation) else _("The round is closed.")
    )
    counts = _(
        "Votes: {votes} from {voters} participants.",
        votes=len(votes),
        voters=len({v.participant_id for v in votes}),
    )
    usage = _("/runde opne opens the round, /runde steng closes it.")
    await reply(update, f"{state} {counts}\n{usage}")


async def invite(context: Context, d: Deps, consultation: Consultation) -> tuple[int, int]:
    """Send every participant the invitation; a blocked bot or a bad chat skips that one."""
    recipients = await svc.invitees(d, consultation)
    invited = 0
    for telegram_id in recipients:
        _ = translator(await language_of(d, telegram_id, None))
        markup = InlineKeyboardMarkup([[button("▶ " + _("Start"), cb.ROUND_START.build())]])
        try:
            with bulk_sends():  # one of many: after every reply to a person
                await context.bot.send_message(telegram_id, invitation_text(_), reply_markup=markup)
        except (Forbidden, BadRequest) as error:
            log.warning(
                "round invitation to %s failed: %s",
                logs.person(telegram_id),
                error.__class__.__name__,
            )
            continue
        invited += 1
    return invited, len(recipients)
