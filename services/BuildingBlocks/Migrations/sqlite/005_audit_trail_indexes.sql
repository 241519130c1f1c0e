-- The audit trail is read by person, by user (actor) or by agency over a period, newest first
-- (AuditLog.ReadAsync): one index per leading filter, ordered as the read is.
CREATE INDEX ix_audit_person_at ON audit_log (person_id, at, seq);
CREATE INDEX ix_audit_actor_at ON audit_log (actor, at, seq);
CREATE INDEX ix_audit_agency_at ON audit_log (agency, at, seq);
-- Superseded by ix_audit_person_at: nothing reads a person's trail by sequence alone any more.
DROP INDEX ix_audit_person;
