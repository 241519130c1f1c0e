-- Other services decide access to a person from the registry's snapshots of each record's state
-- (involvements, areas, shares, link), applying one only if it is newer than the one they hold. The
-- sequence orders them: it grows in the transaction of every change to that state.
ALTER TABLE dbo.persons ADD access_sequence BIGINT NOT NULL CONSTRAINT df_persons_access_sequence DEFAULT 0;

-- Records whose state has not been published as a snapshot: every record that exists when this runs,
-- so that projections built from the earlier fine-grained events are replaced by the registry's state
-- (PersonStateBackfill publishes them at start-up and clears the mark).
ALTER TABLE dbo.persons ADD state_unpublished BIT NOT NULL CONSTRAINT df_persons_state_unpublished DEFAULT 0;
GO
UPDATE dbo.persons SET state_unpublished = 1;
CREATE INDEX ix_persons_state_unpublished ON dbo.persons (person_id) WHERE state_unpublished = 1;
