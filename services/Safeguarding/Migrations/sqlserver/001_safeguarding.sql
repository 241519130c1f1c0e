-- Safeguarding concerns. The decision, desired outcomes and closure are kept whole as JSON; the
-- columns beside them are what worklists and board figures select and count by. Agency and area
-- codes compare byte for byte, as they do in SQLite.
CREATE TABLE dbo.concerns (
    concern_id             VARCHAR(36) NOT NULL CONSTRAINT pk_concerns PRIMARY KEY,
    person_id              VARCHAR(36) NOT NULL,
    agency                 NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    area                   VARCHAR(9) COLLATE Latin1_General_100_BIN2 NOT NULL,
    source                 VARCHAR(40) NOT NULL,
    raised_by              NVARCHAR(200) NOT NULL,
    location_of_risk       VARCHAR(40) NOT NULL,
    description            NVARCHAR(4000) NOT NULL,
    immediate_risk         BIT NOT NULL,
    immediate_action       NVARCHAR(2000) NULL,
    named_agencies         NVARCHAR(2000) NOT NULL,
    raised_at              DATETIMEOFFSET NOT NULL,
    stage                  VARCHAR(40) NOT NULL,
    decision               VARCHAR(40) NULL,
    decision_json          NVARCHAR(MAX) NULL,
    decided_at             DATETIMEOFFSET NULL,
    desired_outcomes_asked BIT NULL,
    desired_outcomes_json  NVARCHAR(MAX) NULL,
    closure_json           NVARCHAR(MAX) NULL,
    risk_outcome           VARCHAR(20) NULL,
    closed_at              DATETIMEOFFSET NULL,
    follow_up_at           DATETIMEOFFSET NULL,
    recorded_at            DATETIMEOFFSET NOT NULL,
    recorded_by            NVARCHAR(200) NOT NULL,
    version                BIGINT NOT NULL
);
CREATE INDEX ix_concerns_person ON dbo.concerns (person_id, raised_at);
CREATE INDEX ix_concerns_area_raised ON dbo.concerns (area, raised_at);
CREATE INDEX ix_concerns_agency_stage ON dbo.concerns (agency, stage);

-- One row per category of abuse of a concern (a concern may have several).
CREATE TABLE dbo.concern_categories (
    concern_id VARCHAR(36) NOT NULL CONSTRAINT fk_concern_categories_concern REFERENCES dbo.concerns (concern_id),
    category   VARCHAR(40) NOT NULL,
    CONSTRAINT pk_concern_categories PRIMARY KEY (concern_id, category)
);

-- Every stage a concern moved through: who moved it, from which agency, and why; in the order of
-- the concern's version the move made.
CREATE TABLE dbo.concern_stage_changes (
    change_id  VARCHAR(36) NOT NULL CONSTRAINT pk_concern_stage_changes PRIMARY KEY,
    concern_id VARCHAR(36) NOT NULL CONSTRAINT fk_concern_stage_changes_concern REFERENCES dbo.concerns (concern_id),
    version    BIGINT NOT NULL,
    from_stage VARCHAR(40) NULL,
    to_stage   VARCHAR(40) NOT NULL,
    reason     NVARCHAR(500) NOT NULL,
    changed_by NVARCHAR(200) NOT NULL,
    agency     NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    changed_at DATETIMEOFFSET NOT NULL
);
CREATE UNIQUE INDEX ux_concern_stage_changes_concern ON dbo.concern_stage_changes (concern_id, version);

-- Domestic abuse incidents against a person.
CREATE TABLE dbo.incidents (
    incident_id            VARCHAR(36) NOT NULL CONSTRAINT pk_incidents PRIMARY KEY,
    person_id              VARCHAR(36) NOT NULL,
    occurred_at            DATETIMEOFFSET NOT NULL,
    reporting_agency       NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    description            NVARCHAR(4000) NOT NULL,
    alleged_perpetrator_id VARCHAR(36) NULL,
    categories             VARCHAR(400) NOT NULL,
    repeat_after_marac     BIT NOT NULL,
    recorded_at            DATETIMEOFFSET NOT NULL,
    recorded_by            NVARCHAR(200) NOT NULL
);
CREATE INDEX ix_incidents_person ON dbo.incidents (person_id, occurred_at);

-- DASH assessments; a new one supersedes the person's last, which is kept.
CREATE TABLE dbo.dash_assessments (
    assessment_id               VARCHAR(36) NOT NULL CONSTRAINT pk_dash_assessments PRIMARY KEY,
    person_id                   VARCHAR(36) NOT NULL,
    agency                      NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    assessed_by                 NVARCHAR(200) NOT NULL,
    assessed_at                 DATETIMEOFFSET NOT NULL,
    checklist_version           VARCHAR(40) NOT NULL,
    responses                   NVARCHAR(MAX) NOT NULL,
    score                       INT NOT NULL,
    scored_level                VARCHAR(20) NOT NULL,
    judgement_level             VARCHAR(20) NULL,
    judgement_reason            NVARCHAR(500) NULL,
    level                       VARCHAR(20) NOT NULL,
    marac_criteria              VARCHAR(200) NOT NULL,
    named_agencies              NVARCHAR(2000) NOT NULL,
    incident_id                 VARCHAR(36) NULL CONSTRAINT fk_dash_assessments_incident REFERENCES dbo.incidents (incident_id),
    superseded_by_assessment_id VARCHAR(36) NULL CONSTRAINT fk_dash_assessments_superseded_by REFERENCES dbo.dash_assessments (assessment_id),
    recorded_at                 DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_dash_assessments_person ON dbo.dash_assessments (person_id, recorded_at);

-- MARAC referrals and the meetings that heard them.
CREATE TABLE dbo.marac_referrals (
    marac_referral_id VARCHAR(36) NOT NULL CONSTRAINT pk_marac_referrals PRIMARY KEY,
    person_id         VARCHAR(36) NOT NULL,
    referring_agency  NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    area              VARCHAR(9) COLLATE Latin1_General_100_BIN2 NOT NULL,
    criterion         VARCHAR(40) NOT NULL,
    assessment_id     VARCHAR(36) NULL CONSTRAINT fk_marac_referrals_assessment REFERENCES dbo.dash_assessments (assessment_id),
    referred_at       DATETIMEOFFSET NOT NULL,
    referred_by       NVARCHAR(200) NOT NULL,
    meeting_at        DATETIMEOFFSET NULL,
    meeting_note      NVARCHAR(2000) NULL,
    version           BIGINT NOT NULL
);
CREATE INDEX ix_marac_referrals_person ON dbo.marac_referrals (person_id, referred_at);
