using Microsoft.Extensions.Logging;

namespace Platform.BuildingBlocks.Hosting.Logging;

/// <summary>Hands every entry and scope to the real logger only as <see cref="GuardedEntry"/> allows.</summary>
internal sealed class GuardedLogger(ILogger inner, LogPolicy policy) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull =>
        GuardedScope.From(policy, state) is { } scope ? inner.BeginScope(scope) : null;

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }
        var entry = GuardedEntry.From(policy, state, exception, formatter);
        inner.Log(logLevel, eventId, entry, entry.Exception, static (guarded, _) => guarded.Message);
    }
}

/// <summary>
/// The host's logger factory, wrapped so that every logger it creates is guarded, whatever the
/// provider (the JSON console, a test's capture, any added later).
/// </summary>
internal sealed class GuardedLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new GuardedLogger(inner.CreateLogger(categoryName), LogPolicy.For(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}
