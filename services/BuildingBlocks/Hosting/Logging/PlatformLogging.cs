using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.BuildingBlocks.Hosting.Logging;

public static class PlatformLogging
{
    /// <summary>
    /// Structured JSON logs on the console, every entry guarded: no value a caller sent reaches a
    /// log at any level, no exception message is written, and no entry outgrows <see cref="LogLimits"/>.
    /// </summary>
    public static ILoggingBuilder AddPlatformLogging(this ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddJsonConsole(options => options.IncludeScopes = true);
        // One line per request at Information is noise; its path and query are withheld in any case.
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        logging.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(provider => new GuardedLoggerFactory(new LoggerFactory(
            provider.GetServices<ILoggerProvider>(),
            provider.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            provider.GetService<IOptions<LoggerFactoryOptions>>(),
            provider.GetService<IExternalScopeProvider>()))));
        return logging;
    }
}
