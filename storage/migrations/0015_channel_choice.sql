-- The questions an organiser left out of the channel post of a consultation (every question
-- without a row here is posted). A theme is left out by leaving out each of its questions.
CREATE TABLE channel_left_out (
    consultation_id INTEGER NOT NULL REFERENCES consultation(id),
    question_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (consultation_id, question_key)
);
