using Google.Api;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Platform.Web.PlatformApi;

/// <summary>
/// A file the platform exports (an <see cref="HttpBody"/>) handed to the browser as a download, or the
/// refusal as text with its HTTP status: the one way the app's download links answer.
/// </summary>
public static class PlatformDownload
{
    public static async Task<IResult> FileAsync(Func<Task<HttpBody>> export, string fileName)
    {
        try
        {
            var body = await export();
            return Results.File(body.Data.ToByteArray(), string.IsNullOrEmpty(body.ContentType) ? "application/octet-stream" : body.ContentType, fileName);
        }
        catch (RpcException exception)
        {
            var problem = CallProblem.From(exception);
            return Results.Text($"{problem.Title}: {problem.Message}", "text/plain", statusCode: problem.HttpStatus);
        }
    }
}
