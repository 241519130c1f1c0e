using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;
using Platform.Engagement.Domain;
using Platform.Engagement.V1;

namespace Platform.Engagement.Grpc;

/// <summary>
/// A chronology filter as the API sends it, checked and turned into a query; and the page token,
/// which carries the last entry's position and is bound to the filter it was issued for.
/// </summary>
public static class ChronologyRequest
{
    public const int DefaultPageSize = 100;
    public const int MaximumPageSize = 1000;

    public static ChronologyQuery ToQuery(ChronologyFilter? filter, bool newestFirst, Validator v)
    {
        filter ??= new ChronologyFilter();
        var from = Instants.Read(filter.From, "filter.from");
        var until = Instants.Read(filter.Until, "filter.until");
        v.Check(from is null || until is null || from < until, "filter.until", "must be after filter.from")
            .Check(filter.Agencies.Count <= 50, "filter.agencies", "must list at most 50 agencies");
        for (var i = 0; i < filter.Kinds.Count; i++)
        {
            v.KnownEnum(filter.Kinds[i], $"filter.kinds[{i}]");
        }
        for (var i = 0; i < filter.Themes.Count; i++)
        {
            v.KnownEnum(filter.Themes[i], $"filter.themes[{i}]");
        }
        return new ChronologyQuery
        {
            From = from, Until = until, Agencies = filter.Agencies.Distinct().ToList(),
            Kinds = v.IsValid ? filter.Kinds.Distinct().Select(EnumWords<EntryKind>.Word).ToList() : [],
            Themes = v.IsValid ? filter.Themes.Distinct().Select(EnumWords<Theme>.Word).ToList() : [],
            SignificantOnly = filter.SignificantOnly, NewestFirst = newestFirst,
        };
    }

    public static string PageToken(GetChronologyRequest request, ChronologyPosition last)
    {
        var position = $"{last.OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{last.EntryId}";
        return Convert.ToBase64String(Encoding.UTF8.GetBytes($"{position}|{Fingerprint(request, position)}"));
    }

    public static ChronologyPosition? ReadPageToken(GetChronologyRequest request, Validator v)
    {
        if (request.PageToken.Length == 0)
        {
            return null;
        }
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(request.PageToken)).Split('|');
            if (parts.Length == 3 && parts[2] == Fingerprint(request, $"{parts[0]}|{parts[1]}")
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
            {
                return new ChronologyPosition(new DateTimeOffset(ticks, TimeSpan.Zero), parts[1]);
            }
        }
        catch (FormatException)
        {
        }
        catch (ArgumentOutOfRangeException)
        {
        }
        v.Add("page_token", "is not a token this service issued for this chronology and filter");
        return null;
    }

    /// <summary>
    /// The person, filter and order a token belongs to, so it cannot page a different query, and the
    /// position it carries, so an edited position is refused rather than silently skipping entries.
    /// </summary>
    private static string Fingerprint(GetChronologyRequest request, string position)
    {
        var shape = $"{request.PersonId}|{request.NewestFirst}|{request.Filter}|{position}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(shape)))[..16];
    }
}
