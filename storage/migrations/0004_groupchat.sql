-- Group chats and discussion: linked chats, questions posted in them, referents, polls that
-- weigh a group's points, the groups' joint answers, the cross-group round and the check-back.

-- A discussion group's Telegram group chat (its "table"): one chat per group, one group per
-- chat. `active` = 0 once the bot was removed from the chat. When the chat becomes a supergroup
-- chat_id follows it; answers keep the chat id they were given in (their uniqueness is per
-- chat and message, so that stays right).
CREATE TABLE group_chat (
    group_id INTEGER PRIMARY KEY REFERENCES discussion_group(id),
    chat_id INTEGER NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1,
    linked_by INTEGER NOT NULL,
    linked_at TEXT NOT NULL,
    changed_at TEXT NOT NULL
);

-- A message that posted a question in a group chat: a reply to it is an answer to the question.
CREATE TABLE chat_question (
    chat_id INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    group_id INTEGER NOT NULL REFERENCES discussion_group(id),
    question_id INTEGER NOT NULL REFERENCES question(id),
    posted_at TEXT NOT NULL,
    PRIMARY KEY (chat_id, message_id)
);

-- A group's referent (scribe), and members who offered to be it and await confirmation.
CREATE TABLE referent (
    group_id INTEGER PRIMARY KEY REFERENCES discussion_group(id),
    telegram_id INTEGER NOT NULL,
    confirmed_by INTEGER NOT NULL,
    confirmed_at TEXT NOT NULL
);

CREATE TABLE referent_offer (
    group_id INTEGER NOT NULL REFERENCES discussion_group(id),
    telegram_id INTEGER NOT NULL,
    offered_at TEXT NOT NULL,
    PRIMARY KEY (group_id, telegram_id)
);

-- A Telegram poll weighing a group's points for a question: option i is the point refs[i]
-- (JSON). `counts` and `voters` come from Poll updates (the only result of anonymous polls).
CREATE TABLE group_poll (
    poll_id TEXT PRIMARY KEY,
    chat_id INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    group_id INTEGER NOT NULL REFERENCES discussion_group(id),
    question_id INTEGER NOT NULL REFERENCES question(id),
    refs TEXT NOT NULL,
    anonymous INTEGER NOT NULL,
    counts TEXT NOT NULL DEFAULT '[]',
    voters INTEGER NOT NULL DEFAULT 0,
    opened_by INTEGER NOT NULL,
    opened_at TEXT NOT NULL
);
CREATE INDEX group_poll_question ON group_poll(group_id, question_id);

-- A participant's current choice in a non-anonymous poll (option indexes, JSON); a new answer
-- replaces it, a retracted vote deletes it.
CREATE TABLE poll_vote (
    poll_id TEXT NOT NULL REFERENCES group_poll(poll_id),
    telegram_id INTEGER NOT NULL,
    options TEXT NOT NULL,
    voted_at TEXT NOT NULL,
    PRIMARY KEY (poll_id, telegram_id)
);

-- A group's joint answer to a question: `selected` is the choice in progress (JSON refs),
-- `confirmed` (NULL until confirmed) the point refs that count as raised by the group.
CREATE TABLE group_answer (
    group_id INTEGER NOT NULL REFERENCES discussion_group(id),
    question_id INTEGER NOT NULL REFERENCES question(id),
    selected TEXT NOT NULL DEFAULT '[]',
    confirmed TEXT,
    confirmed_by INTEGER,
    confirmed_at TEXT,
    PRIMARY KEY (group_id, question_id)
);

-- Organisers opening (opens = 1) and closing the cross-group round.
CREATE TABLE round_event (
    id INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultation(id),
    opens INTEGER NOT NULL,
    organiser_id INTEGER NOT NULL,
    at TEXT NOT NULL
);

-- A participant's vote on a point of the summary: `point_key` is the point's anchor ref when
-- the vote was cast (stable across recompiles), `label` the text shown then.
CREATE TABLE round_vote (
    participant_id INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
    point_key TEXT NOT NULL,
    question_key TEXT NOT NULL,
    label TEXT NOT NULL,
    choice TEXT NOT NULL CHECK (choice IN ('agree', 'disagree', 'pass')),
    voted_at TEXT NOT NULL,
    PRIMARY KEY (participant_id, point_key)
);

-- "This is how your group's answers were captured", sent to a referent or a group chat, and
-- what came back. Recorded as 'sending' before the message goes out.
CREATE TABLE checkback (
    id INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL REFERENCES discussion_group(id),
    chat_id INTEGER NOT NULL,
    message_id INTEGER,
    content TEXT NOT NULL,
    status TEXT NOT NULL CHECK (
        status IN ('sending', 'sent', 'failed', 'confirmed', 'correcting', 'corrected')
    ),
    sent_by INTEGER NOT NULL,
    sent_at TEXT NOT NULL,
    answered_by INTEGER,
    answered_at TEXT,
    correction TEXT NOT NULL DEFAULT '',
    prompt_message_id INTEGER
);
CREATE INDEX checkback_group ON checkback(group_id, id);
