"""Random but validly shaped updates through the real Application (hypothesis).

Whatever arrives — any message kind, edits, channel posts, forged buttons, odd commands, long,
right-to-left or zero-width text, unknown users and chats, group chats — no exception escapes a
handler, nothing is stored that should not be, the bot writes only to the sender's private chat
(valid Telegram HTML within the limits), and every button press is answered exactly once.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.answering import text_problem
from tests.emulator.errors import ApiError
from tests.emulator.params import Params
from tests.emulator.validate import caption, message_text, reply_markup
from tests.support.figures import report_figures
from tests.support.harness import CODE_1, CODE_2, ORGANISER, Harness, start_harness, stop_harness
from tests.support.roles import (
    GROUP_CHAT,
    OTHER_CODE,
    OTHER_ORGANISER,
    OTHER_PARTICIPANT,
    PARTICIPANT,
    STRANGER,
    two_consultations,
)

EXAMPLES = 1000
KNOWN_USERS = [PARTICIPANT, OTHER_PARTICIPANT, ORGANISER, OTHER_ORGANISER, STRANGER]
COMMANDS = ["start", "svar", "mine", "avbryt", "sprak", "hjelp", "help", "mine_data", "slett"]
PREFIXES = ["j:", "jx", "n:next:", "n:prev:", "n:skip:", "n:done:", "n:", "g:", "e:", "w:", "r:"]
PREFIXES += ["l:", "del:yes:", "del:no", "del:", "x:", ""]
ODD = "\u202e\u200b\u200d\ufeff\u2066\u0301<>&\"'/@#"

users = st.sampled_from(KNOWN_USERS) | st.sampled_from(KNOWN_USERS) | st.integers(1, 2**40)
words = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]) | st.sampled_from(ODD),
    max_size=60,
)
texts = words | st.sampled_from(
    ["", " ", "ok", "عربي نص", "עברית", "👍👍", "x" * 4001, "a\n" * 3000, "lang " * 790]
)
ids = (  # small numbers hit real question, group and answer ids
    st.integers(0, 12).map(str)
    | st.integers(0, 12).map(str)
    | st.integers(-(2**31), 2**31).map(str)
    | words
)


@st.composite
def command_texts(draw: st.DrawFn) -> str:
    """A command with odd arguments: known or unknown name, maybe @mention, maybe join codes."""
    name = draw(st.sampled_from(COMMANDS) | st.from_regex(r"[a-z_]{1,32}", fullmatch=True))
    mention = draw(st.sampled_from(["", "@tingbot_test_bot", "@someone_else"]))
    args = draw(st.lists(st.sampled_from([CODE_1, CODE_2, OTHER_CODE]) | words, max_size=3))
    return " ".join([f"/{name}{mention}", *args])


def file(prefix: str, **extra: Any) -> dict[str, Any]:
    """A file object."""
    return {"file_id": f"{prefix}1", "file_unique_id": f"{prefix}u", **extra}


CONTENT = [
    {
        "sticker": file(
            "s", type="regular", width=512, height=512, is_animated=False, is_video=False
        )
    },
    {"photo": [file("p", width=90, height=90)]},
    {"voice": file("v", duration=3)},
    {"audio": file("a", duration=3)},
    {"video": file("vd", width=1, height=1, duration=1)},
    {"video_note": file("vn", length=1, duration=1)},
    {"animation": file("an", width=1, height=1, duration=1)},
    {"document": file("d", file_name="svar.txt")},
    {"location": {"latitude": 60.6, "longitude": 8.9}},
    {"venue": {"location": {"latitude": 60.6, "longitude": 8.9}, "title": "Gol", "address": "x"}},
    {"contact": {"phone_number": "+4712345678", "first_name": "Kari"}},
    {"dice": {"emoji": "🎲", "value": 3}},
    {
        "poll": {
            "id": "1",
            "question": "Kva?",
            "options": [
                {"text": "a", "voter_count": 0, "persistent_id": "a"},
                {"text": "b", "voter_count": 0, "persistent_id": "b"},
            ],
            "total_voter_count": 0,
            "is_closed": False,
            "is_anonymous": True,
            "type": "regular",
            "allows_multiple_answers": False,
            "allows_revoting": True,
            "members_only": False,
        }
    },
    {"new_chat_members": [{"id": 42, "is_bot": False, "first_name": "Ny"}]},
]


@st.composite
def chats(draw: st.DrawFn, user_id: int) -> dict[str, Any]:
    """The user's private chat, or a group the user writes in."""
    kind = draw(st.sampled_from(["private", "private", "group", "supergroup"]))
    if kind == "private":
        return {"id": user_id, "type": "private", "first_name": "Someone"}
    chat_id = draw(st.sampled_from([GROUP_CHAT, -42]) | st.integers(-(10**13), -1))
    return {"id": chat_id, "type": kind, "title": "Gruppe"}


