-- A row that fails waits before its next attempt (exponential backoff, by the database's clock) and
-- is parked, with its last error, after Messaging:Outbox:MaxAttempts; an admin re-queues it.
-- enqueued_at: when the row was written, by the database's clock; the outbox's lag is the age of the oldest unsent row.
ALTER TABLE dbo.outbox_messages ADD next_attempt_at DATETIMEOFFSET NULL, parked_at DATETIMEOFFSET NULL, enqueued_at DATETIMEOFFSET NULL;
GO
CREATE INDEX ix_outbox_parked ON dbo.outbox_messages (parked_at, seq) WHERE parked_at IS NOT NULL;

-- Retention (Messaging:Retention): processed inbox rows are purged by age.
CREATE INDEX ix_inbox_processed ON dbo.inbox_messages (processed_at);
