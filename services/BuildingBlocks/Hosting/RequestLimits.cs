using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Platform.BuildingBlocks.Hosting;

/// <summary>
/// How much a caller may send. The largest legitimate request (a contact with its two 4,000-character
/// texts, a person with every name and identifier) is tens of kilobytes, so a body or message larger
/// than <see cref="MessageBytes"/> is refused before it is parsed: HTTP 413 for JSON, and
/// RESOURCE_EXHAUSTED for a gRPC message (gRPC reads the declared length first). The one client stream, the engagement service's
/// <c>ImportContacts</c>, has no limit on the whole stream (gRPC lifts the body limit for client
/// streams) and each of its items is one message within the same limit.
/// </summary>
public static class RequestLimits
{
    public const int MessageBytes = 256 * 1024;

    public static void Apply(GrpcServiceOptions grpc) => grpc.MaxReceiveMessageSize = MessageBytes;

    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MessageBytes);
        return builder;
    }

    /// <summary>
    /// gRPC bodies are bounded by gRPC's own check, which reads each message's declared length
    /// first and answers RESOURCE_EXHAUSTED; Kestrel's body limit, met first when the frames arrive
    /// faster than they are read, would surface as an unreadable request instead, so it is lifted
    /// for gRPC calls (a unary call is one message: bytes after it end the call). A JSON body that
    /// declares a length past the limit is answered 413 at once, where Kestrel's refusal on the
    /// first read would reach the caller as JSON transcoding's 400; one sent without a length still
    /// ends at the limit, as that 400.
    /// </summary>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var body = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
            {
                if (body is { IsReadOnly: false })
                {
                    body.MaxRequestBodySize = null;
                }
            }
            else if (context.Request.ContentLength > body?.MaxRequestBodySize)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return Task.CompletedTask;
            }
            return next(context);
        });
}
