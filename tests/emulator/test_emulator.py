"""The emulator against a real python-telegram-bot Application polling it over HTTP."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.error import BadRequest, EndPointNotFound, Forbidden, NetworkError, TimedOut
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from tests.emulator import Call, DriverError, Emulator, UserHandle
from tests.emulator.fixtures import (  # noqa: F401  (fixtures used by name)
    emu_fixture,
    loopback_only_fixture,
)

REPORT = "Rapport frå tinget\næøå ✓\n".encode() * 50


@pytest.fixture(autouse=True)
def _offline(loopback_only: None) -> None:
    """Every test here runs with the network limited to loopback."""


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start CODE: greet with a keyboard."""
    assert update.effective_message and update.effective_user
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Ja", callback_data="yes"),
                InlineKeyboardButton("Nei", callback_data="no"),
            ]
        ]
    )
    code = " ".join(context.args or [])
    await update.effective_message.reply_text(
        f"Hei <b>{update.effective_user.first_name}</b>, kode {code}",
        parse_mode="HTML",
        reply_markup=keyboard,
    )


async def choose(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button press: answer it and replace the keyboard message."""
    query = update.callback_query
    assert query is not None
    await query.answer(f"Du valde {query.data}")
    await query.edit_message_text(f"Valt: {query.data}")


async def report(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/report: a document upload (multipart)."""
    assert update.effective_chat
    await context.bot.send_document(
        update.effective_chat.id,
        InputFile(REPORT, filename="rapport.txt"),
        caption="Rapport <i>utkast</i>",
        parse_mode="HTML",
    )


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any other text: echo it."""
    assert update.effective_message and update.effective_message.text
    await update.effective_message.reply_text(f"echo: {update.effective_message.text}")


def build_app(emu: Emulator, errors: list[BaseException], **options: Any) -> Application:  # type: ignore[type-arg]
    """A tiny bot whose Bot talks only to the emulator."""
    builder = (
        ApplicationBuilder()
        .token(emu.token)
        .base_url(emu.base_url)
        .base_file_url(emu.base_file_url)
    )
    if "rate_limiter" in options:
        builder = builder.rate_limiter(options["rate_limiter"])
    if "read_timeout" in options:
        builder = builder.read_timeout(options["read_timeout"])
    app = builder.build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("report", report))
    app.add_handler(CallbackQueryHandler(choose))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))

    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert context.error is not None
        errors.append(context.error)

    app.add_error_handler(on_error)
    return app


@asynccontextmanager
async def polling(app: Application) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """Run the application's polling loop for the duration of the block."""
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(timeout=1, poll_interval=0)
    try:
        yield app
    finally:
        if app.updater.running:
            await app.updater.stop()
        await app.stop()
        await app.shutdown()


def sent(method: str, chat_id: int | None = None) -> Any:
    """Predicate: a call of ``method`` that took effect (in ``chat_id``)."""

    def match(call: Call) -> bool:
        return (
            call.method == method
            and call.ok
            and (chat_id is None or call.result["chat"]["id"] == chat_id)
        )

    return match


async def test_echo_keyboard_and_callback(emu: Emulator) -> None:
    errors: list[BaseException] = []
    ann = emu.user(1001, "Ann")
    async with polling(build_app(emu, errors)):
        ann.send_command("/start", "HALL-7")
        await emu.wait_for_async(sent("sendMessage", ann.id))
        greeting = ann.messages[-1]
        assert greeting.text == "Hei Ann, kode HALL-7"
        assert greeting.entities == ({"offset": 4, "length": 3, "type": "bold"},)
        assert [b.callback_data for b in greeting.buttons] == ["yes", "no"]

        mark = emu.mark()
        ann.send_text("hallo")
        await emu.wait_for_async(sent("sendMessage", ann.id), after=mark)
        assert ann.messages[-1].text == "echo: hallo"

        click = ann.click(greeting, "Ja")
        await emu.wait_for_async(sent("editMessageText"))
        assert emu.callback_answer(click.query_id) == {
            "text": "Du valde yes",
            "show_alert": False,
            "url": None,
        }
        assert ann.messages[0].text == "Valt: yes"
        assert ann.messages[0].buttons == []  # editing without reply_markup drops the keyboard
        with pytest.raises(DriverError, match="no button"):
            ann.click(greeting, "Nei")
    assert errors == []
    assert emu.pending_updates() == []


async def test_document_upload_arrives_as_multipart_and_downloads(emu: Emulator) -> None:
    errors: list[BaseException] = []
    bo = emu.user(1002, "Bo")
    async with polling(build_app(emu, errors)) as app:
        bo.send_command("/report")
        call = await emu.wait_for_async(sent("sendDocument", bo.id))
        assert call.files["document"].filename == "rapport.txt"
        document = bo.messages[-1].document
        assert document is not None
        assert (document.file_name, document.data) == ("rapport.txt", REPORT)
        assert bo.messages[-1].caption == "Rapport utkast"

        telegram_file = await app.bot.get_file(document.file_id)
        assert bytes(await telegram_file.download_as_bytearray()) == REPORT
    assert errors == []


async def test_unconfirmed_update_is_redelivered_after_a_crash(emu: Emulator) -> None:
    errors: list[BaseException] = []
    cy = emu.user(1003, "Cy")
    update_id = cy.send_text("svar 1")
    # The first getUpdates hands the update out; every later one (which would confirm it with
    # its offset) fails, and so does the final confirming call when polling stops: the state
    # a crash right after receiving the update leaves behind.
    emu.inject("getUpdates", ["500"], count=1000, skip=1)
    async with polling(build_app(emu, errors)):
        await emu.wait_for_async(sent("sendMessage", cy.id))
    emu.clear_faults()
    assert emu.pending_updates() == [update_id]

    async with polling(build_app(emu, errors)):
        await emu.wait_until_async(lambda: len(emu.sent_to(cy.id)) == 2)
    assert [m.text for m in emu.sent_to(cy.id)] == ["echo: svar 1", "echo: svar 1"]
    assert emu.deliveries(update_id) == 2
    assert emu.pending_updates() == []
    assert emu.duplicates() == [(cy.id, "echo: svar 1", 2)]


async def test_retry_after_is_honoured_and_nothing_is_lost(emu: Emulator) -> None:
    errors: list[BaseException] = []
    app = build_app(emu, errors, rate_limiter=AIORateLimiter(max_retries=5))
    dag = emu.user(1004, "Dag")
    async with polling(app):
        emu.inject("sendMessage", ["429"], retry_after=1)
        dag.send_text("ein")
        await emu.wait_for_async(sent("sendMessage", dag.id))
        refused, delivered = emu.calls_to("sendMessage")
        assert (refused.status, refused.fault, delivered.ok) == (429, "429", True)
        assert delivered.t - refused.t >= 1.0

        emu.inject("sendMessage", ["429"], rate=0.4, seed=6, retry_after=0.2)
        texts = [f"melding {i}" for i in range(8)]
        await asyncio.gather(*(app.bot.send_message(dag.id, text) for text in texts))
    assert sorted(m.text for m in dag.messages[1:]) == sorted(texts)
    assert len([f for f in emu.faults if f.kind == "429"]) >= 3
    assert emu.duplicates() == []
    assert errors == []


async def send_and_await_error(
    emu: Emulator, user: UserHandle, text: str, errors: list[BaseException]
) -> None:
    """Send a text and wait until the bot's error handler has seen one more error."""
    before = len(errors)
    user.send_text(text)
    await emu.wait_until_async(lambda: len(errors) > before)


async def test_server_error_and_timeouts_surface_as_errors(emu: Emulator) -> None:
    errors: list[BaseException] = []
    eva = emu.user(1005, "Eva")
    async with polling(build_app(emu, errors, read_timeout=0.3)):
        emu.inject("sendMessage", ["500", "timeout", "timeout_after"], hold=0.6)
        for text in ("a", "b", "c"):
            await send_and_await_error(emu, eva, text, errors)
    assert [type(e) for e in errors] == [NetworkError, TimedOut, TimedOut]
    assert "Internal Server Error" in str(errors[0])
    assert [(f.kind, f.params["text"]) for f in emu.faults] == [
        ("500", "echo: a"),
        ("timeout", "echo: b"),
        ("timeout_after", "echo: c"),
    ]
    # the lost reply: the bot saw a timeout, yet the message reached the chat
    assert [m.text for m in eva.messages] == ["echo: c"]


async def test_unknown_method_is_recorded_and_fails_the_check() -> None:
    with Emulator() as emu:
        app = build_app(emu, [])
        async with app:
            with pytest.raises(EndPointNotFound):
                await app.bot.do_api_request("sendTelepathy", {"chat_id": 1})
        assert emu.unknown_methods == ["sendTelepathy"]
        with pytest.raises(AssertionError, match="sendTelepathy"):
            emu.assert_no_unknown_methods()


async def test_telegram_rules_reach_the_bot_as_exceptions(emu: Emulator) -> None:
    fia = emu.user(1006, "Fia")
    fia.send_text("hei")
    emu.channel(-1001, "Rådet", username="raadet")
    emu.channel(-1002, "Anna kanal", bot_status="member")
    emu.channel(-1003, "Gammal kanal", bot_status="left")
    async with build_app(emu, []) as app:
        bot = app.bot
        exact = "<b>" + "&lt;" * 4096 + "</b>"
        message = await bot.send_message(fia.id, exact, parse_mode="HTML")
        assert message.text == "<" * 4096
        with pytest.raises(BadRequest, match=r"(?i)message is too long"):
            await bot.send_message(fia.id, exact + ".", parse_mode="HTML")
        for broken in ("<b>open", "<b>x</i>", "a <br> b", "x</b>"):
            with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
                await bot.send_message(fia.id, broken, parse_mode="HTML")
        with pytest.raises(BadRequest, match=r"(?i)caption is too long"):
            await bot.send_document(fia.id, b"x", filename="a.txt", caption="c" * 1025)
        with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
            keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 65)]])
            await bot.send_message(fia.id, "x", reply_markup=keyboard)
        with pytest.raises(BadRequest, match=r"(?i)not modified"):
            await bot.edit_message_text(exact, fia.id, message.message_id, parse_mode="HTML")
        with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
            await bot.edit_message_text("ny", fia.id, 999)
        posted = await bot.send_message("@raadet", "Samandrag")
        assert posted.sender_chat is not None and posted.sender_chat.id == -1001
        with pytest.raises(BadRequest, match=r"(?i)chat not found"):
            await bot.send_message("@ukjend", "x")
        with pytest.raises(BadRequest, match=r"(?i)need administrator rights"):
            await bot.send_message(-1002, "x")
        with pytest.raises(Forbidden, match="not a member of the channel"):
            await bot.send_message(-1003, "x")
        with pytest.raises(Forbidden, match="can't initiate"):
            await bot.send_message(emu.user(1007, "Gro").id, "x")
