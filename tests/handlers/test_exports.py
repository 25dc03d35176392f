"""/eksport: the case draft, the Markdown report and the raw data as documents."""

import io
import zipfile

import pytest
from docx import Document

from bot.render import limits
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


def sent(h: Harness) -> dict[str, bytes]:
    """The documents the organiser got, by file name."""
    return {
        c.filenames["document"]: c.files["document"] for c in h.tg.to(ORGANISER, "sendDocument")
    }


async def test_a_document_beyond_telegrams_limit_goes_zipped(
    h: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    await seed_answers(h)
    await h.command(ORGANISER, "eksport")
    plain = sent(h)
    h.tg.calls.clear()
    # A limit the Markdown and the CSV keep to, the JSON only zipped, the DOCX (a zip archive
    # already) not even so.
    md, csv, json_name = (
        f"hallingting-2026-{n}" for n in ("saksframlegg.md", "data.csv", "data.json")
    )
    limit = len(plain[md])
    assert len(plain[csv]) <= limit < len(plain[json_name])
    monkeypatch.setattr(limits, "UPLOAD_LIMIT", limit)
    await h.command(ORGANISER, "eksport")
    files = sent(h)
    assert list(files) == [md, csv, f"{json_name}.zip"]
    assert files[md] == plain[md] and files[csv] == plain[csv]
    with zipfile.ZipFile(io.BytesIO(files[f"{json_name}.zip"])) as archive:
        assert archive.namelist() == [json_name]
        assert archive.read(json_name) == plain[json_name]
    assert h.replies(ORGANISER)[1].startswith(
        "hallingting-2026-saksframlegg.docx.zip er for stor til å sendast her"
    )


async def test_a_document_too_large_even_zipped_is_named_with_the_way_to_get_it(
    h: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    await seed_answers(h)
    monkeypatch.setattr(limits, "UPLOAD_LIMIT", 100)
    await h.command(ORGANISER, "eksport")
    assert h.tg.to(ORGANISER, "sendDocument") == []
    notes = h.replies(ORGANISER)[1:]
    assert notes[0] == (
        "hallingting-2026-saksframlegg.docx.zip er for stor til å sendast her (0 MB komprimert; "
        "Telegram tek imot opp til 50 MB). På tenaren skriv «tingbot export» fila til ei mappe."
    )
    assert [n.split(" ", 1)[0] for n in notes] == [
        "hallingting-2026-saksframlegg.docx.zip",
        "hallingting-2026-saksframlegg.md.zip",
        "hallingting-2026-data.csv.zip",
        "hallingting-2026-data.json.zip",
    ]
