using Google.Protobuf.WellKnownTypes;
using Platform.Engagement.V1;

namespace Platform.Engagement.Tests.Grpc;

/// <summary>Contacts the tests record; each test changes what it is about.</summary>
public static class Contacts
{
    public static ContactDetails Made(string personId, DateTimeOffset at, bool seenAlone = true, params Theme[] themes)
    {
        var details = new ContactDetails
        {
            PersonId = personId, ContactAt = Timestamp.FromDateTimeOffset(at), Channel = Channel.OutreachVisit,
            Outcome = Outcome.Made, Location = "Day centre, Broad Street", SeenAlone = seenAlone, DurationMinutes = 30,
            PersonsWords = "I want somewhere of my own", Note = "Talked about housing",
        };
        details.Themes.Add(themes);
        return details;
    }

    public static ContactDetails Attempted(string personId, DateTimeOffset at) => new()
    {
        PersonId = personId, ContactAt = Timestamp.FromDateTimeOffset(at), Channel = Channel.Phone,
        Outcome = Outcome.Attempted, Note = "No answer",
    };

    public static ContactDetails Declined(string personId, DateTimeOffset at) => new()
    {
        PersonId = personId, ContactAt = Timestamp.FromDateTimeOffset(at), Channel = Channel.InPerson,
        Outcome = Outcome.Declined, Note = "Did not want to talk today",
    };
}
