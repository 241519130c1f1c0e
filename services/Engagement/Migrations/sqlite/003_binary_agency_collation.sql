-- Agency names and area codes: SQLite compares text as binary already; the SQL Server script gives
-- its columns the binary collation Latin1_General_100_BIN2 so that both compare alike.
SELECT 1;
