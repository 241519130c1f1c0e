using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Platform.Registry.Domain.Names;
using DomainDate = Platform.Registry.Domain.PartialDate;

namespace Platform.Registry.Bench;

/// <summary>What a caseworker types into the search box, and whom they are looking for.</summary>
internal sealed record BenchQuery(string Kind, string Name, DomainDate? DateOfBirth, string NhsNumber, string? Area, string TargetId)
{
    public string Describe() => string.Join(" + ", new[]
    {
        Name.Length > 0 ? $"\"{Name}\"" : null,
        DateOfBirth?.ToIsoString(),
        NhsNumber.Length > 0 ? $"NHS {NhsNumber}" : null,
        Area,
    }.Where(part => part is not null));
}

/// <summary>
/// A deterministic mix of searches built from people sampled out of the database, so every query
/// has a person it should find: exact names, sound-alike and transposed spellings, one-word names,
/// aliases and previous names, names with part of a date of birth, dates of birth alone, an area
/// alone, and NHS numbers.
/// </summary>
internal static class Workload
{
    public static readonly (string Kind, int Weight)[] Mix =
    [
        ("exact name", 18),
        ("sound-alike spelling", 12),
        ("transposed letters", 12),
        ("single token", 8),
        ("alias / previous name", 8),
        ("name + partial DOB", 14),
        ("DOB only", 10),
        ("local authority only", 8),
        ("NHS number", 10),
    ];

    private sealed class Target
    {
        public string PersonId { get; set; } = "";
        public string AllNames { get; set; } = "";
        public int? DobYear { get; set; }
        public int? DobMonth { get; set; }
        public int? DobDay { get; set; }
        public string? NhsNumber { get; set; }
        public string? CurrentArea { get; set; }
    }

    private static readonly (string From, string To)[] SoundRules =
    [
        ("ph", "f"), ("ck", "k"), ("y", "i"), ("i", "y"), ("ie", "y"), ("ey", "y"), ("ll", "l"), ("l", "ll"),
        ("tt", "t"), ("t", "tt"), ("nn", "n"), ("n", "nn"), ("s", "z"), ("c", "k"), ("k", "c"), ("ou", "ow"),
        ("ee", "ea"), ("a", "e"), ("e", "a"), ("o", "a"), ("i", "e"), ("rr", "r"), ("r", "rr"), ("mm", "m"),
    ];

    public static List<BenchQuery> Build(string connectionString, int count, int seed)
    {
        var random = new Random(seed);
        var targets = new List<Target>();
        using (var db = new SqliteConnection(connectionString))
        {
            db.Open();
            var maxRowId = db.ExecuteScalar<long>("SELECT MAX(rowid) FROM persons");
            while (targets.Count < count * 2)
            {
                var rowId = random.NextInt64(1, maxRowId + 1);
                var target = db.QuerySingleOrDefault<Target>(
                    "SELECT person_id, all_names, dob_year, dob_month, dob_day, nhs_number, current_area FROM persons WHERE rowid = @RowId AND linked_to IS NULL",
                    new { RowId = rowId });
                if (target is not null)
                {
                    targets.Add(target);
                }
            }
        }

        var total = Mix.Sum(m => m.Weight);
        var queries = new List<BenchQuery>(count);
        var next = 0;
        while (queries.Count < count)
        {
            var roll = random.Next(total);
            var kind = Mix.First(m => (roll -= m.Weight) < 0).Kind;
            // Not every person suits every kind (no NHS number, no alias): try the next until one does.
            for (var attempt = 0; attempt < 50; attempt++)
            {
                var query = Make(kind, targets[next++ % targets.Count], random);
                if (query is not null)
                {
                    queries.Add(query);
                    break;
                }
            }
        }
        return queries;
    }

