-- Safeguarding concerns. The decision, desired outcomes and closure are kept whole as JSON; the
-- columns beside them are what worklists and board figures select and count by.
CREATE TABLE concerns (
    concern_id             TEXT PRIMARY KEY,
    person_id              TEXT NOT NULL,
    agency                 TEXT NOT NULL,
    area                   TEXT NOT NULL,
    source                 TEXT NOT NULL,
    raised_by              TEXT NOT NULL,
    location_of_risk       TEXT NOT NULL,
    description            TEXT NOT NULL,
    immediate_risk         INTEGER NOT NULL,
    immediate_action       TEXT NULL,
    named_agencies         TEXT NOT NULL,
    raised_at              TEXT NOT NULL,
    stage                  TEXT NOT NULL,
    decision               TEXT NULL,
    decision_json          TEXT NULL,
    decided_at             TEXT NULL,
    desired_outcomes_asked INTEGER NULL,
    desired_outcomes_json  TEXT NULL,
    closure_json           TEXT NULL,
    risk_outcome           TEXT NULL,
    closed_at              TEXT NULL,
    follow_up_at           TEXT NULL,
    recorded_at            TEXT NOT NULL,
    recorded_by            TEXT NOT NULL,
    version                INTEGER NOT NULL
);
CREATE INDEX ix_concerns_person ON concerns (person_id, raised_at);
CREATE INDEX ix_concerns_area_raised ON concerns (area, raised_at);
CREATE INDEX ix_concerns_agency_stage ON concerns (agency, stage);

-- One row per category of abuse of a concern (a concern may have several).
CREATE TABLE concern_categories (
    concern_id TEXT NOT NULL REFERENCES concerns (concern_id),
    category   TEXT NOT NULL,
    PRIMARY KEY (concern_id, category)
);

-- Every stage a concern moved through: who moved it, from which agency, and why; in the order of
-- the concern's version the move made.
CREATE TABLE concern_stage_changes (
    change_id  TEXT PRIMARY KEY,
    concern_id TEXT NOT NULL REFERENCES concerns (concern_id),
    version    INTEGER NOT NULL,
    from_stage TEXT NULL,
    to_stage   TEXT NOT NULL,
    reason     TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    agency     TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_concern_stage_changes_concern ON concern_stage_changes (concern_id, version);

-- Domestic abuse incidents against a person.
CREATE TABLE incidents (
    incident_id            TEXT PRIMARY KEY,
    person_id              TEXT NOT NULL,
    occurred_at            TEXT NOT NULL,
    reporting_agency       TEXT NOT NULL,
    description            TEXT NOT NULL,
    alleged_perpetrator_id TEXT NULL,
    categories             TEXT NOT NULL,
    repeat_after_marac     INTEGER NOT NULL,
    recorded_at            TEXT NOT NULL,
    recorded_by            TEXT NOT NULL
);
CREATE INDEX ix_incidents_person ON incidents (person_id, occurred_at);

-- DASH assessments; a new one supersedes the person's last, which is kept.
CREATE TABLE dash_assessments (
    assessment_id               TEXT PRIMARY KEY,
    person_id                   TEXT NOT NULL,
    agency                      TEXT NOT NULL,
    assessed_by                 TEXT NOT NULL,
    assessed_at                 TEXT NOT NULL,
    checklist_version           TEXT NOT NULL,
    responses                   TEXT NOT NULL,
    score                       INTEGER NOT NULL,
    scored_level                TEXT NOT NULL,
    judgement_level             TEXT NULL,
    judgement_reason            TEXT NULL,
    level                       TEXT NOT NULL,
    marac_criteria              TEXT NOT NULL,
    named_agencies              TEXT NOT NULL,
    incident_id                 TEXT NULL REFERENCES incidents (incident_id),
    superseded_by_assessment_id TEXT NULL REFERENCES dash_assessments (assessment_id),
    recorded_at                 TEXT NOT NULL
);
CREATE INDEX ix_dash_assessments_person ON dash_assessments (person_id, recorded_at);

-- MARAC referrals and the meetings that heard them.
CREATE TABLE marac_referrals (
    marac_referral_id TEXT PRIMARY KEY,
    person_id         TEXT NOT NULL,
    referring_agency  TEXT NOT NULL,
    area              TEXT NOT NULL,
    criterion         TEXT NOT NULL,
    assessment_id     TEXT NULL REFERENCES dash_assessments (assessment_id),
    referred_at       TEXT NOT NULL,
    referred_by       TEXT NOT NULL,
    meeting_at        TEXT NULL,
    meeting_note      TEXT NULL,
    version           INTEGER NOT NULL
);
CREATE INDEX ix_marac_referrals_person ON marac_referrals (person_id, referred_at);
