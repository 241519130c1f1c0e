-- Events leave only through this table, written in the same transaction as the state change.
CREATE TABLE outbox_messages (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id   TEXT NOT NULL UNIQUE,
    message_type TEXT NOT NULL,
    payload      TEXT NOT NULL,
    occurred_at  TEXT NOT NULL,
    sent_at      TEXT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT NULL,
    lease_owner  TEXT NULL,
    lease_until  TEXT NULL
);
CREATE INDEX ix_outbox_unsent ON outbox_messages (sent_at, seq);

-- A consumer's record that it has applied a message, written with the consumer's own changes.
CREATE TABLE inbox_messages (
    message_id   TEXT NOT NULL,
    consumer     TEXT NOT NULL,
    processed_at TEXT NOT NULL,
    PRIMARY KEY (message_id, consumer)
);

-- Who read or changed whose data, when, on what basis and why. Append-only.
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    role      TEXT NOT NULL,
    agency    TEXT NOT NULL,
    action    TEXT NOT NULL,
    person_id TEXT NULL,
    basis     TEXT NOT NULL,
    reason    TEXT NULL
);
CREATE INDEX ix_audit_person ON audit_log (person_id, seq);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
