-- The order in which records changed in ways duplicate detection reads (registered, details corrected,
-- an address recorded, linked or unlinked): a registration searches for duplicates beside the
-- database's one writer, then inside it re-scores only the records changed since (RegisteredSince).
-- Each change takes the next number, so the numbers follow the commits of that one writer.
ALTER TABLE persons ADD COLUMN change_sequence INTEGER NOT NULL DEFAULT 0;
CREATE INDEX ix_persons_change_sequence ON persons (change_sequence);
