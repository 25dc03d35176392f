"""The council channel gets the summary only: no answer's text but a point's label, no names."""

import io
import re

from docx import Document

from tests.support.channel import channel_calls
from tests.support.harness import ORGANISER, Harness
from tests.support.seeding import NAMES, seed_answers

LONG = " ".join(
    f"Vegen over fjellet må brøytast oftare, breibandet i grend {n} er for svakt, og bussen "
    f"til Gol går for sjeldan om kvelden (punkt {n})."
    for n in range(1, 31)
)
ANSWERS = {
    "gruppe-1": [
        ("organisering", "Vidareføring av Sats på Hallingdal 2.0\nEit regionalt næringsfond"),
        ("tiltak", "Eg, Kari på Bakken, meiner traineeordninga må halde fram"),
    ],
    "gruppe-2": [
        ("organisering", "Sats på Hallingdal 2.0 bør vidareførast"),
        ("tiltak", "Regional traineeordning"),
        ("helse-fungerer", LONG),
    ],
    "gruppe-3": [
        ("organisering", "- Sats på Hallingdal 2.0\n- Regionalt næringsfond for Hallingdal"),
        ("tiltak", "Traineeordning for unge, helst i samarbeid med Næringshagen"),
    ],
    "gruppe-4": [
        ("organisering", "Slå saman kommunane, men ikkje før valet i 2027 (mi personlege meining)")
    ],
}
BULLET = re.compile(r"^• (?P<label>.+) \(\d+ av \d+ grupper?\)$", re.MULTILINE)


def channel_content(h: Harness) -> str:
    """Everything the channel received: texts, captions and the text of any document."""
    parts: list[str] = []
    for call in channel_calls(h):
        parts.append(call.text or "")
        for data in call.files.values():
            document = Document(io.BytesIO(data))
            parts += [p.text for p in document.paragraphs]
            parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def points_of(text: str) -> list[str]:
    """The points of an answer as the bot splits them: one per line, bullets dropped."""
    return [line.strip().lstrip("-•* ").strip() for line in text.splitlines() if line.strip()]


async def test_nothing_but_the_summary_reaches_the_channel(h: Harness) -> None:
    await seed_answers(h, ANSWERS)
    await h.command(ORGANISER, "publiser")
    await h.press(ORGANISER, "✅ Publiser")
    content = channel_content(h)
    labels = {m["label"] for m in BULLET.finditer(content)}
    assert labels, "the post shows the summary's points"
    for name in NAMES[: len(ANSWERS)]:
        assert name not in content
    rest = content  # what the channel shows besides the points' labels
    for label in sorted(labels, key=len, reverse=True):
        rest = rest.replace(label, "\x00")
    stored = [text for items in ANSWERS.values() for _, text in items]
    for answer in stored:
        for point in points_of(answer):
            if len(point) > 12:
                assert point.casefold() not in rest.casefold(), point
    assert "(punkt 2)" not in content  # a long answer is never posted whole, only its label
    assert "Kari på Bakken" not in content


async def test_the_case_draft_with_every_answer_goes_to_the_organiser_only(h: Harness) -> None:
    await seed_answers(h, ANSWERS)
    await h.command(ORGANISER, "eksport")
    [docx] = [c for c in h.tg.to(ORGANISER, "sendDocument") if "docx" in str(c.filenames)]
    paragraphs = [p.text for p in Document(io.BytesIO(docx.files["document"])).paragraphs]
    assert any("Kari på Bakken" in p for p in paragraphs)  # the organisers' appendix has it
    assert channel_calls(h) == []
