-- Contacts are evidence: a row is never edited except to point at the amendment that supersedes it.
CREATE TABLE dbo.contacts (
    contact_id               VARCHAR(36) NOT NULL CONSTRAINT pk_contacts PRIMARY KEY,
    person_id                VARCHAR(36) NOT NULL,
    agency                   NVARCHAR(100) NOT NULL,
    worker                   NVARCHAR(200) NULL,
    contact_at               DATETIMEOFFSET NOT NULL,
    channel                  VARCHAR(20) NOT NULL,
    outcome                  VARCHAR(20) NOT NULL,
    location                 NVARCHAR(200) NULL,
    duration_minutes         INT NULL,
    seen_alone               BIT NOT NULL,
    others_present           VARCHAR(400) NOT NULL,
    others_present_note      NVARCHAR(500) NULL,
    persons_words            NVARCHAR(4000) NULL,
    note                     NVARCHAR(4000) NULL,
    themes                   VARCHAR(400) NOT NULL,
    significant              BIT NOT NULL,
    recorded_at              DATETIMEOFFSET NOT NULL,
    recorded_by              NVARCHAR(200) NOT NULL,
    supersedes_contact_id    VARCHAR(36) NULL CONSTRAINT fk_contacts_supersedes REFERENCES dbo.contacts (contact_id),
    superseded_by_contact_id VARCHAR(36) NULL CONSTRAINT fk_contacts_superseded_by REFERENCES dbo.contacts (contact_id),
    amendment_reason         NVARCHAR(500) NULL,
    source_system            NVARCHAR(100) NULL,
    source_id                NVARCHAR(100) NULL
);
CREATE INDEX ix_contacts_person ON dbo.contacts (person_id, contact_at);
-- The bulk-import idempotency key.
CREATE UNIQUE INDEX ux_contacts_source ON dbo.contacts (source_system, source_id) WHERE source_system IS NOT NULL;

-- One timeline per person: contacts and what the other services reported.
CREATE TABLE dbo.chronology (
    entry_id    VARCHAR(36) NOT NULL CONSTRAINT pk_chronology PRIMARY KEY,
    person_id   VARCHAR(36) NOT NULL,
    occurred_at DATETIMEOFFSET NOT NULL,
    kind        VARCHAR(40) NOT NULL,
    agency      NVARCHAR(100) NULL,
    summary     NVARCHAR(400) NOT NULL,
    detail      NVARCHAR(MAX) NULL,
    themes      VARCHAR(400) NOT NULL,
    significant BIT NOT NULL,
    contact_id  VARCHAR(36) NULL,
    superseded  BIT NOT NULL
);
CREATE INDEX ix_chronology_person ON dbo.chronology (person_id, occurred_at, entry_id);
CREATE INDEX ix_chronology_contact ON dbo.chronology (contact_id) WHERE contact_id IS NOT NULL;

-- Themes of an entry, one row each, so the chronology can be filtered by any of several.
CREATE TABLE dbo.chronology_themes (
    entry_id VARCHAR(36) NOT NULL CONSTRAINT fk_chronology_themes_entry REFERENCES dbo.chronology (entry_id),
    theme    VARCHAR(40) NOT NULL,
    CONSTRAINT pk_chronology_themes PRIMARY KEY (entry_id, theme)
);
CREATE INDEX ix_chronology_themes_theme ON dbo.chronology_themes (theme, entry_id);

-- What the disengagement rules read, refreshed from the contacts whenever they change.
CREATE TABLE dbo.engagement_state (
    person_id              VARCHAR(36) NOT NULL CONSTRAINT pk_engagement_state PRIMARY KEY,
    first_contact_at       DATETIMEOFFSET NOT NULL,
    last_success_at        DATETIMEOFFSET NULL,
    last_attempt_at        DATETIMEOFFSET NULL,
    attempts_since_success INT NOT NULL
);

-- People whose contacts changed in a bulk import and whose state is still to be refreshed: the
-- import refreshes them when its stream ends, and the scheduled check picks up any it left.
CREATE TABLE dbo.engagement_pending (
    person_id VARCHAR(36) NOT NULL CONSTRAINT pk_engagement_pending PRIMARY KEY
);

-- What this service knows of a person from the other services' events.
CREATE TABLE dbo.person_context (
    person_id            VARCHAR(36) NOT NULL CONSTRAINT pk_person_context PRIMARY KEY,
    risk_level           VARCHAR(20) NULL,
    risk_assessed_at     DATETIMEOFFSET NULL,
    local_authority      VARCHAR(9) NULL,
    address_confidential BIT NOT NULL,
    area_since           DATETIMEOFFSET NULL
);
CREATE INDEX ix_person_context_area ON dbo.person_context (local_authority);

-- An episode of disengagement: opened once, closed by a successful contact after it began.
CREATE TABLE dbo.disengagement_episodes (
    episode_id             VARCHAR(36) NOT NULL CONSTRAINT pk_disengagement_episodes PRIMARY KEY,
    person_id              VARCHAR(36) NOT NULL,
    rule_name              VARCHAR(40) NOT NULL,
    reason                 NVARCHAR(400) NOT NULL,
    risk_level             VARCHAR(20) NOT NULL,
    detected_at            DATETIMEOFFSET NOT NULL,
    last_success_at        DATETIMEOFFSET NULL,
    attempts_since_success INT NOT NULL,
    ended_at               DATETIMEOFFSET NULL,
    ended_by_contact_id    VARCHAR(36) NULL
);
CREATE UNIQUE INDEX ux_disengagement_open ON dbo.disengagement_episodes (person_id) WHERE ended_at IS NULL;

CREATE TABLE dbo.handovers (
    handover_id            VARCHAR(36) NOT NULL CONSTRAINT pk_handovers PRIMARY KEY,
    person_id              VARCHAR(36) NOT NULL,
    from_local_authority   VARCHAR(9) NULL,
    to_local_authority     VARCHAR(9) NOT NULL,
    moved_at               DATETIMEOFFSET NOT NULL,
    requested_at           DATETIMEOFFSET NOT NULL,
    sending_agencies       NVARCHAR(2000) NOT NULL,
    risk_level             VARCHAR(20) NOT NULL,
    address_confidential   BIT NOT NULL,
    acknowledged_at        DATETIMEOFFSET NULL,
    acknowledged_by_agency NVARCHAR(100) NULL,
    acknowledged_by        NVARCHAR(200) NULL,
    acknowledgement_note   NVARCHAR(1000) NULL,
    version                BIGINT NOT NULL
);
CREATE INDEX ix_handovers_area ON dbo.handovers (to_local_authority, acknowledged_at);
CREATE UNIQUE INDEX ux_handovers_move ON dbo.handovers (person_id, to_local_authority, moved_at);
