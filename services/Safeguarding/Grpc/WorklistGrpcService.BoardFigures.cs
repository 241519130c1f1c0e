using Google.Api;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Net.Http.Headers;
using Platform.BuildingBlocks.Audit;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.Safeguarding.Board;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Grpc;

/// <summary>
/// The Safeguarding Adults Collection figures of the caller's own area (<see cref="BoardFiguresQuery"/>):
/// for its safeguarding leads and for auditors (who report to the board). Counts only, no person, so
/// the read is audited as one entry about no one.
/// </summary>
public sealed partial class WorklistGrpcService
{
    private const string BoardReaders = PlatformRoles.SafeguardingLead + "," + PlatformRoles.Auditor;

    [Authorize(Roles = BoardReaders)]
    public override Task<BoardFigures> GetBoardFigures(GetBoardFiguresRequest request, ServerCallContext context) =>
        BoardFiguresAsync(context, request.Year, "safeguarding.board-figures.read");

    [Authorize(Roles = BoardReaders)]
    public override async Task<HttpBody> ExportBoardFigures(ExportBoardFiguresRequest request, ServerCallContext context)
    {
        new Validator().KnownEnum(request.Format == ExportBoardFiguresRequest.Types.Format.Unspecified
            ? ExportBoardFiguresRequest.Types.Format.Csv : request.Format, "format").ThrowIfInvalid();
        var figures = await BoardFiguresAsync(context, request.Year, "safeguarding.board-figures.export");
        var json = request.Format == ExportBoardFiguresRequest.Types.Format.Json;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(BoardFiguresExport.FileName(figures, json ? "json" : "csv"));
        context.GetHttpContext().Response.Headers.ContentDisposition = disposition.ToString();
        return json ? BoardFiguresExport.Json(figures) : BoardFiguresExport.Csv(figures);
    }

    private Task<BoardFigures> BoardFiguresAsync(ServerCallContext context, int year, string action)
    {
        var caller = Caller.From(context);
        var current = board.CurrentYear(clock.GetUtcNow());
        new Validator().Check(year >= BoardFiguresQuery.FirstYear && year <= current, "year",
            $"must be a reporting year from {BoardFiguresQuery.FirstYear} to {current} (the one under way)").ThrowIfInvalid();
        if (caller.LocalAuthority.Length == 0)
        {
            throw new PermissionDeniedException("Your token names no area: the board figures are an area's.");
        }
        return database.InTransactionAsync(async (db, tx) =>
        {
            var figures = await board.ReadAsync(db, tx, caller.LocalAuthority, year, context.CancellationToken);
            await AuditLog.WriteAsync(db, tx, guard.Entry(caller, action, null, "Area", $"{caller.LocalAuthority} {year}"));
            return figures;
        }, context.CancellationToken);
    }
}
