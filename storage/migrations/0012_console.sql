-- The organisers' console: a login link is signed, not stored; using one records its nonce,
-- so the same link cannot open a second session.
CREATE TABLE console_login (
    nonce TEXT PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultation(id),
    organiser_id INTEGER NOT NULL,
    used_at TEXT NOT NULL
);
