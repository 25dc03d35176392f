-- Answers typed in from paper by an organiser (`tingbot import-answers`).
--
-- `answer.source` marks every answer: 'telegram' (a participant's message) or 'paper' (typed
-- in from a group's paper sheet). A paper answer has no Telegram message: its source chat is 0
-- and its source message a number made from `import_hash`, the SHA-256 of the record (the
-- consultation, group, question, label, text and how many identical records came before it in
-- the file), so importing the same file again adds nothing.
ALTER TABLE answer ADD COLUMN source TEXT NOT NULL DEFAULT 'telegram'
    CHECK (source IN ('telegram', 'paper'));
ALTER TABLE answer ADD COLUMN import_hash TEXT;
CREATE UNIQUE INDEX answer_import_hash ON answer(import_hash) WHERE import_hash IS NOT NULL;

-- Who wrote a group's paper answers: a participant of that group that no Telegram user is
-- behind, one per label on the sheets ('' when the sheet names nobody). `paper_label` is NULL
-- for every participant who joined on Telegram. A paper participant is never active, so no
-- reminder or notice goes to it; its telegram_user row has a negative id (Telegram's user ids
-- are positive) and the label as first name (shown only where the consultation shows names).
ALTER TABLE participant ADD COLUMN paper_label TEXT;
CREATE UNIQUE INDEX participant_paper ON participant(consultation_id, group_id, paper_label)
    WHERE paper_label IS NOT NULL;
