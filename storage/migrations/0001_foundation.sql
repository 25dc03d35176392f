-- Consultations, their themes, questions and groups (synced from the config by stable keys),
-- participants, answers with revisions, and the answering cursor.

CREATE TABLE consultation (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    synced_at TEXT NOT NULL
);

CREATE TABLE theme (
    id INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultation(id),
    key TEXT NOT NULL,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    retired INTEGER NOT NULL DEFAULT 0,
    UNIQUE (consultation_id, key)
);

CREATE TABLE question (
    id INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultation(id),
    theme_id INTEGER NOT NULL REFERENCES theme(id),
    key TEXT NOT NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    retired INTEGER NOT NULL DEFAULT 0,
    UNIQUE (consultation_id, key)
);

CREATE TABLE discussion_group (
    id INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultation(id),
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    join_code TEXT NOT NULL,
    retired INTEGER NOT NULL DEFAULT 0,
    UNIQUE (consultation_id, key)
);
CREATE INDEX discussion_group_code ON discussion_group(join_code);

-- A Telegram user as the bot knows them across consultations.
CREATE TABLE telegram_user (
    telegram_id INTEGER PRIMARY KEY,
    first_name TEXT NOT NULL DEFAULT '',
    language TEXT,
    created_at TEXT NOT NULL
);

-- A user in one group of one consultation; `question_id` is the answering cursor
-- (NULL when done), `editing_answer_id` the answer whose new text is awaited.
CREATE TABLE participant (
    id INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultation(id),
    telegram_id INTEGER NOT NULL REFERENCES telegram_user(telegram_id),
    group_id INTEGER NOT NULL REFERENCES discussion_group(id),
    consent_at TEXT NOT NULL,
    reminders INTEGER NOT NULL DEFAULT 1,
    active INTEGER NOT NULL DEFAULT 1,
    question_id INTEGER REFERENCES question(id),
    editing_answer_id INTEGER,
    joined_at TEXT NOT NULL,
    UNIQUE (consultation_id, telegram_id)
);
CREATE INDEX participant_user ON participant(telegram_id);
CREATE INDEX participant_group ON participant(group_id);

-- One participant's text for one question. (source_chat_id, source_message_id) makes a
-- redelivered update harmless. Withdrawn answers stay but are left out of summaries.
CREATE TABLE answer (
    id INTEGER PRIMARY KEY,
    participant_id INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES question(id),
    text TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
    source_chat_id INTEGER NOT NULL,
    source_message_id INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (source_chat_id, source_message_id)
);
CREATE INDEX answer_participant ON answer(participant_id, question_id);
CREATE INDEX answer_question ON answer(question_id, status);

-- Earlier texts of an answer: an edit never overwrites silently.
CREATE TABLE answer_revision (
    id INTEGER PRIMARY KEY,
    answer_id INTEGER NOT NULL REFERENCES answer(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    replaced_at TEXT NOT NULL,
    source_message_id INTEGER,
    UNIQUE (answer_id, source_message_id)
);
