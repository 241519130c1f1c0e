-- Agency names and area codes compare as SQLite compares them: binary, so "Outreach-Bristol" and
-- "outreach-bristol" are two agencies on both databases (the default collation folds case).
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
        AND t.name IN (N'contacts', N'chronology', N'person_context', N'handovers', N'handover_recipients')
        AND (c.name LIKE N'%agency' OR c.name LIKE N'%local_authority' OR c.name = N'current_area')) covered;
EXEC sys.sp_executesql @drop;
DROP INDEX ix_person_context_area ON dbo.person_context;
DROP INDEX ix_handovers_area ON dbo.handovers;
DROP INDEX ux_handovers_move ON dbo.handovers;
ALTER TABLE dbo.handover_recipients DROP CONSTRAINT pk_handover_recipients;
ALTER TABLE dbo.contacts ALTER COLUMN agency NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.chronology ALTER COLUMN agency NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE dbo.person_context ALTER COLUMN local_authority VARCHAR(9) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE dbo.handovers ALTER COLUMN from_local_authority VARCHAR(9) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE dbo.handovers ALTER COLUMN to_local_authority VARCHAR(9) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE dbo.handovers ALTER COLUMN acknowledged_by_agency NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE dbo.handover_recipients ALTER COLUMN agency NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL;
CREATE INDEX ix_person_context_area ON dbo.person_context (local_authority);
CREATE INDEX ix_handovers_area ON dbo.handovers (to_local_authority, acknowledged_at);
CREATE UNIQUE INDEX ux_handovers_move ON dbo.handovers (person_id, moved_at, to_local_authority);
ALTER TABLE dbo.handover_recipients ADD CONSTRAINT pk_handover_recipients PRIMARY KEY (agency, handover_id);
