"""Every handler of the bot, in priority order: the one table of what answers which update."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    PollAnswerHandler,
    PollHandler,
    filters,
)

from bot.context import Context, TingApplication
from bot.handlers.discussion import (
    checkback,
    group_answer,
    group_chat,
    group_link,
    polls,
    referent,
    round,
)
from bot.handlers.organiser import (
    console_link,
    decision,
    exports,
    links,
    meeting_admin,
    preview,
    publishing,
    status,
)
from bot.handlers.participant import (
    answering,
    join,
    meetings,
    my_answers,
    privacy,
    reminders,
    settings,
)
from bot.handlers.shared import awaiting, commands, fallback, private_text
from bot.handlers.shared import callbacks as cb
from bot.handlers.shared.common import private_button
from bot.handlers.shared.update_kinds import OtherKinds
from bot.transport.polling import UPDATE_KINDS

HandlerCallback = Callable[[Update, Context], Coroutine[Any, Any, None]]
PRIVATE = filters.ChatType.PRIVATE
GROUPS = filters.ChatType.GROUPS


def register(app: TingApplication) -> None:
    """Every handler, in priority order."""
    # First of all: updates of kinds tingbot does not handle (business messages...) end here.
    app.add_handler(OtherKinds(UPDATE_KINDS), group=-100)
    # The most frequent update, a private text (an answer, or input someone was asked for), is
    # handled in the first group, by one handler that ends the update: no other is checked.
    app.add_handler(
        MessageHandler(private_text.PRIVATE_TEXT, private_text.on_private_text), group=-10
    )
    # PTB lets a button with empty data match every pattern; catch it before any feature does.
    app.add_handler(CallbackQueryHandler(fallback.unknown_button, pattern=cb.EMPTY_PATTERN))
    # What a user's next text was awaited for is cleared in a group of its own, before any
    # feature: any other private message (a private text never gets here: `private_text` offers
    # it), and any button outside the summary preview. Everything passes through to group 0.
    app.add_handler(
        MessageHandler(PRIVATE & filters.UpdateType.MESSAGE, awaiting.on_private_message), group=-5
    )
    app.add_handler(
        CallbackQueryHandler(awaiting.on_other_button, pattern=cb.other_than(cb.PREVIEW)), group=-5
    )
    _register_organiser(app)
    _register_reminders(app)
    private_commands = [
        ("start", join.start),
        ("svar", answering.resume),
        ("mine", my_answers.show),
        ("avbryt", my_answers.cancel_edit),
        ("sprak", settings.choose_language),
        ("hjelp", commands.help_command),
        ("help", commands.help_command),
    ]
    for name, callback in private_commands:
        app.add_handler(
            CommandHandler(name, callback, filters=PRIVATE & filters.UpdateType.MESSAGE)
        )
    buttons = [
        (cb.JOIN, join.accept),
        (cb.JOIN_CANCEL, join.cancel),
        (cb.JOIN_LANGUAGE, join.offer_in_language),
        (cb.PRIVACY_MORE, join.privacy_more),
        (cb.NAVIGATE, answering.navigate),
        (cb.GO_TO, answering.go_to),
        (cb.LOOSE_TEXT, answering.add_loose_text),
        (cb.EDIT, my_answers.edit),
        (cb.WITHDRAW, my_answers.withdraw),
        (cb.RESTORE, my_answers.withdraw),
        (cb.LANGUAGE, settings.set_language),
    ]
    for button, callback in buttons:
        app.add_handler(CallbackQueryHandler(private_button(callback), pattern=button.pattern))
    _register_publishing(app)
    _register_discussion(app)
    _register_privacy(app)
    _register_fallbacks(app)


def _register_fallbacks(app: TingApplication) -> None:
    """The catch-alls, last: unknown buttons and commands, answers, edits, other message kinds."""
    app.add_handler(CallbackQueryHandler(fallback.unknown_button))
    fallbacks = [
        MessageHandler(PRIVATE & filters.UpdateType.EDITED_MESSAGE, fallback.edited),
        MessageHandler(PRIVATE & filters.COMMAND, fallback.unknown_command),
        MessageHandler(PRIVATE & filters.UpdateType.MESSAGE, fallback.not_text),
    ]
    app.add_handlers(fallbacks)


# --- privacy: /mine_data, /slett and its confirmation ---------------------
def _register_privacy(app: TingApplication) -> None:
    """Personal data commands and the erase confirmation buttons."""
    for name, callback in (("mine_data", privacy.my_data), ("slett", privacy.request_deletion)):
        app.add_handler(
            CommandHandler(name, callback, filters=PRIVATE & filters.UpdateType.MESSAGE)
        )
    app.add_handler(
        CallbackQueryHandler(private_button(privacy.confirm_deletion), pattern=cb.ERASE.pattern)
    )


def _register_organiser(app: TingApplication) -> None:
    """Organiser tools in private chat: progress, join links, the summary preview and curation.

    A pending rename is awaited and cleared by `awaiting` (in group -5 and `private_text`).
    """
    message = PRIVATE & filters.UpdateType.MESSAGE
    # /lenkjer is the Nynorsk name; /lenker, the first one, still works.
    names: tuple[tuple[str | list[str], HandlerCallback], ...] = (
        ("status", status.status),
        (["lenkjer", "lenker"], links.links),
        ("oppsummering", preview.open_preview),
    )
    for name, callback in names:
        app.add_handler(CommandHandler(name, callback, filters=message))
    for button, callback in ((cb.STATUS_REFRESH, status.refresh), (cb.PREVIEW, preview.on_button)):
        app.add_handler(CallbackQueryHandler(private_button(callback), pattern=button.pattern))


def _register_publishing(app: TingApplication) -> None:
    """Organiser: /publiser and /vedtak with their confirmation buttons, and /eksport."""
    only_private = PRIVATE & filters.UpdateType.MESSAGE
    app.add_handler(CommandHandler("publiser", publishing.preview, filters=only_private))
    app.add_handler(CommandHandler("eksport", exports.export, filters=only_private))
    app.add_handler(CommandHandler("vedtak", decision.decide, filters=only_private))
    app.add_handler(CommandHandler("konsoll", console_link.console_link, filters=only_private))
    for button, callback in (
        (cb.PUBLISH, publishing.confirm),
        (cb.PUBLISH_CANCEL, publishing.cancel),
        (cb.PUBLISH_CHOICE, publishing.choose),
        (cb.DECISION, decision.confirm),
        (cb.DECISION_CANCEL, decision.cancel),
    ):
        app.add_handler(CallbackQueryHandler(private_button(callback), pattern=button.pattern))


def _register_discussion(app: TingApplication) -> None:
    """Group chats, the groups' joint answers, the cross-group round and the check-back."""
    in_groups = GROUPS & filters.UpdateType.MESSAGE
    group_commands = [
        ("kopla", group_link.link),
        ("frakopla", group_link.unlink),
        ("sporsmal", group_chat.questions),
        ("referent", referent.referent_command),
        ("punkt", group_answer.points_command),
        ("gruppesvar", group_answer.joint_answer_command),
        ("hjelp", group_chat.group_help),
        ("help", group_chat.group_help),
    ]
    for name, callback in group_commands:
        app.add_handler(CommandHandler(name, callback, filters=in_groups))
    private = PRIVATE & filters.UpdateType.MESSAGE
    app.add_handler(CommandHandler("runde", round.round_command, filters=private))
    app.add_handler(CommandHandler("kontroll", checkback.overview, filters=private))
    app.add_handler(
        CommandHandler([n for n, _ in group_commands[:6]], group_chat.only_in_groups, private)
    )
    buttons = [
        (cb.TAKE_PART, group_link.take_part),
        (cb.REFERENT_OFFER, referent.volunteer),
        (cb.REFERENT_CONFIRM, referent.confirm),
        (cb.POINTS, group_answer.points_button),
        (cb.SELECTION, group_answer.selection_button),
        (cb.POLL, polls.poll_button),
        (cb.TOGGLE, group_answer.toggle_button),
        (cb.PAGE, group_answer.page_button),
        (cb.CONFIRM_JOINT, group_answer.confirm_button),
        (cb.WITHDRAW_JOINT, group_answer.withdraw_button),
        (cb.CHECKBACK, checkback.answered),  # in a referent's private chat or in the group chat
    ]
    for button, callback in buttons:
        app.add_handler(CallbackQueryHandler(callback, pattern=button.pattern))
    private_buttons = [
        (cb.ROUND_VOTE, round.vote_button),
        (cb.ROUND_CONTINUE, round.continue_button),
        (cb.ROUND_START, round.continue_button),
        (cb.ROUND_CHANGE, round.change_button),
        (cb.ROUND_POINT, round.point_button),
        (cb.CHECKBACK_SEND, checkback.send_all),
    ]
    for button, callback in private_buttons:
        app.add_handler(CallbackQueryHandler(private_button(callback), pattern=button.pattern))
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, group_link.migrated))
    app.add_handler(
        ChatMemberHandler(group_link.membership_changed, ChatMemberHandler.MY_CHAT_MEMBER)
    )
    app.add_handler(PollAnswerHandler(polls.poll_answer))
    app.add_handler(PollHandler(polls.poll_state))
    app.add_handler(
        MessageHandler(
            GROUPS & filters.REPLY & ~filters.COMMAND & filters.UpdateType.MESSAGE,
            group_chat.on_reply,
        )
    )
    app.add_handler(
        MessageHandler(
            GROUPS & filters.REPLY & filters.UpdateType.EDITED_MESSAGE, group_chat.on_edited_reply
        )
    )


def _register_reminders(app: TingApplication) -> None:
    """Meetings and reminders: commands and buttons, and the organisers' meeting flow."""
    # /kalender shows the meetings; /motar, its first name, still works.
    commands: tuple[tuple[str | list[str], HandlerCallback], ...] = (
        (["kalender", "motar"], meetings.show),
        ("paminningar", reminders.toggle),
        ("paminn", reminders.choose),
    )
    for name, command in commands:
        app.add_handler(CommandHandler(name, command, filters=PRIVATE & filters.UpdateType.MESSAGE))
    for button, callback in (
        (cb.CONTINUE_ANSWERING, reminders.continue_answering),
        (cb.REMIND_PREVIEW, reminders.preview),
        (cb.REMIND_SEND, reminders.send),
        (cb.REMIND_DISMISS, reminders.dismiss),
        (cb.MEETING_ADD, meeting_admin.start_add),
        (cb.MEETING_CHANGE, meeting_admin.start_change),
        (cb.MEETING_CANCEL, meeting_admin.start_cancel),
        (cb.MEETING_CONFIRM, meeting_admin.confirm),
        (cb.MEETING_ABORT, meeting_admin.abort),
    ):
        app.add_handler(CallbackQueryHandler(private_button(callback), pattern=button.pattern))
