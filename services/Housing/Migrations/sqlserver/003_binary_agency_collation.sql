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
        AND t.name IN (N'providers', N'needs_profiles', N'person_risk_levels', N'offers', N'tenancies', N'address_periods')
        AND (c.name LIKE N'%agency' OR c.name LIKE N'%local_authority' OR c.name = N'current_area')) covered;
EXEC sys.sp_executesql @drop;
ALTER TABLE dbo.providers ALTER COLUMN owner_agency NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.needs_profiles ALTER COLUMN updated_by_agency NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.person_risk_levels ALTER COLUMN agency NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.offers ALTER COLUMN agency NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.tenancies ALTER COLUMN agency NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.address_periods ALTER COLUMN local_authority VARCHAR(9) COLLATE Latin1_General_100_BIN2 NOT NULL;
