using System.Globalization;
using Google.Rpc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Edge;

/// <summary>
/// One request-body limit (<c>Gateway:MaxRequestBodySize</c>, bytes), which a route may raise or lift
/// with YARP's <c>MaxRequestBodySize</c> (-1: none, as for the ImportContacts client stream).
/// Kestrel enforces it for JSON (413). YARP lifts Kestrel's limit for every gRPC request, since it
/// cannot tell a stream from a single message, so for gRPC the body is counted here as it is
/// forwarded, and a call over the route's limit ends RESOURCE_EXHAUSTED.
/// </summary>
public static class RequestBodyLimit
{
    public const long DefaultMaximum = 4 * 1024 * 1024;

    public static WebApplicationBuilder AddRequestBodyLimit(this WebApplicationBuilder builder)
    {
        var maximum = builder.Configuration.GetValue("Gateway:MaxRequestBodySize", DefaultMaximum);
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = maximum);
        builder.Services.AddSingleton(new BodyLimitSettings(maximum));
        return builder;
    }

    /// <summary>In the proxy pipeline, after the route is known.</summary>
    public static IReverseProxyApplicationBuilder UseRequestBodyLimit(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            var maximum = context.GetReverseProxyFeature().Route.Config.MaxRequestBodySize
                ?? context.RequestServices.GetRequiredService<BodyLimitSettings>().Maximum;
            if (maximum < 0 || !ErrorResponses.IsGrpc(context.Request))
            {
                await next();
                return;
            }
            var counted = new LimitedReadStream(context.Request.Body, maximum);
            context.Request.Body = counted;
            await next();
            if (counted.Exceeded && !context.Response.HasStarted)
            {
                context.Response.Clear();
                await ErrorResponses.WriteAsync(context, Code.ResourceExhausted, StatusCodes.Status413PayloadTooLarge,
                    $"The request is larger than this route accepts ({maximum.ToString(CultureInfo.InvariantCulture)} bytes).");
            }
        });
        return proxy;
    }

    public sealed record BodyLimitSettings(long Maximum);
}
