using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Http;
using Platform.Engagement.V1;

namespace Platform.Web.PlatformApi;

/// <summary>
/// The chronology's filters as a page's query string carries them (so a filtered view can be
/// bookmarked, and downloaded as it is shown): from and until (dates), kind, agency, significant.
/// </summary>
public sealed record ChronologyQuery(DateOnly? From, DateOnly? Until, EntryKind? Kind, string? Agency, bool SignificantOnly)
{
    /// <summary>No filter: everything, newest first.</summary>
    public static readonly ChronologyQuery None = new(null, null, null, null, false);

    public static readonly IReadOnlyList<(EntryKind Kind, string Label)> Kinds =
    [
        (EntryKind.Contact, "Contacts"), (EntryKind.Move, "Moves"), (EntryKind.InvolvementStarted, "Agency involved"),
        (EntryKind.InvolvementEnded, "Agency ended involvement"), (EntryKind.Relationship, "Relationships"),
        (EntryKind.RiskChanged, "Risk changes"), (EntryKind.Offer, "Housing offers"), (EntryKind.Tenancy, "Tenancies"),
        (EntryKind.Disengagement, "Disengagement"), (EntryKind.Handover, "Handovers"), (EntryKind.OutreachRequested, "Outreach requested"),
    ];

    public static ChronologyQuery Parse(IQueryCollection query) => new(
        Date(query["from"]), Date(query["until"]),
        System.Enum.TryParse<EntryKind>(query["kind"], out var kind) && System.Enum.IsDefined(kind) && kind != EntryKind.Unspecified ? kind : null,
        string.IsNullOrWhiteSpace(query["agency"]) ? null : query["agency"].ToString().Trim(),
        query["significant"] == "true");

    public ChronologyFilter ToFilter()
    {
        var filter = new ChronologyFilter { SignificantOnly = SignificantOnly };
        if (From is { } from)
        {
            filter.From = Timestamp.FromDateTime(from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        }
        if (Until is { } until)
        {
            filter.Until = Timestamp.FromDateTime(until.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        }
        if (Kind is { } kind)
        {
            filter.Kinds.Add(kind);
        }
        if (Agency is not null)
        {
            filter.Agencies.Add(Agency);
        }
        return filter;
    }

    /// <summary>The same filters as a query string, for links (downloads, the next page).</summary>
    public string ToQueryString()
    {
        var values = new Dictionary<string, string?>();
        if (From is { } from)
        {
            values["from"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        if (Until is { } until)
        {
            values["until"] = until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        if (Kind is { } kind)
        {
            values["kind"] = kind.ToString();
        }
        if (Agency is not null)
        {
            values["agency"] = Agency;
        }
        if (SignificantOnly)
        {
            values["significant"] = "true";
        }
        return QueryString.Create(values).ToUriComponent();
    }

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
