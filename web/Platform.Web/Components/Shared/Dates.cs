using System.Globalization;
using Google.Protobuf.WellKnownTypes;

namespace Platform.Web.Components.Shared;

/// <summary>Dates as GOV.UK writes them: 4 June 2025, 14:05 (UK time).</summary>
public static class Dates
{
    private static readonly TimeZoneInfo UkTime = FindUkTime();

    public static string Day(Timestamp? at) => at is null ? "" : Local(at).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string DayAndTime(Timestamp? at) => at is null ? "" : Local(at).ToString("d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    public static string Partial(Registry.V1.PartialDate date) => date switch
    {
        { Year: 0 } => "",
        { Month: 0 } => date.Year.ToString(CultureInfo.InvariantCulture),
        { Day: 0 } => new DateTime(date.Year, date.Month, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture),
        _ => new DateTime(date.Year, date.Month, date.Day).ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
    };

    /// <summary>A UK wall-clock time as UTC.</summary>
    public static DateTime ToUtc(DateTime ukTime) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(ukTime, DateTimeKind.Unspecified), UkTime);

    public static DateTime Local(Timestamp at) => TimeZoneInfo.ConvertTimeFromUtc(at.ToDateTime(), UkTime);

    private static TimeZoneInfo FindUkTime()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
        catch (InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
