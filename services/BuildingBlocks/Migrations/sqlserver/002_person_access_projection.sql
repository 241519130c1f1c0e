-- A service's local copy of the registry facts that decide who may see a person, fed by the
-- registry's events. The registry itself reads its own tables and leaves these empty.
CREATE TABLE dbo.access_persons (
    person_id VARCHAR(36) NOT NULL CONSTRAINT pk_access_persons PRIMARY KEY
);

CREATE TABLE dbo.access_involvements (
    involvement_id VARCHAR(36) NOT NULL CONSTRAINT pk_access_involvements PRIMARY KEY,
    person_id      VARCHAR(36) NOT NULL,
    agency         NVARCHAR(100) NOT NULL,
    until          DATETIMEOFFSET NULL
);
CREATE INDEX ix_access_involvements_person ON dbo.access_involvements (person_id);

-- Areas the person lives or lived in at a non-confidential address.
CREATE TABLE dbo.access_areas (
    person_id       VARCHAR(36) NOT NULL,
    local_authority VARCHAR(9) NOT NULL,
    CONSTRAINT pk_access_areas PRIMARY KEY (person_id, local_authority)
);

CREATE TABLE dbo.access_shares (
    person_id VARCHAR(36) NOT NULL,
    agency    NVARCHAR(100) NOT NULL,
    until     DATETIMEOFFSET NULL,
    CONSTRAINT pk_access_shares PRIMARY KEY (person_id, agency)
);

-- Standing links only: the other record resolves to person_id.
CREATE TABLE dbo.access_links (
    other_person_id VARCHAR(36) NOT NULL CONSTRAINT pk_access_links PRIMARY KEY,
    person_id       VARCHAR(36) NOT NULL
);
CREATE INDEX ix_access_links_person ON dbo.access_links (person_id);
