-- Updates the bot could not read (Telegram sent something this library cannot parse): kept for
-- the operators with the raw JSON, so the poller can confirm past them and go on serving.
CREATE TABLE dead_letter (
    update_id INTEGER PRIMARY KEY,
    received_at TEXT NOT NULL,
    error TEXT NOT NULL,
    raw TEXT NOT NULL
);

-- When the "saved" reply to an answer was sent (NULL: never). An answer delivered again after a
-- restart is acknowledged again only if its acknowledgement was never sent.
ALTER TABLE answer ADD COLUMN acknowledged_at TEXT;
