-- Name keys beside the date of birth (NameBirthKeys): every token's phonetic key and deletion
-- neighbourhood, filed under the person's date of birth as yyyymmdd (00 for an unknown month or day, 0
-- for no date). Duplicate detection at registration, and search with a date of birth, read the few
-- people born then who hold one of a name's keys, so a name keyed with one slip (Tompson for Thompson)
-- still finds her without reading everyone who shares a common name.
CREATE TABLE dbo.name_birth_keys (
    name_key  VARCHAR(64) NOT NULL,
    born      INT NOT NULL,
    person_id VARCHAR(36) NOT NULL CONSTRAINT fk_name_birth_keys_person REFERENCES dbo.persons (person_id),
    CONSTRAINT pk_name_birth_keys PRIMARY KEY (name_key, born, person_id)
);

-- Records registered before this version have no such keys: NameBirthKeyBackfill files them at
-- start-up, a batch at a time, and clears the mark. Until then they are found as before.
ALTER TABLE dbo.persons ADD birth_keys_pending BIT NOT NULL CONSTRAINT df_persons_birth_keys_pending DEFAULT 0;
GO
UPDATE dbo.persons SET birth_keys_pending = 1;
CREATE INDEX ix_persons_birth_keys_pending ON dbo.persons (person_id) WHERE birth_keys_pending = 1;
