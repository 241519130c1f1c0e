using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Safeguarding.V1;
using Platform.Web.Security;

namespace Platform.Web.PlatformApi;

/// <summary>The Safeguarding Adults Board's figures for a year as the platform exports them (CSV or JSON).</summary>
public static class BoardFiguresDownload
{
    public static void MapBoardFiguresDownload(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/safeguarding/board-figures/{year:int}.{format:regex(^(csv|json)$)}", async (
            int year, string format, HttpContext context, WorklistService.WorklistServiceClient worklists) =>
        {
            return await PlatformDownload.FileAsync(async () => await worklists.ExportBoardFiguresAsync(new ExportBoardFiguresRequest
            {
                Year = year,
                Format = format == "csv" ? ExportBoardFiguresRequest.Types.Format.Csv : ExportBoardFiguresRequest.Types.Format.Json,
            }, deadline: PlatformClients.Deadline, cancellationToken: context.RequestAborted), $"board-figures-{year}.{format}");
        }).RequireAuthorization(WebAuthentication.PagesPolicy);
}
