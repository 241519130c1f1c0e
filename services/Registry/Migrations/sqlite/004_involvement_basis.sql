-- Who started an involvement, and, when it was started on another agency's behalf, the lawful basis
-- and reason for giving that agency access. Null on involvements recorded before this version.
ALTER TABLE involvements ADD COLUMN
    started_by_agency   TEXT NULL;
ALTER TABLE involvements ADD COLUMN
    lawful_basis        INTEGER NULL;
ALTER TABLE involvements ADD COLUMN
    lawful_basis_reason TEXT NULL;
