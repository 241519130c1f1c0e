-- Name keys beside the date of birth (NameBirthKeys): every token's phonetic key and deletion
-- neighbourhood, filed under the person's date of birth as yyyymmdd (00 for an unknown month or day, 0
-- for no date). Duplicate detection at registration, and search with a date of birth, read the few
-- people born then who hold one of a name's keys, so a name keyed with one slip (Tompson for Thompson)
-- still finds her without reading everyone who shares a common name.
CREATE TABLE name_birth_keys (
    name_key  TEXT NOT NULL,
    born      INTEGER NOT NULL,
    person_id TEXT NOT NULL REFERENCES persons (person_id),
    PRIMARY KEY (name_key, born, person_id)
) WITHOUT ROWID;

-- Records registered before this version have no such keys: NameBirthKeyBackfill files them at
-- start-up, a batch at a time, and clears the mark. Until then they are found as before.
ALTER TABLE persons ADD COLUMN birth_keys_pending INTEGER NOT NULL DEFAULT 0;
UPDATE persons SET birth_keys_pending = 1;
CREATE INDEX ix_persons_birth_keys_pending ON persons (person_id) WHERE birth_keys_pending = 1;
