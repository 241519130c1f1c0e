using System.Globalization;
using Platform.Engagement.V1;

namespace Platform.Web.Pictures;

/// <summary>One month's contacts: made (and of those, seen alone), attempted, declined.</summary>
public sealed record MonthOfContacts(DateOnly Month, int Made, int SeenAlone, int Attempted, int Declined)
{
    public string Label => Month.ToString("MMM yyyy", CultureInfo.InvariantCulture);

    public int Total => Made + Attempted + Declined;
}

/// <summary>
/// Contacts per month as the engagement summary counts them (the last twelve calendar months, the
/// current one last; an amended contact once, as amended): the chart shows the platform's count, not
/// one of its own.
/// </summary>
public static class ContactsPerMonth
{
    public static IReadOnlyList<MonthOfContacts> From(EngagementSummary summary) =>
        summary.ContactsPerMonth
            .Select(m => new MonthOfContacts(new DateOnly(m.Year, m.Month, 1), m.Made, m.SeenAlone, m.Attempted, m.Declined))
            .ToList();
}
