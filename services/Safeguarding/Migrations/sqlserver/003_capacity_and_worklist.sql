-- Mental capacity assessments: one decision at one time. decision_key is the decision's words
-- trimmed and lower-cased: a later assessment of the same key supersedes the earlier (both kept).
CREATE TABLE dbo.capacity_assessments (
    assessment_id               VARCHAR(36) NOT NULL CONSTRAINT pk_capacity_assessments PRIMARY KEY,
    person_id                   VARCHAR(36) NOT NULL,
    decision                    NVARCHAR(500) NOT NULL,
    decision_key                NVARCHAR(500) COLLATE Latin1_General_100_BIN2 NOT NULL,
    assessed_at                 DATETIMEOFFSET NOT NULL,
    agency                      NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    assessed_by                 NVARCHAR(200) NOT NULL,
    impairment                  BIT NOT NULL,
    impairment_reason           NVARCHAR(2000) NOT NULL,
    understands                 BIT NOT NULL,
    retains                     BIT NOT NULL,
    uses_or_weighs              BIT NOT NULL,
    communicates                BIT NOT NULL,
    functional_reason           NVARCHAR(2000) NOT NULL,
    outcome                     VARCHAR(20) NOT NULL,
    best_interests_decision     NVARCHAR(2000) NULL,
    consulted                   NVARCHAR(MAX) NOT NULL,
    executive_function_concern  BIT NOT NULL,
    executive_function_note     NVARCHAR(2000) NULL,
    support_given               NVARCHAR(2000) NULL,
    superseded_by_assessment_id VARCHAR(36) NULL
        CONSTRAINT fk_capacity_assessments_superseded REFERENCES dbo.capacity_assessments (assessment_id),
    recorded_at                 DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_capacity_assessments_person ON dbo.capacity_assessments (person_id, decision_key, superseded_by_assessment_id);

-- What the board figures count by, kept beside the JSON they come from: when the enquiry started
-- (the move to the enquiry stage), how many desired outcomes she expressed, and at closure whether
-- they were achieved fully, partly or not (null when none were expressed).
ALTER TABLE dbo.concerns ADD enquiry_started_at DATETIMEOFFSET NULL;
ALTER TABLE dbo.concerns ADD desired_outcomes_count INT NULL;
ALTER TABLE dbo.concerns ADD outcomes_achieved VARCHAR(20) NULL;
GO
UPDATE dbo.concerns SET enquiry_started_at = (
    SELECT MIN(c.changed_at) FROM dbo.concern_stage_changes c WHERE c.concern_id = dbo.concerns.concern_id AND c.to_stage = 'enquiry');
UPDATE dbo.concerns SET desired_outcomes_count = (SELECT COUNT(*) FROM OPENJSON(desired_outcomes_json, '$.outcomes'))
WHERE desired_outcomes_json IS NOT NULL;
UPDATE dbo.concerns SET outcomes_achieved = CASE
    WHEN NOT EXISTS (SELECT 1 FROM OPENJSON(closure_json, '$.outcomes')) THEN NULL
    WHEN NOT EXISTS (SELECT 1 FROM OPENJSON(closure_json, '$.outcomes') WITH (achievement VARCHAR(40) '$.achievement')
                     WHERE achievement <> 'OUTCOME_ACHIEVEMENT_FULLY') THEN 'fully'
    WHEN NOT EXISTS (SELECT 1 FROM OPENJSON(closure_json, '$.outcomes') WITH (achievement VARCHAR(40) '$.achievement')
                     WHERE achievement <> 'OUTCOME_ACHIEVEMENT_NOT') THEN 'not'
    ELSE 'partly' END
WHERE closure_json IS NOT NULL;

-- Worklists: concerns awaiting the section 42 decision, and follow-ups of a capacitous refusal, by
-- agency and by area in due order, a page at a time.
CREATE INDEX ix_concerns_agency_awaiting ON dbo.concerns (agency, raised_at, concern_id) WHERE decision IS NULL;
CREATE INDEX ix_concerns_area_awaiting ON dbo.concerns (area, raised_at, concern_id) WHERE decision IS NULL;
CREATE INDEX ix_concerns_agency_follow_up ON dbo.concerns (agency, follow_up_at, concern_id) WHERE follow_up_at IS NOT NULL;
CREATE INDEX ix_concerns_area_follow_up ON dbo.concerns (area, follow_up_at, concern_id) WHERE follow_up_at IS NOT NULL;

-- Board figures: enquiries by the year they started, closures by the year they concluded; each index
-- holds every column its count reads, so a year is counted from the index alone.
CREATE INDEX ix_concerns_area_enquiry ON dbo.concerns (area, enquiry_started_at) INCLUDE (decision, location_of_risk)
    WHERE enquiry_started_at IS NOT NULL;
CREATE INDEX ix_concerns_area_closed ON dbo.concerns (area, closed_at)
    INCLUDE (enquiry_started_at, risk_outcome, desired_outcomes_asked, desired_outcomes_count, outcomes_achieved) WHERE closed_at IS NOT NULL;
