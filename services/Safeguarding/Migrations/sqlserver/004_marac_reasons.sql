-- The plain words for each MARAC criterion an assessment met, in the criteria's order (JSON array), so
-- that reading the assessment back says why as it said when recorded. Earlier assessments keep none:
-- their words depended on the thresholds configured at the time.
ALTER TABLE dbo.dash_assessments ADD marac_reasons NVARCHAR(MAX) NOT NULL
    CONSTRAINT df_dash_assessments_marac_reasons DEFAULT N'[]';
