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

-- Agency names and area codes compare as SQLite compares them: binary, so "Outreach-Bristol" and
-- "outreach-bristol" are two agencies on both databases (the default collation folds case).
GO
-- A column's collation cannot change while statistics (SQL Server makes them by itself as queries
-- run) or an index cover it: those statistics go, and the indexes are made again below.
DECLARE @drop NVARCHAR(MAX) = N'';
SELECT @drop = @drop + N'DROP STATISTICS dbo.' + QUOTENAME(covered.table_name) + N'.' + QUOTENAME(covered.stats_name) + N'; '
FROM (SELECT DISTINCT t.name AS table_name, s.name AS stats_name
      FROM sys.stats s
      JOIN sys.tables t ON t.object_id = s.object_id
      JOIN sys.stats_columns sc ON sc.object_id = s.object_id AND sc.stats_id = s.stats_id
      JOIN sys.columns c ON c.object_id = sc.object_id AND c.column_id = sc.column_id
      WHERE (s.auto_created = 1 OR s.user_created = 1) AND t.schema_id = SCHEMA_ID(N'dbo')
        AND t.name IN (N'persons', N'person_identifiers', N'addresses', N'involvements', N'relationships', N'person_links', N'sharing_records')
        AND (c.name LIKE N'%agency' OR c.name LIKE N'%local_authority' OR c.name = N'current_area')) covered;
EXEC sys.sp_executesql @drop;
ALTER TABLE dbo.person_identifiers DROP CONSTRAINT pk_person_identifiers;
DROP INDEX ix_addresses_area ON dbo.addresses;
DROP INDEX ix_addresses_area_open ON dbo.addresses;
DROP INDEX ix_involvements_agency ON dbo.involvements;
DROP INDEX ix_sharing_person ON dbo.sharing_records;
ALTER TABLE dbo.persons ALTER COLUMN current_area VARCHAR(9) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE dbo.persons ALTER COLUMN registered_by_agency NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.person_identifiers ALTER COLUMN agency NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.addresses ALTER COLUMN local_authority VARCHAR(9) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.addresses ALTER COLUMN recorded_by_agency NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.involvements ALTER COLUMN agency NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.involvements ALTER COLUMN started_by_agency NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE dbo.relationships ALTER COLUMN recorded_by_agency NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.person_links ALTER COLUMN linked_by_agency NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.sharing_records ALTER COLUMN agency NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.sharing_records ALTER COLUMN granted_by_agency NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.person_identifiers ADD CONSTRAINT pk_person_identifiers PRIMARY KEY (agency, value);
CREATE INDEX ix_addresses_area ON dbo.addresses (local_authority, person_id);
CREATE INDEX ix_addresses_area_open ON dbo.addresses (local_authority, person_id) WHERE confidential = 0;
CREATE INDEX ix_involvements_agency ON dbo.involvements (agency, person_id);
CREATE INDEX ix_sharing_person ON dbo.sharing_records (person_id, agency);
