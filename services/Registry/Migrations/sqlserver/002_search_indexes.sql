-- Person search over a large register.
-- Date of birth alone: the people born in a year in person_id order, with month and day beside them,
-- so that a page of candidates is read in order rather than sorted from the whole year.
CREATE INDEX ix_persons_dob_person ON dbo.persons (dob_year, person_id) INCLUDE (dob_month, dob_day);

-- Area: only addresses that are not confidential place a person in an area (for search and for the
-- caller's access by area), so those alone are indexed, in person_id order.
CREATE INDEX ix_addresses_area_open ON dbo.addresses (local_authority, person_id) WHERE confidential = 0;
