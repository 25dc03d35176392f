"""Publishing while Telegram answers 429 (retry_after) and 500: nothing lost, nothing twice.

Five groups answer with many points, so the channel post takes several messages. While the
organiser's ✅ is being carried out, the emulator answers some of the bot's sendMessage calls to
the channel with 429 Too Many Requests (retry_after 1 s) or 500. The bot must wait as told, retry,
and finish the publication: every message of the preview in the channel once, in order, the
database record 'posted' with every message id, and the channel never sent more than Telegram
allows (20 a minute to one chat; the emulator also enforces the limits).
"""

from __future__ import annotations

import json
import random
from collections import Counter
from itertools import pairwise
from pathlib import Path

from bot.i18n.translator import P_
from tests.e2e.scenario import CHANNEL_ID, Tingbot, pattern, shown, text_of
from tests.support.figures import report_figures

CODES = ["ht26-g1-Kx7p", "ht26-g2-Qm4d", "ht26-g3-Wv9s", "ht26-g4-Hb2n", "ht26-g5-Zr8t"]
SAVED = pattern("✅ Saved (point {count} for question {number}). Write more, or go on.")
PUBLISHED = pattern(
    P_(
        "✅ Published version {version} in {link}: the summary, in {count} message.",
        "✅ Published version {version} in {link}: the summary, in {count} messages.",
    ),
    count=2,  # the post takes several messages
)
LINES = 26  # points per group: 130 points in all, so the post needs several messages


def long_answer(group: int) -> str:
    """Many points, one per line, each in its own run of CJK characters: no two share a word
    part, so the summary cannot join any two of them, and each is a headline-length label."""
    rng = random.Random(group)

    def point(index: int) -> str:
        base = 0x4E00 + index * 120
        return " ".join(
            "".join(chr(base + rng.randrange(120)) for _ in range(9)) for _ in range(12)
        )

    return "\n".join(point((group - 1) * LINES + line) for line in range(LINES))


def test_publication_survives_429_and_500(flooded_tingbot: Tingbot, tmp_path: Path) -> None:
    tingbot = flooded_tingbot
    emu = tingbot.emu
    bot = tingbot.start()
    for number, code in enumerate(CODES, start=1):
        person = tingbot.person(5500 + number, f"Deltakar{number}")
        person.join(code)
        person.say(long_answer(number), SAVED)
    organiser = tingbot.organiser()
    mark = emu.mark()
    organiser.command(
        "publiser", expect=shown("Publish it in {channel}?", channel="@hallingdal_regionrad")
    )
    previewed = [text_of(c) for c in organiser.replies(mark)][1:-1]  # between header and question
    assert len(previewed) >= 4

    start = emu.mark()
    # Faults per call to the channel, in turn: the first message meets 429, 500, 500 and 429
    # (two 500s in a row are what the transport retries; 429s are the rate limiter's), the
    # second a 500.
    emu.inject("sendMessage", ["429", "500", "500", "429"], chat=CHANNEL_ID, retry_after=1)
    emu.inject("sendMessage", ["500"], chat=CHANNEL_ID, skip=1)
    done = organiser.press("pub:", expect=PUBLISHED)
    published = PUBLISHED.search(text_of(done))
    assert published is not None and published["count"] == str(len(previewed))

    posts = tingbot.channel_posts()
    texts = [m.text for m in posts if m.text is not None]
    documents = [m for m in posts if m.document is not None]
    lost = len([t for t in previewed if t not in texts])
    to_channel = [c for c in emu.calls[start:] if c.method in ("sendMessage", "sendDocument")]
    to_channel = [c for c in to_channel if c.params.get("chat_id") == "@hallingdal_regionrad"]
    injected = Counter(f.kind for f in emu.faults if f.kind != "flood")
    floods = sum(1 for f in emu.faults if f.kind == "flood")
    peak = emu.max_sends_to_chat_in_window(CHANNEL_ID, 60.0)
    figures = {
        "messages_in_publication": len(previewed),
        "faults_injected": dict(injected),
        "attempts_to_channel": len(to_channel),
        "messages_lost": lost,
        "duplicates_sent": len(emu.duplicates()),
        "telegram_flood_429s": floods,
        "max_sends_to_channel_per_minute": peak,
    }
    report_figures("publication under 429/500", figures, tmp_path)

    assert injected == {"429": 2, "500": 3}
    assert texts == previewed and lost == 0  # every message once, in the previewed order
    assert documents == []  # the case draft holds every answer: it never goes to the channel
    assert emu.duplicates() == []
    assert floods == 0 and peak <= 20
    for failed, retry in pairwise(to_channel):
        if failed.fault == "429":
            assert retry.t - failed.t >= 1.0, "retried before retry_after"

    assert bot.stop() == 0
    (record,) = tingbot.query("SELECT version, status, message_ids, error FROM publication")
    assert record[:2] == (1, "posted") and record[3] == ""
    assert json.loads(record[2]) == [m.message_id for m in posts]
