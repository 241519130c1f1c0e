-- Uniqueness the database enforces, so that two calls at once cannot both pass a check made before
-- their inserts (READ COMMITTED lets them).

-- An NHS number belongs to one record. Records that already share one (two registrations racing)
-- keep it on the first registered; the later ones keep it in their details, and finding duplicates
-- by the number shows them against the first, to be linked.
UPDATE p SET nhs_number = NULL
FROM dbo.persons p
WHERE p.nhs_number IS NOT NULL AND EXISTS (
    SELECT 1 FROM dbo.persons earlier WHERE earlier.nhs_number = p.nhs_number
      AND (earlier.registered_at < p.registered_at
           OR (earlier.registered_at = p.registered_at AND earlier.person_id < p.person_id)));
DROP INDEX ix_persons_nhs ON dbo.persons;
CREATE UNIQUE INDEX ux_persons_nhs ON dbo.persons (nhs_number) WHERE nhs_number IS NOT NULL;

-- One standing relationship of a type between two people: the key is the ordered pair for a mutual
-- type (partner, ex-partner, sibling, household member), from|to otherwise (RelationshipStore.PairKey),
-- ordered by code point as SQLite and the code order them. A copy recorded twice by a race keeps no
-- key, so the rows stay as they are and the first holds it.
ALTER TABLE dbo.relationships ADD pair_key VARCHAR(80) NULL;
GO
UPDATE dbo.relationships SET pair_key = CASE
    WHEN type IN (1, 2, 4, 6) AND to_person_id COLLATE Latin1_General_100_BIN2 < from_person_id COLLATE Latin1_General_100_BIN2
        THEN to_person_id + '|' + from_person_id
    ELSE from_person_id + '|' + to_person_id END;
UPDATE r SET pair_key = NULL
FROM dbo.relationships r
WHERE r.until IS NULL AND EXISTS (
    SELECT 1 FROM dbo.relationships earlier WHERE earlier.until IS NULL AND earlier.type = r.type
      AND earlier.pair_key = r.pair_key
      AND (earlier.recorded_at < r.recorded_at
           OR (earlier.recorded_at = r.recorded_at AND earlier.relationship_id < r.relationship_id)));
CREATE UNIQUE INDEX ux_relationships_standing ON dbo.relationships (type, pair_key) WHERE until IS NULL AND pair_key IS NOT NULL;

-- A record is linked into at most one other at a time, as persons.linked_to says.
CREATE UNIQUE INDEX ux_person_links_standing ON dbo.person_links (other_person_id) WHERE unlinked_at IS NULL;
