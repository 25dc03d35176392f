"""build_application: the ONE place that registers handlers, jobs and the error handler."""

from __future__ import annotations

import logging
from datetime import timedelta
from zoneinfo import ZoneInfo

import httpx
from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    PollAnswerHandler,
    PollHandler,
    filters,
)
from telegram.request import BaseRequest, HTTPXRequest

from bot.config.model import Config
from bot.context import BotData, Clock, Deps, TingApplication, system_clock
from bot.handlers.discussion import (
    checkback,
    group_answer,
    group_chat,
    group_link,
    group_schedule,
    polls,
    referent,
    round,
)
from bot.handlers.organiser import (
    curation,
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
from bot.handlers.shared import commands, fallback, private_text
from bot.handlers.shared.common import private_button
from bot.handlers.shared.errors import on_error
from bot.jobs.reminders import schedule_reminders
from bot.services.catalog import sync_catalogs
from bot.services.meetings import sync_meetings
from bot.transport.bot import TingBot
from bot.transport.ratelimit import SmoothRateLimiter
from bot.transport.retry import RetryingRequest
from bot.transport.updates import PerChatOrderedProcessor
from storage import Storage

log = logging.getLogger(__name__)
PRIVATE = filters.ChatType.PRIVATE
GROUPS = filters.ChatType.GROUPS


def build_application(
    config: Config,
    storage: Storage,
    clock: Clock = system_clock,
    request: BaseRequest | None = None,
    rate_limiter: bool = True,
) -> TingApplication:
    """A ready-to-run Application for `config` on `storage` (polling is the caller's choice)."""
    zone = ZoneInfo(config.consultations[0].timezone) if config.consultations else None
    if request is None:
        # One TLS context for both connection pools: loading the CA store is costly (start-up).
        tls = {"verify": httpx.create_ssl_context()}
        calls: BaseRequest = RetryingRequest(connection_pool_size=256, httpx_kwargs=tls)
        polls: BaseRequest = HTTPXRequest(connection_pool_size=1, httpx_kwargs=tls)
    else:
        calls = polls = request
    paid = config.telegram.paid_broadcast
    limiter = SmoothRateLimiter(max_retries=3, paid_rate=paid) if rate_limiter else None
    bot = TingBot(
        config.telegram.token,
        base_url=config.telegram.api_base_url or "https://api.telegram.org/bot",
        base_file_url=config.telegram.file_base_url or "https://api.telegram.org/file/bot",
        request=calls,
        get_updates_request=polls,
        defaults=Defaults(
            parse_mode=ParseMode.HTML,
            tzinfo=zone or ZoneInfo("Europe/Oslo"),
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        ),
        # Its per-call arguments are never used, so the bot's type does not carry them.
        rate_limiter=limiter,  # type: ignore[arg-type]
    )
    builder = (
        ApplicationBuilder()
        .bot(bot)
        .context_types(ContextTypes(bot_data=BotData))
        .concurrent_updates(PerChatOrderedProcessor(64))
    )
    app: TingApplication = builder.build()  # type: ignore[assignment]
    app.bot_data.deps = Deps(config=config, storage=storage, clock=clock)
    _register(app)
    app.add_error_handler(on_error)
    schedule_jobs(app)
    return app


def _register(app: TingApplication) -> None:
    """Every handler, in priority order."""
    # The most frequent update, a private text (an answer, or input someone was asked for), is
    # handled in the first group, by one handler that ends the update: no other is checked.
    app.add_handler(
        MessageHandler(private_text.PRIVATE_TEXT, private_text.on_private_text), group=-10
    )
    # PTB lets a button with empty data match every pattern; catch it before any feature does.
    app.add_handler(CallbackQueryHandler(fallback.unknown_button, pattern=r"^$"))
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
        (r"^j:", join.accept),
        (r"^jx$", join.cancel),
        (r"^n:", answering.navigate),
        (r"^g:", answering.go_to),
        (r"^e:", my_answers.edit),
        (r"^[wr]:", my_answers.withdraw),
        (r"^l:", settings.set_language),
    ]
    for pattern, callback in buttons:
        app.add_handler(CallbackQueryHandler(private_button(callback), pattern=pattern))
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


# --- privacy: /mine_data, /slett and its confirmation, the retention purge ---------------------
def _register_privacy(app: TingApplication) -> None:
    """Personal data commands and the erase confirmation buttons."""
    for name, callback in (("mine_data", privacy.my_data), ("slett", privacy.request_deletion)):
        app.add_handler(
            CommandHandler(name, callback, filters=PRIVATE & filters.UpdateType.MESSAGE)
        )
    app.add_handler(
        CallbackQueryHandler(private_button(privacy.confirm_deletion), pattern=r"^del:")
    )


def schedule_jobs(app: TingApplication) -> None:
    """(Re)register the repeating jobs; calling it again replaces them rather than adding."""
    queue = app.job_queue
    if queue is None:
        return
    for job in queue.get_jobs_by_name(privacy.PURGE_JOB):
        job.schedule_removal()
    queue.run_repeating(
        privacy.purge_job,
        interval=timedelta(days=1),
        first=timedelta(minutes=1),
        name=privacy.PURGE_JOB,
    )


