-- The plain words for each MARAC criterion an assessment met, in the criteria's order (JSON array), so
-- that reading the assessment back says why as it said when recorded. Earlier assessments keep none:
-- their words depended on the thresholds configured at the time.
ALTER TABLE dash_assessments ADD COLUMN marac_reasons TEXT NOT NULL DEFAULT '[]';
