using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using Platform.BuildingBlocks.Security;
using Platform.Registry.Data;
using Platform.Registry.Domain.Duplicates;
using Platform.Registry.V1;
using DomainDate = Platform.Registry.Domain.PartialDate;

namespace Platform.Registry.Bench;

/// <summary>
/// Match quality and cost: recall of the search per kind of keying slip (top 10), and duplicate
/// detection as RegisterPerson runs it (found, held back as likely, CPU per registration).
/// </summary>
internal sealed class Matching(RegistryDatabase database, PersonSearch search, DuplicateFinder duplicates, RegistryAccessFacts access, Caller caller)
{
    private const int TopN = 10;

    private sealed record Target(PersonRow Row, PersonDetails Details, Address? Address);

    public async Task<string> RunAsync(int count, int seed)
    {
        var random = new Random(seed);
        var targets = await SampleAsync(count, random);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Search recall, {targets.Count} people the caller may see, each query kind once per person (top {TopN}):");
        text.AppendLine();
        text.AppendLine(await RecallAsync(targets, random));
        text.AppendLine(CultureInfo.InvariantCulture, $"Duplicate detection (DuplicateFinder.FindAsync in a transaction, as RegisterPerson runs it), {targets.Count} registrations of each kind:");
        text.AppendLine();
        text.AppendLine(await RegistrationAsync(targets, random));
        return text.ToString();
    }

    private async Task<List<Target>> SampleAsync(int count, Random random)
    {
        var targets = new List<Target>(count);
        await using var db = await database.OpenAsync();
        var maxRowId = await db.ExecuteScalarAsync<long>("SELECT MAX(rowid) FROM persons");
        while (targets.Count < count)
        {
            var row = await db.QuerySingleOrDefaultAsync<PersonRow>(
                """
                SELECT person_id, version, details_json, display_name, all_names, dob_year, dob_month, dob_day, nhs_number,
                       current_area, linked_to, registered_at, registered_by_agency, updated_at
                FROM persons WHERE rowid = @RowId AND linked_to IS NULL
                """, new { RowId = random.NextInt64(1, maxRowId + 1) });
            if (row is null || (await access.VisibleAsync(db, null, caller, [row.PersonId])).Count == 0)
            {
                continue;
            }
            var current = AddressStore.CurrentOf(await new AddressStore().ForPersonsAsync(db, null, [row.PersonId]));
            var address = current is { Confidential: false }
                ? new Address { Lines = { current.Lines() }, Postcode = current.Postcode ?? "", LocalAuthority = current.LocalAuthority }
                : null;
            targets.Add(new Target(row, row.Details(), address));
        }
        return targets;
    }

    // ---- Search recall -------------------------------------------------------------------------

