using Google.Protobuf.WellKnownTypes;
using Platform.BuildingBlocks.Errors;

namespace Platform.Safeguarding.Grpc;

/// <summary>Field checks shared by the handlers; each names the field so the caller can fix it.</summary>
internal static class SafeguardingRequests
{
    public const int TextLength = 4000;
    public const int ReasonLength = 500;
    public const int AgencyLength = 100;
    public const int MaximumNamedAgencies = 30;

    public static Validator Agencies(this Validator v, IReadOnlyList<string> agencies, string field)
    {
        v.Check(agencies.Count <= MaximumNamedAgencies, field, $"must name at most {MaximumNamedAgencies} agencies");
        for (var i = 0; i < agencies.Count; i++)
        {
            v.Required(agencies[i], $"{field}[{i}]", AgencyLength);
        }
        return v;
    }

    public static Validator KnownEnums<TEnum>(this Validator v, IReadOnlyList<TEnum> values, string field, bool required = true)
        where TEnum : struct, System.Enum
    {
        v.Check(!required || values.Count > 0, field, "is required: at least one");
        for (var i = 0; i < values.Count; i++)
        {
            v.KnownEnum(values[i], $"{field}[{i}]");
        }
        return v;
    }

    /// <summary>When something happened: absent means now; never in the future (five minutes of clock skew allowed).</summary>
    public static DateTimeOffset PastOrNow(Validator v, Timestamp? value, string field, DateTimeOffset now)
    {
        DateTimeOffset? at = null;
        try
        {
            at = Instants.Read(value, field);
        }
        catch (InvalidArgumentException e)
        {
            v.Add(field, e.Violations[0].Description);
        }
        v.Check(at is null || at <= now.AddMinutes(5), field, "is in the future");
        return at ?? now;
    }

    public static string[] Distinct(IEnumerable<string> values) => values.Select(a => a.Trim()).Distinct(StringComparer.Ordinal).ToArray();
}
