-- Meetings (synced from the config by key, or added by organisers in chat) and the record of
-- every reminder and notice: one row per (slot, participant), claimed before it is sent.

-- `description` is JSON {"nn": …, "nb": …, "en": …} (nn always present); `groups` a JSON list
-- of group keys, empty for all groups. A meeting is never deleted: it is cancelled. Once an
-- organiser has edited a meeting in chat (`organiser_edited`), the config no longer changes it.
-- `sequence` counts changes, so calendars update the event.
CREATE TABLE meeting (
    id INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultation(id),
    key TEXT NOT NULL,
    start_utc TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '{"nn": ""}',
    groups TEXT NOT NULL DEFAULT '[]',
    cancelled INTEGER NOT NULL DEFAULT 0,
    organiser_edited INTEGER NOT NULL DEFAULT 0,
    from_config INTEGER NOT NULL DEFAULT 1,
    sequence INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL,
    UNIQUE (consultation_id, key)
);

-- A slot is "meeting:<key>:<offset>", "deadline:answers:<offset>", "now:<target>:<stamp>" (sent
-- by an organiser) or "notice:<meeting key>:<sequence>". The row is inserted as 'claimed' (or
-- 'skipped') and committed before anything is sent; only the run that inserted it sends, then
-- marks it 'sent' or 'failed'. The unique key is what makes every reminder go out at most once.
CREATE TABLE reminder_sent (
    id INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultation(id),
    slot_key TEXT NOT NULL,
    participant_id INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'failed', 'skipped')),
    error TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    UNIQUE (consultation_id, slot_key, participant_id)
);
CREATE INDEX reminder_sent_participant ON reminder_sent(participant_id);
