using Google.Protobuf.WellKnownTypes;
using Platform.BuildingBlocks.Data;
using Platform.Engagement.Data;
using Platform.Engagement.V1;

namespace Platform.Engagement.Grpc;

public static class ChronologyMapping
{
    public static ChronologyEntry ToProto(ChronologyEntryRow row)
    {
        var entry = new ChronologyEntry
        {
            EntryId = row.EntryId, PersonId = row.PersonId, OccurredAt = Timestamp.FromDateTimeOffset(row.OccurredAt),
            Kind = EnumWords<EntryKind>.Value(row.Kind), Agency = row.Agency ?? "", Summary = row.Summary,
            Detail = row.Detail ?? "", Significant = row.Significant, ContactId = row.ContactId ?? "", Superseded = row.Superseded,
        };
        entry.Themes.AddRange(row.ThemeList.Select(EnumWords<Theme>.Value));
        return entry;
    }
}
