-- Curation learns two kinds: 'split' (the chosen points, space-separated in ref, leave their
-- themes for a new one) and 'keep_apart' (ref and target_ref are not the same point).
-- SQLite cannot widen a CHECK constraint, so the table is rebuilt with the same rows and ids.
CREATE TABLE curation_action_new (
    id INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultation(id),
    question_key TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (
        kind IN ('merge', 'move', 'rename', 'hide', 'unhide', 'split', 'keep_apart', 'undo')
    ),
    ref TEXT NOT NULL DEFAULT '',
    target_ref TEXT NOT NULL DEFAULT '',
    label TEXT NOT NULL DEFAULT '',
    organiser_id INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
INSERT INTO curation_action_new
    (id, consultation_id, question_key, kind, ref, target_ref, label, organiser_id, created_at)
    SELECT id, consultation_id, question_key, kind, ref, target_ref, label, organiser_id, created_at
    FROM curation_action;
DROP TABLE curation_action;
ALTER TABLE curation_action_new RENAME TO curation_action;
CREATE INDEX curation_action_question ON curation_action(consultation_id, question_key, id);
