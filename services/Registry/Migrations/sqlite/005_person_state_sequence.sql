-- Other services decide access to a person from the registry's snapshots of each record's state
-- (involvements, areas, shares, link), applying one only if it is newer than the one they hold. The
-- sequence orders them: it grows in the transaction of every change to that state.
ALTER TABLE persons ADD COLUMN access_sequence INTEGER NOT NULL DEFAULT 0;

-- Records whose state has not been published as a snapshot: every record that exists when this runs,
-- so that projections built from the earlier fine-grained events are replaced by the registry's state
-- (PersonStateBackfill publishes them at start-up and clears the mark).
ALTER TABLE persons ADD COLUMN state_unpublished INTEGER NOT NULL DEFAULT 0;
UPDATE persons SET state_unpublished = 1;
CREATE INDEX ix_persons_state_unpublished ON persons (person_id) WHERE state_unpublished = 1;
