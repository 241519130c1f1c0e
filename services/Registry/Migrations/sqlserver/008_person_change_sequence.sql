-- The order in which records changed in ways duplicate detection reads (registered, details corrected,
-- an address recorded, linked or unlinked). SQL Server takes the numbers from a sequence, in the order
-- changes are made rather than committed, so a registration there re-runs its whole duplicate search
-- in the writing transaction instead of re-scoring the records changed since (RegisteredSince).
CREATE SEQUENCE dbo.person_changes AS BIGINT START WITH 1;
ALTER TABLE dbo.persons ADD change_sequence BIGINT NOT NULL CONSTRAINT df_persons_change_sequence DEFAULT 0;
GO
CREATE INDEX ix_persons_change_sequence ON dbo.persons (change_sequence);
