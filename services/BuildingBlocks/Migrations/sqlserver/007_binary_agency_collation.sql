-- Agency names and area codes compare as SQLite compares them: binary, so "Outreach-Bristol" and
-- "outreach-bristol" are two agencies on both databases (the default collation folds case). The
-- audit trail's append-only trigger refuses UPDATE and DELETE, not a change of a column's collation.
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
        AND t.name IN (N'audit_log', N'access_involvements', N'access_areas', N'access_shares')
        AND (c.name LIKE N'%agency' OR c.name LIKE N'%local_authority' OR c.name = N'current_area')) covered;
EXEC sys.sp_executesql @drop;
DROP INDEX ix_audit_agency_at ON dbo.audit_log;
ALTER TABLE dbo.access_areas DROP CONSTRAINT pk_access_areas;
ALTER TABLE dbo.access_shares DROP CONSTRAINT pk_access_shares;
ALTER TABLE dbo.audit_log ALTER COLUMN agency NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.access_involvements ALTER COLUMN agency NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.access_areas ALTER COLUMN local_authority VARCHAR(9) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.access_shares ALTER COLUMN agency NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL;
CREATE INDEX ix_audit_agency_at ON dbo.audit_log (agency, at, seq);
ALTER TABLE dbo.access_areas ADD CONSTRAINT pk_access_areas PRIMARY KEY (person_id, local_authority);
ALTER TABLE dbo.access_shares ADD CONSTRAINT pk_access_shares PRIMARY KEY (person_id, agency);
