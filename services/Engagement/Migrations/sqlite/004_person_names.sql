-- Each person's usual name as the registry last published it (PersonRegistered, PersonUpdated), so
-- that a chronology names the people it speaks of. Read only for a caller who may see the person;
-- version is the registry's version of her record, kept only if newer than the one held.
CREATE TABLE person_names (
    person_id    TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    version      INTEGER NOT NULL
);
