using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.Engagement.Data;
using Platform.Engagement.V1;

namespace Platform.Engagement.Grpc;

/// <summary>
/// Checks what a caller sent about a contact and turns it into a row. Every problem is reported at
/// once, named by its field; nothing is stored unless all of it is right.
/// </summary>
public static class ContactInput
{
    public const int TextLength = 4000;
    public const int ShortTextLength = 200;
    /// <summary>Twelve hours: longer is a typing mistake, not a contact.</summary>
    public const int MaximumDurationMinutes = 720;
    public const int MaximumOthersPresent = 20;
    /// <summary>Clocks differ a little between a worker's device and the server.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static ContactRow ToRow(ContactDetails? details, Caller caller, DateTimeOffset now, string prefix = "details", string? personId = null)
    {
        details ??= new ContactDetails();
        var v = new Validator();
        string F(string field) => $"{prefix}.{field}";
        var at = Instants.Read(details.ContactAt, F("contact_at"));
        var person = personId ?? details.PersonId;
        v.RequiredId(person, F("person_id"))
            .MaxLength(details.Agency, F("agency"), 100)
            .Check(details.Agency.Length == 0 || details.Agency == caller.Agency || MayRecordForOthers(caller),
                F("agency"), "must be your own agency: only partner systems and admins record for another")
            .Check(caller.Agency.Length > 0 || details.Agency.Length > 0, F("agency"), "is required: your token names no agency")
            .MaxLength(details.Worker, F("worker"), ShortTextLength)
            .Check(at is not null, F("contact_at"), "is required")
            .Check(at is null || at <= now + ClockSkew, F("contact_at"), "is in the future")
            .KnownEnum(details.Channel, F("channel"))
            .KnownEnum(details.Outcome, F("outcome"))
            .MaxLength(details.Location, F("location"), ShortTextLength)
            .Check(!details.HasDurationMinutes || details.DurationMinutes is >= 0 and <= MaximumDurationMinutes,
                F("duration_minutes"), $"must be between 0 and {MaximumDurationMinutes} minutes")
            .Check(!details.SeenAlone || details.Outcome != Outcome.Attempted,
                F("seen_alone"), "cannot be set when no contact was made")
            .Check(!details.SeenAlone || (details.OthersPresent.Count == 0 && details.OthersPresentNote.Length == 0),
                F("seen_alone"), "cannot be set when others were present")
            .Check(details.OthersPresent.Count <= MaximumOthersPresent, F("others_present"), $"must list at most {MaximumOthersPresent} people")
            .MaxLength(details.OthersPresentNote, F("others_present_note"), 500)
            .MaxLength(details.PersonsWords, F("persons_words"), TextLength)
            .MaxLength(details.Note, F("note"), TextLength);
        for (var i = 0; i < details.OthersPresent.Count; i++)
        {
            v.RequiredId(details.OthersPresent[i], F($"others_present[{i}]"))
                .Check(details.OthersPresent[i] != person, F($"others_present[{i}]"), "is the person the contact is with");
        }
        for (var i = 0; i < details.Themes.Count; i++)
        {
            v.KnownEnum(details.Themes[i], F($"themes[{i}]"));
        }
        v.ThrowIfInvalid();
        return new ContactRow
        {
            ContactId = Guid.CreateVersion7().ToString(), PersonId = person,
            Agency = details.Agency.Length > 0 ? details.Agency : caller.Agency,
            Worker = Blank(details.Worker), ContactAt = at!.Value,
            Channel = EnumWords<Channel>.Word(details.Channel), Outcome = EnumWords<Outcome>.Word(details.Outcome),
            Location = Blank(details.Location), DurationMinutes = details.HasDurationMinutes ? details.DurationMinutes : null,
            SeenAlone = details.SeenAlone, OthersPresent = ContactRow.Join(details.OthersPresent.Distinct(StringComparer.Ordinal)),
            OthersPresentNote = Blank(details.OthersPresentNote), PersonsWords = Blank(details.PersonsWords), Note = Blank(details.Note),
            Themes = ContactRow.Join(details.Themes.Distinct().Order().Select(EnumWords<Theme>.Word)),
            Significant = details.Significant, RecordedAt = now, RecordedBy = caller.Subject,
        };
    }

    private static bool MayRecordForOthers(Caller caller) => caller.IsIn(PlatformRoles.PartnerSystem) || caller.IsIn(PlatformRoles.Admin);

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
