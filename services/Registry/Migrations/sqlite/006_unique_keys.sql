-- Uniqueness the database enforces, so that two calls at once cannot both pass a check made before
-- their inserts (SQL Server under READ COMMITTED lets them).

-- An NHS number belongs to one record. Records that already share one (two registrations racing)
-- keep it on the first registered; the later ones keep it in their details, and finding duplicates
-- by the number shows them against the first, to be linked.
UPDATE persons SET nhs_number = NULL
WHERE nhs_number IS NOT NULL AND EXISTS (
    SELECT 1 FROM persons earlier WHERE earlier.nhs_number = persons.nhs_number
      AND (earlier.registered_at < persons.registered_at
           OR (earlier.registered_at = persons.registered_at AND earlier.person_id < persons.person_id)));
DROP INDEX ix_persons_nhs;
CREATE UNIQUE INDEX ux_persons_nhs ON persons (nhs_number) WHERE nhs_number IS NOT NULL;

-- One standing relationship of a type between two people: the key is the ordered pair for a mutual
-- type (partner, ex-partner, sibling, household member), from|to otherwise (RelationshipStore.PairKey).
-- A copy recorded twice by a race keeps no key, so the rows stay as they are and the first holds it.
ALTER TABLE relationships ADD COLUMN pair_key TEXT NULL;
UPDATE relationships SET pair_key = CASE
    WHEN type IN (1, 2, 4, 6) AND to_person_id < from_person_id THEN to_person_id || '|' || from_person_id
    ELSE from_person_id || '|' || to_person_id END;
UPDATE relationships SET pair_key = NULL
WHERE until IS NULL AND EXISTS (
    SELECT 1 FROM relationships earlier WHERE earlier.until IS NULL AND earlier.type = relationships.type
      AND earlier.pair_key = relationships.pair_key
      AND (earlier.recorded_at < relationships.recorded_at
           OR (earlier.recorded_at = relationships.recorded_at AND earlier.relationship_id < relationships.relationship_id)));
CREATE UNIQUE INDEX ux_relationships_standing ON relationships (type, pair_key) WHERE until IS NULL AND pair_key IS NOT NULL;

-- A record is linked into at most one other at a time, as persons.linked_to says.
CREATE UNIQUE INDEX ux_person_links_standing ON person_links (other_person_id) WHERE unlinked_at IS NULL;

-- Agency names and area codes: SQLite compares text as binary already; the SQL Server script gives
-- its columns the binary collation Latin1_General_100_BIN2 so that both compare alike.