    private async Task<string> RecallAsync(List<Target> targets, Random random)
    {
        var kinds = new[] { "exact" }.Concat(Typos.Kinds).Append("known as / other name").ToArray();
        var table = new StringBuilder();
        table.AppendLine("| Query kind | with DOB: n | found top 10 | without DOB: n | found top 10 | mean ms (with / without) |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var kind in kinds)
        {
            int n = 0, withDob = 0, withoutDob = 0;
            double msWith = 0, msWithout = 0;
            foreach (var target in targets)
            {
                if (QueryName(kind, target, random) is not { } name)
                {
                    continue;
                }
                n++;
                var dob = target.Row.DobYear is { } y ? new DomainDate(y, target.Row.DobMonth, target.Row.DobDay) : (DomainDate?)null;
                var started = Stopwatch.GetTimestamp();
                withDob += await FoundAsync(name, dob, target.Row.PersonId) ? 1 : 0;
                msWith += Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                started = Stopwatch.GetTimestamp();
                withoutDob += await FoundAsync(name, null, target.Row.PersonId) ? 1 : 0;
                msWithout += Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {kind} | {n} | {Percent(withDob, n)} | {n} | {Percent(withoutDob, n)} | {msWith / Math.Max(1, n):0.0} / {msWithout / Math.Max(1, n):0.0} |");
        }
        return table.ToString();
    }

    /// <summary>The usual given and family name, one of them slipped as the kind says; or another name she is known by.</summary>
    private static string? QueryName(string kind, Target target, Random random)
    {
        var usual = target.Details.Names[0];
        var given = usual.GivenNames.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var family = usual.FamilyName;
        if (given is null || family.Length == 0)
        {
            return null;
        }
        if (kind == "exact")
        {
            return $"{given} {family}";
        }
        if (kind.StartsWith("known as", StringComparison.Ordinal))
        {
            var other = target.Details.Names.Skip(1).FirstOrDefault(n => n.GivenNames.Length > 0 && n.FamilyName.Length > 0);
            return other is null ? null : $"{other.GivenNames} {other.FamilyName}";
        }
        var onFamily = random.NextDouble() < 0.5;
        var slipped = Typos.Apply(kind, onFamily ? family : given, random);
        return slipped is null ? null : onFamily ? $"{given} {slipped}" : $"{slipped} {family}";
    }

    private async Task<bool> FoundAsync(string name, DomainDate? dob, string personId)
    {
        var hits = await database.InTransactionAsync((db, tx) => search.SearchAsync(db, tx, caller,
            new PersonSearch.Query(name, dob, null, null, ByNhs: false, ByIdentifier: false, Area: null)));
        return hits.Take(TopN).Any(hit => hit.Row.PersonId == personId);
    }

    // ---- Duplicate detection -------------------------------------------------------------------

    private async Task<string> RegistrationAsync(List<Target> targets, Random random)
    {
        var table = new StringBuilder();
        table.AppendLine("| Registration | n | existing record among candidates | held back as likely (by it) | held back (by anyone) | CPU ms per registration | p50 ms | p99 ms |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        var kinds = new (string Kind, Func<Target, int, Target> Make, bool ShouldHold)[]
        {
            ("new person", (t, i) => NewPerson(t, targets[(i + 1) % targets.Count], targets[(i + 2) % targets.Count], random), false),
            ("identical re-registration", (t, _) => t with { Details = Stripped(t.Details) }, true),
            ("re-registration, one slip in a name", (t, _) => t with { Details = Slipped(Stripped(t.Details), random) }, true),
            ("namesake born another year, elsewhere", (t, i) => Namesake(t, targets[(i + 1) % targets.Count]), false),
        };
        // Warm-up: every path once per kind.
        foreach (var (_, make, _) in kinds)
        {
            for (var i = 0; i < Math.Min(50, targets.Count); i++)
            {
                await DetectAsync(make(targets[i], i), targets[i].Row.PersonId);
            }
        }
        // What any registration's transaction costs before it looks for anyone: a pooled connection,
        // BEGIN IMMEDIATE, one trivial statement, commit.
        await EmptyTransactionsAsync(50);
        var emptyCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var emptyMs = await EmptyTransactionsAsync(targets.Count);
        emptyMs.Sort();
        table.AppendLine(CultureInfo.InvariantCulture,
            $"| (an empty transaction, for comparison) | {targets.Count} | | | | {(Process.GetCurrentProcess().TotalProcessorTime - emptyCpu).TotalMilliseconds / targets.Count:0.00} | {emptyMs[emptyMs.Count / 2]:0.00} | {emptyMs[Math.Min(emptyMs.Count - 1, (int)(emptyMs.Count * 0.99))]:0.00} |");
        foreach (var (kind, make, _) in kinds)
        {
            var incoming = targets.Select((t, i) => make(t, i)).ToList();
            var ms = new List<double>(targets.Count);
            int found = 0, heldByIt = 0, held = 0;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            for (var i = 0; i < targets.Count; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var result = await DetectAsync(incoming[i], targets[i].Row.PersonId);
                ms.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                found += result.Found ? 1 : 0;
                heldByIt += result.LikelyByIt ? 1 : 0;
                held += result.Held ? 1 : 0;
            }
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / targets.Count;
            ms.Sort();
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {kind} | {targets.Count} | {Percent(found, targets.Count)} | {Percent(heldByIt, targets.Count)} | {Percent(held, targets.Count)} | {cpuMs:0.00} | {ms[ms.Count / 2]:0.00} | {ms[Math.Min(ms.Count - 1, (int)(ms.Count * 0.99))]:0.00} |");
        }
        return table.ToString();
    }

    private async Task<List<double>> EmptyTransactionsAsync(int count)
    {
        var ms = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await database.InTransactionAsync((db, tx) => db.ExecuteScalarAsync<long>("SELECT 1", transaction: tx));
            ms.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return ms;
    }

    private async Task<(bool Found, bool LikelyByIt, bool Held)> DetectAsync(Target incoming, string existingId)
    {
        var candidates = await database.InTransactionAsync((db, tx) =>
            duplicates.FindAsync(db, tx, incoming.Details,
                incoming.Address is null ? null : AddressKey.Of(incoming.Address.Lines, incoming.Address.Postcode), new HashSet<string>(), caller));
        var it = candidates.FirstOrDefault(c => c.PersonId == existingId);
        return (it is not null, it?.Likely == true, candidates.Any(c => c.Likely));
    }

    /// <summary>Her names, date of birth and address as typed again, without the identifiers that would settle it alone.</summary>
    private static PersonDetails Stripped(PersonDetails details)
    {
        var copy = details.Clone();
        copy.NhsNumber = "";
        copy.Identifiers.Clear();
        return copy;
    }

    private static PersonDetails Slipped(PersonDetails details, Random random)
    {
        var usual = details.Names[0];
        var onFamily = random.NextDouble() < 0.5;
        var kind = Typos.Kinds[random.Next(Typos.Kinds.Length)];
        if (onFamily && Typos.Apply(kind, usual.FamilyName, random) is { } family)
        {
            usual.FamilyName = family;
        }
        else if (usual.GivenNames.Split(' ') is [var first, .. var rest] && Typos.Apply(kind, first, random) is { } given)
        {
            usual.GivenNames = string.Join(' ', rest.Prepend(given));
        }
        return details;
    }

    /// <summary>One person's given name, another's family name, a third's date of birth and address: someone not registered.</summary>
    private static Target NewPerson(Target a, Target b, Target c, Random random)
    {
        var details = new PersonDetails
        {
            Names = { new PersonName { Type = NameType.Usual, GivenNames = a.Details.Names[0].GivenNames, FamilyName = b.Details.Names[0].FamilyName } },
            DateOfBirth = c.Details.DateOfBirth?.Clone(),
        };
        if (details.DateOfBirth is { Day: > 1 } dob && random.NextDouble() < 0.5)
        {
            dob.Day--;
        }
        return new Target(a.Row, details, c.Address);
    }

    /// <summary>The same names, born in another year and living at another address: a different person.</summary>
    private static Target Namesake(Target t, Target other)
    {
        var details = Stripped(t.Details);
        details.DateOfBirth = t.Details.DateOfBirth is { } dob ? new Platform.Registry.V1.PartialDate { Year = dob.Year + 7, Month = dob.Month, Day = dob.Day } : null;
        return new Target(t.Row, details, other.Address);
    }

    private static string Percent(int part, int whole) =>
        whole == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * part / whole:0.0}%");
}
