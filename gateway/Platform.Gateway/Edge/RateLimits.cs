using System.Globalization;
using System.Threading.RateLimiting;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Microsoft.AspNetCore.RateLimiting;
using Platform.BuildingBlocks.Security;

namespace Platform.Gateway.Edge;

/// <summary>A token bucket: a burst of <see cref="TokenLimit"/> calls, refilled by <see cref="TokensPerPeriod"/> each period.</summary>
public sealed class BucketSettings
{
    public int TokenLimit { get; init; }
    public int TokensPerPeriod { get; init; }
    public TimeSpan ReplenishmentPeriod { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>Configuration section <c>Gateway:RateLimits</c>.</summary>
public sealed class RateLimitSettings
{
    public BucketSettings PerCaller { get; init; } = new() { TokenLimit = 200, TokensPerPeriod = 100 };
    public BucketSettings PerAgency { get; init; } = new() { TokenLimit = 2000, TokensPerPeriod = 1000 };
}

/// <summary>
/// Every authenticated call spends a token from its caller's bucket and from its agency's, so one
/// runaway client cannot starve its colleagues and one agency's systems cannot starve the others.
/// Over either limit: RESOURCE_EXHAUSTED (gRPC, with a google.rpc.RetryInfo) or 429 (HTTP), and a
/// retry-after header in both. Unauthenticated requests never get this far (authorization refuses
/// them first), and probes and token requests are anonymous, so they are never throttled.
/// </summary>
public static class RateLimits
{
    public static WebApplicationBuilder AddGatewayRateLimits(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Gateway:RateLimits").Get<RateLimitSettings>() ?? new RateLimitSettings();
        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                Partitioned(context => Claim(context, PlatformClaims.Agency), settings.PerAgency),
                Partitioned(context => Claim(context, PlatformClaims.Subject) is { } subject
                    ? $"{Claim(context, PlatformClaims.Agency)}/{subject}" : null, settings.PerCaller));
            options.OnRejected = (rejected, _) => new ValueTask(RejectAsync(rejected, settings));
        });
        return builder;
    }

    private static PartitionedRateLimiter<HttpContext> Partitioned(Func<HttpContext, string?> key, BucketSettings bucket) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context => key(context) is { } partition
            ? RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = bucket.TokenLimit, TokensPerPeriod = bucket.TokensPerPeriod,
                ReplenishmentPeriod = bucket.ReplenishmentPeriod, QueueLimit = 0, AutoReplenishment = true,
            })
            : RateLimitPartition.GetNoLimiter(""));

    private static string? Claim(HttpContext context, string type) =>
        context.User.Identity?.IsAuthenticated == true ? context.User.FindFirst(type)?.Value : null;

    private static Task RejectAsync(OnRejectedContext rejected, RateLimitSettings settings)
    {
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero
            ? after : settings.PerCaller.ReplenishmentPeriod;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return ErrorResponses.WriteAsync(rejected.HttpContext, Code.ResourceExhausted, StatusCodes.Status429TooManyRequests,
            $"Too many requests from your account or agency: retry after {seconds} s.",
            new RetryInfo { RetryDelay = Duration.FromTimeSpan(TimeSpan.FromSeconds(seconds)) });
    }
}
