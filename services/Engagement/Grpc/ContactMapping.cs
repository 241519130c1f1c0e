using Google.Protobuf.WellKnownTypes;
using Platform.BuildingBlocks.Data;
using Platform.Engagement.Data;
using Platform.Engagement.V1;

namespace Platform.Engagement.Grpc;

public static class ContactMapping
{
    public static Contact ToProto(ContactRow row)
    {
        var details = new ContactDetails
        {
            PersonId = row.PersonId, Agency = row.Agency, Worker = row.Worker ?? "",
            ContactAt = Timestamp.FromDateTimeOffset(row.ContactAt),
            Channel = EnumWords<Channel>.Value(row.Channel), Outcome = EnumWords<Outcome>.Value(row.Outcome),
            Location = row.Location ?? "", SeenAlone = row.SeenAlone, OthersPresentNote = row.OthersPresentNote ?? "",
            PersonsWords = row.PersonsWords ?? "", Significant = row.Significant, Note = row.Note ?? "",
        };
        if (row.DurationMinutes is { } minutes)
        {
            details.DurationMinutes = minutes;
        }
        details.OthersPresent.AddRange(row.OthersPresentList);
        details.Themes.AddRange(row.ThemeList.Select(EnumWords<Theme>.Value));
        return new Contact
        {
            ContactId = row.ContactId, Details = details, RecordedAt = Timestamp.FromDateTimeOffset(row.RecordedAt),
            RecordedBy = row.RecordedBy, SupersedesContactId = row.SupersedesContactId ?? "",
            SupersededByContactId = row.SupersededByContactId ?? "", AmendmentReason = row.AmendmentReason ?? "",
            SourceSystem = row.SourceSystem ?? "", SourceId = row.SourceId ?? "",
        };
    }
}
