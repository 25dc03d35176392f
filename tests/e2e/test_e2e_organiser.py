"""The organiser's way over HTTP: /status, the summary preview, curation, /publiser, /eksport.

Three groups answer question 1; the organiser sees their progress, previews the draft, merges
two points and renames the merged one with the inline buttons, publishes to the council's
channel (the summary as messages, and nothing else: no answer, no name, no report) and exports
the report (a DOCX sent with multipart sendDocument) and the raw data to the organiser.
"""

from __future__ import annotations

import csv
import io
import json
import re

from bot.i18n.translator import P_
from tests.e2e.scenario import Person, Tingbot, pattern, shown, text_of
from tests.emulator import Message

SAVED = pattern("✅ Saved (point {count} for question {number}). Write more, or go on.")
SHARED = "Felles næringsselskap for heile Hallingdal"
BROADBAND = "Betre breiband i grendene"
FUND = "Eit regionalt fond for gründerar"
RENAMED = "Felles næringsselskap med eige gründerfond"
# Who answers what, in which group (by join code). Their names must never reach the channel.
ANSWERS = {
    (5101, "Torunn"): ("ht26-g1-Kx7p", [SHARED, BROADBAND]),
    (5102, "Halvor"): ("ht26-g2-Qm4d", [SHARED]),
    (5103, "Margit"): ("ht26-g3-Wv9s", [FUND]),
}
NAMES = [name for _id, name in ANSWERS]
TOTAL = "<b>Total</b>: {participants}, {answers}"
GROUP_LINE = "{group}: {participants}, {answers} ({answered}/{questions} questions)"
QUESTION_LINE = "{number}. {question}: {answers} from {participants} in {count} of {total} groups"
PUBLISHED = P_(
    "✅ Published version {version} in {link}: the summary, in {count} message.",
    "✅ Published version {version} in {link}: the summary, in {count} messages.",
)
EXPORTED = "The report as a case draft (DOCX) and as Markdown ({names}), and the raw data as CSV and JSON: one row per point, participants as pseudonymous ids."


def lines_matching(text: str, msgid: str) -> list[re.Match[str]]:
    """Every line of `text` that is the catalogue text `msgid` with some values filled in."""
    regex = pattern(msgid)
    return [m for m in map(regex.fullmatch, text.splitlines()) if m is not None]


def point_numbers(draft: str) -> dict[str, tuple[int, str]]:
    """The numbered points of a draft page: label → (number, group count text)."""
    found = {}
    for line in draft.splitlines():
        match = re.fullmatch(r"(\d+)\. (.+) \((.+)\)( ✏️)?", line)
        if match:
            found[match[2]] = (int(match[1]), match[3])
    return found


def counted(raised: int, answering: int) -> str:
    """ "2 av 3 grupper" as the consultation's language writes it."""
    return shown("{count} of {total} groups", count=raised, total=answering)


def preview_message(organiser: Person) -> Message:
    """The organiser's draft message, as it is now (it is edited in place)."""
    message, _data = organiser.latest_with_button(lambda _t, d: d.startswith("ov:"))
    return message


