using Google.Protobuf.WellKnownTypes;
using Platform.BuildingBlocks.Errors;

namespace Platform.BuildingBlocks.Audit;

/// <summary>
/// The checks every read of the trail passes, at the platform's API and again at each service's
/// internal endpoint: whom it is about, a bounded period, a page size within limits.
/// </summary>
public static class AuditRequests
{
    /// <summary>The longest period one query covers: a year and a day.</summary>
    public static readonly TimeSpan MaximumPeriod = TimeSpan.FromDays(366);

    public const int MaximumFilterLength = 200;

    public static AuditQuery Query(string personId, string subject, string agency, Timestamp? from, Timestamp? until, Validator v)
    {
        var (person, who, by) = (Optional(personId), Optional(subject), Optional(agency));
        v.Check(person is not null || who is not null || by is not null, "person_id",
            "or subject or agency is required: the trail is read for a person, a user or an agency");
        if (person is not null)
        {
            v.RequiredId(person, "person_id");
        }
        v.MaxLength(who, "subject", MaximumFilterLength).MaxLength(by, "agency", MaximumFilterLength);
        var start = Instants.Read(from, "from");
        var end = Instants.Read(until, "until");
        v.Check(start is not null, "from", "is required: the start of the period")
            .Check(end is not null, "until", "is required: the end of the period");
        if (start is { } s && end is { } e)
        {
            v.Check(s < e, "until", "must be after from")
                .Check(e - s <= MaximumPeriod, "until", $"must be at most {MaximumPeriod.TotalDays} days after from");
        }
        return new AuditQuery(person, who, by, start ?? default, end ?? default);
    }

    public static Validator PageSize(this Validator v, int pageSize, int maximum) =>
        v.Check(pageSize >= 0 && pageSize <= maximum, "page_size", $"must be between 0 and {maximum}");

    private static string? Optional(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
