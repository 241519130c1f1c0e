-- Validation allows 20 names of 200 characters and six address lines of 200; stored as JSON (which
-- escapes non-ASCII characters) they can exceed the first widths. SQLite has no widths to change.
ALTER TABLE dbo.persons ALTER COLUMN all_names NVARCHAR(MAX) NOT NULL;
ALTER TABLE dbo.addresses ALTER COLUMN lines_json NVARCHAR(MAX) NOT NULL;
ALTER TABLE dbo.addresses ALTER COLUMN visible_to_json NVARCHAR(MAX) NOT NULL;
