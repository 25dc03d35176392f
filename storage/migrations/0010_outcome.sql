-- What became of the answers after the ting: each published version's points with the answers
-- in them (stored at publishing, so later curation does not change what a participant is told
-- about a version), and the council's decisions, versioned like publications.

-- A point of a published version: a headline point or one of the other points (hidden points
-- are never published). `groups` raised it of `groups_answering`; the round's support as it was.
CREATE TABLE published_point (
    id INTEGER PRIMARY KEY,
    publication_id INTEGER NOT NULL REFERENCES publication(id),
    question_key TEXT NOT NULL,
    point_key TEXT NOT NULL,
    label TEXT NOT NULL,
    headline INTEGER NOT NULL,
    groups INTEGER NOT NULL,
    groups_answering INTEGER NOT NULL,
    agree INTEGER NOT NULL DEFAULT 0,
    votes INTEGER NOT NULL DEFAULT 0,
    common_ground INTEGER NOT NULL DEFAULT 0,
    UNIQUE (publication_id, question_key, point_key)
);

-- Which answer is in which published point (an answer of several points may be in several). An
-- erased or purged answer takes its rows with it.
CREATE TABLE published_answer (
    point_id INTEGER NOT NULL REFERENCES published_point(id),
    answer_id INTEGER NOT NULL REFERENCES answer(id) ON DELETE CASCADE,
    PRIMARY KEY (point_id, answer_id)
);
CREATE INDEX published_answer_answer ON published_answer(answer_id);

-- What the council decided, per consultation and version: recorded as 'posting' before it is
-- posted to the channel, then 'posted' or 'failed', like a publication. `publication_id` is the
-- published version of the summary it answers (NULL: none was published).
CREATE TABLE decision (
    id INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultation(id),
    version INTEGER NOT NULL,
    organiser_id INTEGER NOT NULL,
    publication_id INTEGER REFERENCES publication(id),
    text TEXT NOT NULL,
    meeting TEXT NOT NULL,
    minutes_url TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('posting', 'posted', 'failed')),
    message_ids TEXT NOT NULL DEFAULT '[]',
    error TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    finished_at TEXT,
    UNIQUE (consultation_id, version)
);
