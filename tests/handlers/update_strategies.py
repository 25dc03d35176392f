"""Hypothesis strategies for validly shaped Telegram updates of every kind, as raw Bot API JSON.

Users are mostly the known roles (participants, organisers, a stranger), sometimes anyone;
chats are private or groups (group messages may reply to the bot's questions); texts include
empty, very long, right-to-left and zero-width ones; commands are every command the bot knows or
others; button data uses every prefix the bot knows, with small numbers that hit real ids.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from tests.support.botapi import BOT_ID
from tests.support.harness import CODE_1, CODE_2, ORGANISER
from tests.support.roles import (
    GROUP_CHAT,
    OTHER_CODE,
    OTHER_ORGANISER,
    OTHER_PARTICIPANT,
    PARTICIPANT,
    STRANGER,
)

KNOWN_USERS = [PARTICIPANT, OTHER_PARTICIPANT, ORGANISER, OTHER_ORGANISER, STRANGER]
COMMANDS = ["start", "svar", "mine", "avbryt", "sprak", "hjelp", "help", "mine_data", "slett"]
COMMANDS += ["motar", "paminningar", "runde", "status", "lenker", "oppsummering", "publiser"]
COMMANDS += ["eksport", "paminn", "kontroll", "kopla", "frakopla", "sporsmal", "referent"]
COMMANDS += ["punkt", "gruppesvar"]
ARGUMENTS = [CODE_1, CODE_2, OTHER_CODE, "opne", "steng", "status", "1", "2", "0", "99"]
PREFIXES = ["j:", "jx", "n:next:", "n:prev:", "n:skip:", "n:done:", "n:", "g:", "e:", "w:", "r:"]
PREFIXES += ["l:", "del:yes:", "del:no", "del:", "x:", ""]
# Organisers' buttons: progress, preview and curation, publishing, reminders now, meetings.
PREFIXES += ["os:", "ov:", "ov:1:1:0:", "ov:1:1:0:v", "ov:1:1:0:hp:", "pub:", "pub:1:", "pubx"]
PREFIXES += ["pn:p:", "pn:p:all", "pn:p:g", "pn:ok:all:", "pn:ok:", "pn:x", "rm:go"]
PREFIXES += ["mt:add", "mt:edit:", "mt:drop:", "mt:ok", "mt:no", "ks", "kb:y:", "kb:n:", "kb:"]
# The round in private chat, and the group chat's buttons.
PREFIXES += ["rv:a:", "rv:d:", "rv:p:", "rv:", "rs", "rs:new", "rc:", "rp:"]
PREFIXES += ["cj:", "cr:o:", "cr:c:", "cr:c:1:", "cp:", "cs:", "cv:", "ct:", "ct:1:0:", "cg:"]
PREFIXES += ["cg:1:", "co:", "cx:"]
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
    | st.integers(-(10**30), 10**30).map(str)  # beyond SQLite's 64-bit integers
    | words
)


@st.composite
def command_texts(draw: st.DrawFn) -> str:
    """A command with odd arguments: known or unknown name, maybe @mention, maybe join codes."""
    name = draw(st.sampled_from(COMMANDS) | st.from_regex(r"[a-z_]{1,32}", fullmatch=True))
    mention = draw(st.sampled_from(["", "@tingbot_test_bot", "@someone_else"]))
    args = draw(st.lists(st.sampled_from(ARGUMENTS) | words, max_size=3))
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
    chat = draw(chats(user_id))
    message = {
        "message_id": draw(st.integers(1, 10**6)),
        "date": 1_780_000_000,
        "chat": chat,
        "from": {"id": user_id, "is_bot": False, "first_name": "Someone", "language_code": "nn"},
        **content,
    }
    if chat["type"] != "private" and draw(st.booleans()):
        message["reply_to_message"] = draw(replied(chat))
    return message


@st.composite
def replied(draw: st.DrawFn, chat: dict[str, Any]) -> dict[str, Any]:
    """The message a group-chat message replies to: mostly one of the bot's (small ids hit the
    questions it posted), sometimes a member's."""
    author = draw(
        st.sampled_from([{"id": BOT_ID, "is_bot": True, "first_name": "tingbot"}] * 3)
        | st.sampled_from(KNOWN_USERS).map(lambda u: {"id": u, "is_bot": False, "first_name": "S"})
    )
    return {
        "message_id": draw(st.integers(1, 16) | st.integers(1, 10**6)),
        "date": 1_780_000_000,
        "chat": chat,
        "from": author,
        "text": "Spørsmål",
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
