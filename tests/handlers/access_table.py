"""The access table: who may use which command and button. docs/access.md shows the same table.

Roles: a participant of the consultation, its organiser, the organiser of another consultation
and a stranger, each in their private chat with the bot; then the participant and the organiser
writing in the group chat linked to the participant's group. Outcomes: "yes" (the bot does
it), "no" (refused with an explanation; nothing changes) and "—" (ignored: no answer at all).
Buttons are pressed with the data the buttons of the one who is shown them carry (a
participant's own answer, question or group; the consultation's meeting, check-back or round
point); join and erase buttons carry a signature for the one who got them. A row's `setup`
steps run first (as the role given, in its chat), like the steps that lead to its button.
"""

from __future__ import annotations

from dataclasses import dataclass

ROLES = (
    "participant",
    "organiser",
    "other organiser",
    "stranger",
    "member in group chat",
    "organiser in group chat",
)
YES, NO, IGNORED = "yes", "no", "—"
Expect = tuple[str, str, str, str, str, str]
PRIVATE_YES: Expect = (YES, YES, YES, YES, IGNORED, IGNORED)
OWN_ONLY: Expect = (YES, NO, NO, NO, IGNORED, IGNORED)
ORGANISERS: Expect = (NO, YES, YES, NO, IGNORED, IGNORED)
EVERYONE: Expect = (YES, YES, YES, NO, IGNORED, IGNORED)
OWN_BUTTON: Expect = (YES, NO, NO, NO, NO, NO)
ANY_BUTTON: Expect = (YES, YES, YES, YES, NO, NO)
ORGANISER_BUTTON: Expect = (NO, YES, NO, NO, NO, NO)  # carries this consultation's data
ORGANISERS_BUTTON: Expect = (NO, YES, YES, NO, NO, NO)  # any organiser, for their own
GROUP_ONLY: Expect = (NO, NO, NO, NO, NO, YES)  # organisers (or the referent) in the chat
GROUP_BUTTON: Expect = (NO, NO, NO, NO, NO, YES)


@dataclass(frozen=True)
class Row:
    """One command (key "/name") or button pattern (key as registered, "*" for the catch-all)."""

    key: str
    what: str
    action: str  # command arguments, or the button data with {placeholders}
    expect: Expect
    setup: tuple[tuple[str, str], ...] = ()  # (role, command or button) done before


GROUP_OFFER = (("member in group chat", "/referent"),)
CHOSEN_POINT = (("organiser in group chat", "ct:{question}:0:{group_point}"),)
CANCELLING = (("self", "mt:drop:{meeting}"),)
DECIDING = (("self", "/vedtak Regionrådet 12. februar 2027 | - | Regionrådet held fram"),)

