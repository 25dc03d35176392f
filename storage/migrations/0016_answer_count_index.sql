-- Counting a participant's active answers to a question (done after every answer) reads the
-- index alone: bench.ingest's SQL per answer went from 22 to 17 µs with `status` in the index.
DROP INDEX answer_participant;
CREATE INDEX answer_participant ON answer(participant_id, question_id, status);
