-- Events leave only through this table, written in the same transaction as the state change.
CREATE TABLE dbo.outbox_messages (
    seq          BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_outbox_messages PRIMARY KEY,
    message_id   VARCHAR(36) NOT NULL CONSTRAINT uq_outbox_message_id UNIQUE,
    message_type VARCHAR(300) NOT NULL,
    payload      NVARCHAR(MAX) NOT NULL,
    occurred_at  DATETIMEOFFSET NOT NULL,
    sent_at      DATETIMEOFFSET NULL,
    attempts     INT NOT NULL CONSTRAINT df_outbox_attempts DEFAULT 0,
    last_error   NVARCHAR(2000) NULL,
    lease_owner  VARCHAR(64) NULL,
    lease_until  DATETIMEOFFSET NULL
);
CREATE INDEX ix_outbox_unsent ON dbo.outbox_messages (sent_at, seq);

-- A consumer's record that it has applied a message, written with the consumer's own changes.
CREATE TABLE dbo.inbox_messages (
    message_id   VARCHAR(36) NOT NULL,
    consumer     VARCHAR(200) NOT NULL,
    processed_at DATETIMEOFFSET NOT NULL,
    CONSTRAINT pk_inbox_messages PRIMARY KEY (message_id, consumer)
);

-- Who read or changed whose data, when, on what basis and why. Append-only.
CREATE TABLE dbo.audit_log (
    seq       BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_audit_log PRIMARY KEY,
    at        DATETIMEOFFSET NOT NULL,
    actor     NVARCHAR(200) NOT NULL,
    role      VARCHAR(64) NOT NULL,
    agency    NVARCHAR(200) NOT NULL,
    action    VARCHAR(100) NOT NULL,
    person_id VARCHAR(36) NULL,
    basis     VARCHAR(32) NOT NULL,
    reason    NVARCHAR(1000) NULL
);
CREATE INDEX ix_audit_person ON dbo.audit_log (person_id, seq);
GO
CREATE TRIGGER dbo.audit_log_append_only ON dbo.audit_log INSTEAD OF UPDATE, DELETE
AS
BEGIN
    THROW 50001, 'audit_log is append-only', 1;
END;
