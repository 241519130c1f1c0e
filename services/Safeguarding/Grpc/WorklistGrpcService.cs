using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.BuildingBlocks.Audit;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.Safeguarding.Board;
using Platform.Safeguarding.V1;
using Platform.Safeguarding.Worklists;

namespace Platform.Safeguarding.Grpc;

/// <summary>
/// The worklist of the caller's agency (or, for a safeguarding lead, of the caller's area), and the
/// board figures (<c>WorklistGrpcService.BoardFigures.cs</c>). The list shows only people the caller
/// may see, and each person shown is audited, as the other list reads are.
/// </summary>
public sealed partial class WorklistGrpcService(
    SafeguardingDatabase database,
    PersonAccessGuard<SafeguardingDatabase> guard,
    WorklistReader worklist,
    BoardFiguresQuery board,
    TimeProvider clock) : WorklistService.WorklistServiceBase
{
    public const int DefaultPageSize = 50;
    public const int MaximumPageSize = 200;

    [Authorize(Roles = PlatformRoles.Caseworkers)]
    public override Task<V1.Worklist> GetWorklist(GetWorklistRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        BreakGlass.RefuseForManyPeople(context);
        var v = new Validator()
            .Check(request.Scope is WorklistScope.Unspecified or WorklistScope.Agency or WorklistScope.Area, "scope", "is not a known scope")
            .Check(request.PageSize is >= 0 and <= MaximumPageSize, "page_size", $"must be between 0 and {MaximumPageSize} (0: {DefaultPageSize})");
        v.ThrowIfInvalid();
        var scope = Scope(request.Scope, caller);
        var after = WorklistPageToken.Read(request.PageToken, caller, scope, v);
        v.ThrowIfInvalid();
        var pageSize = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        return database.InTransactionAsync(async (db, tx) =>
        {
            var page = await worklist.ReadAsync(db, tx, caller, scope, clock.GetUtcNow(), after, pageSize, context.CancellationToken);
            var response = new V1.Worklist { NextPageToken = page.Next is { } next ? WorklistPageToken.Write(caller, scope, next) : "" };
            response.Items.AddRange(page.Items.Select(i => new WorkItem
            {
                Kind = i.Item.Kind, PersonId = i.Item.PersonId, RecordId = i.Item.RecordId, Agency = i.Item.Agency, Area = ShownArea(i.Item.Area, caller),
                DueAt = i.Item.DueAt.ToTimestamp(), Summary = i.Item.Summary,
            }));
            await AuditLog.WriteAsync(db, tx, page.Items.DistinctBy(i => i.Item.PersonId)
                .Select(i => guard.Entry(caller, "safeguarding.worklist.read", i.Item.PersonId, i.Basis.ToString(), null)));
            return response;
        }, context.CancellationToken);
    }

    /// <summary>
    /// An item's area is the area of the plan, concern or referral behind it, which can be where she lives
    /// at a confidential address (a record made by the refuge): shown only when it is the caller's own
    /// area, which the caller knows already (see <see cref="Domain.AreaDisclosure"/>). Every item is about
    /// someone the caller may see on a standing basis (break-glass is refused for lists).
    /// </summary>
    private static string ShownArea(string area, Caller caller) => area == caller.LocalAuthority ? area : "";

    /// <summary>The caller's agency; the caller's area for a safeguarding lead who asks for it.</summary>
    private static WorkScope Scope(WorklistScope scope, Caller caller)
    {
        if (scope != WorklistScope.Area)
        {
            return caller.Agency.Length > 0
                ? new WorkScope(caller.Agency, null)
                : throw new PermissionDeniedException("Your token names no agency: there is no agency worklist to show.");
        }
        if (!caller.IsIn(PlatformRoles.SafeguardingLead))
        {
            throw new PermissionDeniedException(
                "Only safeguarding leads see their area's worklist (the local authority leads the section 42 work); ask for scope AGENCY.");
        }
        return caller.LocalAuthority.Length > 0
            ? new WorkScope(null, caller.LocalAuthority)
            : throw new PermissionDeniedException("Your token names no area: there is no area worklist to show.");
    }
}
