-- Who started an involvement, and, when it was started on another agency's behalf, the lawful basis
-- and reason for giving that agency access. Null on involvements recorded before this version.
ALTER TABLE dbo.involvements ADD
    started_by_agency   NVARCHAR(100) NULL,
    lawful_basis        INT NULL,
    lawful_basis_reason NVARCHAR(500) NULL;
