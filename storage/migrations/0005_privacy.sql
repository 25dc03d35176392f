-- Raw answers are purged a configured number of days after a consultation's deadline. Each purge
-- that removed something is recorded, with counts only (no texts, no people).

CREATE TABLE retention_purge (
    id INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultation(id),
    answers INTEGER NOT NULL,
    revisions INTEGER NOT NULL,
    purged_at TEXT NOT NULL
);
CREATE INDEX retention_purge_consultation ON retention_purge(consultation_id, id);
