using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Platform.BuildingBlocks.Audit;

/// <summary>Where one service's trail stands: the last entry read (none yet: from the newest), or read to its end.</summary>
public readonly record struct TrailState(AuditPosition? After, bool Done);

/// <summary>
/// Where each service's trail stands after a page. The token holds no filter: the filter is always
/// the request's own, checked on every page, so a token cannot widen what a caller reads. Its
/// fingerprint ties it to that filter and to the services that issued it, so it cannot page a
/// different query or a changed set of trails, and an edited position is refused.
/// </summary>
public sealed class AuditPageToken(ImmutableSortedDictionary<string, TrailState> trails)
{
    private const string Version = "a1";

    public ImmutableSortedDictionary<string, TrailState> Trails { get; } = trails;

    public bool Finished => Trails.Values.All(t => t.Done);

    /// <summary>The first page: every service from its newest entry.</summary>
    public static AuditPageToken Start(IEnumerable<string> services) =>
        new(services.ToImmutableSortedDictionary(s => s, _ => new TrailState(null, false), StringComparer.Ordinal));

    public AuditPageToken With(string service, TrailState state) => new(Trails.SetItem(service, state));

    public string Write(AuditQuery query)
    {
        var body = string.Join("|", Trails.Select(t => Part(t.Key, t.Value)));
        return Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Version}|{body}|{Fingerprint(query, body)}"));
    }

    /// <summary>The positions, or null when the token was not issued for this query over these services.</summary>
    public static AuditPageToken? Read(string token, AuditQuery query, IEnumerable<string> services)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|');
            if (parts.Length < 3 || parts[0] != Version || parts[^1] != Fingerprint(query, string.Join("|", parts[1..^1])))
            {
                return null;
            }
            var trails = parts[1..^1].Select(ParsePart).ToImmutableSortedDictionary(p => p.Service, p => p.State, StringComparer.Ordinal);
            return trails.Keys.SequenceEqual(services.Order(StringComparer.Ordinal), StringComparer.Ordinal) ? new AuditPageToken(trails) : null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            return null;
        }
    }

    private static string Part(string service, TrailState state) => state switch
    {
        { Done: true } => $"{service}:done",
        { After: { } p } => $"{service}:{p.At.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{p.Sequence.ToString(CultureInfo.InvariantCulture)}",
        _ => $"{service}:new",
    };

    private static (string Service, TrailState State) ParsePart(string part) => part.Split(':') switch
    {
        [var service, "done"] => (service, new TrailState(null, true)),
        [var service, "new"] => (service, new TrailState(null, false)),
        [var service, var ticks, var sequence] => (service, new TrailState(new AuditPosition(
            new DateTimeOffset(long.Parse(ticks, NumberStyles.None, CultureInfo.InvariantCulture), TimeSpan.Zero),
            long.Parse(sequence, NumberStyles.None, CultureInfo.InvariantCulture)), false)),
        _ => throw new FormatException("not a trail position"),
    };

    private static string Fingerprint(AuditQuery query, string body) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{query.Describe()}|{body}")))[..16];
}
