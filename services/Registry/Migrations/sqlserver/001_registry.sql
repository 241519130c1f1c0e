-- One row per person record. Demographic details are stored as the versioned API message (JSON);
-- the columns beside it exist to be searched and indexed.
CREATE TABLE dbo.persons (
    person_id            VARCHAR(36) NOT NULL CONSTRAINT pk_persons PRIMARY KEY,
    version              BIGINT NOT NULL,
    details_json         NVARCHAR(MAX) NOT NULL,
    display_name         NVARCHAR(300) NOT NULL,
    all_names            NVARCHAR(2000) NOT NULL,
    dob_year             INT NULL,
    dob_month            INT NULL,
    dob_day              INT NULL,
    nhs_number           VARCHAR(10) NULL,
    current_area         VARCHAR(9) NULL,
    linked_to            VARCHAR(36) NULL CONSTRAINT fk_persons_linked_to REFERENCES dbo.persons (person_id),
    registered_at        DATETIMEOFFSET NOT NULL,
    registered_by_agency NVARCHAR(100) NOT NULL,
    updated_at           DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_persons_nhs ON dbo.persons (nhs_number) WHERE nhs_number IS NOT NULL;
CREATE INDEX ix_persons_dob ON dbo.persons (dob_year, dob_month, dob_day);
CREATE INDEX ix_persons_linked_to ON dbo.persons (linked_to) WHERE linked_to IS NOT NULL;

-- Phonetic and anagram keys of every token of every name, for typo-tolerant search.
CREATE TABLE dbo.name_keys (
    name_key  VARCHAR(64) NOT NULL,
    person_id VARCHAR(36) NOT NULL CONSTRAINT fk_name_keys_person REFERENCES dbo.persons (person_id),
    CONSTRAINT pk_name_keys PRIMARY KEY (name_key, person_id)
);
CREATE INDEX ix_name_keys_person ON dbo.name_keys (person_id);

-- Agency identifiers are unique per agency.
CREATE TABLE dbo.person_identifiers (
    agency    NVARCHAR(100) NOT NULL,
    value     NVARCHAR(100) NOT NULL,
    person_id VARCHAR(36) NOT NULL CONSTRAINT fk_person_identifiers_person REFERENCES dbo.persons (person_id),
    CONSTRAINT pk_person_identifiers PRIMARY KEY (agency, value)
);
CREATE INDEX ix_person_identifiers_person ON dbo.person_identifiers (person_id);

CREATE TABLE dbo.addresses (
    address_id         VARCHAR(36) NOT NULL CONSTRAINT pk_addresses PRIMARY KEY,
    person_id          VARCHAR(36) NOT NULL CONSTRAINT fk_addresses_person REFERENCES dbo.persons (person_id),
    lines_json         NVARCHAR(2000) NOT NULL,
    postcode           NVARCHAR(10) NULL,
    local_authority    VARCHAR(9) NOT NULL,
    valid_from         DATETIMEOFFSET NOT NULL,
    valid_until        DATETIMEOFFSET NULL,
    confidential       BIT NOT NULL,
    visible_to_json    NVARCHAR(2000) NOT NULL,
    recorded_at        DATETIMEOFFSET NOT NULL,
    recorded_by_agency NVARCHAR(100) NOT NULL
);
CREATE INDEX ix_addresses_person ON dbo.addresses (person_id, valid_from);
CREATE INDEX ix_addresses_area ON dbo.addresses (local_authority, person_id);

CREATE TABLE dbo.involvements (
    involvement_id    VARCHAR(36) NOT NULL CONSTRAINT pk_involvements PRIMARY KEY,
    person_id         VARCHAR(36) NOT NULL CONSTRAINT fk_involvements_person REFERENCES dbo.persons (person_id),
    agency            NVARCHAR(100) NOT NULL,
    worker            NVARCHAR(200) NULL,
    team              NVARCHAR(200) NULL,
    role              NVARCHAR(200) NULL,
    since             DATETIMEOFFSET NOT NULL,
    until             DATETIMEOFFSET NULL,
    lead_professional BIT NOT NULL,
    end_reason        NVARCHAR(500) NULL,
    version           BIGINT NOT NULL
);
CREATE INDEX ix_involvements_person ON dbo.involvements (person_id, until);
CREATE INDEX ix_involvements_agency ON dbo.involvements (agency, person_id);

CREATE TABLE dbo.relationships (
    relationship_id    VARCHAR(36) NOT NULL CONSTRAINT pk_relationships PRIMARY KEY,
    from_person_id     VARCHAR(36) NOT NULL CONSTRAINT fk_relationships_from REFERENCES dbo.persons (person_id),
    to_person_id       VARCHAR(36) NOT NULL CONSTRAINT fk_relationships_to REFERENCES dbo.persons (person_id),
    type               INT NOT NULL,
    since              DATETIMEOFFSET NULL,
    until              DATETIMEOFFSET NULL,
    notes              NVARCHAR(2000) NULL,
    recorded_by_agency NVARCHAR(100) NOT NULL,
    recorded_at        DATETIMEOFFSET NOT NULL,
    version            BIGINT NOT NULL
);
CREATE INDEX ix_relationships_from ON dbo.relationships (from_person_id);
CREATE INDEX ix_relationships_to ON dbo.relationships (to_person_id);

-- Links join two records of one person without destroying either; an unlinked pair stays here
-- so that it is never proposed as a duplicate again.
CREATE TABLE dbo.person_links (
    link_id          VARCHAR(36) NOT NULL CONSTRAINT pk_person_links PRIMARY KEY,
    person_id        VARCHAR(36) NOT NULL CONSTRAINT fk_person_links_person REFERENCES dbo.persons (person_id),
    other_person_id  VARCHAR(36) NOT NULL CONSTRAINT fk_person_links_other REFERENCES dbo.persons (person_id),
    reason           NVARCHAR(500) NOT NULL,
    linked_at        DATETIMEOFFSET NOT NULL,
    linked_by_agency NVARCHAR(100) NOT NULL,
    unlinked_at      DATETIMEOFFSET NULL,
    unlink_reason    NVARCHAR(500) NULL
);
CREATE INDEX ix_person_links_person ON dbo.person_links (person_id);
CREATE INDEX ix_person_links_other ON dbo.person_links (other_person_id);

CREATE TABLE dbo.sharing_records (
    sharing_id        VARCHAR(36) NOT NULL CONSTRAINT pk_sharing_records PRIMARY KEY,
    person_id         VARCHAR(36) NOT NULL CONSTRAINT fk_sharing_person REFERENCES dbo.persons (person_id),
    agency            NVARCHAR(100) NOT NULL,
    lawful_basis      INT NOT NULL,
    reason            NVARCHAR(1000) NOT NULL,
    granted_at        DATETIMEOFFSET NOT NULL,
    until             DATETIMEOFFSET NULL,
    granted_by_agency NVARCHAR(100) NOT NULL
);
CREATE INDEX ix_sharing_person ON dbo.sharing_records (person_id, agency);
