"""Who can get reminders, and the claim-before-send record of every reminder slot."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime

import aiosqlite

from storage.db import Database
from storage.models import Recipient
from storage.timefmt import to_db

FINAL_STATUSES = ("sent", "failed")


class ReminderRepository:
    """Recipients of reminders and the record of every reminder slot per participant."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def recipients(self, consultation_id: int) -> list[Recipient]:
        """Every participant of a consultation (muted and inactive ones too), by id."""
        rows = await self.db.fetchall(
            "SELECT p.id, p.telegram_id, p.group_id, g.key, p.reminders, p.active, u.language "
            "FROM participant p JOIN discussion_group g ON g.id = p.group_id "
            "JOIN telegram_user u ON u.telegram_id = p.telegram_id "
            "WHERE p.consultation_id = ? ORDER BY p.id",
            (consultation_id,),
        )
        return [Recipient(r[0], r[1], r[2], r[3], bool(r[4]), bool(r[5]), r[6]) for r in rows]

    async def claim_reminders(
        self,
        consultation_id: int,
        slot_key: str,
        participant_ids: Collection[int],
        skipped: Mapping[int, str],
        now: datetime,
    ) -> set[int]:
        """Claim the slot for each participant; return those claimed by this call.

        Rows are inserted with ON CONFLICT DO NOTHING and committed before this returns, so of
        two runs of the same slot only one claims a participant. `skipped` (participant → why)
        are recorded as 'skipped' in the same transaction.
        """

        async def op(conn: aiosqlite.Connection) -> set[int]:
            stamp = to_db(now)
            claimed: set[int] = set()
            for participant_id in participant_ids:
                cursor = await conn.execute(
                    "INSERT INTO reminder_sent (consultation_id, slot_key, participant_id, "
                    "status, at) VALUES (?, ?, ?, 'claimed', ?) "
                    "ON CONFLICT (consultation_id, slot_key, participant_id) DO NOTHING",
                    (consultation_id, slot_key, participant_id, stamp),
                )
                if cursor.rowcount == 1:
                    claimed.add(participant_id)
            await conn.executemany(
                "INSERT INTO reminder_sent (consultation_id, slot_key, participant_id, status, "
                "error, at) VALUES (?, ?, ?, 'skipped', ?, ?) "
                "ON CONFLICT (consultation_id, slot_key, participant_id) DO NOTHING",
                [(consultation_id, slot_key, pid, why, stamp) for pid, why in skipped.items()],
            )
            return claimed

        return await self.db.write(op)

    async def finish_reminder(
        self,
        consultation_id: int,
        slot_key: str,
        participant_id: int,
        status: str,
        now: datetime,
        error: str = "",
    ) -> None:
        """Record what became of a claimed reminder: 'sent' or 'failed' (with the error)."""
        if status not in FINAL_STATUSES:
            raise ValueError(f"a claimed reminder ends as sent or failed, not {status!r}")

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "UPDATE reminder_sent SET status = ?, error = ?, at = ? "
                "WHERE consultation_id = ? AND slot_key = ? AND participant_id = ? "
                "AND status = 'claimed'",
                (status, error, to_db(now), consultation_id, slot_key, participant_id),
            )

        await self.db.write(op)

    async def handled_slots(self, consultation_id: int) -> set[str]:
        """Keys of the slots that have run (any participant claimed or skipped)."""
        rows = await self.db.fetchall(
            "SELECT DISTINCT slot_key FROM reminder_sent WHERE consultation_id = ?",
            (consultation_id,),
        )
        return {r[0] for r in rows}

    async def slot_counts(self, consultation_id: int, slot_key: str) -> dict[str, int]:
        """Status → how many participants' rows of one slot have it ('claimed' ones were being
        sent when a run stopped, and are never sent again)."""
        rows = await self.db.fetchall(
            "SELECT status, COUNT(*) FROM reminder_sent WHERE consultation_id = ? AND "
            "slot_key = ? GROUP BY status",
            (consultation_id, slot_key),
        )
        return {r[0]: r[1] for r in rows}
