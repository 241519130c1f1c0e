using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Platform.BuildingBlocks.Errors;

/// <summary>
/// gRPC reads a unary (or server-streaming) request before any interceptor runs, and answers bytes
/// it cannot read with UNKNOWN ("Exception was thrown by handler") or INTERNAL ("Incomplete
/// message"): statuses that blame the server for what the caller sent. The error mapping marks each
/// call whose handler it reached; a gRPC call that ends in UNKNOWN or INTERNAL without reaching one
/// failed on its request, and is answered INVALID_ARGUMENT instead.
/// </summary>
public static class UnreadableRequests
{
    private static readonly object HandlerReached = new();

    public static IApplicationBuilder UseUnreadableRequestsAsInvalidArgument(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Response.HasStarted || context.Items.ContainsKey(HandlerReached) || !IsGrpc(context.Request))
            {
                return;
            }
            // Trailers-only: before anything was sent, the status travels in the response headers.
            var headers = context.Response.Headers;
            if (headers["grpc-status"].ToString() is "2" or "13")
            {
                headers["grpc-status"] = "3";
                headers["grpc-message"] = UnreadableRequestException.Description;
                headers.Remove("grpc-status-details-bin");
            }
        });

    internal static void MarkHandlerReached(ServerCallContext context) => context.GetHttpContext().Items[HandlerReached] = true;

    private static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
}
