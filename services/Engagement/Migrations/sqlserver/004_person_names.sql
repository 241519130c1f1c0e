-- Each person's usual name as the registry last published it (PersonRegistered, PersonUpdated), so
-- that a chronology names the people it speaks of. Read only for a caller who may see the person;
-- version is the registry's version of her record, kept only if newer than the one held.
CREATE TABLE dbo.person_names (
    person_id    VARCHAR(36) NOT NULL CONSTRAINT pk_person_names PRIMARY KEY,
    display_name NVARCHAR(400) NOT NULL,
    version      BIGINT NOT NULL
);
