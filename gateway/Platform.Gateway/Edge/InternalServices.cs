using Google.Rpc;
using Microsoft.AspNetCore.Authorization;

namespace Platform.Gateway.Edge;

/// <summary>
/// gRPC services that only the platform's own processes call, answered UNIMPLEMENTED at the edge
/// whatever routes are configured, for every caller alike (an auditor reads the trail through the
/// platform's AuditService, which records the read).
/// </summary>
public static class InternalServices
{
    public static readonly IReadOnlyList<string> Paths = ["/platform.audit.v1.AuditLogService/{method}"];

    public static WebApplication MapInternalServicesAsUnimplemented(this WebApplication app)
    {
        foreach (var path in Paths)
        {
            app.MapPost(path, (HttpContext context) => ErrorResponses.WriteAsync(context, Code.Unimplemented,
                StatusCodes.Status404NotFound, "This service is internal to the platform.")).WithMetadata(new AllowAnonymousAttribute());
        }
        return app;
    }
}
