using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.BuildingBlocks.Hosting.Logging;

public static class PlatformLogging
{
    /// <summary>
    /// Levels every host starts from, below its appsettings and environment (which may still turn a
    /// category up): the framework's lines per request (request started and finished, endpoint
    /// executing and executed) are noise at Information, so a read writes nothing and a write only
    /// what its handler says, whether or not a host has appsettings of its own.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> DefaultLevels = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };

    /// <summary>
    /// Structured JSON logs on the console, every entry guarded: no value a caller sent reaches a
    /// log at any level, no exception message is written, and no entry outgrows <see cref="LogLimits"/>.
    /// </summary>
    public static ILoggingBuilder AddPlatformLogging(this ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddJsonConsole(options => options.IncludeScopes = true);
        logging.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(provider => new GuardedLoggerFactory(new LoggerFactory(
            provider.GetServices<ILoggerProvider>(),
            provider.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            provider.GetService<IOptions<LoggerFactoryOptions>>(),
            provider.GetService<IExternalScopeProvider>()))));
        return logging;
    }
}
