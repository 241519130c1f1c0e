namespace Platform.Engagement.Domain;

/// <summary>One calendar month's contacts: made (and of those, seen alone), attempted, declined.</summary>
public sealed record MonthOfContacts(int Year, int Month, int Made, int SeenAlone, int Attempted, int Declined);

/// <summary>
/// Her contacts per calendar month (UTC) over the last months, oldest first and the current month
/// last, every month present even when empty. The facts are the current contacts, so an amended
/// contact counts once, as amended.
/// </summary>
public static class ContactsPerMonth
{
    public const int Months = 12;

    public static IReadOnlyList<MonthOfContacts> Count(IEnumerable<ContactFact> contacts, DateTimeOffset now, int months = Months)
    {
        var today = now.UtcDateTime;
        var first = new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-(months - 1));
        var counts = new int[months, 4];
        foreach (var contact in contacts)
        {
            var at = contact.At.UtcDateTime;
            var index = (at.Year - first.Year) * 12 + at.Month - first.Month;
            if (index < 0 || index >= months)
            {
                continue;
            }
            var column = contact.Outcome switch { ContactOutcome.Made => 0, ContactOutcome.Attempted => 2, _ => 3 };
            counts[index, column]++;
            if (contact.Outcome == ContactOutcome.Made && contact.SeenAlone)
            {
                counts[index, 1]++;
            }
        }
        return Enumerable.Range(0, months)
            .Select(i => (Month: first.AddMonths(i), i))
            .Select(m => new MonthOfContacts(m.Month.Year, m.Month.Month, counts[m.i, 0], counts[m.i, 1], counts[m.i, 2], counts[m.i, 3]))
            .ToList();
    }
}
