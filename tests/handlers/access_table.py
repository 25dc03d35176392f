"""The access table: who may use which command and button. docs/access.md shows the same table.

Roles: a participant of the consultation, its organiser, the organiser of another consultation,
a stranger, and a participant writing in a group chat. Outcomes: "yes" (the bot does it),
"no" (refused with an explanation; nothing changes) and "—" (ignored: no answer at all).
Buttons are pressed with the data a participant's own buttons carry (their answer, question or
group); join and erase buttons carry a signature for the one who got them.
"""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("participant", "organiser", "other organiser", "stranger", "group chat")
YES, NO, IGNORED = "yes", "no", "—"
PRIVATE_YES = (YES, YES, YES, YES, IGNORED)
OWN_ONLY = (YES, NO, NO, NO, IGNORED)
OWN_BUTTON = (YES, NO, NO, NO, NO)
ANY_BUTTON = (YES, YES, YES, YES, NO)


@dataclass(frozen=True)
class Row:
    """One command (key "/name") or button pattern (key as registered, "*" for the catch-all)."""

    key: str
    what: str
    action: str  # command arguments, or the button data with {placeholders}
    expect: tuple[str, str, str, str, str]


TABLE: tuple[Row, ...] = (
    Row("/start", "join a group with its link (offer, consent)", "{code}", PRIVATE_YES),
    Row("/svar", "answer the questions", "", OWN_ONLY),
    Row("/mine", "list, edit and withdraw one's answers", "", OWN_ONLY),
    Row("/avbryt", "stop editing an answer", "", PRIVATE_YES),
    Row("/sprak", "choose the language", "", PRIVATE_YES),
    Row("/hjelp", "how tingbot works", "", PRIVATE_YES),
    Row("/help", "how tingbot works", "", PRIVATE_YES),
    Row("/mine_data", "everything stored about oneself, as JSON", "", PRIVATE_YES),
    Row("/slett", "delete everything stored about oneself", "", PRIVATE_YES),
    Row("^j:", "accept the join offer (signed for its receiver)", "j:{group}:{join}", ANY_BUTTON),
    Row("^jx$", "decline the join offer", "jx", ANY_BUTTON),
    Row("^n:", "previous, next, skip, done", "n:next:{question}", OWN_BUTTON),
    Row("^g:", "go to a question", "g:{question}", OWN_BUTTON),
    Row("^e:", "edit an answer", "e:{answer}", OWN_BUTTON),
    Row("^[wr]:", "withdraw or restore an answer", "w:{answer}", OWN_BUTTON),
    Row("^l:", "set the language", "l:nb", ANY_BUTTON),
    Row("^del:", "confirm deleting one's data (signed)", "del:yes:{minute}:{erase}", ANY_BUTTON),
    Row("*", "any other button (stale or forged)", "zz:1", (NO, NO, NO, NO, NO)),
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
