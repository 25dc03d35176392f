"""Scenario helpers for end-to-end tests: the bot process, its database and people using it.

`Tingbot` owns one emulator-backed deployment (config file, database, processes); `Person` is a
Telegram user who writes to the bot, presses buttons and waits for answers, as a user would.
Organiser, publication and reminder scenarios use the same pieces: an organiser is a `Person`
with the organiser's id, the channel is `Tingbot.channel`, and `Tingbot.configure(...)` takes
any consultation key (meetings, deadline, reminders) to set the scene.
"""

from __future__ import annotations

import html
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.i18n.translator import gettext, plural_form, translator
from tests.e2e.configfile import CHANNEL, ORGANISER, bot_config, write
from tests.e2e.process import BotProcess
from tests.emulator import Call, ChatHandle, Emulator, Message, UserHandle

WAIT = 20.0
CHANNEL_ID = -1001234567890
SEND_METHODS = ("sendMessage", "sendDocument")
OFFER = "Answers are taken until {deadline}."
QUESTION = "<b>{theme}</b> · Question {number} of {total}"


def plain(text: str) -> str:
    """HTML as the user sees it: tags removed, entities resolved."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def shown(msgid: str, language: str = "nn", **values: object) -> str:
    """A catalogue text, filled in, as the user sees it."""
    return plain(translator(language)(msgid, **values))


def pattern(msgid: str, language: str = "nn", count: int | None = None) -> re.Pattern[str]:
    """A catalogue text as a regex; each {placeholder} becomes a named group. A plural message
    (made with `P_`) in its form for `count`."""
    template = plain(plural_form(gettext(language, msgid), count))
    parts = re.split(r"\{(\w+)\}", template)
    regex = "".join(
        re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts)
    )
    return re.compile(regex, re.DOTALL)


def text_of(call: Call) -> str:
    """What a successful send showed: its text or caption."""
    result = call.result if isinstance(call.result, dict) else {}
    return str(result.get("text") or result.get("caption") or "")


def chat_of(call: Call) -> int | None:
    """The chat a call addressed."""
    value = call.params.get("chat_id")
    return int(value) if isinstance(value, int | str) and str(value).lstrip("-").isdigit() else None


def newest_with_button(
    messages: list[Message], wanted: Callable[[str, str], bool], where: int
) -> tuple[Message, str]:
    """The newest of `messages` with a button (label, data) that `wanted` accepts, and its data."""
    for message in reversed(messages):
        for b in message.buttons:
            if b.callback_data is not None and wanted(b.text, b.callback_data):
                return message, b.callback_data
    raise AssertionError(f"no such button in chat {where}")


def wait_sent(
    emu: Emulator,
    chat_id: int,
    after: int,
    match: str | re.Pattern[str] | None = None,
    timeout: float = WAIT,
) -> Call:
    """The first send to `chat_id` after `after` whose text contains or matches `match`."""

    def wanted(call: Call) -> bool:
        if not (call.ok and call.method in SEND_METHODS and chat_of(call) == chat_id):
            return False
        text = text_of(call)
        if match is None:
            return True
        return bool(match.search(text)) if isinstance(match, re.Pattern) else match in text

    return emu.wait_for(wanted, timeout, after=after)


class Tingbot:
    """The bot deployed against an emulator: config file, database and processes."""

    def __init__(self, emu: Emulator, directory: Path) -> None:
        self.emu = emu
        self.dir = directory
        self.database = directory / "tingbot.sqlite3"
        self.config_path = directory / "config.toml"
        self.processes: list[BotProcess] = []
        self.channel: ChatHandle = emu.channel(CHANNEL_ID, "Hallingdal regionråd", username=CHANNEL)
        self.config: dict[str, Any] = {}

    def configure(self, **changes: Any) -> dict[str, Any]:
        """Write the config file (see configfile.bot_config for what can be changed)."""
        self.config = bot_config(
            self.database, self.emu.base_url, self.emu.base_file_url, **changes
        )
        write(self.config_path, self.config)
        return self.config

    def start(self, *args: str, ready: Callable[[], bool] | None = None) -> BotProcess:
        """Start a bot process on the config (written with defaults if not yet)."""
        if not self.config:
            self.configure()
        log = self.dir / f"bot-{len(self.processes) + 1}.log"
        process = BotProcess(self.config_path, self.emu.token, log, *args)
        self.processes.append(process)
        return process.start(self.emu, ready)

    @property
    def output(self) -> str:
        """The output of every process started so far."""
        return "\n".join(p.output for p in self.processes)

    def close(self) -> None:
        """Kill whatever still runs (a test that failed half-way)."""
        for process in self.processes:
            process.kill()

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Rows from the bot's database, read directly with sqlite3."""
        conn = sqlite3.connect(f"file:{self.database}?mode=ro", uri=True)
        try:
            return list(conn.execute(sql, params).fetchall())
        finally:
            conn.close()

    def person(self, user_id: int, name: str, language: str = "nn") -> Person:
        """A Telegram user."""
        return Person(self, self.emu.user(user_id, name, language_code=language))

    def organiser(self) -> Person:
        """The organiser of the first consultation."""
        return self.person(ORGANISER, "Arrangør")

    def channel_posts(self) -> list[Message]:
        """What the bot has posted in the council channel (for publication scenarios)."""
        return self.emu.sent_to(CHANNEL_ID)

    def question_ids(self, consultation: str = "hallingting-2026") -> list[int]:
        """The database ids of a consultation's questions, in order."""
        rows = self.query(
            "SELECT q.id FROM question q JOIN consultation c ON c.id = q.consultation_id "
            "WHERE c.key = ? AND q.retired = 0 ORDER BY q.position",
            (consultation,),
        )
        return [r[0] for r in rows]