def _register_organiser(app: TingApplication) -> None:
    """Organiser tools in private chat: progress, join links, the summary preview and curation.

    Group -1 runs before the participant handlers: it ends a pending rename on any command or
    other button; everything else passes through untouched to group 0. (The text that names a
    point while a rename is pending is caught by `private_text`.)
    """
    message = PRIVATE & filters.UpdateType.MESSAGE
    for name, callback in (
        ("status", status.status),
        ("lenker", links.links),
        ("oppsummering", preview.open_preview),
    ):
        app.add_handler(CommandHandler(name, callback, filters=message))
    for pattern, callback in ((r"^os:", status.refresh), (r"^ov:", preview.on_button)):
        app.add_handler(CallbackQueryHandler(private_button(callback), pattern=pattern))
    app.add_handler(MessageHandler(message & filters.COMMAND, curation.on_command), group=-1)
    app.add_handler(CallbackQueryHandler(curation.on_other_button, pattern=r"^(?!ov:)"), group=-1)


def _register_publishing(app: TingApplication) -> None:
    """Organiser: /publiser with its confirmation buttons, and /eksport."""
    only_private = PRIVATE & filters.UpdateType.MESSAGE
    app.add_handler(CommandHandler("publiser", publishing.preview, filters=only_private))
    app.add_handler(CommandHandler("eksport", exports.export, filters=only_private))
    for pattern, callback in ((r"^pub:", publishing.confirm), (r"^pubx$", publishing.cancel)):
        app.add_handler(CallbackQueryHandler(private_button(callback), pattern=pattern))


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
        (r"^cj:", group_link.take_part),
        (r"^cr:o:", referent.volunteer),
        (r"^cr:c:", referent.confirm),
        (r"^cp:", group_answer.points_button),
        (r"^cs:", group_answer.selection_button),
        (r"^cv:", polls.poll_button),
        (r"^ct:", group_answer.toggle_button),
        (r"^cg:", group_answer.page_button),
        (r"^co:", group_answer.confirm_button),
        (r"^cx:", group_answer.withdraw_button),
        (r"^kb:", checkback.answered),  # in a referent's private chat or in the group chat
    ]
    for pattern, callback in buttons:
        app.add_handler(CallbackQueryHandler(callback, pattern=pattern))
    private_buttons = [
        (r"^rv:", round.vote_button),
        (r"^rs(:new)?$", round.continue_button),
        (r"^rc:", round.change_button),
        (r"^rp:", round.point_button),
        (r"^ks$", checkback.send_all),
    ]
    for pattern, callback in private_buttons:
        app.add_handler(CallbackQueryHandler(private_button(callback), pattern=pattern))
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
    for name, command in (
        ("motar", meetings.show),
        ("paminningar", reminders.toggle),
        ("paminn", reminders.choose),
    ):
        app.add_handler(CommandHandler(name, command, filters=PRIVATE & filters.UpdateType.MESSAGE))
    for pattern, callback in (
        (r"^rm:go$", reminders.continue_answering),
        (r"^pn:p:", reminders.preview),
        (r"^pn:ok:", reminders.send),
        (r"^pn:x$", reminders.dismiss),
        (r"^mt:add$", meeting_admin.start_add),
        (r"^mt:edit:", meeting_admin.start_change),
        (r"^mt:drop:", meeting_admin.start_cancel),
        (r"^mt:ok$", meeting_admin.confirm),
        (r"^mt:no$", meeting_admin.abort),
    ):
        app.add_handler(CallbackQueryHandler(private_button(callback), pattern=pattern))
    # Groups of their own (PTB runs only the first matching handler of a group): anyone writing
    # to the bot can be reached again (-6); any command leaves the meeting flow (-5). A private
    # text never gets here: `private_text` handles those steps for it.
    message = PRIVATE & filters.UpdateType.MESSAGE
    app.add_handler(MessageHandler(message, reminders.reactivate), group=-6)
    app.add_handler(MessageHandler(message & filters.COMMAND, meeting_admin.on_command), group=-5)


async def start_up(app: TingApplication) -> None:
    """After `initialize`: sync the config into the database, learn the username, plan the jobs.

    The command menus are not set here but once the bot polls (`commands.set_menus`).
    """
    d = app.bot_data.deps
    d.catalogs = await sync_catalogs(d.storage, d.config, d.clock())
    # Meetings from the config, then the reminder jobs derived from the database.
    await sync_meetings(d)
    await schedule_reminders(app, at_start_up=True)
    me = app.bot.bot  # fetched by `initialize` (getMe): no second round trip
    d.bot_username = me.username or ""
    group_schedule.schedule_posting(app)
    log.info(
        "tingbot ready",
        extra={
            "bot": f"@{me.username}",
            "consultations": ",".join(c.key for c in d.config.consultations),
            "database": str(d.storage.db.path),
            "schema": d.storage.db.schema_version,
        },
    )
