-- The consent press that made a membership (its update id) and when its welcome and first
-- question were sent (NULL: never). A press delivered again after a crash then changes nothing
-- and is not welcomed twice, and a /start sent before that press is known to be answered.
ALTER TABLE participant ADD COLUMN joined_update INTEGER;
ALTER TABLE participant ADD COLUMN welcomed_at TEXT;

-- Whose update a dead letter is (the sender's Telegram id, NULL if it names nobody), so that
-- /slett erases the raw JSON that holds their text and ids. Filled in for the letters kept so far.
ALTER TABLE dead_letter ADD COLUMN telegram_id INTEGER;
UPDATE dead_letter SET telegram_id = (
    SELECT COALESCE(json_extract(part.value, '$.from.id'), json_extract(part.value, '$.user.id'))
    FROM json_each(dead_letter.raw) AS part
    WHERE part.type = 'object' AND 'integer' IN (
        json_type(part.value, '$.from.id'), json_type(part.value, '$.user.id')
    )
    LIMIT 1
) WHERE json_valid(raw);
CREATE INDEX dead_letter_person ON dead_letter (telegram_id);
CREATE INDEX dead_letter_received ON dead_letter (received_at);
