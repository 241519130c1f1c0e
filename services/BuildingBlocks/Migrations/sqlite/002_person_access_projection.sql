-- A service's local copy of the registry facts that decide who may see a person, fed by the
-- registry's events. The registry itself reads its own tables and leaves these empty.
CREATE TABLE access_persons (
    person_id TEXT PRIMARY KEY
);

CREATE TABLE access_involvements (
    involvement_id TEXT PRIMARY KEY,
    person_id      TEXT NOT NULL,
    agency         TEXT NOT NULL,
    until          TEXT NULL
);
CREATE INDEX ix_access_involvements_person ON access_involvements (person_id);

-- Areas the person lives or lived in at a non-confidential address.
CREATE TABLE access_areas (
    person_id       TEXT NOT NULL,
    local_authority TEXT NOT NULL,
    PRIMARY KEY (person_id, local_authority)
);

CREATE TABLE access_shares (
    person_id TEXT NOT NULL,
    agency    TEXT NOT NULL,
    until     TEXT NULL,
    PRIMARY KEY (person_id, agency)
);

-- Standing links only: the other record resolves to person_id.
CREATE TABLE access_links (
    other_person_id TEXT PRIMARY KEY,
    person_id       TEXT NOT NULL
);
CREATE INDEX ix_access_links_person ON access_links (person_id);
