using System.Data.Common;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security.Projection;
using Platform.Engagement.Chronology;
using Platform.Engagement.Data;
using Platform.Engagement.Domain;
using Platform.IntegrationEvents.Engagement;

namespace Platform.Engagement.Disengagement;

/// <summary>
/// Applies the disengagement rule inside the caller's transaction: after contacts are recorded, on
/// each scheduled check, and when the risk level changes. An episode opens once (and raises
/// DisengagementDetected once); a successful contact newer than the one known when it opened ends it.
/// Many people are checked in a few statements, so a bulk import does not pay per person.
/// </summary>
public sealed class DisengagementMonitor(
    ContactStore contacts,
    EngagementStateStore states,
    PersonContextStore context,
    EpisodeStore episodes,
    ChronologyWriter chronology,
    DisengagementRule rule)
{
    /// <summary>People per statement: well inside SQL Server's 2,100 parameters.</summary>
    private const int Chunk = 1000;

    public Task EvaluateAsync(DbConnection db, DbTransaction tx, string personId, DateTimeOffset now, string? contactId = null) =>
        EvaluateAsync(db, tx, new Dictionary<string, string?> { [personId] = contactId }, now);

    /// <summary>Checks each person, naming the contact (if any) that prompted the check.</summary>
    public async Task EvaluateAsync(DbConnection db, DbTransaction tx, IReadOnlyDictionary<string, string?> people, DateTimeOffset now)
    {
        foreach (var chunk in people.Keys.Chunk(Chunk))
        {
            var histories = await contacts.FactsByPersonAsync(db, tx, chunk);
            var facts = chunk.Select(p => (Person: p, Facts: EngagementFacts.From(histories[p].ToList())))
                .Where(p => p.Facts is not null)
                .ToDictionary(p => p.Person, p => p.Facts!, StringComparer.Ordinal);
            if (facts.Count == 0)
            {
                continue;
            }
            await states.SaveAsync(db, tx, facts);
            var open = await episodes.OpenForPeopleAsync(db, tx, facts.Keys);
            var risks = await context.RiskLevelsAsync(db, tx, facts.Keys);
            foreach (var (personId, current) in facts)
            {
                if (open.TryGetValue(personId, out var episode))
                {
                    if (!IsNewer(current.LastSuccessAt, episode.LastSuccessAt))
                    {
                        continue;
                    }
                    await episodes.EndAsync(db, tx, episode.EpisodeId, now, people[personId]);
                }
                if (rule.Evaluate(current, risks[personId], now) is { } finding)
                {
                    await OpenAsync(db, tx, personId, finding, risks[personId], current.LastSuccessAt, current.AttemptsSinceSuccess, now);
                }
            }
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