def test_status_preview_curate_publish_and_export(tingbot: Tingbot) -> None:
    emu = tingbot.emu
    bot = tingbot.start()
    for (user_id, name), (code, texts) in ANSWERS.items():
        person = tingbot.person(user_id, name)
        person.join(code)
        for text in texts:
            person.say(text, SAVED)
    organiser = tingbot.organiser()

    status = text_of(organiser.command("status", expect="📊"))
    (total,) = lines_matching(status, TOTAL)
    assert total["participants"].startswith("3 ") and total["answers"].startswith("4 ")
    groups = {m["group"]: m for m in lines_matching(status, GROUP_LINE)}
    assert groups["Gruppe 1"]["answers"].startswith("2 ")
    assert groups["Gruppe 4"]["answers"].startswith("0 ")
    first = next(m for m in lines_matching(status, QUESTION_LINE) if m["number"] == "1")
    assert (first["count"], first["total"]) == ("3", "8")

    organiser.command(
        "oppsummering", expect=shown("Groups that answered: {count} of {total}.", count=3, total=8)
    )
    draft = point_numbers(preview_message(organiser).text or "")
    assert {label: count for label, (_n, count) in draft.items()} == {
        SHARED: counted(2, 3),
        BROADBAND: counted(1, 3),
        FUND: counted(1, 3),
    }

    organiser.press("🔗")
    organiser.press(str(draft[SHARED][0]), exact=True)
    merged = organiser.press(str(draft[FUND][0]), exact=True)
    assert merged.params.get("text") == "🔗 " + shown("Merged.")
    draft = point_numbers(preview_message(organiser).text or "")
    assert draft[SHARED][1] == counted(3, 3) and FUND not in draft

    organiser.press("✏️")
    organiser.press(str(draft[SHARED][0]), exact=True)
    organiser.say(RENAMED, "✏️ " + shown("Renamed: «{label}».", label=RENAMED))
    draft = point_numbers(preview_message(organiser).text or "")
    assert draft[RENAMED][1] == counted(3, 3) and SHARED not in draft

    mark = emu.mark()
    organiser.command(
        "publiser", expect=shown("Publish it in {channel}?", channel="@hallingdal_regionrad")
    )
    shown_first = [text_of(c) for c in organiser.replies(mark)]
    done = organiser.press("pub:", expect=pattern(PUBLISHED, count=1))
    summary = pattern(PUBLISHED, count=1).search(text_of(done))
    assert summary is not None and summary["version"] == "1"

    posts = tingbot.channel_posts()
    texts = [m.text for m in posts if m.text is not None]
    assert texts == shown_first[1 : 1 + len(texts)]  # exactly what the preview showed
    channel_text = "\n".join(texts)
    assert f"• {RENAMED} ({counted(3, 3)})" in channel_text
    assert f"• {BROADBAND} ({counted(1, 3)})" in channel_text
    assert FUND not in channel_text and SHARED not in channel_text
    assert [m for m in posts if m.document is not None] == []  # the case draft stays private
    assert emu.calls_to("sendDocument", ok=True) == []
    for name in NAMES:
        assert name not in channel_text
    assert summary["link"] == f"https://t.me/hallingdal_regionrad/{posts[0].message_id}"
    assert summary["count"] == str(len(texts))

    mark = emu.mark()
    organiser.command("eksport", expect=shown(EXPORTED, names=shown("anonymous")))
    emu.wait_until(
        lambda: len([c for c in organiser.replies(mark) if c.method == "sendDocument"]) == 4
    )
    assert all(c.files for c in emu.calls_to("sendDocument", ok=True)), "multipart uploads"
    files = {
        m.document.file_name.rsplit(".", 1)[1]: m.document.data
        for m in organiser.handle.messages
        if m.document is not None
    }
    assert set(files) == {"docx", "md", "csv", "json"}
    assert RENAMED in files["md"].decode()
    rows = list(csv.DictReader(io.StringIO(files["csv"].decode("utf-8-sig"))))
    assert sorted((r["group"], r["point"], r["cluster"]) for r in rows) == [
        ("gruppe-1", BROADBAND, BROADBAND),
        ("gruppe-1", SHARED, RENAMED),
        ("gruppe-2", SHARED, RENAMED),
        ("gruppe-3", FUND, RENAMED),
    ]
    assert [r["point"] for r in json.loads(files["json"])] == [r["point"] for r in rows]
    for name in NAMES:
        assert all(name not in data.decode("utf-8-sig") for k, data in files.items() if k != "docx")

    assert bot.stop() == 0
    (record,) = tingbot.query("SELECT version, status, message_ids, error FROM publication")
    assert record[:2] == (1, "posted") and record[3] == ""
    assert json.loads(record[2]) == [m.message_id for m in posts]
    assert tingbot.query("SELECT COUNT(*) FROM curation_action") == [(2,)]