@st.composite
def messages(draw: st.DrawFn, user_id: int) -> dict[str, Any]:
    """A message of any kind from the user."""
    content = draw(
        st.one_of(
            texts.map(lambda t: {"text": t}),
            command_texts().map(
                lambda t: {
                    "text": t,
                    "entities": [{"type": "bot_command", "offset": 0, "length": len(t.split()[0])}],
                }
            ),
            st.sampled_from(CONTENT),
            texts.map(lambda t: {"photo": [file("p", width=1, height=1)], "caption": t}),
        )
    )
    return {
        "message_id": draw(st.integers(1, 10**6)),
        "date": 1_780_000_000,
        "chat": draw(chats(user_id)),
        "from": {"id": user_id, "is_bot": False, "first_name": "Someone", "language_code": "nn"},
        **content,
    }


@st.composite
def updates(draw: st.DrawFn) -> dict[str, Any]:
    """One update of any kind."""
    user_id = draw(users)
    kind = draw(
        st.sampled_from(
            ["message"] * 4 + ["callback_query"] * 4 + ["edited_message", "channel_post", "other"]
        )
    )
    if kind in ("message", "edited_message"):
        message = draw(messages(user_id))
        if kind == "edited_message":
            message["edit_date"] = 1_780_000_100
        return {kind: message}
    if kind == "channel_post":
        channel = {"id": -1001234567890, "type": "channel", "title": "Kanal"}
        post = {"message_id": 7, "date": 1_780_000_000, "chat": channel, "sender_chat": channel}
        return {"channel_post": {**post, **draw(texts.map(lambda t: {"text": t or "x"}))}}
    if kind == "other":
        return draw(
            st.sampled_from(
                [
                    {
                        "poll_answer": {
                            "poll_id": "1",
                            "user": {"id": user_id, "is_bot": False, "first_name": "S"},
                            "option_ids": [0],
                            "option_persistent_ids": ["0"],
                        }
                    },
                    {
                        "my_chat_member": {
                            "chat": {"id": GROUP_CHAT, "type": "supergroup", "title": "G"},
                            "from": {"id": user_id, "is_bot": False, "first_name": "S"},
                            "date": 1_780_000_000,
                            "old_chat_member": {
                                "status": "left",
                                "user": {"id": 7000000001, "is_bot": True, "first_name": "tingbot"},
                            },
                            "new_chat_member": {
                                "status": "member",
                                "user": {"id": 7000000001, "is_bot": True, "first_name": "tingbot"},
                            },
                        }
                    },
                ]
            )
        )
    data = draw(st.sampled_from(PREFIXES)) + draw(ids) + draw(st.sampled_from(["", "", ":1", ":x"]))
    data = data.encode()[:64].decode(errors="ignore") or "x"
    where = draw(st.sampled_from(["message", "message", "inaccessible", "inline"]))
    query: dict[str, Any] = {
        "id": str(draw(st.integers(1, 10**9))),
        "from": {"id": user_id, "is_bot": False, "first_name": "Someone"},
        "chat_instance": "1",
        "data": data,
    }
    if where == "inline":
        query["inline_message_id"] = "inline-1"
    else:
        chat = draw(chats(user_id))
        query["message"] = {
            "message_id": 3,
            "date": 0 if where == "inaccessible" else 1_780_000_000,
            "chat": chat,
        }
        if where == "message":
            query["message"]["text"] = "Spørsmål"
    return {"callback_query": query}


class ErrorRecords(logging.Handler):
    """Collects every record at ERROR or above (the error handler logs there when a handler fails)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the record."""
        self.records.append(record)


