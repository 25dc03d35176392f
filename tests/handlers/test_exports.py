"""/eksport: the case draft, the Markdown report and the raw data as documents."""

import io

from docx import Document

from bot.render.export_data import read_csv, read_json
from tests.support.harness import ORGANISER, Harness
from tests.support.seeding import FIRST_USER, seed_answers


async def test_export_sends_four_documents(h: Harness) -> None:
    await seed_answers(h)
    await h.command(ORGANISER, "eksport")
    assert h.replies(ORGANISER)[0].startswith(
        "Rapporten som utkast til saksframlegg (DOCX) og som Markdown (anonym)"
    )
    documents = h.tg.to(ORGANISER, "sendDocument")
    files = {c.filenames["document"]: c.files["document"] for c in documents}
    assert list(files) == [
        "hallingting-2026-saksframlegg.docx",
        "hallingting-2026-saksframlegg.md",
        "hallingting-2026-data.csv",
        "hallingting-2026-data.json",
    ]
    paragraphs = [
        p.text for p in Document(io.BytesIO(files["hallingting-2026-saksframlegg.docx"])).paragraphs
    ]
    assert "Bakgrunn" in paragraphs and "Vedlegg" in paragraphs
    markdown = files["hallingting-2026-saksframlegg.md"].decode()
    assert "- Vidareføring av Sats på Hallingdal 2.0 (3 av 4 grupper)\n" in markdown
    assert "| Vidareføring av Sats på Hallingdal 2.0 | Gruppe 1, Gruppe 2, Gruppe 3 |" in markdown
    csv_rows = read_csv(files["hallingting-2026-data.csv"].decode("utf-8-sig"))
    json_rows = read_json(files["hallingting-2026-data.json"].decode())
    assert csv_rows == json_rows and len(csv_rows) == 8
    assert {r.status for r in csv_rows} == {"headline", "other"}


async def test_export_is_for_organisers_only(h: Harness) -> None:
    await seed_answers(h)
    await h.command(FIRST_USER, "eksport")
    assert h.replies(FIRST_USER) == ["Berre arrangørane av tinget kan gjere dette."]
    assert h.tg.to(FIRST_USER, "sendDocument") == []