TABLE: tuple[Row, ...] = (
    # Participants, in private chat.
    Row("/start", "join a group with its link (offer, consent)", "{code}", PRIVATE_YES),
    Row("/svar", "answer the questions", "", OWN_ONLY),
    Row("/mine", "list, edit and withdraw one's answers", "", OWN_ONLY),
    Row("/avbryt", "stop editing an answer", "", PRIVATE_YES),
    Row("/sprak", "choose the language", "", PRIVATE_YES),
    Row("/hjelp", "how tingbot works (in a group chat: how it works there)", "", (YES,) * 6),
    Row("/help", "how tingbot works (in a group chat: how it works there)", "", (YES,) * 6),
    Row("/mine_data", "everything stored about oneself, as JSON", "", PRIVATE_YES),
    Row("/slett", "delete everything stored about oneself", "", PRIVATE_YES),
    Row("/kalender", "upcoming meetings; organisers: add, change, cancel", "", EVERYONE),
    Row("/motar", "the first name of /kalender", "", EVERYONE),
    Row("/paminningar", "turn one's reminders off or on", "", OWN_ONLY),
    Row("/runde", "vote on the other groups' points; organisers: the round's state", "", EVERYONE),
    Row("^j:", "accept the join offer (signed for its receiver)", "j:{group}:{join}", ANY_BUTTON),
    Row("^jx$", "decline the join offer", "jx", ANY_BUTTON),
    Row("^jl:", "the join offer in another language (signed)", "jl:en:{group}:{join}", ANY_BUTTON),
    Row("^pm:", "the whole privacy notice (under the join offer)", "pm:{group}", ANY_BUTTON),
    Row("^n:", "previous, next, skip, done", "n:next:{question}", OWN_BUTTON),
    Row("^g:", "go to a question", "g:{question}", OWN_BUTTON),
    Row(
        "^lt:",
        "add a text sent after the last question to a question",
        "lt:{question}:1",
        OWN_BUTTON,
    ),
    Row("^e:", "edit an answer", "e:{answer}", OWN_BUTTON),
    Row("^w:", "withdraw an answer", "w:{answer}", OWN_BUTTON),
    Row("^r:", "restore a withdrawn answer", "r:{answer}", OWN_BUTTON),
    Row("^l:", "set the language", "l:nb", ANY_BUTTON),
    Row("^del:", "confirm deleting one's data (signed)", "del:yes:{minute}:{erase}", ANY_BUTTON),
    Row("^rm:go$", "continue answering (under a reminder)", "rm:go", OWN_BUTTON),
    Row("^rv:", "agree, disagree or pass on a point of the round", "rv:a:{point}", OWN_BUTTON),
    Row("^rs$", "continue the round", "rs", OWN_BUTTON),
    Row("^rs:new$", "start the round (under the invitation)", "rs:new", OWN_BUTTON),
    Row("^rc:", "list one's votes to change one", "rc:0", OWN_BUTTON),
    Row("^rp:", "vote again on a point from that list", "rp:{point}", OWN_BUTTON),
    # Organisers, in private chat.
    Row("/status", "progress per group and question", "", ORGANISERS),
    Row("/lenkjer", "join links and QR codes", "", ORGANISERS),
    Row("/lenker", "the first name of /lenkjer", "", ORGANISERS),
    Row("/oppsummering", "preview and curate the summary", "", ORGANISERS),
    Row("/publiser", "preview the channel post, then publish", "", ORGANISERS),
    Row("/eksport", "export the report and the raw data", "", ORGANISERS),
    Row("/vedtak", "record the council's decision: preview, then post and notify", "", ORGANISERS),
    Row("/paminn", "send a reminder now", "", ORGANISERS),
    Row("/kontroll", "the check-back's state, and sending it", "", ORGANISERS),
    Row("/konsoll", "a one-time login link to the console in a browser", "", ORGANISERS),
    Row("^os:", "refresh the progress", "os:{consultation}", ORGANISER_BUTTON),
    Row(
        "^ov:",
        "the preview's pages, curation",
        "ov:{consultation}:{question}:0:v",
        ORGANISER_BUTTON,
    ),
    Row("^pub:", "publish what was previewed", "pub:{version}:{hash}", ORGANISER_BUTTON),
    Row("^pubx$", "do not publish", "pubx", ORGANISERS_BUTTON),
    Row("^pq:", "a question in or out of the channel post", "pq:q:{question}", ORGANISER_BUTTON),
    Row("^vd:", "post the previewed decision", "vd:{decision}", ORGANISERS_BUTTON, DECIDING),
    Row("^vdx$", "do not post the decision", "vdx", ORGANISERS_BUTTON),
    Row("^pn:p:", "whom to remind: preview", "pn:p:all", ORGANISERS_BUTTON),
    Row("^pn:ok:", "send the reminder", "pn:ok:all:{stamp}", ORGANISERS_BUTTON),
    Row("^pn:x$", "do not send the reminder", "pn:x", ORGANISERS_BUTTON),
    Row("^mt:add$", "add a meeting", "mt:add", ORGANISERS_BUTTON),
    Row("^mt:edit:", "change a meeting", "mt:edit:{meeting}", ORGANISER_BUTTON),
    Row("^mt:drop:", "cancel a meeting", "mt:drop:{meeting}", ORGANISER_BUTTON),
    Row("^mt:ok$", "confirm the meeting's change", "mt:ok", ORGANISER_BUTTON, CANCELLING),
    Row("^mt:no$", "drop the meeting's change", "mt:no", ORGANISERS_BUTTON, CANCELLING),
    Row("^ks$", "send the check-back to every group", "ks", ORGANISERS_BUTTON),
    # In the linked group chat.
    Row("/kopla", "link the chat to a group", "{code}", GROUP_ONLY),
    Row("/frakopla", "unlink the chat", "", GROUP_ONLY),
    Row("/sporsmal", "post the questions in the chat", "", GROUP_ONLY),
    Row("/referent", "offer to be referent; organisers: appoint", "", (NO, NO, NO, NO, YES, YES)),
    Row("/punkt", "the group's points for a question", "1", GROUP_ONLY),
    Row("/gruppesvar", "choose the group's joint answer", "1", GROUP_ONLY),
    Row("^cj:", "take part in the chat's group", "cj:{group}", (NO, NO, NO, NO, YES, YES)),
    Row("^cr:o:", "offer to be referent", "cr:o:{group}", (NO, NO, NO, NO, YES, NO)),
    Row(
        "^cr:c:",
        "second a member's offer to be referent",
        "cr:c:{group}:{member}",
        (NO, NO, NO, NO, NO, YES),
        GROUP_OFFER,
    ),
    Row("^cp:", "the points of a question", "cp:{question}", GROUP_BUTTON),
    Row("^cs:", "choose the joint answer", "cs:{question}", GROUP_BUTTON),
    Row("^cv:", "weigh the points in a poll", "cv:{question}", GROUP_BUTTON),
    Row("^ct:", "check a point of the joint answer", "ct:{question}:0:{group_point}", GROUP_BUTTON),
    Row("^cg:", "another page of the points", "cg:{question}:0", GROUP_BUTTON),
    Row("^co:", "confirm the joint answer", "co:{question}", GROUP_BUTTON, CHOSEN_POINT),
    Row("^cx:", "withdraw the joint answer", "cx:{question}", GROUP_BUTTON),
    Row(
        "^kb:",
        "answer the check-back where it was sent (its referent; without one, the group's chat)",
        "kb:y:{checkback}",
        (NO, NO, NO, NO, YES, YES),
    ),
    # Everything else.
    Row("^$", "a button without data", "", (NO,) * 6),
    Row("^(?!ov:)", "any button but the preview's: ends a pending rename first", "zz:1", (NO,) * 6),
    Row("*", "any other button (stale or forged)", "zz:1", (NO,) * 6),
)


def markdown() -> str:
    """The table as Markdown, as docs/access.md shows it."""
    head = "| command or button | what it does | " + " | ".join(ROLES) + " |"
    rule = "| --- | --- | " + " | ".join("---" for _ in ROLES) + " |"
    lines = [head, rule]
    for row in TABLE:
        key = row.key if row.key.startswith("/") else f"button `{row.key}`"
        lines.append(f"| {key} | {row.what} | " + " | ".join(row.expect) + " |")
    return "\n".join(lines)
