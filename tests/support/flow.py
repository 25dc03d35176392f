"""Shared names and database queries for the participant-flow tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tests.support.harness import Harness

KARI = 5001
OLA = 5002
KEYS = ["organisering", "tiltak", "helse-fungerer", "helse-nye-oppgaver", "samarbeid-omrade"]
AFTER_DEADLINE = datetime(2027, 1, 14, 23, 0, tzinfo=UTC)  # 00:00 on 15 January in Oslo


def qid(h: Harness, key: str) -> int:
    """The database id of a question."""
    return int(h.rows("SELECT id FROM question WHERE key = ?", (key,))[0][0])


def cursor(h: Harness, telegram_id: int = KARI) -> str | None:
    """The key of the question the participant is on (None: done)."""
    rows = h.rows(
        "SELECT q.key FROM participant p LEFT JOIN question q ON q.id = p.question_id "
        "WHERE p.telegram_id = ?",
        (telegram_id,),
    )
    return rows[0][0]


def answers(h: Harness, telegram_id: int = KARI) -> list[tuple[str, str, str]]:
    """(question key, text, status) of the participant's answers, oldest first."""
    return [
        (r[0], r[1], r[2])
        for r in h.rows(
            "SELECT q.key, a.text, a.status FROM answer a JOIN question q ON q.id = a.question_id "
            "JOIN participant p ON p.id = a.participant_id WHERE p.telegram_id = ? ORDER BY a.id",
            (telegram_id,),
        )
    ]


# One of each kind of message that is not text.
FILE = {"file_id": "AgAD-file", "file_unique_id": "AQAD-unique"}
NOT_TEXT: dict[str, dict[str, Any]] = {
    "photo": {
        "photo": [{**FILE, "width": 90, "height": 60, "file_size": 1200}],
        "caption": "Svaret mitt er på biletet",
    },
    "sticker": {
        "sticker": {
            **FILE,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "👍",
        }
    },
    "voice": {"voice": {**FILE, "duration": 14, "mime_type": "audio/ogg"}},
    "document": {"document": {**FILE, "file_name": "svar.docx"}, "caption": "Sjå vedlegg"},
    "location": {"location": {"latitude": 60.533, "longitude": 8.95}},
    "poll": {
        "poll": {
            "id": "9001",
            "question": "Felles næringsselskap?",
            "options": [
                {"text": "Ja", "voter_count": 0, "persistent_id": "0"},
                {"text": "Nei", "voter_count": 0, "persistent_id": "1"},
            ],
            "total_voter_count": 0,
            "is_closed": False,
            "is_anonymous": True,
            "type": "regular",
            "allows_multiple_answers": False,
            "allows_revoting": False,
            "members_only": False,
        }
    },
    "video": {"video": {**FILE, "width": 640, "height": 360, "duration": 5}},
    "audio": {"audio": {**FILE, "duration": 100}},
    "contact": {"contact": {"phone_number": "+4712345678", "first_name": "Kari"}},
}
