-- A row that fails waits before its next attempt (exponential backoff, by the database's clock) and
-- is parked, with its last error, after Messaging:Outbox:MaxAttempts; an admin re-queues it.
ALTER TABLE outbox_messages ADD COLUMN next_attempt_at TEXT NULL;
ALTER TABLE outbox_messages ADD COLUMN parked_at TEXT NULL;
-- When the row was written, by the database's clock: the outbox's lag is the age of the oldest unsent row.
ALTER TABLE outbox_messages ADD COLUMN enqueued_at TEXT NULL;
CREATE INDEX ix_outbox_parked ON outbox_messages (parked_at, seq) WHERE parked_at IS NOT NULL;

-- Retention (Messaging:Retention): processed inbox rows are purged by age.
CREATE INDEX ix_inbox_processed ON inbox_messages (processed_at);
