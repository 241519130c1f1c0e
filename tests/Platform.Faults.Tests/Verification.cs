using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Platform.Faults.Tests;

/// <summary>
/// What the databases hold after a run, compared with what was acknowledged and published:
/// <list type="bullet">
/// <item><b>writes</b>: every acknowledged write is stored exactly once (found by what identifies it);</item>
/// <item><b>events</b>: every outbox row of every service is sent;</item>
/// <item><b>deliveries</b>: every event reached every consumer of its type (each consumer's inbox
/// holds its id; the consumers of a type are those that received any event of it);</item>
/// <item><b>effects</b>: what the consumers made of them, once each: engagement's chronology
/// (a move entry per <c>PersonMoved</c>, an involvement entry per <c>InvolvementStarted</c>, an offer
/// entry per <c>OfferMade</c>, a safeguarding entry per <c>ConcernRaised</c>), its handovers (one per
/// move: every move crosses between two areas), the access projections of engagement, housing and
/// safeguarding and housing's address timelines, each at the newest sequence the registry published
/// for the person.</item>
/// </list>
/// A shortfall anywhere counts as lost; an excess as duplicated.
/// </summary>
public sealed class Verification
{
    private static readonly Regex MoveMarker = new(@"FaultMove mv-\d+-", RegexOptions.Compiled);

    public long Writes { get; private set; }

    public long Events { get; private set; }

    public long Deliveries { get; private set; }

    public long Effects { get; private set; }

    public long Lost { get; private set; }

    public long Duplicated { get; private set; }

    public List<string> Problems { get; } = [];

    public static Verification Check(Workload workload, string registryDb, string engagementDb, string housingDb, string safeguardingDb)
    {
        var result = new Verification();
        using var registry = Open(registryDb);
        using var engagement = Open(engagementDb);
        using var housing = Open(housingDb);
        using var safeguarding = Open(safeguardingDb);
        result.CheckWrites(workload, registry, engagement, housing, safeguarding);
        var services = new[] { ("registry", registry), ("engagement", engagement), ("housing", housing), ("safeguarding", safeguarding) };
        var events = new List<OutboxEvent>();
        foreach (var (name, db) in services)
        {
            var rows = Query(db, "SELECT message_id, message_type, json_extract(payload, '$.personId'), json_extract(payload, '$.sequence'), sent_at FROM outbox_messages",
                r => new OutboxEvent(r.GetString(0), SimpleName(r.GetString(1)), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetInt64(3), !r.IsDBNull(4)));
            result.Events += rows.Count;
            var unsent = rows.Count(e => !e.Sent);
            result.Record($"{name}: outbox rows sent", unsent, 0, rows.Count);
            events.AddRange(rows);
        }
        var byId = events.ToDictionary(e => e.MessageId, StringComparer.Ordinal);
        foreach (var (name, db) in services)
        {
            result.CheckDeliveries(name, db, byId);
        }
        result.CheckEffects(events, registry, engagement, housing, safeguarding);
        return result;
    }

