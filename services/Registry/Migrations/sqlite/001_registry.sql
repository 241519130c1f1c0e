-- One row per person record. Demographic details are stored as the versioned API message (JSON);
-- the columns beside it exist to be searched and indexed.
CREATE TABLE persons (
    person_id            TEXT PRIMARY KEY,
    version              INTEGER NOT NULL,
    details_json         TEXT NOT NULL,
    display_name         TEXT NOT NULL,
    all_names            TEXT NOT NULL,
    dob_year             INTEGER NULL,
    dob_month            INTEGER NULL,
    dob_day              INTEGER NULL,
    nhs_number           TEXT NULL,
    current_area         TEXT NULL,
    linked_to            TEXT NULL REFERENCES persons (person_id),
    registered_at        TEXT NOT NULL,
    registered_by_agency TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX ix_persons_nhs ON persons (nhs_number) WHERE nhs_number IS NOT NULL;
CREATE INDEX ix_persons_dob ON persons (dob_year, dob_month, dob_day);
CREATE INDEX ix_persons_linked_to ON persons (linked_to) WHERE linked_to IS NOT NULL;

-- Phonetic and anagram keys of every token of every name, for typo-tolerant search.
CREATE TABLE name_keys (
    name_key  TEXT NOT NULL,
    person_id TEXT NOT NULL REFERENCES persons (person_id),
    PRIMARY KEY (name_key, person_id)
) WITHOUT ROWID;
CREATE INDEX ix_name_keys_person ON name_keys (person_id);

-- Agency identifiers are unique per agency.
CREATE TABLE person_identifiers (
    agency    TEXT NOT NULL,
    value     TEXT NOT NULL,
    person_id TEXT NOT NULL REFERENCES persons (person_id),
    PRIMARY KEY (agency, value)
) WITHOUT ROWID;
CREATE INDEX ix_person_identifiers_person ON person_identifiers (person_id);

CREATE TABLE addresses (
    address_id          TEXT PRIMARY KEY,
    person_id           TEXT NOT NULL REFERENCES persons (person_id),
    lines_json          TEXT NOT NULL,
    postcode            TEXT NULL,
    local_authority     TEXT NOT NULL,
    valid_from          TEXT NOT NULL,
    valid_until         TEXT NULL,
    confidential        INTEGER NOT NULL,
    visible_to_json     TEXT NOT NULL,
    recorded_at         TEXT NOT NULL,
    recorded_by_agency  TEXT NOT NULL
);
CREATE INDEX ix_addresses_person ON addresses (person_id, valid_from);
CREATE INDEX ix_addresses_area ON addresses (local_authority, person_id);

CREATE TABLE involvements (
    involvement_id    TEXT PRIMARY KEY,
    person_id         TEXT NOT NULL REFERENCES persons (person_id),
    agency            TEXT NOT NULL,
    worker            TEXT NULL,
    team              TEXT NULL,
    role              TEXT NULL,
    since             TEXT NOT NULL,
    until             TEXT NULL,
    lead_professional INTEGER NOT NULL,
    end_reason        TEXT NULL,
    version           INTEGER NOT NULL
);
CREATE INDEX ix_involvements_person ON involvements (person_id, until);
CREATE INDEX ix_involvements_agency ON involvements (agency, person_id);

CREATE TABLE relationships (
    relationship_id    TEXT PRIMARY KEY,
    from_person_id     TEXT NOT NULL REFERENCES persons (person_id),
    to_person_id       TEXT NOT NULL REFERENCES persons (person_id),
    type               INTEGER NOT NULL,
    since              TEXT NULL,
    until              TEXT NULL,
    notes              TEXT NULL,
    recorded_by_agency TEXT NOT NULL,
    recorded_at        TEXT NOT NULL,
    version            INTEGER NOT NULL
);
CREATE INDEX ix_relationships_from ON relationships (from_person_id);
CREATE INDEX ix_relationships_to ON relationships (to_person_id);

-- Links join two records of one person without destroying either; an unlinked pair stays here
-- so that it is never proposed as a duplicate again.
CREATE TABLE person_links (
    link_id          TEXT PRIMARY KEY,
    person_id        TEXT NOT NULL REFERENCES persons (person_id),
    other_person_id  TEXT NOT NULL REFERENCES persons (person_id),
    reason           TEXT NOT NULL,
    linked_at        TEXT NOT NULL,
    linked_by_agency TEXT NOT NULL,
    unlinked_at      TEXT NULL,
    unlink_reason    TEXT NULL
);
CREATE INDEX ix_person_links_person ON person_links (person_id);
CREATE INDEX ix_person_links_other ON person_links (other_person_id);

CREATE TABLE sharing_records (
    sharing_id        TEXT PRIMARY KEY,
    person_id         TEXT NOT NULL REFERENCES persons (person_id),
    agency            TEXT NOT NULL,
    lawful_basis      INTEGER NOT NULL,
    reason            TEXT NOT NULL,
    granted_at        TEXT NOT NULL,
    until             TEXT NULL,
    granted_by_agency TEXT NOT NULL
);
CREATE INDEX ix_sharing_person ON sharing_records (person_id, agency);
