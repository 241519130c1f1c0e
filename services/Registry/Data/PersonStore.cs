using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;
using Google.Protobuf;
using Platform.BuildingBlocks.Errors;
using Platform.Registry.Domain;
using Platform.Registry.Domain.Names;
using Platform.Registry.V1;

namespace Platform.Registry.Data;

/// <summary>The persons table and the search keys and identifiers kept beside it.</summary>
public sealed class PersonStore
{
    /// <summary>
    /// The next number of a change duplicate detection reads (registry migration 008): registered, details
    /// corrected, an address recorded, linked or unlinked (<see cref="ChangedSince"/>). On SQLite one
    /// more than the highest, taken inside its one writer, so numbers follow commits; on SQL Server a
    /// sequence, which does not wait on other transactions (nor follow their commits).
    /// </summary>
    /// <remarks>A part of a statement, not one: held as a function, not a method, so it is not taken for a statement.</remarks>
    internal static readonly Func<SqlDialect, string> NextChange = dialect => dialect == SqlDialect.Sqlite
        ? "(SELECT COALESCE(MAX(change_sequence), 0) + 1 FROM persons)"
        : "NEXT VALUE FOR dbo.person_changes";

    internal static string InsertPerson(SqlDialect dialect) =>
        $"""
        INSERT INTO persons (person_id, version, details_json, display_name, all_names, dob_year, dob_month, dob_day,
                             nhs_number, current_area, linked_to, registered_at, registered_by_agency, updated_at, change_sequence)
        VALUES (@PersonId, @Version, @DetailsJson, @DisplayName, @AllNames, @DobYear, @DobMonth, @DobDay,
                @NhsNumber, @CurrentArea, NULL, @RegisteredAt, @RegisteredByAgency, @UpdatedAt, {NextChange(dialect)})
        """;

    internal const string SelectPerson =
        """
        SELECT person_id, version, details_json, display_name, all_names, dob_year, dob_month, dob_day, nhs_number,
               current_area, linked_to, registered_at, registered_by_agency, updated_at
        FROM persons WHERE person_id = @PersonId
        """;

    internal static string SelectPersons(SqlDialect dialect) =>
        $"""
        SELECT person_id, version, details_json, display_name, all_names, dob_year, dob_month, dob_day, nhs_number,
               current_area, linked_to, registered_at, registered_by_agency, updated_at
        FROM persons WHERE person_id IN {dialect.InList("@PersonIds")}
        """;

    internal static string UpdateDetails(SqlDialect dialect) =>
        $"""
        UPDATE persons SET version = version + 1, details_json = @DetailsJson, display_name = @DisplayName,
               all_names = @AllNames, dob_year = @DobYear, dob_month = @DobMonth, dob_day = @DobDay,
               nhs_number = @NhsNumber, updated_at = @UpdatedAt, birth_keys_pending = 0, change_sequence = {NextChange(dialect)}
        WHERE person_id = @PersonId AND version = @ExpectedVersion
        """;

    internal static string BumpVersion(SqlDialect dialect) =>
        $"""
        UPDATE persons SET version = version + 1, current_area = COALESCE(@CurrentArea, current_area), updated_at = @UpdatedAt,
               change_sequence = {NextChange(dialect)}
        WHERE person_id = @PersonId AND version = @ExpectedVersion
        """;

    internal const string SelectVersion = "SELECT version FROM persons WHERE person_id = @PersonId";
    internal const string DeleteNameKeys = "DELETE FROM name_keys WHERE person_id = @PersonId";
    internal const string InsertNameKey = "INSERT INTO name_keys (name_key, person_id) VALUES (@Key, @PersonId)";
    internal const string InsertNameBirthKey = "INSERT INTO name_birth_keys (name_key, born, person_id) VALUES (@Key, @Born, @PersonId)";
    internal const string DeleteNameBirthKey = "DELETE FROM name_birth_keys WHERE name_key = @Key AND born = @Born AND person_id = @PersonId";

    internal static string SelectBirthKeysPending(SqlDialect dialect) =>
        $"SELECT person_id, all_names, dob_year, dob_month, dob_day FROM persons WHERE birth_keys_pending = 1 ORDER BY person_id {dialect.Page("@Take")}";

    internal static string ClearBirthKeysPending(SqlDialect dialect) =>
        $"UPDATE persons SET birth_keys_pending = 0 WHERE person_id IN {dialect.InList("@PersonIds")}";

    internal const string DeleteIdentifiers = "DELETE FROM person_identifiers WHERE person_id = @PersonId";
    internal const string InsertIdentifier = "INSERT INTO person_identifiers (agency, value, person_id) VALUES (@Agency, @Value, @PersonId)";
    internal const string SelectIdentifierOwner = "SELECT person_id FROM person_identifiers WHERE agency = @Agency AND value = @Value";
    internal const string SelectNhsOwner = "SELECT person_id FROM persons WHERE nhs_number = @NhsNumber";
    internal static string SetLinkedTo(SqlDialect dialect) =>
        $"UPDATE persons SET linked_to = @LinkedTo, change_sequence = {NextChange(dialect)} WHERE person_id = @PersonId";

