-- Every contact recorded re-reads the person's engagement by aggregate (ContactStore.SelectEngagementByPerson):
-- first contact, last success, last attempt, attempts since. With the outcome and the amendment mark in
-- the index, those aggregates read the index alone, never the contact rows. It starts with the columns of
-- ix_contacts_person, which it replaces (the chronology's reads in time order use the same prefix).
CREATE INDEX ix_contacts_engagement ON contacts (person_id, contact_at, outcome, superseded_by_contact_id);
DROP INDEX ix_contacts_person;
