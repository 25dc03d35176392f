"""After the ting over HTTP: publishing tells participants that /mine shows their points, /mine
shows them, and /vedtak posts the council's decision and sends each participant theirs.

Three participants in three groups answer; one turns reminders off and gets no notice. The
bot runs as deployed, against the emulator.
"""

from __future__ import annotations

from bot.i18n.translator import P_
from tests.e2e.scenario import Tingbot, pattern, shown, text_of

SAVED = pattern("✅ Saved (point {count} for question {number}). Write more, or go on.")
SHARED = "Felles næringsselskap for heile Hallingdal"
FUND = "Eit regionalt fond for gründerar"
ANSWERS = {
    (5201, "Torunn"): ("ht26-g1-Kx7p", SHARED),
    (5202, "Halvor"): ("ht26-g2-Qm4d", SHARED),
    (5203, "Margit"): ("ht26-g3-Wv9s", FUND),
}
TITLE = "Hallingtinget 2026: Næringsutvikling, helsesamarbeid og regionalt samarbeid"
NOTICES = "The notices to the participants are done."
SENT = P_("Sent to {count} participant.", "Sent to {count} participants.")
SKIPPED = P_(
    "{count} participant skipped (reminders off or unreachable).",
    "{count} participants skipped (reminders off or unreachable).",
)
FAILED = P_("{count} message failed.", "{count} messages failed.")
MEETING = "Regionrådet 12. februar 2027"
MINUTES = "https://hallingdal.no/referat/2027-02-12"
DECISION = "Regionrådet skipar eit felles næringsselskap."
CONFIRM = (
    "It is recorded as version {version} of the decision and answers {summary}. Each participant "
    "(except those who turned reminders off) then gets a short notice with the decision and the "
    "points their answers were part of. Post it in {channel}?"
)


def test_publish_notice_mine_and_the_decision(tingbot: Tingbot) -> None:
    bot = tingbot.start()
    people = {}
    for (user_id, name), (code, text) in ANSWERS.items():
        person = tingbot.person(user_id, name)
        person.join(code)
        person.say(text, SAVED)
        people[name] = person
    people["Margit"].command("paminningar")
    organiser = tingbot.organiser()

    organiser.command(
        "publiser", expect=shown("Publish it in {channel}?", channel="@hallingdal_regionrad")
    )
    done = organiser.press("pub:", expect=pattern(NOTICES))
    said = text_of(done)
    for counted, count in ((SENT, 2), (SKIPPED, 1), (FAILED, 0)):
        assert shown(counted, count=count) in said, (counted, said)
    notice = shown(
        "The summary of «{title}» is published in {channel}. /mine shows the point each of "
        "your answers is part of.",
        title=TITLE,
        channel="@hallingdal_regionrad",
    )
    torunn = people["Torunn"]
    assert notice in [text_of(c) for c in torunn.replies()][-1]
    assert all(notice not in text_of(c) for c in people["Margit"].replies())

    counted = shown("{count} of {total} groups", count=2, total=3)
    part_of = shown("Your answer is part of «{label}» — {count}", label=SHARED, count=counted)
    listing = text_of(torunn.command("mine", expect=part_of))
    assert f"{SHARED}\n↳ {part_of}" in listing
    margit = text_of(people["Margit"].command("mine", expect=FUND))
    alone = shown("{count} of {total} groups", count=1, total=3)
    among = "Your answer is among the other points, in «{label}» — {count}"
    assert shown(among, label=FUND, count=alone) in margit

    organiser.command("vedtak", f"{MEETING}\n{MINUTES}\n{DECISION}", expect=pattern(CONFIRM))
    organiser.press("vd:", expect=pattern(NOTICES))
    posts = [m.text or "" for m in tingbot.channel_posts()]
    assert any(DECISION in p and MEETING in p and MINUTES in p for p in posts)
    for name in ("Torunn", "Halvor", "Margit"):
        assert all(name not in p for p in posts)
    told = torunn.wait_reply(0, DECISION)
    assert f"«{SHARED}» — {counted}" in text_of(told)
    shown_after = text_of(torunn.command("mine", expect=DECISION))
    assert MINUTES in shown_after
    assert all(DECISION not in text_of(c) for c in people["Margit"].replies())
    assert bot.stop() == 0
