using System.Data.Common;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security.Projection;
using Platform.Engagement.Chronology;
using Platform.Engagement.Data;
using Platform.Engagement.Domain;
using Platform.IntegrationEvents.Engagement;
using Platform.IntegrationEvents.Safeguarding;

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

    /// <summary>
    /// Checks each person, naming the contact (if any) that prompted the check. A person is their whole
    /// group of linked records: the rule reads the contacts of every record in it, and the state and
    /// any episode belong to the record that stands for the group.
    /// </summary>
    public async Task EvaluateAsync(DbConnection db, DbTransaction tx, IReadOnlyDictionary<string, string?> people, DateTimeOffset now)
    {
        foreach (var chunk in people.Keys.Chunk(Chunk))
        {
            var known = await ProjectedPeople.GroupsAsync(db, tx, chunk);
            var groups = chunk.Select(p => known.TryGetValue(p, out var group) ? group : [p])
                .DistinctBy(g => g[0], StringComparer.Ordinal)
                .ToList();
            await EvaluateGroupsAsync(db, tx, groups, people, now);
        }
    }

    /// <summary>
    /// The same for groups given whole (each with the record that stands for it first), when the
    /// caller knows a group the access projection may not have heard of yet (a link just made).
    /// </summary>
    public async Task EvaluateGroupsAsync(
        DbConnection db, DbTransaction tx, IReadOnlyList<IReadOnlyList<string>> groupList, IReadOnlyDictionary<string, string?> prompts, DateTimeOffset now)
    {
        var groups = groupList.ToDictionary(g => g[0], g => g, StringComparer.Ordinal);
        var members = groups.Values.SelectMany(g => g).ToList();
        var records = await contacts.EngagementByPersonAsync(db, tx, members);
        var facts = groups
            .Select(g => (Person: g.Key, Facts: EngagementFacts.Of([.. g.Value.Where(records.ContainsKey).Select(m => records[m])])))
            .Where(p => p.Facts is not null)
            .ToDictionary(p => p.Person, p => p.Facts!, StringComparer.Ordinal);
        if (facts.Count == 0)
        {
            return;
        }
        await states.SaveAsync(db, tx, facts);
        var open = await episodes.OpenForPeopleAsync(db, tx, facts.Keys);
        var risks = await context.RiskLevelsAsync(db, tx, members);
        foreach (var (personId, current) in facts)
        {
            var risk = groups[personId].Select(m => risks[m]).MaxBy(RiskLevels.Rank)!;
            if (open.TryGetValue(personId, out var episode))
            {
                if (!IsNewer(current.LastSuccessAt, episode.LastSuccessAt))
                {
                    continue;
                }
                await episodes.EndAsync(db, tx, episode.EpisodeId, now, Prompt(prompts, groups[personId]));
            }
            if (rule.Evaluate(current, risk, now) is { } finding)
            {
                await OpenAsync(db, tx, personId, finding, risk, current.LastSuccessAt, current.AttemptsSinceSuccess, now);
            }
        }
    }

    /// <summary>Another service asked for outreach (e.g. housing could not reach her about an offer).</summary>
    public async Task RequestAsync(DbConnection db, DbTransaction tx, string personId, string agency, string reason, DateTimeOffset now)
    {
        var group = await ProjectedPeople.GroupAsync(db, tx, personId) is { Count: > 0 } known ? known : [personId];
        personId = group[0];
        if (await episodes.OpenAsync(db, tx, personId) is not null)
        {
            return;
        }
        var records = await contacts.EngagementByPersonAsync(db, tx, group);
        var facts = EngagementFacts.Of([.. records.Values]);
        var riskLevel = await context.RiskLevelAsync(db, tx, group);
        await OpenAsync(db, tx, personId, new DisengagementFinding(DisengagementRule.Requested, reason), riskLevel,
            facts?.LastSuccessAt, facts?.AttemptsSinceSuccess ?? 0, now, agency);
    }

    private async Task OpenAsync(
        DbConnection db, DbTransaction tx, string personId, DisengagementFinding finding, string riskLevel,
        DateTimeOffset? lastSuccessAt, int attempts, DateTimeOffset now, string agency = EntryAgencies.Platform)
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
            PersonId = personId, OccurredAt = now, Significant = true, Agency = agency,
            Kind = finding.Rule == DisengagementRule.Requested ? EntryKinds.OutreachRequested : EntryKinds.Disengagement,
            Summary = $"Needs assertive outreach: {finding.Reason}",
        });
    }

    /// <summary>The contact that prompted the check of a group, if one of its records was named with one.</summary>
    private static string? Prompt(IReadOnlyDictionary<string, string?> people, IReadOnlyList<string> group) =>
        group.Select(m => people.GetValueOrDefault(m)).FirstOrDefault(c => c is not null);

    private static bool IsNewer(DateTimeOffset? latest, DateTimeOffset? known) =>
        latest is not null && (known is null || latest > known);
}
