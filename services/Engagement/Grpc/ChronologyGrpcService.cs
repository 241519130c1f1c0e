using Google.Api;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Security.Projection;
using Platform.Engagement.Chronology;
using Platform.Engagement.Data;
using Platform.Engagement.Domain;
using Platform.Engagement.V1;

namespace Platform.Engagement.Grpc;

/// <summary>The multi-agency chronology of one person (over all their linked records) and their engagement summary.</summary>
[Authorize(Roles = PlatformRoles.Caseworkers)]
public sealed class ChronologyGrpcService(
    PersonAccessGuard<EngagementDatabase> guard,
    ChronologyStore chronology,
    ChronologyNames names,
    ContactStore contacts,
    PersonContextStore personContext,
    EpisodeStore episodes,
    TimeProvider clock) : ChronologyService.ChronologyServiceBase
{
    /// <summary>An export larger than this is narrowed by period; a review reads a few thousand entries.</summary>
    public const int MaximumExportEntries = 50_000;

    public override Task<GetChronologyResponse> GetChronology(GetChronologyRequest request, ServerCallContext context)
    {
        var v = new Validator().RequiredId(request.PersonId, "person_id")
            .Check(request.PageSize is >= 0 and <= ChronologyRequest.MaximumPageSize, "page_size",
                $"must be between 0 and {ChronologyRequest.MaximumPageSize}");
        var query = ChronologyRequest.ToQuery(request.Filter, request.NewestFirst, v) with { After = ChronologyRequest.ReadPageToken(request, v) };
        v.ThrowIfInvalid();
        var take = request.PageSize == 0 ? ChronologyRequest.DefaultPageSize : request.PageSize;
        return guard.ReadAsync(context, request.PersonId, "engagement.chronology.read", async (db, tx) =>
        {
            var group = await ProjectedPeople.GroupAsync(db, tx, request.PersonId);
            var rows = await chronology.ReadAsync(db, tx, group, query, take + 1);
            await names.RenderAsync(db, tx, Caller.From(context), group, rows, context.CancellationToken);
            var response = new GetChronologyResponse();
            response.Entries.AddRange(rows.Take(take).Select(ChronologyMapping.ToProto));
            if (rows.Count > take)
            {
                response.NextPageToken = ChronologyRequest.PageToken(request, new ChronologyPosition(rows[take - 1].OccurredAt, rows[take - 1].EntryId));
            }
            return response;
        });
    }

    public override Task<HttpBody> ExportChronology(ExportChronologyRequest request, ServerCallContext context)
    {
        var v = new Validator().RequiredId(request.PersonId, "person_id");
        var query = ChronologyRequest.ToQuery(request.Filter, newestFirst: false, v);
        v.Check(System.Enum.IsDefined(request.Format), "format", $"has unknown value {(int)request.Format}").ThrowIfInvalid();
        return guard.ReadAsync(context, request.PersonId, "engagement.chronology.export", async (db, tx) =>
        {
            var group = await ProjectedPeople.GroupAsync(db, tx, request.PersonId);
            var rows = await chronology.ReadAsync(db, tx, group, query, MaximumExportEntries + 1);
            if (rows.Count > MaximumExportEntries)
            {
                throw new PreconditionFailedException(
                    $"The chronology has more than {MaximumExportEntries} entries for this filter: export it a period at a time.");
            }
            await names.RenderAsync(db, tx, Caller.From(context), group, rows, context.CancellationToken);
            return request.Format == ExportChronologyRequest.Types.Format.Json ? ChronologyExport.Json(rows) : ChronologyExport.Csv(rows);
        });
    }

    public override Task<EngagementSummary> GetEngagementSummary(GetEngagementSummaryRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.PersonId, "person_id").ThrowIfInvalid();
        return guard.ReadAsync(context, request.PersonId, "engagement.summary.read", async (db, tx) =>
        {
            var now = clock.GetUtcNow();
            var group = await ProjectedPeople.GroupAsync(db, tx, request.PersonId);
            var history = await contacts.FactsAsync(db, tx, group);
            var facts = EngagementFacts.From(history);
            var (successful, share) = VoiceIndicator.SeenAloneShare(history, now, VoiceIndicator.DefaultWindow);
            var summary = new EngagementSummary
            {
                PersonId = request.PersonId, AttemptsSinceLastSuccess = facts?.AttemptsSinceSuccess ?? 0,
                SuccessfulContacts90Days = successful,
                ActiveAgencies = (await ProjectedPeople.ActiveAgenciesAsync(db, tx, group, now)).Count,
                RiskLevel = await personContext.RiskLevelAsync(db, tx, group),
                LastSuccessfulContact = Optional(facts?.LastSuccessAt), LastAttempt = Optional(facts?.LastAttemptAt),
            };
            summary.ContactsPerMonth.AddRange(ContactsPerMonth.Count(history, now).Select(m => new ContactsInMonth
            {
                Year = m.Year, Month = m.Month, Made = m.Made, SeenAlone = m.SeenAlone, Attempted = m.Attempted, Declined = m.Declined,
            }));
            if (share is { } value)
            {
                summary.SeenAloneShare90Days = value;
            }
            if (facts?.DaysSinceLastSuccess(now) is { } days)
            {
                summary.DaysSinceLastSuccessfulContact = days;
            }
            foreach (var personId in group)
            {
                if (await episodes.OpenAsync(db, tx, personId) is { } open)
                {
                    summary.NeedsAssertiveOutreach = true;
                    summary.DisengagementRule = open.RuleName;
                }
            }
            return summary;
        });
    }

    private static Timestamp? Optional(DateTimeOffset? at) => at is null ? null : Timestamp.FromDateTimeOffset(at.Value);
}
