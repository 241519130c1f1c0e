using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;
using Platform.IntegrationEvents.Registry;
using Platform.Registry.Data;
using Platform.Registry.Domain;
using Platform.Registry.V1;

namespace Platform.Registry.Grpc;

/// <summary>The typed relationship graph between adults and children (Think Family).</summary>
[Authorize(Roles = PlatformRoles.Caseworkers)]
public sealed class RelationshipGrpcService(
    RegistryDatabase database,
    PersonAccessGuard<RegistryDatabase> guard,
    PersonStore people,
    RelationshipStore relationships,
    LinkStore links,
    TimeProvider clock) : RelationshipService.RelationshipServiceBase
{
    private const int MaxDepth = 3;
    private const int MaxNodes = 200;

    public override async Task<Relationship> RecordRelationship(RecordRelationshipRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var since = Instants.Read(request.Since, "since");
        new Validator().RequiredId(request.FromPersonId, "from_person_id").RequiredId(request.ToPersonId, "to_person_id")
            .Check(request.FromPersonId != request.ToPersonId, "to_person_id", "must be another person: a relationship needs two people")
            .KnownEnum(request.Type, "type")
            .MaxLength(request.Notes, "notes", 2000)
            .Check(since is null || since <= now.AddMinutes(5), "since", "is in the future")
            .ThrowIfInvalid();
        var caller = Caller.From(context);
        // Either end may be the caller's: a worker supporting a woman records the man alleged to
        // abuse her without working with him. The access is judged, and audited, on that end.
        var anchor = await database.InTransactionAsync(async (db, tx) =>
            await guard.DecideAsync(caller, request.FromPersonId, null, db, tx, context.CancellationToken) is null
            && await guard.DecideAsync(caller, request.ToPersonId, null, db, tx, context.CancellationToken) is not null
                ? request.ToPersonId
                : request.FromPersonId, context.CancellationToken);
        return await guard.RunAsync(context, anchor, "relationship.record", async (db, tx) =>
        {
            var from = await people.GetAsync(db, tx, request.FromPersonId) is not null
                ? await people.ResolveAsync(db, tx, request.FromPersonId)
                : throw new InvalidArgumentException("from_person_id", "is not a registered person");
            var to = await people.GetAsync(db, tx, request.ToPersonId) is not null
                ? await people.ResolveAsync(db, tx, request.ToPersonId)
                : throw new InvalidArgumentException("to_person_id", "is not a registered person");
            if (from.PersonId == to.PersonId)
            {
                throw new InvalidArgumentException("to_person_id", "is a linked record of the same person");
            }
            var row = new RelationshipRow
            {
                RelationshipId = Guid.NewGuid().ToString(), FromPersonId = from.PersonId, ToPersonId = to.PersonId,
                Type = (int)request.Type, Since = since, Notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim(),
                RecordedByAgency = caller.Agency, RecordedAt = now, Version = 1,
            };
            await relationships.InsertAsync(db, tx, row, RelationshipKinds.IsMutual(request.Type));
            await Outbox.EnqueueAsync(db, tx, new RelationshipRecorded
            {
                RelationshipId = row.RelationshipId, FromPersonId = row.FromPersonId, ToPersonId = row.ToPersonId,
                Type = RelationshipKinds.Name(request.Type), Since = since, OccurredAt = now, RecordedByAgency = caller.Agency,
            });
            return ToProto(row);
        });
    }

    public override async Task<Relationship> EndRelationship(EndRelationshipRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var until = Instants.Read(request.Until, "until") ?? now;
        new Validator().RequiredId(request.RelationshipId, "relationship_id")
            .Check(request.ExpectedVersion > 0, "expected_version", "is required: the version you read")
            .Check(until <= now.AddMinutes(5), "until", "is in the future")
            .ThrowIfInvalid();
        var caller = Caller.From(context);
        // As when recording: the caller's own end of the relationship decides, and is audited.
        return await guard.RunAsync(context, async (db, tx) =>
        {
            var recorded = await relationships.GetAsync(db, tx, request.RelationshipId);
            return await guard.DecideAsync(caller, recorded.FromPersonId, null, db, tx, context.CancellationToken) is null
                && await guard.DecideAsync(caller, recorded.ToPersonId, null, db, tx, context.CancellationToken) is not null
                    ? recorded.ToPersonId
                    : recorded.FromPersonId;
        }, "relationship.end", async (access, db, tx) =>
        {
            var row = await relationships.GetAsync(db, tx, request.RelationshipId);
            access.RequireMayWriteFor(row.RecordedByAgency); // another agency's record: never ended on break-glass
            await relationships.EndAsync(db, tx, row, request.ExpectedVersion, until);
            return ToProto(await relationships.GetAsync(db, tx, row.RelationshipId));
        });
    }

    public override Task<RelationshipGraph> GetRelationshipGraph(GetRelationshipGraphRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.PersonId, "person_id")
            .Check(request.Depth is >= 0 and <= MaxDepth, "depth", $"must be between 1 and {MaxDepth} (0 or unset means 1)")
            .ThrowIfInvalid();
        var depth = request.Depth == 0 ? 1 : request.Depth;
        var caller = Caller.From(context);
        return guard.ReadAsync(context, request.PersonId, "relationship.graph", async (db, tx) =>
        {
            var root = await people.ResolveAsync(db, tx, request.PersonId);
            var distance = new Dictionary<string, int>(StringComparer.Ordinal) { [root.PersonId] = 0 };
            var edges = new Dictionary<string, RelationshipRow>(StringComparer.Ordinal);
            var frontier = new List<string> { root.PersonId };
            var visibility = new Dictionary<string, bool>(StringComparer.Ordinal) { [root.PersonId] = true };
            for (var level = 1; level <= depth && frontier.Count > 0 && distance.Count < MaxNodes; level++)
            {
                // A relationship recorded against a record since linked into another belongs to the
                // person: look it up over every record of the group and show it between the records that stay.
                var survivorOf = await links.SurvivorsOfGroupsAsync(db, tx, frontier);
                var touching = await relationships.TouchingAsync(db, tx, survivorOf.Keys.ToList());
                var ends = touching.SelectMany(edge => new[] { edge.FromPersonId, edge.ToPersonId }).Distinct(StringComparer.Ordinal).ToList();
                var resolved = (await people.GetManyAsync(db, tx, ends)).ToDictionary(r => r.PersonId, r => r.LinkedTo ?? r.PersonId, StringComparer.Ordinal);
                var next = new List<string>();
                foreach (var recorded in touching)
                {
                    if (recorded.Until is not null && !request.IncludeEnded)
                    {
                        continue;
                    }
                    var edge = BetweenSurvivors(recorded, resolved);
                    if (edge.FromPersonId == edge.ToPersonId)
                    {
                        continue; // between two records now linked as one person
                    }
                    edges.TryAdd(edge.RelationshipId, edge);
                    foreach (var id in new[] { edge.FromPersonId, edge.ToPersonId }.Where(id => distance.TryAdd(id, level)))
                    {
                        next.Add(id);
                    }
                }
                // The walk goes on only through people the caller may see: beyond someone hidden, the
                // caller would learn of relationships between people who are none of their business.
                var visibleNext = new List<string>();
                foreach (var id in next)
                {
                    if (visibility[id] = await guard.DecideAsync(caller, id, null, db, tx, context.CancellationToken) is not null)
                    {
                        visibleNext.Add(id);
                    }
                }
                frontier = visibleNext;
            }
            var graph = new RelationshipGraph();
            var rows = (await people.GetManyAsync(db, tx, distance.Keys)).ToDictionary(r => r.PersonId, StringComparer.Ordinal);
            foreach (var (id, hops) in distance.OrderBy(d => d.Value).ThenBy(d => d.Key, StringComparer.Ordinal))
            {
                // Relatives appear by id only unless the caller may see their record too.
                var visible = visibility.GetValueOrDefault(id);
                graph.Nodes.Add(new GraphNode
                {
                    PersonId = id, Distance = hops, Visible = visible,
                    DisplayName = visible && rows.TryGetValue(id, out var row) ? row.DisplayName : "",
                });
            }
            var seen = graph.Nodes.Where(n => n.Visible).Select(n => n.PersonId).ToHashSet(StringComparer.Ordinal);
            graph.Relationships.AddRange(edges.Values.OrderBy(e => e.RecordedAt).Select(edge =>
            {
                var relationship = ToProto(edge);
                if (!seen.Contains(edge.FromPersonId) || !seen.Contains(edge.ToPersonId))
                {
                    relationship.Notes = ""; // notes describe both people: withheld when one is not the caller's to see
                }
                return relationship;
            }));
            return graph;
        });
    }

    private static RelationshipRow BetweenSurvivors(RelationshipRow row, IReadOnlyDictionary<string, string> survivorOf) => new()
    {
        RelationshipId = row.RelationshipId,
        FromPersonId = survivorOf.GetValueOrDefault(row.FromPersonId, row.FromPersonId),
        ToPersonId = survivorOf.GetValueOrDefault(row.ToPersonId, row.ToPersonId),
        Type = row.Type, Since = row.Since, Until = row.Until, Notes = row.Notes,
        RecordedByAgency = row.RecordedByAgency, RecordedAt = row.RecordedAt, Version = row.Version,
    };

    private static Relationship ToProto(RelationshipRow row) => new()
    {
        RelationshipId = row.RelationshipId, FromPersonId = row.FromPersonId, ToPersonId = row.ToPersonId,
        Type = (RelationshipType)row.Type, Since = PersonValidation.Optional(row.Since), Until = PersonValidation.Optional(row.Until),
        Notes = row.Notes ?? "", RecordedByAgency = row.RecordedByAgency, Version = row.Version,
    };
}