    private static BenchQuery? Make(string kind, Target t, Random random)
    {
        var names = t.AllNames.Split('|');
        var usual = names[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (usual.Length < 2)
        {
            return null;
        }
        var given = usual[0];
        var family = usual[^1];
        var dob = t.DobYear is { } y ? new DomainDate(y, t.DobMonth, t.DobDay) : (DomainDate?)null;

        BenchQuery Q(string name, DomainDate? date = null, string nhs = "", string? area = null) =>
            new(kind, name, date, nhs, area, t.PersonId);

        switch (kind)
        {
            case "exact name":
                return Q(random.NextDouble() < 0.3 ? names[0] : $"{given} {family}");
            case "sound-alike spelling":
            {
                var onFamily = random.NextDouble() < 0.5;
                var spelt = SoundAlike(onFamily ? family : given, random);
                return spelt is null ? null : Q(onFamily ? $"{given} {spelt}" : $"{spelt} {family}");
            }
            case "transposed letters":
            {
                var onFamily = random.NextDouble() < 0.5;
                var spelt = Transposed(onFamily ? family : given, random);
                return spelt is null ? null : Q(onFamily ? $"{given} {spelt}" : $"{spelt} {family}");
            }
            case "single token":
                return Q(random.NextDouble() < 0.7 ? family : given);
            case "alias / previous name":
                return names.Length < 2 ? null : Q(names[1 + random.Next(names.Length - 1)]);
            case "name + partial DOB":
                return dob is not { } d ? null
                    : Q($"{given} {family}", random.NextDouble() < 0.6 || d.Month is null ? new DomainDate(d.Year, null, null) : new DomainDate(d.Year, d.Month, null));
            case "DOB only":
            {
                // Mostly a full date; some only a month or a year.
                var roll = random.NextDouble();
                return dob is not { Month: not null } full ? null
                    : roll < 0.1 ? Q("", new DomainDate(full.Year, null, null))
                    : roll < 0.3 || full.Day is null ? Q("", new DomainDate(full.Year, full.Month, null))
                    : Q("", full);
            }
            case "local authority only":
                return t.CurrentArea is null ? null : Q("", area: t.CurrentArea);
            case "NHS number":
                return t.NhsNumber is null ? null
                    : Q("", nhs: string.Create(CultureInfo.InvariantCulture, $"{t.NhsNumber[..3]} {t.NhsNumber[3..6]} {t.NhsNumber[6..]}"));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>A different spelling with the same phonetic key (Smyth for Smith, Kathryn for Catherine).</summary>
    private static string? SoundAlike(string token, Random random)
    {
        var key = PhoneticKey.Encode(token);
        if (Names.SoundsAlike.TryGetValue(token, out var known))
        {
            var pick = known[random.Next(known.Length)];
            if (PhoneticKey.Encode(pick) == key)
            {
                return pick;
            }
        }
        var lower = token.ToLowerInvariant();
        var options = new List<string>();
        foreach (var (from, to) in SoundRules)
        {
            for (var at = lower.IndexOf(from, 1, StringComparison.Ordinal); at > 0; at = lower.IndexOf(from, at + 1, StringComparison.Ordinal))
            {
                var candidate = token[..at] + to + token[(at + from.Length)..];
                if (!string.Equals(candidate, token, StringComparison.OrdinalIgnoreCase) && PhoneticKey.Encode(candidate) == key)
                {
                    options.Add(candidate);
                }
                if (at + 1 >= lower.Length)
                {
                    break;
                }
            }
        }
        return options.Count == 0 ? null : options[random.Next(options.Count)];
    }

    /// <summary>Two adjacent letters swapped after the first (Smtih for Smith).</summary>
    private static string? Transposed(string token, Random random)
    {
        var positions = Enumerable.Range(1, Math.Max(0, token.Length - 2))
            .Where(i => char.IsAsciiLetter(token[i]) && char.IsAsciiLetter(token[i + 1]) && char.ToLowerInvariant(token[i]) != char.ToLowerInvariant(token[i + 1]))
            .ToList();
        if (positions.Count == 0)
        {
            return null;
        }
        var p = positions[random.Next(positions.Count)];
        return string.Concat(token.AsSpan(0, p), token.AsSpan(p + 1, 1), token.AsSpan(p, 1), token.AsSpan(p + 2));
    }
}
