-- A person's current area now follows the registry's address timeline (PersonAddressesChanged),
-- kept only if its sequence is newer than the one held. The timeline never holds a confidential
-- address, so neither does this: an area recorded from a confidential move before is removed.
ALTER TABLE dbo.person_context ADD address_sequence BIGINT NOT NULL CONSTRAINT df_person_context_address_sequence DEFAULT 0;
UPDATE dbo.person_context SET local_authority = NULL WHERE address_confidential = 1;
ALTER TABLE dbo.person_context DROP COLUMN address_confidential, area_since;

-- A move to a confidential address is handed over to the agencies the address names, never to an
-- area: to_local_authority is null for it, and its recipients are listed below. A handover recorded
-- before kept the area: it is removed, and the handover goes to the agencies that were working with
-- her when she moved (they knew of the move, and learn no area).
DROP INDEX ix_handovers_area ON dbo.handovers;
DROP INDEX ux_handovers_move ON dbo.handovers;
ALTER TABLE dbo.handovers ALTER COLUMN to_local_authority VARCHAR(9) NULL;
GO
UPDATE dbo.handovers SET to_local_authority = NULL WHERE address_confidential = 1;
CREATE INDEX ix_handovers_area ON dbo.handovers (to_local_authority, acknowledged_at);
CREATE UNIQUE INDEX ux_handovers_move ON dbo.handovers (person_id, moved_at, to_local_authority);

CREATE TABLE dbo.handover_recipients (
    handover_id VARCHAR(36) NOT NULL CONSTRAINT fk_handover_recipients_handover REFERENCES dbo.handovers (handover_id),
    agency      NVARCHAR(100) NOT NULL,
    CONSTRAINT pk_handover_recipients PRIMARY KEY (agency, handover_id)
);
CREATE INDEX ix_handover_recipients_handover ON dbo.handover_recipients (handover_id);
INSERT INTO dbo.handover_recipients (handover_id, agency)
SELECT DISTINCT h.handover_id, LTRIM(RTRIM(a.value)) FROM dbo.handovers h CROSS APPLY STRING_SPLIT(h.sending_agencies, ',') a
WHERE h.address_confidential = 1 AND LTRIM(RTRIM(a.value)) <> '';
