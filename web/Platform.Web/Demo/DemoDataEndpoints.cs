using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.Web.Demo;

/// <summary>
/// <c>POST /demo-data</c> (a form with its anti-forgery token, from the first screen) starts loading
/// the demo data set in the background; the first screen shows how it went. Mapped only with the
/// Development sign-in, so it does not exist in Production.
/// </summary>
public static class DemoDataEndpoints
{
    public static IServiceCollection AddDemoData(this IServiceCollection services)
    {
        services.AddSingleton<DemoLoader>();
        services.AddSingleton<DemoDataStatus>();
        return services;
    }

    public static void MapDemoData(this IEndpointRouteBuilder endpoints, WebOptions options)
    {
        if (!options.DevelopmentSignIn)
        {
            return;
        }
        endpoints.MapPost("/demo-data", (DemoDataStatus status, DemoLoader loader, IHostApplicationLifetime lifetime, ILogger<DemoLoader> logger) =>
        {
            status.Start(() => loader.LoadAsync(lifetime.ApplicationStopping), logger);
            return Results.LocalRedirect("/#demo-data");
        }).DisableAntiforgery().AddEndpointFilter(async (context, next) =>
        {
            // The form's anti-forgery token, checked here because the endpoint binds no form field itself.
            var antiforgery = context.HttpContext.RequestServices.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context.HttpContext))
            {
                return Results.BadRequest();
            }
            return await next(context);
        });
    }
}

/// <summary>Whether the demo data set is loaded, loading, or failed, for the first screen (one load at a time).</summary>
public sealed class DemoDataStatus
{
    private readonly Lock _gate = new();

    public DemoDataState State { get; private set; } = DemoDataState.Unknown;

    public DemoLoadReport? Report { get; private set; }

    public void Known(bool loaded)
    {
        lock (_gate)
        {
            if (State is DemoDataState.Unknown or DemoDataState.NotLoaded or DemoDataState.Loaded)
            {
                State = loaded ? DemoDataState.Loaded : DemoDataState.NotLoaded;
            }
        }
    }

    public void Start(Func<Task<DemoLoadReport>> load, ILogger logger)
    {
        lock (_gate)
        {
            if (State == DemoDataState.Loading)
            {
                return;
            }
            State = DemoDataState.Loading;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                var report = await load();
                lock (_gate)
                {
                    (State, Report) = (DemoDataState.Loaded, report);
                }
            }
            catch (Exception error)
            {
                logger.LogError(error, "The demo data set did not load");
                lock (_gate)
                {
                    State = DemoDataState.Failed;
                }
            }
        });
    }
}

public enum DemoDataState
{
    Unknown,
    NotLoaded,
    Loading,
    Loaded,
    Failed,
}
