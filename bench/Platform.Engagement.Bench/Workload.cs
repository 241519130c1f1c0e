using Google.Protobuf.WellKnownTypes;
using Platform.Engagement.V1;

namespace Platform.Engagement.Bench;

/// <summary>Reproducible contacts as a partner's case system would send them.</summary>
public static class Workload
{
    private static readonly Channel[] Channels = [Channel.InPerson, Channel.OutreachVisit, Channel.Phone, Channel.Text, Channel.Letter];
    private static readonly Theme[] Themes = [Theme.Housing, Theme.Alcohol, Theme.DomesticAbuse, Theme.CoerciveControl, Theme.MentalHealth, Theme.Finances];

    public static IEnumerable<ImportContactsRequest> Contacts(
        Random random, string sourceSystem, IReadOnlyList<string> people, int count, DateTimeOffset now)
    {
        for (var i = 0; i < count; i++)
        {
            var outcome = random.Next(10) switch { < 6 => Outcome.Made, < 9 => Outcome.Attempted, _ => Outcome.Declined };
            var details = new ContactDetails
            {
                PersonId = people[i % people.Count],
                ContactAt = Timestamp.FromDateTimeOffset(now.AddMinutes(-random.Next(1, 2 * 365 * 24 * 60))),
                Channel = Channels[random.Next(Channels.Length)], Outcome = outcome,
                SeenAlone = outcome == Outcome.Made && random.Next(3) > 0, DurationMinutes = random.Next(5, 90),
                Significant = random.Next(10) == 0, Note = $"Contact {i}: checked in, talked about the week ahead.",
                PersonsWords = outcome == Outcome.Made ? "I want to stay where I am for now." : "",
            };
            details.Themes.Add(Themes[random.Next(Themes.Length)]);
            if (random.Next(3) == 0)
            {
                details.Themes.Add(Themes[random.Next(Themes.Length)]);
            }
            yield return new ImportContactsRequest { SourceSystem = sourceSystem, SourceId = $"{i:D8}", Details = details };
        }
    }
}