    private void CheckWrites(Workload workload, SqliteConnection registry, SqliteConnection engagement, SqliteConnection housing, SqliteConnection safeguarding)
    {
        Writes = workload.Writes;
        var identifiers = Query(registry, "SELECT value FROM person_identifiers WHERE agency = @A", r => r.GetString(0), ("@A", Workload.IdentifierAgency))
            .ToHashSet(StringComparer.Ordinal);
        Count(workload.Registrations.Count(id => identifiers.Contains(id)), workload.Registrations.Count, "registrations stored");
        var people = Scalar(registry, "SELECT COUNT(*) FROM persons");
        Count(people, workload.SeedPeople.Count + workload.Registrations.Count, "people in the registry (seeded and registered)");

        var markers = Query(registry, "SELECT lines_json FROM addresses WHERE lines_json LIKE '%FaultMove%'", r => r.GetString(0))
            .Select(lines => MoveMarker.Match(lines).Value).GroupBy(m => m).ToDictionary(g => g.Key, g => g.Count());
        Count(workload.Moves.Count(m => markers.ContainsKey(m)), workload.Moves.Count, "moves stored");
        Count(markers.Values.Sum(), markers.Count, "addresses per move");
        Count(markers.Count, workload.Moves.Count, "moves stored that were acknowledged");

        var contacts = Query(engagement, "SELECT source_id, COUNT(*) FROM contacts WHERE source_system = @S GROUP BY source_id",
            r => (Id: r.GetString(0), Count: r.GetInt64(1)), ("@S", Workload.SourceSystem)).ToDictionary(c => c.Id, c => c.Count);
        Count(workload.Contacts.Count(contacts.ContainsKey), workload.Contacts.Count, "contacts stored");
        Count(contacts.Values.Sum(), contacts.Count, "rows per contact");
        Count(contacts.Count, workload.Contacts.Count, "contacts stored that were acknowledged");

        var concerns = Query(safeguarding, "SELECT description, COUNT(*) FROM concerns WHERE description LIKE 'FaultConcern %' GROUP BY description",
            r => (Marker: r.GetString(0), Count: r.GetInt64(1))).ToDictionary(c => c.Marker, c => c.Count);
        Count(workload.Concerns.Count(concerns.ContainsKey), workload.Concerns.Count, "concerns stored");
        Count(concerns.Values.Sum(), concerns.Count, "rows per concern");
        Count(concerns.Count, workload.Concerns.Count, "concerns stored that were acknowledged");

        var needs = Query(housing, "SELECT person_id FROM needs_profiles", r => r.GetString(0)).ToHashSet(StringComparer.Ordinal);
        Count(workload.NeedsProfiles.Count(needs.Contains), workload.NeedsProfiles.Count, "needs profiles stored");
        var vacancies = Query(housing, "SELECT unit_id, COUNT(*) FROM vacancies GROUP BY unit_id", r => (Unit: r.GetString(0), Count: r.GetInt64(1)))
            .ToDictionary(v => v.Unit, v => v.Count);
        Count(workload.Vacancies.Keys.Count(vacancies.ContainsKey), workload.Vacancies.Count, "vacancies stored");
        Count(vacancies.Values.Sum(), workload.Vacancies.Count, "vacancies (one per unit)");
        var offers = Query(housing, "SELECT vacancy_id, COUNT(*) FROM offers GROUP BY vacancy_id", r => (Vacancy: r.GetString(0), Count: r.GetInt64(1)))
            .ToDictionary(o => o.Vacancy, o => o.Count);
        Count(workload.Offers.Keys.Count(offers.ContainsKey), workload.Offers.Count, "offers stored");
        Count(offers.Values.Sum(), workload.Offers.Count, "offers (one per vacancy)");
    }

    private void CheckDeliveries(string name, SqliteConnection db, IReadOnlyDictionary<string, OutboxEvent> events)
    {
        var inbox = Query(db, "SELECT message_id, consumer FROM inbox_messages", r => (MessageId: r.GetString(0), Consumer: r.GetString(1)));
        var known = inbox.Where(i => events.ContainsKey(i.MessageId)).ToList();
        Deliveries += known.Count;
        var received = known.ToHashSet();
        foreach (var consumers in known.GroupBy(i => events[i.MessageId].Type))
        {
            var ofType = events.Values.Where(e => e.Type == consumers.Key).ToList();
            foreach (var consumer in consumers.Select(c => c.Consumer).Distinct())
            {
                var missing = ofType.Count(e => !received.Contains((e.MessageId, consumer)));
                Count(ofType.Count - missing, ofType.Count, $"{name}: {consumers.Key} delivered to {ShortName(consumer)}");
            }
        }
    }

    private void CheckEffects(
        List<OutboxEvent> events, SqliteConnection registry, SqliteConnection engagement, SqliteConnection housing, SqliteConnection safeguarding)
    {
        var moved = PerPerson(events, "PersonMoved");
        var chronology = Query(engagement, "SELECT person_id, kind, COUNT(*) FROM chronology GROUP BY person_id, kind",
            r => (Person: r.GetString(0), Kind: r.GetString(1), Count: r.GetInt64(2)));
        CompareCounts("chronology move entries per PersonMoved", moved, chronology.Where(c => c.Kind == "move").ToDictionary(c => c.Person, c => c.Count));
        CompareCounts("chronology involvement entries per InvolvementStarted", PerPerson(events, "InvolvementStarted"),
            chronology.Where(c => c.Kind == "involvement-started").ToDictionary(c => c.Person, c => c.Count));
        CompareCounts("chronology offer entries per OfferMade", PerPerson(events, "OfferMade"),
            chronology.Where(c => c.Kind == "offer").ToDictionary(c => c.Person, c => c.Count));
        CompareCounts("chronology safeguarding entries per ConcernRaised", PerPerson(events, "ConcernRaised"),
            chronology.Where(c => c.Kind == "safeguarding").ToDictionary(c => c.Person, c => c.Count));
        var handovers = Query(engagement, "SELECT person_id, COUNT(*) FROM handovers GROUP BY person_id", r => (Person: r.GetString(0), Count: r.GetInt64(1)))
            .ToDictionary(h => h.Person, h => h.Count);
        CompareCounts("handovers per PersonMoved", moved, handovers);

        var access = NewestSequence(events, "PersonAccessChanged");
        var timelines = NewestSequence(events, "PersonAddressesChanged");
        var registrySequences = Query(registry, "SELECT person_id, access_sequence FROM persons", r => (Person: r.GetString(0), Sequence: r.GetInt64(1)))
            .ToDictionary(p => p.Person, p => p.Sequence);
        CompareSequences("registry: newest PersonAccessChanged is the record's sequence", registrySequences, access);
        CompareSequences("engagement: access projection at the newest sequence", access,
            Query(engagement, "SELECT person_id, sequence FROM access_persons", r => (r.GetString(0), r.GetInt64(1))).ToDictionary(p => p.Item1, p => p.Item2));
        CompareSequences("housing: access projection at the newest sequence", access,
            Query(housing, "SELECT person_id, sequence FROM access_persons", r => (r.GetString(0), r.GetInt64(1))).ToDictionary(p => p.Item1, p => p.Item2));
        CompareSequences("safeguarding: access projection at the newest sequence", access,
            Query(safeguarding, "SELECT person_id, sequence FROM access_persons", r => (r.GetString(0), r.GetInt64(1))).ToDictionary(p => p.Item1, p => p.Item2));
        CompareSequences("housing: address timeline at the newest sequence", timelines,
            Query(housing, "SELECT person_id, sequence FROM address_timelines", r => (r.GetString(0), r.GetInt64(1))).ToDictionary(p => p.Item1, p => p.Item2));
    }

