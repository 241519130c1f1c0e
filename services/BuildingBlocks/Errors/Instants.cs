using Google.Protobuf.WellKnownTypes;

namespace Platform.BuildingBlocks.Errors;

/// <summary>
/// Reads a timestamp a caller sent. Converting a malformed one (nanos out of range, seconds beyond
/// year 9999) throws deep in the protobuf library and would surface as INTERNAL; here it is the
/// caller's INVALID_ARGUMENT, and dates before 1900 are refused as typing mistakes.
/// </summary>
public static class Instants
{
    private static readonly long Earliest = new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
    private static readonly long Latest = new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero).ToUnixTimeSeconds();

    public static DateTimeOffset? Read(Timestamp? value, string field)
    {
        if (value is null)
        {
            return null;
        }
        if (value.Nanos is < 0 or > 999_999_999 || value.Seconds < Earliest || value.Seconds > Latest)
        {
            throw new InvalidArgumentException(field, "is not a valid date and time from 1900 onwards");
        }
        return value.ToDateTimeOffset();
    }
}
