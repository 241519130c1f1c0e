using Grpc.Core;
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
            try
            {
                var body = await worklists.ExportBoardFiguresAsync(new ExportBoardFiguresRequest
                {
                    Year = year,
                    Format = format == "csv" ? ExportBoardFiguresRequest.Types.Format.Csv : ExportBoardFiguresRequest.Types.Format.Json,
                }, deadline: PlatformClients.Deadline, cancellationToken: context.RequestAborted);
                var name = $"board-figures-{year}.{format}";
                return Results.File(body.Data.ToByteArray(), string.IsNullOrEmpty(body.ContentType) ? "application/octet-stream" : body.ContentType, name);
            }
            catch (RpcException exception)
            {
                var problem = CallProblem.From(exception);
                return Results.Text($"{problem.Title}: {problem.Message}", "text/plain", statusCode: problem.HttpStatus);
            }
        }).RequireAuthorization(WebAuthentication.PagesPolicy);
}
