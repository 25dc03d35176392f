-- The organisers' curation log (replayed on every compile) and every published version.

CREATE TABLE curation_action (
    id INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultation(id),
    question_key TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('merge', 'move', 'rename', 'hide', 'unhide', 'undo')),
    ref TEXT NOT NULL DEFAULT '',
    target_ref TEXT NOT NULL DEFAULT '',
    label TEXT NOT NULL DEFAULT '',
    organiser_id INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX curation_action_question ON curation_action(consultation_id, question_key, id);

-- A publication is recorded before anything is posted and updated after each message, so a
-- half-posted summary is never unrecorded.
CREATE TABLE publication (
    id INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultation(id),
    version INTEGER NOT NULL,
    organiser_id INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    channel TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('posting', 'posted', 'failed')),
    message_ids TEXT NOT NULL DEFAULT '[]',
    error TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL,
    created_at TEXT NOT NULL,
    finished_at TEXT,
    UNIQUE (consultation_id, version)
);

-- Random secrets of this installation (e.g. the key that makes export pseudonyms unguessable).
CREATE TABLE instance_secret (
    name TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