    private void CompareCounts(string what, IReadOnlyDictionary<string, long> expected, IReadOnlyDictionary<string, long> actual)
    {
        long lost = 0, duplicated = 0, matched = 0;
        foreach (var person in expected.Keys.Union(actual.Keys))
        {
            var want = expected.GetValueOrDefault(person);
            var have = actual.GetValueOrDefault(person);
            lost += Math.Max(0, want - have);
            duplicated += Math.Max(0, have - want);
            matched += Math.Min(want, have);
        }
        Effects += matched;
        Record(what, lost, duplicated, expected.Values.Sum());
    }

    private void CompareSequences(string what, IReadOnlyDictionary<string, long> expected, IReadOnlyDictionary<string, long> actual)
    {
        var behind = expected.Count(e => actual.GetValueOrDefault(e.Key, -1) < e.Value);
        var ahead = expected.Count(e => actual.GetValueOrDefault(e.Key, -1) > e.Value) + actual.Keys.Count(k => !expected.ContainsKey(k));
        Effects += expected.Count - behind;
        Record(what, behind, ahead, expected.Count);
    }

    private void Count(long have, long want, string what) => Record(what, Math.Max(0, want - have), Math.Max(0, have - want), want);

    private void Record(string what, long lost, long duplicated, long of)
    {
        Lost += lost;
        Duplicated += duplicated;
        if (lost > 0 || duplicated > 0)
        {
            Problems.Add($"{what}: {lost} lost, {duplicated} duplicated (of {of})");
        }
    }

    private static Dictionary<string, long> PerPerson(List<OutboxEvent> events, string type) =>
        events.Where(e => e.Type == type && e.PersonId is not null).GroupBy(e => e.PersonId!).ToDictionary(g => g.Key, g => (long)g.Count());

    private static Dictionary<string, long> NewestSequence(List<OutboxEvent> events, string type) =>
        events.Where(e => e.Type == type && e.PersonId is not null && e.Sequence is not null)
            .GroupBy(e => e.PersonId!).ToDictionary(g => g.Key, g => g.Max(e => e.Sequence!.Value));

    /// <summary>The contract's class name for the name a row stores: its stable name (e.g.
    /// "registry.person-moved.v1", from the contract's [EventType]) or, in rows written before those, the CLR name.</summary>
    private static string SimpleName(string type) =>
        ContractsByStableName.TryGetValue(type, out var contract) ? contract : type[(type.LastIndexOfAny(['.', '+', ':']) + 1)..];

    private static readonly Dictionary<string, string> ContractsByStableName = typeof(Platform.IntegrationEvents.IntegrationEvent).Assembly
        .GetTypes()
        .Select(type => (Type: type, Attribute: type.GetCustomAttributes(typeof(Platform.IntegrationEvents.EventTypeAttribute), false)
            .OfType<Platform.IntegrationEvents.EventTypeAttribute>().SingleOrDefault()))
        .Where(pair => pair.Attribute is not null)
        .ToDictionary(pair => pair.Attribute!.Name, pair => pair.Type.Name, StringComparer.Ordinal);

    private static string ShortName(string consumer) => consumer.Length <= 80 ? consumer : "…" + consumer[^79..];

    private static SqliteConnection Open(string path)
    {
        var db = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        db.Open();
        return db;
    }

    private static long Scalar(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private static List<T> Query<T>(SqliteConnection db, string sql, Func<SqliteDataReader, T> map, params (string Name, object Value)[] parameters)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }
        return rows;
    }

    private sealed record OutboxEvent(string MessageId, string Type, string? PersonId, long? Sequence, bool Sent);
}
