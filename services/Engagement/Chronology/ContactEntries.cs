using System.Text;
using Platform.Engagement.Data;
using Platform.Engagement.Domain;

namespace Platform.Engagement.Chronology;

/// <summary>A contact as its chronology entry reads: how, whether contact was made, and whether the person was alone.</summary>
public static class ContactEntries
{
    public static ChronologyEntryRow For(ContactRow contact) => new()
    {
        PersonId = contact.PersonId, OccurredAt = contact.ContactAt, Kind = EntryKinds.Contact, Agency = contact.Agency,
        Summary = Summary(contact), Detail = Detail(contact), Themes = contact.Themes, Significant = contact.Significant,
        ContactId = contact.ContactId,
    };

    private static string Summary(ContactRow contact)
    {
        var outcome = contact.Outcome switch
        {
            ContactVocabulary.Made => contact.SeenAlone ? "contact made, seen alone" : "contact made, not seen alone",
            ContactVocabulary.Declined => "declined",
            _ => "attempted, no contact",
        };
        var amended = contact.SupersedesContactId is null ? "" : "Amended: ";
        return $"{amended}{Capitalise(contact.Channel.Replace('-', ' '))}: {outcome}";
    }

    private static string? Detail(ContactRow contact)
    {
        var text = new StringBuilder();
        Line(text, null, contact.Note);
        Line(text, "In their words", contact.PersonsWords);
        if (contact.OthersPresentList.Count > 0 || contact.OthersPresentNote is not null)
        {
            var people = contact.OthersPresentList.Select(ChronologyText.Person).Append(contact.OthersPresentNote).OfType<string>();
            Line(text, "Also present", string.Join(", ", people));
        }
        Line(text, "Amendment reason", contact.AmendmentReason);
        return text.Length == 0 ? null : text.ToString().TrimEnd();
    }

    private static void Line(StringBuilder text, string? label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            text.AppendLine(label is null ? value : $"{label}: {value}");
        }
    }

    private static string Capitalise(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
