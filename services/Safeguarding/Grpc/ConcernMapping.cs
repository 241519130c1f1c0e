using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Security;
using Platform.Safeguarding.Data;
using Platform.Safeguarding.Domain;
using Platform.Safeguarding.Domain.Concerns;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Grpc;

/// <summary>A stored concern as the API shows it: whole to its team, its stage alone to everyone else.</summary>
internal static class ConcernMapping
{
    public static SafeguardingTeam Team(ConcernRow row) => new(row.Agency, row.Area, StoredLists.Read(row.NamedAgencies));

    public static Stage StageOf(ConcernRow row) => EnumWords<Stage>.Value(row.Stage);

    public static EnquiryDecision? DecisionOf(ConcernRow row) => row.Decision is null ? null : EnumWords<EnquiryDecision>.Value(row.Decision);

    public static T? Parse<T>(string? json) where T : class, IMessage<T>, new() =>
        json is null ? null : JsonParser.Default.Parse<T>(json);

    public static string Json(IMessage message) => JsonFormatter.Default.Format(message);

    public static Concern ToProto(ConcernRow row, IReadOnlyList<StageChangeRow> stages, bool seesDetails, PersonAccess access)
    {
        var concern = new Concern
        {
            ConcernId = row.ConcernId, PersonId = row.PersonId, Agency = row.Agency, Area = AreaDisclosure.Shown(row.Area, row.Agency, access), Stage = StageOf(row),
            RecordedAt = row.RecordedAt.ToTimestamp(), Version = row.Version, Restricted = !seesDetails,
        };
        if (!seesDetails)
        {
            return concern;
        }
        concern.RecordedBy = row.RecordedBy;
        concern.Details = new ConcernDetails
        {
            PersonId = row.PersonId, Source = EnumWords<ConcernSource>.Value(row.Source), RaisedBy = row.RaisedBy,
            LocationOfRisk = EnumWords<RiskLocation>.Value(row.LocationOfRisk), Description = row.Description,
            ImmediateRisk = row.ImmediateRisk, ImmediateAction = row.ImmediateAction ?? "", RaisedAt = row.RaisedAt.ToTimestamp(),
        };
        concern.Details.Categories.AddRange(row.Categories.Select(EnumWords<AbuseCategory>.Value).Order());
        concern.Details.NamedAgencies.AddRange(StoredLists.Read(row.NamedAgencies));
        concern.Decision = Parse<Section42Decision>(row.DecisionJson);
        concern.DesiredOutcomes = Parse<DesiredOutcomes>(row.DesiredOutcomesJson);
        concern.Closure = Parse<Closure>(row.ClosureJson);
        concern.AllowedNextStages.AddRange(ConcernStages.Allowed(concern.Stage, DecisionOf(row)));
        concern.Stages.AddRange(stages.Select(s => new StageChange
        {
            From = s.FromStage is null ? Stage.Unspecified : EnumWords<Stage>.Value(s.FromStage), To = EnumWords<Stage>.Value(s.ToStage),
            Reason = s.Reason, ChangedBy = s.ChangedBy, Agency = s.Agency, ChangedAt = s.ChangedAt.ToTimestamp(),
        }));
        return concern;
    }
}
