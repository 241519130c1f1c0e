-- Her address timeline is now the registry's snapshot of each record's addresses (PersonAddressesChanged):
-- periods with their ends, never a confidential address, replaced whole by a newer sequence.
CREATE TABLE address_timelines (
    person_id TEXT PRIMARY KEY,
    sequence  INTEGER NOT NULL
);

CREATE TABLE address_periods (
    person_id       TEXT NOT NULL,
    local_authority TEXT NOT NULL,
    valid_from      TEXT NOT NULL,
    valid_until     TEXT NULL
);
CREATE INDEX ix_address_periods_person ON address_periods (person_id);

-- The points kept before held the area of a confidential move too (the event carried it) and no
-- end dates: they are dropped rather than trusted. Local connection is unknown for a person until
-- the registry publishes her timeline, which it does for every record once (its migration 005).
DROP TABLE address_points;
