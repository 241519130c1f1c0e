-- Contacts are evidence: a row is never edited except to point at the amendment that supersedes it.
CREATE TABLE contacts (
    contact_id               TEXT PRIMARY KEY,
    person_id                TEXT NOT NULL,
    agency                   TEXT NOT NULL,
    worker                   TEXT NULL,
    contact_at               TEXT NOT NULL,
    channel                  TEXT NOT NULL,
    outcome                  TEXT NOT NULL,
    location                 TEXT NULL,
    duration_minutes         INTEGER NULL,
    seen_alone               INTEGER NOT NULL,
    others_present           TEXT NOT NULL,
    others_present_note      TEXT NULL,
    persons_words            TEXT NULL,
    note                     TEXT NULL,
    themes                   TEXT NOT NULL,
    significant              INTEGER NOT NULL,
    recorded_at              TEXT NOT NULL,
    recorded_by              TEXT NOT NULL,
    supersedes_contact_id    TEXT NULL REFERENCES contacts (contact_id),
    superseded_by_contact_id TEXT NULL REFERENCES contacts (contact_id),
    amendment_reason         TEXT NULL,
    source_system            TEXT NULL,
    source_id                TEXT NULL
);
CREATE INDEX ix_contacts_person ON contacts (person_id, contact_at);
-- The bulk-import idempotency key.
CREATE UNIQUE INDEX ux_contacts_source ON contacts (source_system, source_id) WHERE source_system IS NOT NULL;

-- One timeline per person: contacts and what the other services reported.
CREATE TABLE chronology (
    entry_id    TEXT PRIMARY KEY,
    person_id   TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    kind        TEXT NOT NULL,
    agency      TEXT NULL,
    summary     TEXT NOT NULL,
    detail      TEXT NULL,
    themes      TEXT NOT NULL,
    significant INTEGER NOT NULL,
    contact_id  TEXT NULL,
    superseded  INTEGER NOT NULL
);
CREATE INDEX ix_chronology_person ON chronology (person_id, occurred_at, entry_id);
CREATE INDEX ix_chronology_contact ON chronology (contact_id) WHERE contact_id IS NOT NULL;

-- Themes of an entry, one row each, so the chronology can be filtered by any of several.
CREATE TABLE chronology_themes (
    entry_id TEXT NOT NULL REFERENCES chronology (entry_id),
    theme    TEXT NOT NULL,
    PRIMARY KEY (entry_id, theme)
);
CREATE INDEX ix_chronology_themes_theme ON chronology_themes (theme, entry_id);

-- What the disengagement rules read, refreshed from the contacts whenever they change.
CREATE TABLE engagement_state (
    person_id                   TEXT PRIMARY KEY,
    first_contact_at            TEXT NOT NULL,
    last_success_at             TEXT NULL,
    last_attempt_at             TEXT NULL,
    attempts_since_success      INTEGER NOT NULL
);

-- People whose contacts changed in a bulk import and whose state is still to be refreshed: the
-- import refreshes them when its stream ends, and the scheduled check picks up any it left.
CREATE TABLE engagement_pending (
    person_id TEXT PRIMARY KEY
);

-- What this service knows of a person from the other services' events.
CREATE TABLE person_context (
    person_id             TEXT PRIMARY KEY,
    risk_level            TEXT NULL,
    risk_assessed_at      TEXT NULL,
    local_authority       TEXT NULL,
    address_confidential  INTEGER NOT NULL,
    area_since            TEXT NULL
);
CREATE INDEX ix_person_context_area ON person_context (local_authority);

-- An episode of disengagement: opened once, closed by a successful contact after it began.
CREATE TABLE disengagement_episodes (
    episode_id             TEXT PRIMARY KEY,
    person_id              TEXT NOT NULL,
    rule_name              TEXT NOT NULL,
    reason                 TEXT NOT NULL,
    risk_level             TEXT NOT NULL,
    detected_at            TEXT NOT NULL,
    last_success_at        TEXT NULL,
    attempts_since_success INTEGER NOT NULL,
    ended_at               TEXT NULL,
    ended_by_contact_id    TEXT NULL
);
CREATE UNIQUE INDEX ux_disengagement_open ON disengagement_episodes (person_id) WHERE ended_at IS NULL;

CREATE TABLE handovers (
    handover_id            TEXT PRIMARY KEY,
    person_id              TEXT NOT NULL,
    from_local_authority   TEXT NULL,
    to_local_authority     TEXT NOT NULL,
    moved_at               TEXT NOT NULL,
    requested_at           TEXT NOT NULL,
    sending_agencies       TEXT NOT NULL,
    risk_level             TEXT NOT NULL,
    address_confidential   INTEGER NOT NULL,
    acknowledged_at        TEXT NULL,
    acknowledged_by_agency TEXT NULL,
    acknowledged_by        TEXT NULL,
    acknowledgement_note   TEXT NULL,
    version                INTEGER NOT NULL
);
CREATE INDEX ix_handovers_area ON handovers (to_local_authority, acknowledged_at);
CREATE UNIQUE INDEX ux_handovers_move ON handovers (person_id, to_local_authority, moved_at);
