using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Platform.BuildingBlocks.Data;
using Platform.Registry.Data;
using Platform.Registry.Domain;
using Platform.Registry.Domain.Names;
using Platform.Registry.V1;

namespace Platform.Registry.Bench;

/// <summary>
/// Writes a synthetic population into a registry database through the registry's own schema and
/// name index (<see cref="NameIndexKeys"/>, <see cref="PersonNames"/>), in one transaction with
/// prepared statements.
/// </summary>
internal sealed partial class PopulationGenerator
{
    /// <summary>Bump when the generated data changes shape, so cached databases are rebuilt.</summary>
    public const int Version = 2;

    private static readonly DateTimeOffset Epoch = new(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly int _people;
    private readonly Random _random;
    private readonly string[] _female = Names.Distinct(Names.Female);
    private readonly string[] _male = Names.Distinct(Names.Male);
    private readonly string[] _family = Names.Family();
    /// <summary>Given names are drawn from the first this many of each sex's list.</summary>
    private const int GivenNamesDrawn = 150;

    private readonly Zipf _givenRank = new(GivenNamesDrawn, s: 1.0, q: 5);
    private readonly Zipf _familyRank;
    private readonly Zipf _areaRank = new(Geography.Areas.Length, s: 0.8, q: 2);
    private readonly Zipf _agencyRank = new(Geography.Agencies.Length, s: 1.0, q: 2);
    private long _nhsCounter;
    private long _identifierCounter;

    public PopulationGenerator(int people, int seed)
    {
        _people = people;
        _random = new Random(seed);
        // Zipf–Mandelbrot over the family list: Smith comes out near 1.5%, as in England and Wales.
        _familyRank = new Zipf(_family.Length, s: 1.0, q: 10);
    }

    public int FamilyNameCount => _family.Length;

    public int GivenNameCount => Math.Min(GivenNamesDrawn, _female.Length) + Math.Min(GivenNamesDrawn, _male.Length);

    public sealed record Stats(long Persons, long NameKeys, long Addresses, long Involvements, long Identifiers, long Links, long Shares, TimeSpan Elapsed);

    public Stats Generate(string connectionString, Action<string> progress)
    {
        var clock = Stopwatch.StartNew();
        using var db = new SqliteConnection(connectionString);
        db.Open();
        Execute(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -4000000; PRAGMA temp_store = MEMORY;");
        using var tx = db.BeginTransaction();

        var insertPerson = Prepare(db, tx, PersonStore.InsertPerson(SqlDialect.Sqlite));
        var insertKey = Prepare(db, tx, PersonStore.InsertNameKey);
        var insertBirthKey = Prepare(db, tx, PersonStore.InsertNameBirthKey);
        var insertIdentifier = Prepare(db, tx, PersonStore.InsertIdentifier);
        var insertAddress = Prepare(db, tx, AddressStore.Insert);
        var insertInvolvement = Prepare(db, tx,
            """
            INSERT INTO involvements (involvement_id, person_id, agency, worker, team, role, since, until,
                                      lead_professional, end_reason, version)
            VALUES (@InvolvementId, @PersonId, @Agency, @Worker, @Team, @Role, @Since, @Until, @LeadProfessional, @EndReason, 1)
            """);
        var insertLink = Prepare(db, tx, LinkStore.Insert);
        var setLinked = Prepare(db, tx, PersonStore.SetLinkedTo(SqlDialect.Sqlite));
        var insertShare = Prepare(db, tx, SharingStore.Insert);

        var people = _people;
        var ids = new string[people];
        var dobs = new Platform.Registry.V1.PartialDate?[people];
        var usual = new PersonName[people];
        var linkedTo = new int[people];
        long keys = 0, addresses = 0, involvements = 0, identifiers = 0, links = 0, shares = 0;

        for (var i = 0; i < people; i++)
        {
            var personId = NewId();
            ids[i] = personId;
            var registeredAt = Epoch.AddMinutes(_random.Next(0, 10 * 365 * 24 * 60));
            var agency = Geography.Agencies[_agencyRank.Next(_random)];

            // Half a percent of records are a second record of someone already registered, later linked.
            var duplicateOf = i > 1000 && _random.NextDouble() < 0.005 ? _random.Next(0, i) : -1;
            while (duplicateOf >= 0 && linkedTo[duplicateOf] >= 0)
            {
                duplicateOf = linkedTo[duplicateOf]; // links always point at the record that stays
            }
            linkedTo[i] = duplicateOf;
            var details = duplicateOf >= 0 ? Duplicate(usual[duplicateOf], dobs[duplicateOf]) : NewDetails(agency);
            usual[i] = details.Names[0];
            dobs[i] = details.DateOfBirth;

            var area = Geography.Areas[_areaRank.Next(_random)];
            var names = PersonNames.All(details.Names);
            Bind(insertPerson,
                ("@PersonId", personId), ("@Version", 1L), ("@DetailsJson", JsonFormatter.Default.Format(details)),
                ("@DisplayName", PersonNames.Display(details.Names)), ("@AllNames", string.Join('|', names)),
                ("@DobYear", details.DateOfBirth is { Year: > 0 } d ? d.Year : null),
                ("@DobMonth", details.DateOfBirth is { Month: > 0 } m ? m.Month : null),
                ("@DobDay", details.DateOfBirth is { Day: > 0 } dd ? dd.Day : null),
                ("@NhsNumber", details.NhsNumber.Length > 0 ? details.NhsNumber : null),
                ("@CurrentArea", area), ("@RegisteredAt", Text(registeredAt)),
                ("@RegisteredByAgency", agency), ("@UpdatedAt", Text(registeredAt)));
            insertPerson.ExecuteNonQuery();

            foreach (var key in NameIndexKeys.ForNames(names))
            {
                Bind(insertKey, ("@Key", key), ("@PersonId", personId));
                insertKey.ExecuteNonQuery();
                keys++;
            }
            foreach (var key in NameBirthKeys.ForNames(names))
            {
                Bind(insertBirthKey, ("@Key", key), ("@Born", NameBirthKeys.Born(DatesOfBirth.FromApi(details.DateOfBirth))), ("@PersonId", personId));
                insertBirthKey.ExecuteNonQuery();
            }
            foreach (var identifier in details.Identifiers)
            {
                Bind(insertIdentifier, ("@Agency", identifier.Agency), ("@Value", identifier.Value), ("@PersonId", personId));
                insertIdentifier.ExecuteNonQuery();
                identifiers++;
            }

            // Current address; three in ten also lived somewhere else before.
            var movedIn = registeredAt.AddDays(-_random.Next(0, 3650));
            if (_random.NextDouble() < 0.3)
            {
                var before = Geography.Areas[_areaRank.Next(_random)];
                if (before == area)
                {
                    before = Geography.Areas[(Array.IndexOf(Geography.Areas, area) + 1 + _random.Next(0, 5)) % Geography.Areas.Length];
                }
                InsertAddress(insertAddress, personId, before, movedIn.AddDays(-_random.Next(200, 4000)), movedIn, agency, registeredAt);
                addresses++;
            }
            InsertAddress(insertAddress, personId, area, movedIn, null, agency, registeredAt);
            addresses++;

            InsertInvolvement(insertInvolvement, personId, agency, registeredAt);
            involvements++;
            if (_random.NextDouble() < 0.1)
            {
                InsertInvolvement(insertInvolvement, personId, Geography.Agencies[_agencyRank.Next(_random)], registeredAt.AddDays(_random.Next(1, 900)));
                involvements++;
            }
            if (_random.NextDouble() < 0.01)
            {
                Bind(insertShare, ("@SharingId", NewId()), ("@PersonId", personId),
                    ("@Agency", Geography.Agencies[_agencyRank.Next(_random)]), ("@LawfulBasis", 2),
                    ("@Reason", "multi-agency safeguarding hub referral"), ("@GrantedAt", Text(registeredAt)),
                    ("@Until", null), ("@GrantedByAgency", agency));
                insertShare.ExecuteNonQuery();
                shares++;
            }

            if (duplicateOf >= 0)
            {
                // As LinkPersons records it: the record that stays, then the record linked into it.
                Bind(insertLink, ("@LinkId", NewId()), ("@PersonId", ids[duplicateOf]), ("@OtherPersonId", personId),
                    ("@Reason", "same person: matching date of birth and address history"),
                    ("@LinkedAt", Text(registeredAt.AddDays(3))), ("@LinkedByAgency", agency));
                insertLink.ExecuteNonQuery();
                Bind(setLinked, ("@LinkedTo", ids[duplicateOf]), ("@PersonId", personId));
                setLinked.ExecuteNonQuery();
                links++;
            }

            if ((i + 1) % 100_000 == 0)
            {
                progress($"  {i + 1:N0} people, {keys:N0} name keys, {clock.Elapsed.TotalSeconds:0}s");
            }
        }

        progress("  committing");
        tx.Commit();
        Execute(db, "PRAGMA journal_mode = WAL;");
        return new Stats(people, keys, addresses, involvements, identifiers, links, shares, clock.Elapsed);
    }

    private void InsertAddress(SqliteCommand command, string personId, string area, DateTimeOffset from, DateTimeOffset? until,
        string agency, DateTimeOffset recordedAt)
    {
        var confidential = _random.NextDouble() < 0.01;
        var prefix = Geography.Postcodes[area];
        Bind(command, ("@AddressId", NewId()), ("@PersonId", personId),
            ("@LinesJson", $"[\"{_random.Next(1, 200)} {Geography.Streets[_random.Next(Geography.Streets.Length)]}\"]"),
            ("@Postcode", string.Create(CultureInfo.InvariantCulture, $"{prefix}{_random.Next(1, 30)} {_random.Next(1, 10)}{(char)('A' + _random.Next(26))}{(char)('A' + _random.Next(26))}")),
            ("@LocalAuthority", area), ("@ValidFrom", Text(from)), ("@ValidUntil", until is { } u ? Text(u) : null),
            ("@Confidential", confidential ? 1 : 0), ("@VisibleToJson", confidential ? $"[\"{agency}\"]" : "[]"),
            ("@RecordedAt", Text(recordedAt)), ("@RecordedByAgency", agency));
        command.ExecuteNonQuery();
    }

    private void InsertInvolvement(SqliteCommand command, string personId, string agency, DateTimeOffset since)
    {
        var ended = _random.NextDouble() < 0.15;
        Bind(command, ("@InvolvementId", NewId()), ("@PersonId", personId), ("@Agency", agency),
            ("@Worker", string.Create(CultureInfo.InvariantCulture, $"worker-{_random.Next(1, 5000)}")), ("@Team", "assessment"),
            ("@Role", "registering agency"), ("@Since", Text(since)),
            ("@Until", ended ? Text(since.AddDays(_random.Next(30, 700))) : null),
            ("@LeadProfessional", _random.NextDouble() < 0.3 ? 1 : 0), ("@EndReason", ended ? "case closed" : null));
        command.ExecuteNonQuery();
    }

    private string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4, like Guid.NewGuid
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }

    private static string Text(DateTimeOffset value) => DapperTypeHandlers.ToStoredText(value);

    private static SqliteCommand Prepare(SqliteConnection db, SqliteTransaction tx, string sql)
    {
        var command = db.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(sql, @"@\w+"))
        {
            if (!command.Parameters.Contains(match.Value))
            {
                command.Parameters.Add(new SqliteParameter(match.Value, null));
            }
        }
        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            command.Parameters[name].Value = value ?? DBNull.Value;
        }
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
