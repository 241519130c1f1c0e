-- Her address timeline is now the registry's snapshot of each record's addresses (PersonAddressesChanged):
-- periods with their ends, never a confidential address, replaced whole by a newer sequence.
CREATE TABLE dbo.address_timelines (
    person_id VARCHAR(36) NOT NULL CONSTRAINT pk_address_timelines PRIMARY KEY,
    sequence  BIGINT NOT NULL
);

CREATE TABLE dbo.address_periods (
    person_id       VARCHAR(36) NOT NULL,
    local_authority VARCHAR(9) NOT NULL,
    valid_from      DATETIMEOFFSET NOT NULL,
    valid_until     DATETIMEOFFSET NULL
);
CREATE INDEX ix_address_periods_person ON dbo.address_periods (person_id);

-- The points kept before held the area of a confidential move too (the event carried it) and no
-- end dates: they are dropped rather than trusted. Local connection is unknown for a person until
-- the registry publishes her timeline, which it does for every record once (its migration 005).
DROP TABLE dbo.address_points;