    /// <summary>
    /// Holds a record that stands alone (not linked into another) until the transaction ends: an update
    /// that changes nothing, for its row lock on SQL Server (SQLite's write lock is the transaction's).
    /// </summary>
    internal const string ClaimStanding = "UPDATE persons SET linked_to = NULL WHERE person_id = @PersonId AND linked_to IS NULL";

    /// <summary>Links a record only if it still stands alone, so two links made at once cannot both land.</summary>
    internal static string LinkInto(SqlDialect dialect) =>
        $"UPDATE persons SET linked_to = @LinkedTo, change_sequence = {NextChange(dialect)} WHERE person_id = @PersonId AND linked_to IS NULL";

    public async Task InsertAsync(DbConnection db, DbTransaction tx, string personId, PersonDetails details,
        string? currentArea, string agency, DateTimeOffset now)
    {
        var row = Columns(personId, details);
        await NhsNumberUniqueAsync(() => db.ExecuteAsync(InsertPerson(SqlDialect.Of(db)), new
        {
            row.PersonId, Version = 1L, row.DetailsJson, row.DisplayName, row.AllNames, row.DobYear, row.DobMonth,
            row.DobDay, row.NhsNumber, CurrentArea = currentArea, RegisteredAt = now, RegisteredByAgency = agency, UpdatedAt = now,
        }, tx));
        await IndexAsync(db, tx, personId, details);
    }

    /// <summary>Replaces the details if the person is still at the expected version.</summary>
    public async Task<long> UpdateAsync(DbConnection db, DbTransaction tx, string personId, long expectedVersion,
        PersonDetails details, DateTimeOffset now)
    {
        var row = Columns(personId, details);
        // The keys filed under the date of birth are found by key, not by person: those of the names
        // and date held before are deleted one by one.
        var before = await GetAsync(db, tx, personId);
        var changed = await NhsNumberUniqueAsync(() => db.ExecuteAsync(UpdateDetails(SqlDialect.Of(db)), new
        {
            row.PersonId, row.DetailsJson, row.DisplayName, row.AllNames, row.DobYear, row.DobMonth, row.DobDay,
            row.NhsNumber, UpdatedAt = now, ExpectedVersion = expectedVersion,
        }, tx));
        await EnsureChangedAsync(db, tx, personId, expectedVersion, changed);
        await db.ExecuteAsync(DeleteNameKeys, new { PersonId = personId }, tx);
        await db.ExecuteAsync(DeleteNameBirthKey, BirthKeys(personId, before!.Names(), before.DobYear, before.DobMonth, before.DobDay), tx);
        await db.ExecuteAsync(DeleteIdentifiers, new { PersonId = personId }, tx);
        await IndexAsync(db, tx, personId, details);
        return expectedVersion + 1;
    }

    /// <summary>Records that something of the person's (an address) changed, at the expected version.</summary>
    public async Task<long> BumpVersionAsync(DbConnection db, DbTransaction tx, string personId, long expectedVersion,
        string? currentArea, DateTimeOffset now)
    {
        var changed = await db.ExecuteAsync(BumpVersion(SqlDialect.Of(db)),
            new { PersonId = personId, ExpectedVersion = expectedVersion, CurrentArea = currentArea, UpdatedAt = now }, tx);
        await EnsureChangedAsync(db, tx, personId, expectedVersion, changed);
        return expectedVersion + 1;
    }

    public Task<PersonRow?> GetAsync(DbConnection db, DbTransaction tx, string personId) =>
        db.QuerySingleOrDefaultAsync<PersonRow>(SelectPerson, new { PersonId = personId }, tx);

    public async Task<IReadOnlyList<PersonRow>> GetManyAsync(DbConnection db, DbTransaction? tx, IReadOnlyCollection<string> personIds) =>
        personIds.Count == 0 ? [] : (await db.QueryAsync<PersonRow>(SelectPersons(SqlDialect.Of(db)), new { PersonIds = SqlDialect.ListParameter(personIds) }, tx)).AsList();

    /// <summary>Follows links: a record linked into another resolves to the one that stays.</summary>
    public async Task<PersonRow> ResolveAsync(DbConnection db, DbTransaction tx, string personId)
    {
        var row = await GetAsync(db, tx, personId) ?? throw new NotFoundException("Person", personId);
        for (var hops = 0; row.LinkedTo is not null && hops < 8; hops++)
        {
            row = await GetAsync(db, tx, row.LinkedTo) ?? throw new NotFoundException("Person", row.LinkedTo);
        }
        return row;
    }

    public Task<string?> IdentifierOwnerAsync(DbConnection db, DbTransaction tx, string agency, string value) =>
        db.QuerySingleOrDefaultAsync<string?>(SelectIdentifierOwner, new { Agency = agency, Value = value }, tx);

    public Task<string?> NhsOwnerAsync(DbConnection db, DbTransaction tx, string nhsNumber) =>
        db.QueryFirstOrDefaultAsync<string?>(SelectNhsOwner, new { NhsNumber = nhsNumber }, tx);

