-- The participants' notices after a publication ('outcome:<version>') or a decision
-- ('decision:<version>') are sent by a job after the organiser's ✅; a row here says that job
-- finished, so at start-up the newest posted publication and decision without one are resumed
-- (each participant's own row in reminder_sent keeps a resumed run from sending twice).
CREATE TABLE outcome_notice (
    consultation_id INTEGER NOT NULL REFERENCES consultation(id),
    slot_key TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    PRIMARY KEY (consultation_id, slot_key)
);

-- Notices sent before this table existed were sent by the ✅ itself: they count as finished.
INSERT INTO outcome_notice (consultation_id, slot_key, finished_at)
SELECT consultation_id, slot_key, MAX(at) FROM reminder_sent
WHERE slot_key LIKE 'outcome:%' OR slot_key LIKE 'decision:%'
GROUP BY consultation_id, slot_key;
