-- Taking an answer checks whether its message already revised one (a redelivered update);
-- without this index that check reads every revision.
CREATE INDEX answer_revision_source ON answer_revision(source_message_id);