    /// <summary>
    /// True when every record stands alone, each then held until the transaction ends. Taken in id
    /// order, so that two calls linking the same records (either way round) queue instead of deadlocking.
    /// </summary>
    public async Task<bool> ClaimStandingAsync(DbConnection db, DbTransaction tx, params string[] personIds)
    {
        foreach (var personId in personIds.Order(StringComparer.Ordinal))
        {
            if (await db.ExecuteAsync(ClaimStanding, new { PersonId = personId }, tx) != 1)
            {
                return false;
            }
        }
        return true;
    }

    public async Task LinkIntoAsync(DbConnection db, DbTransaction tx, string personId, string survivorId)
    {
        if (await db.ExecuteAsync(LinkInto(SqlDialect.Of(db)), new { PersonId = personId, LinkedTo = survivorId }, tx) != 1)
        {
            throw new PreconditionFailedException("The record was linked into another meanwhile: read it again.");
        }
    }

    public Task SetLinkedToAsync(DbConnection db, DbTransaction tx, string personId, string? linkedTo) =>
        db.ExecuteAsync(SetLinkedTo(SqlDialect.Of(db)), new { PersonId = personId, LinkedTo = linkedTo }, tx);

    /// <summary>
    /// An NHS number belongs to one record: a unique index decides (registry migration 006), so two
    /// registrations at once cannot both take it. The persons row has no other unique value a write
    /// could repeat (its id is new or its own).
    /// </summary>
    private static async Task<int> NhsNumberUniqueAsync(Func<Task<int>> write)
    {
        try
        {
            return await write();
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            throw new AlreadyExistsException(
                "nhs_number is already recorded for another person: find them by searching for the NHS number, then link the records.");
        }
    }

    private static async Task EnsureChangedAsync(DbConnection db, DbTransaction tx, string personId, long expected, int changed)
    {
        if (changed == 1)
        {
            return;
        }
        var actual = await db.QuerySingleOrDefaultAsync<long?>(SelectVersion, new { PersonId = personId }, tx)
            ?? throw new NotFoundException("Person", personId);
        throw new StaleVersionException("Person", personId, expected, actual);
    }

    /// <summary>
    /// Files the names of up to <paramref name="batch"/> records marked by migration 007 under their date
    /// of birth, as registering them now would, and clears the mark; how many were filed.
    /// </summary>
    public async Task<int> FileBirthKeysAsync(DbConnection db, DbTransaction tx, int batch)
    {
        var dialect = SqlDialect.Of(db);
        var pending = (await db.QueryAsync<PersonRow>(SelectBirthKeysPending(dialect), new { Take = batch }, tx)).AsList();
        if (pending.Count == 0)
        {
            return 0;
        }
        await db.ExecuteAsync(InsertNameBirthKey,
            pending.SelectMany(row => BirthKeys(row.PersonId, row.Names(), row.DobYear, row.DobMonth, row.DobDay)), tx);
        await db.ExecuteAsync(ClearBirthKeysPending(dialect),
            new { PersonIds = SqlDialect.ListParameter(pending.Select(row => row.PersonId)) }, tx);
        return pending.Count;
    }

    /// <summary>The rows of <see cref="NameBirthKeys"/> for a person's names and date of birth.</summary>
    internal static IEnumerable<object> BirthKeys(string personId, IEnumerable<string> names, int? year, int? month, int? day)
    {
        var born = NameBirthKeys.Born(year, month, day);
        return NameBirthKeys.ForNames(names).Select(key => new { Key = key, Born = born, PersonId = personId });
    }

    private static async Task IndexAsync(DbConnection db, DbTransaction tx, string personId, PersonDetails details)
    {
        var names = PersonNames.All(details.Names);
        var keys = NameIndexKeys.ForNames(names);
        await db.ExecuteAsync(InsertNameKey, keys.Select(key => new { Key = key, PersonId = personId }), tx);
        var dob = details.DateOfBirth;
        await db.ExecuteAsync(InsertNameBirthKey, BirthKeys(personId, names,
            dob is { Year: > 0 } ? dob.Year : null, dob is { Month: > 0 } ? dob.Month : null, dob is { Day: > 0 } ? dob.Day : null), tx);
        await db.ExecuteAsync(InsertIdentifier,
            details.Identifiers.Select(id => new { id.Agency, id.Value, PersonId = personId }), tx);
    }

    private static PersonRow Columns(string personId, PersonDetails details) => new()
    {
        PersonId = personId,
        DetailsJson = JsonFormatter.Default.Format(details),
        DisplayName = PersonNames.Display(details.Names),
        AllNames = string.Join('|', PersonNames.All(details.Names)),
        DobYear = details.DateOfBirth is { Year: > 0 } dob ? dob.Year : null,
        DobMonth = details.DateOfBirth is { Month: > 0 } m ? m.Month : null,
        DobDay = details.DateOfBirth is { Day: > 0 } d ? d.Day : null,
        NhsNumber = string.IsNullOrEmpty(details.NhsNumber) ? null : details.NhsNumber,
    };
}
