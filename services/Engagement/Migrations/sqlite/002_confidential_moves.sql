-- A person's current area now follows the registry's address timeline (PersonAddressesChanged),
-- kept only if its sequence is newer than the one held. The timeline never holds a confidential
-- address, so neither does this: an area recorded from a confidential move before is removed.
ALTER TABLE person_context ADD COLUMN address_sequence INTEGER NOT NULL DEFAULT 0;
UPDATE person_context SET local_authority = NULL WHERE address_confidential = 1;
ALTER TABLE person_context DROP COLUMN address_confidential;
ALTER TABLE person_context DROP COLUMN area_since;

-- A move to a confidential address is handed over to the agencies the address names, never to an
-- area: to_local_authority is null for it, and its recipients are listed below. A handover recorded
-- before kept the area: it is removed, and the handover goes to the agencies that were working with
-- her when she moved (they knew of the move, and learn no area).
ALTER TABLE handovers ADD COLUMN receiving_area TEXT NULL;
UPDATE handovers SET receiving_area = to_local_authority WHERE address_confidential = 0;
DROP INDEX ix_handovers_area;
DROP INDEX ux_handovers_move;
ALTER TABLE handovers DROP COLUMN to_local_authority;
ALTER TABLE handovers RENAME COLUMN receiving_area TO to_local_authority;
CREATE INDEX ix_handovers_area ON handovers (to_local_authority, acknowledged_at);
CREATE UNIQUE INDEX ux_handovers_move ON handovers (person_id, moved_at, to_local_authority);

CREATE TABLE handover_recipients (
    handover_id TEXT NOT NULL REFERENCES handovers (handover_id),
    agency      TEXT NOT NULL,
    PRIMARY KEY (agency, handover_id)
);
CREATE INDEX ix_handover_recipients_handover ON handover_recipients (handover_id);
INSERT INTO handover_recipients (handover_id, agency)
SELECT DISTINCT h.handover_id, trim(a.value) FROM handovers h, json_each('["' || replace(h.sending_agencies, ',', '","') || '"]') a
WHERE h.address_confidential = 1 AND h.sending_agencies <> '' AND trim(a.value) <> '';
