using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Platform.Web.Security;

/// <summary>
/// A content security policy on every page: scripts, styles, images and form posts from this site
/// alone, no framing, no plugins. The pages use no inline script or style (the pictures are SVG drawn
/// with presentation attributes), so nothing needs an exception.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static IApplicationBuilder UseWebSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) != true)
            {
                context.Response.OnStarting(() =>
                {
                    var response = context.Response;
                    if (response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                    {
                        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                        response.Headers.XFrameOptions = "DENY";
                        response.Headers["Referrer-Policy"] = "no-referrer";
                        response.Headers.CacheControl = "no-store";
                    }
                    response.Headers.XContentTypeOptions = "nosniff";
                    return Task.CompletedTask;
                });
            }
            return next(context);
        });
}