async def snapshot(h: Harness) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables about people."""
    tables = {}
    for table in ("telegram_user", "participant", "answer", "answer_revision"):
        rows = await h.storage.db.fetchall(f"SELECT * FROM {table} ORDER BY rowid")
        tables[table] = [tuple(r) for r in rows]
    return tables


def sender_of(update: dict[str, Any]) -> int | None:
    """The user behind an update."""
    for value in update.values():
        if isinstance(value, dict):
            who = value.get("from") or value.get("user")
            if who:
                return int(who["id"])
    return None


async def check(h: Harness, update: dict[str, Any], errors: ErrorRecords, seen: list[int]) -> None:
    """Feed one update and check every invariant."""
    before = await snapshot(h)
    participants = {r[2]: r[0] for r in before["participant"]}  # telegram id -> participant id
    calls = len(h.tg.calls)
    await h.feed(update)
    after = await snapshot(h)
    made = h.tg.calls[calls:]
    seen[0] += 1
    assert not errors.records, [r.getMessage() for r in errors.records]

    user = sender_of(update)
    mine = participants.get(user) if user is not None else None
    message = update.get("message") or update.get("edited_message")
    private = bool(message) and message["chat"]["type"] == "private"
    takes_answer = (
        private
        and "message" in update
        and mine is not None
        and isinstance(message.get("text"), str)
        and not message["text"].startswith("/")
        and text_problem(message["text"]) is None
    )
    # Nobody joins or leaves (join and erase buttons carry signatures that cannot be guessed).
    assert [r[:4] for r in after["participant"]] == [r[:4] for r in before["participant"]]
    others = [r for r in after["participant"] if r[2] != user]
    assert others == [r for r in before["participant"] if r[2] != user]
    new_answers = [
        r
        for r in after["answer"]
        if r not in before["answer"] and r[0] not in {b[0] for b in before["answer"]}
    ]
    assert len(new_answers) <= (1 if takes_answer else 0)
    assert all(r[1] == mine for r in new_answers)
    changed = [b for b in before["answer"] if b not in after["answer"]]
    assert all(r[1] == mine for r in changed), "someone else's answer changed"
    assert len(after["answer_revision"]) - len(before["answer_revision"]) <= (1 if private else 0)
    assert {r[0] for r in after["telegram_user"]} - {r[0] for r in before["telegram_user"]} <= {
        user
    }

    for call in made:
        if call.method in ("sendMessage", "sendDocument", "editMessageReplyMarkup"):
            assert user is not None and str(call.params.get("chat_id")) == str(user), call
        if call.method == "sendMessage":
            message_text(Params(call.params, {}))
            reply_markup(call.params.get("reply_markup"))
        if call.method == "sendDocument":
            caption(Params(call.params, {}))
    if "callback_query" in update:
        answered = [c for c in made if c.method == "answerCallbackQuery"]
        assert len(answered) == 1
    else:
        assert not [c for c in made if c.method == "answerCallbackQuery"]
    if not private and "callback_query" not in update:
        assert not made, "the bot answered outside a private chat"
    assert len([c for c in made if c.method.startswith("send")]) <= 3


def test_random_updates_never_break_the_bot(tmp_path: Path) -> None:
    errors = ErrorRecords()
    logging.getLogger().addHandler(errors)
    seen = [0]
    with asyncio.Runner() as runner:
        h = runner.run(start_harness(tmp_path, config=two_consultations(tmp_path / "t.sqlite3")))
        runner.run(h.join(PARTICIPANT, CODE_1))
        runner.run(h.text(PARTICIPANT, "Eit første svar"))
        for word in ("lang ", "lengre "):  # /mine then needs more than one message
            runner.run(h.text(PARTICIPANT, (word * 800)[:3950]))
        runner.run(h.join(OTHER_PARTICIPANT, CODE_2))
        runner.run(h.text(OTHER_PARTICIPANT, "Eit anna svar"))

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(updates())
        def feed(update: dict[str, Any]) -> None:
            try:
                runner.run(check(h, update, errors, seen))
            except ApiError as invalid:
                raise AssertionError(
                    f"Telegram would refuse what the bot sent: {invalid}"
                ) from None
            finally:
                errors.records.clear()

        try:
            feed()
        finally:
            logging.getLogger().removeHandler(errors)
            runner.run(stop_harness(h))
    report_figures("hypothesis bad input", {"examples_run": seen[0], "exceptions_escaped": 0})
    assert seen[0] >= EXAMPLES
