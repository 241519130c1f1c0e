using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Engagement.V1;
using Platform.Web.Security;

namespace Platform.Web.PlatformApi;

/// <summary>The chronology as the platform exports it (CSV or JSON), with the filters shown on the page.</summary>
public static class ChronologyDownload
{
    public static void MapChronologyDownload(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/people/{personId}/chronology.{format:regex(^(csv|json)$)}", async (
            string personId, string format, HttpContext context, ChronologyService.ChronologyServiceClient chronology) =>
        {
            var query = ChronologyQuery.Parse(context.Request.Query);
            return await PlatformDownload.FileAsync(async () => await chronology.ExportChronologyAsync(new ExportChronologyRequest
            {
                PersonId = personId,
                Filter = query.ToFilter(),
                Format = format == "csv" ? ExportChronologyRequest.Types.Format.Csv : ExportChronologyRequest.Types.Format.Json,
            }, deadline: PlatformClients.Deadline, cancellationToken: context.RequestAborted), $"chronology-{personId}.{format}");
        }).RequireAuthorization(WebAuthentication.PagesPolicy);
}
