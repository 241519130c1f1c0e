using System.Data.Common;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security.Projection;
using Platform.Engagement.Chronology;
using Platform.Engagement.Data;
using Platform.Engagement.Domain;
using Platform.IntegrationEvents.Engagement;

namespace Platform.Engagement.Disengagement;

/// <summary>
/// Applies the disengagement rule to one person inside the caller's transaction: after each contact,
/// on each scheduled check, and when the risk level changes. An episode opens once (and raises
/// DisengagementDetected once); a successful contact newer than the one known when it opened ends it.
/// </summary>
public sealed class DisengagementMonitor(
    ContactStore contacts,
    EngagementStateStore states,
    PersonContextStore context,
    EpisodeStore episodes,
    ChronologyWriter chronology,
    DisengagementRule rule)
{
    public async Task EvaluateAsync(DbConnection db, DbTransaction tx, string personId, DateTimeOffset now, string? contactId = null)
    {
        var facts = EngagementFacts.From(await contacts.FactsAsync(db, tx, [personId]));
        if (facts is null)
        {
            return;
        }
        await states.SaveAsync(db, tx, personId, facts);
        var open = await episodes.OpenAsync(db, tx, personId);
        if (open is not null)
        {
            if (!IsNewer(facts.LastSuccessAt, open.LastSuccessAt))
            {
                return;
            }
            await episodes.EndAsync(db, tx, open.EpisodeId, now, contactId);
        }
        var riskLevel = await context.RiskLevelAsync(db, tx, [personId]);
        if (rule.Evaluate(facts, riskLevel, now) is { } finding)
        {
            await OpenAsync(db, tx, personId, finding, riskLevel, facts.LastSuccessAt, facts.AttemptsSinceSuccess, now);
        }
    }

    /// <summary>Another service asked for outreach (e.g. housing could not reach her about an offer).</summary>
    public async Task RequestAsync(DbConnection db, DbTransaction tx, string personId, string reason, DateTimeOffset now)
    {
        if (await episodes.OpenAsync(db, tx, personId) is not null)
        {
            return;
        }
        var facts = EngagementFacts.From(await contacts.FactsAsync(db, tx, [personId]));
        var riskLevel = await context.RiskLevelAsync(db, tx, [personId]);
        await OpenAsync(db, tx, personId, new DisengagementFinding(DisengagementRule.Requested, reason), riskLevel,
            facts?.LastSuccessAt, facts?.AttemptsSinceSuccess ?? 0, now);
    }

    private async Task OpenAsync(
        DbConnection db, DbTransaction tx, string personId, DisengagementFinding finding, string riskLevel,
        DateTimeOffset? lastSuccessAt, int attempts, DateTimeOffset now)
    {
        var episode = new EpisodeRow
        {
            EpisodeId = Guid.NewGuid().ToString(), PersonId = personId, RuleName = finding.Rule, Reason = finding.Reason,
            RiskLevel = riskLevel, DetectedAt = now, LastSuccessAt = lastSuccessAt, AttemptsSinceSuccess = attempts,
        };
        await episodes.InsertAsync(db, tx, episode);
        var group = await ProjectedPeople.GroupAsync(db, tx, personId);
        await Outbox.EnqueueAsync(db, tx, new DisengagementDetected
        {
            EpisodeId = episode.EpisodeId, PersonId = personId, Rule = finding.Rule, RiskLevel = riskLevel,
            LastSuccessfulContactAt = lastSuccessAt, AttemptsSinceSuccess = attempts,
            Agencies = group.Count == 0 ? [] : await ProjectedPeople.ActiveAgenciesAsync(db, tx, group, now),
            OccurredAt = now,
        });
        await chronology.WriteAsync(db, tx, new ChronologyEntryRow
        {
            PersonId = personId, OccurredAt = now, Significant = true,
            Kind = finding.Rule == DisengagementRule.Requested ? EntryKinds.OutreachRequested : EntryKinds.Disengagement,
            Summary = $"Needs assertive outreach: {finding.Reason}",
        });
    }

    private static bool IsNewer(DateTimeOffset? latest, DateTimeOffset? known) =>
        latest is not null && (known is null || latest > known);
}
