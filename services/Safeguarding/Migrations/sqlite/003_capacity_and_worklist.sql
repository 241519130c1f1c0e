-- Mental capacity assessments: one decision at one time. decision_key is the decision's words
-- trimmed and lower-cased: a later assessment of the same key supersedes the earlier (both kept).
CREATE TABLE capacity_assessments (
    assessment_id               TEXT PRIMARY KEY,
    person_id                   TEXT NOT NULL,
    decision                    TEXT NOT NULL,
    decision_key                TEXT NOT NULL,
    assessed_at                 TEXT NOT NULL,
    agency                      TEXT NOT NULL,
    assessed_by                 TEXT NOT NULL,
    impairment                  INTEGER NOT NULL,
    impairment_reason           TEXT NOT NULL,
    understands                 INTEGER NOT NULL,
    retains                     INTEGER NOT NULL,
    uses_or_weighs              INTEGER NOT NULL,
    communicates                INTEGER NOT NULL,
    functional_reason           TEXT NOT NULL,
    outcome                     TEXT NOT NULL,
    best_interests_decision     TEXT NULL,
    consulted                   TEXT NOT NULL,
    executive_function_concern  INTEGER NOT NULL,
    executive_function_note     TEXT NULL,
    support_given               TEXT NULL,
    superseded_by_assessment_id TEXT NULL REFERENCES capacity_assessments (assessment_id),
    recorded_at                 TEXT NOT NULL
);
CREATE INDEX ix_capacity_assessments_person ON capacity_assessments (person_id, decision_key, superseded_by_assessment_id);

-- What the board figures count by, kept beside the JSON they come from: when the enquiry started
-- (the move to the enquiry stage), how many desired outcomes she expressed, and at closure whether
-- they were achieved fully, partly or not (null when none were expressed).
ALTER TABLE concerns ADD COLUMN enquiry_started_at TEXT NULL;
ALTER TABLE concerns ADD COLUMN desired_outcomes_count INTEGER NULL;
ALTER TABLE concerns ADD COLUMN outcomes_achieved TEXT NULL;

UPDATE concerns SET enquiry_started_at = (
    SELECT MIN(c.changed_at) FROM concern_stage_changes c WHERE c.concern_id = concerns.concern_id AND c.to_stage = 'enquiry');
UPDATE concerns SET desired_outcomes_count = COALESCE(json_array_length(desired_outcomes_json, '$.outcomes'), 0)
WHERE desired_outcomes_json IS NOT NULL;
UPDATE concerns SET outcomes_achieved = CASE
    WHEN NOT EXISTS (SELECT 1 FROM json_each(closure_json, '$.outcomes')) THEN NULL
    WHEN NOT EXISTS (SELECT 1 FROM json_each(closure_json, '$.outcomes')
                     WHERE json_extract(value, '$.achievement') <> 'OUTCOME_ACHIEVEMENT_FULLY') THEN 'fully'
    WHEN NOT EXISTS (SELECT 1 FROM json_each(closure_json, '$.outcomes')
                     WHERE json_extract(value, '$.achievement') <> 'OUTCOME_ACHIEVEMENT_NOT') THEN 'not'
    ELSE 'partly' END
WHERE closure_json IS NOT NULL;

-- Worklists: concerns awaiting the section 42 decision, and follow-ups of a capacitous refusal, by
-- agency and by area in due order, a page at a time.
CREATE INDEX ix_concerns_agency_awaiting ON concerns (agency, raised_at, concern_id) WHERE decision IS NULL;
CREATE INDEX ix_concerns_area_awaiting ON concerns (area, raised_at, concern_id) WHERE decision IS NULL;
CREATE INDEX ix_concerns_agency_follow_up ON concerns (agency, follow_up_at, concern_id) WHERE follow_up_at IS NOT NULL;
CREATE INDEX ix_concerns_area_follow_up ON concerns (area, follow_up_at, concern_id) WHERE follow_up_at IS NOT NULL;

-- Board figures: enquiries by the year they started, closures by the year they concluded; each index
-- holds every column its count reads, so a year is counted from the index alone.
CREATE INDEX ix_concerns_area_enquiry ON concerns (area, enquiry_started_at, decision, location_of_risk, concern_id)
    WHERE enquiry_started_at IS NOT NULL;
CREATE INDEX ix_concerns_area_closed ON concerns (area, closed_at, enquiry_started_at, risk_outcome, desired_outcomes_asked,
    desired_outcomes_count, outcomes_achieved) WHERE closed_at IS NOT NULL;
