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
/// Contacts per month from the chronology's contact entries (amended contacts counted once, as
/// amended): the chronology is the one record every agency writes to. An entry's outcome is read from
/// the summary the engagement service writes ("contact made, seen alone", "contact made, not seen
/// alone", "declined", "attempted, no contact").
/// </summary>
public static class ContactsPerMonth
{
    public const int Months = 12;

    public static IReadOnlyList<MonthOfContacts> From(IEnumerable<ChronologyEntry> entries, DateOnly today, int months = Months)
    {
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-(months - 1));
        var counts = Enumerable.Range(0, months).Select(i => first.AddMonths(i)).ToDictionary(m => m, _ => new int[4]);
        foreach (var entry in entries)
        {
            if (entry.Kind != EntryKind.Contact || entry.Superseded || entry.OccurredAt is null)
            {
                continue;
            }
            var at = entry.OccurredAt.ToDateTime();
            if (!counts.TryGetValue(new DateOnly(at.Year, at.Month, 1), out var month))
            {
                continue;
            }
            var summary = entry.Summary;
            if (summary.Contains("contact made", StringComparison.OrdinalIgnoreCase))
            {
                month[0]++;
                if (summary.Contains("not seen alone", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                if (summary.Contains("seen alone", StringComparison.OrdinalIgnoreCase))
                {
                    month[1]++;
                }
            }
            else if (summary.Contains("declined", StringComparison.OrdinalIgnoreCase))
            {
                month[3]++;
            }
            else
            {
                month[2]++;
            }
        }
        return counts.OrderBy(c => c.Key).Select(c => new MonthOfContacts(c.Key, c.Value[0], c.Value[1], c.Value[2], c.Value[3])).ToList();
    }
}