class Person:
    """A Telegram user talking to the bot in their private chat."""

    def __init__(self, bot: Tingbot, handle: UserHandle) -> None:
        self.bot = bot
        self.emu = bot.emu
        self.handle = handle

    @property
    def id(self) -> int:
        """The user's id (and their private chat's)."""
        return self.handle.id

    def replies(self, after: int = 0) -> list[Call]:
        """The bot's successful sends to this user from journal position `after` on."""
        return [
            c
            for c in self.emu.calls[after:]
            if c.ok and c.method in SEND_METHODS and chat_of(c) == self.id
        ]

    def wait_reply(
        self, after: int, match: str | re.Pattern[str] | None = None, timeout: float = WAIT
    ) -> Call:
        """The first send to this user after `after` whose text contains or matches `match`."""
        return wait_sent(self.emu, self.id, after, match, timeout)

    def say(self, text: str, expect: str | re.Pattern[str] | None = None) -> Call:
        """Send a text and wait for the bot's (expected) reply."""
        mark = self.emu.mark()
        self.handle.send_text(text)
        return self.wait_reply(mark, expect)

    def command(
        self, name: str, args: str = "", expect: str | re.Pattern[str] | None = None
    ) -> Call:
        """Send /name args and wait for the bot's (expected) reply."""
        mark = self.emu.mark()
        self.handle.send_command(name, args)
        return self.wait_reply(mark, expect)

    def latest_with_button(self, wanted: Callable[[str, str], bool]) -> tuple[Message, str]:
        """The newest bot message with a button (label, data) that `wanted` accepts."""
        return newest_with_button(self.handle.messages, wanted, self.id)

    def press(
        self,
        label: str,
        expect: str | re.Pattern[str] | None = None,
        *,
        exact: bool = False,
        chat: ChatHandle | None = None,
    ) -> Call:
        """Press the newest button whose label contains `label` (or whose data starts with it).

        `exact`: the label must be exactly `label` (number buttons); `chat`: a button in that
        group chat rather than in the private chat. Waits until the press is answered and
        returns that answer (its toast), or the expected reply when `expect` is given.
        """

        def wanted(text: str, data: str) -> bool:
            return text == label if exact else label in text or data.startswith(label)

        messages = chat.messages if chat is not None else self.handle.messages
        message, data = newest_with_button(messages, wanted, self.id)
        mark = self.emu.mark()
        click = self.handle.click(message, data)
        answered = self.emu.wait_for(
            lambda c: (
                c.method == "answerCallbackQuery"
                and c.params.get("callback_query_id") == click.query_id
            ),
            WAIT,
            after=mark,
        )
        if expect is None:
            return answered
        return wait_sent(self.emu, chat.id if chat else self.id, mark, expect)

    def command_in(
        self, chat: ChatHandle, name: str, args: str = "", expect: str | re.Pattern[str] = ""
    ) -> Call:
        """Send /name args in a group chat and wait for the bot's (expected) message there."""
        mark = self.emu.mark()
        self.handle.send_command(name, args, chat=chat)
        return wait_sent(self.emu, chat.id, mark, expect or None)

    def join(self, code: str) -> Call:
        """Open the group's deep link, accept, and wait for the first question."""
        self.command("start", code, expect=pattern(OFFER))
        return self.press("j:", expect=pattern(QUESTION))


def together(
    people: list[Person], act: Callable[[Person], object], done: Callable[[Person, int], bool]
) -> None:
    """Everyone acts at once (as many users do); then wait until `done(person, mark)` for all."""
    mark = people[0].emu.mark() if people else 0
    for person in people:
        act(person)
    if people:
        people[0].emu.wait_until(lambda: all(done(p, mark) for p in people), WAIT * 3)


def replied(match: str | re.Pattern[str]) -> Callable[[Person, int], bool]:
    """`done` for `together`: the person got a reply containing or matching `match`."""

    def check(person: Person, mark: int) -> bool:
        for call in person.replies(mark):
            text = text_of(call)
            if match.search(text) if isinstance(match, re.Pattern) else match in text:
                return True
        return False

    return check


def join_together(people: list[Person], code: str) -> None:
    """Everyone opens the same group link at once, then everyone accepts."""
    together(people, lambda p: p.handle.send_command("start", code), replied(pattern(OFFER)))
    together(people, press_now("j:"), replied(pattern(QUESTION)))


def press_now(label: str) -> Callable[[Person], object]:
    """`act` for `together`: press the newest button matching `label` without waiting."""

    def act(person: Person) -> object:
        message, data = person.latest_with_button(lambda t, d: label in t or d.startswith(label))
        return person.handle.click(message, data)

    return act
