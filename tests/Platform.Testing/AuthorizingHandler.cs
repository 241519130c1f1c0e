using System.Net.Http.Headers;

namespace Platform.Testing;

/// <summary>Adds the caller's bearer token (and an optional break-glass reason) to every request.</summary>
public sealed class AuthorizingHandler(string? token, HttpMessageHandler inner, string? breakGlassReason = null) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (breakGlassReason is not null)
        {
            request.Headers.TryAddWithoutValidation("x-break-glass-reason", breakGlassReason);
        }
        return base.SendAsync(request, cancellationToken);
    }
}
