-- The projection now holds each record as the registry's newest snapshot of it (PersonAccessChanged):
-- a snapshot replaces the record's involvements, areas, shares and link only if its sequence is
-- higher than the one held. Rows built from the earlier fine-grained events stay at sequence 0 until
-- the registry publishes every record once (its migration 005 and PersonStateBackfill), which then
-- replaces them whole.
ALTER TABLE dbo.access_persons ADD sequence BIGINT NOT NULL CONSTRAINT df_access_persons_sequence DEFAULT 0;
