using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Http;
using Platform.Audit.V1;

namespace Platform.Web.PlatformApi;

/// <summary>
/// The audit trail's filters as the auditor page's query string carries them (a view can be
/// bookmarked, and its next page linked): whose record (person), who looked (actor), which agency,
/// and the days from and until (both included). With no days the last 30 are read.
/// </summary>
public sealed record AuditTrailQuery(string? Person, string? Actor, string? Agency, DateOnly From, DateOnly Until, string? PageToken)
{
    public const int PageSize = 50;
    public const int DefaultDays = 30;

    /// <summary>True when the form was sent: the page reads nothing until the auditor asks.</summary>
    public static bool Asked(IQueryCollection query) =>
        new[] { "person", "actor", "agency", "from", "until" }.Any(query.ContainsKey);

    /// <summary>The filters, and a problem for each day that is not a date (the platform checks the rest).</summary>
    public static (AuditTrailQuery Query, IReadOnlyList<FieldProblem> Problems) Parse(IQueryCollection query, DateOnly today)
    {
        var problems = new List<FieldProblem>();
        var until = Day(query["until"], "until", problems) ?? today;
        var from = Day(query["from"], "from", problems) ?? until.AddDays(-DefaultDays);
        return (new AuditTrailQuery(Text(query["person"]), Text(query["actor"]), Text(query["agency"]), from, until, Text(query["page"])), problems);
    }

    public ListAuditEventsRequest ToRequest() => new()
    {
        PersonId = Person ?? "", Subject = Actor ?? "", Agency = Agency ?? "",
        From = Timestamp.FromDateTime(From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)),
        // The last day is included: the platform's period ends before "until".
        Until = Timestamp.FromDateTime(Until.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)),
        PageSize = PageSize, PageToken = PageToken ?? "",
    };

    /// <summary>The same filters as a query string: for the next page (with its token) or another filter.</summary>
    public string ToQueryString(string? pageToken = null) => QueryString.Create(new Dictionary<string, string?>
    {
        ["person"] = Person, ["actor"] = Actor, ["agency"] = Agency,
        ["from"] = From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["until"] = Until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["page"] = pageToken,
    }.Where(v => v.Value is not null)).ToUriComponent();

    /// <summary>This period with one filter instead of the ones given: the links on each entry.</summary>
    public AuditTrailQuery Only(string? person = null, string? actor = null, string? agency = null) =>
        new(person, actor, agency, From, Until, null);

    private static DateOnly? Day(string? text, string field, List<FieldProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        problems.Add(new FieldProblem(field, "must be a real date, such as 27/03/2026"));
        return null;
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
