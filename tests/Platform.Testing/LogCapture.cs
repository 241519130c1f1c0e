using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Platform.Testing;

/// <summary>
/// Every log entry a host writes, at every level, as a provider receives it: category, message,
/// each structured value, each scope and the exception's text. What a test finds here is what the
/// console (or any other provider) would have written.
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Entries => _entries.ToList();

    /// <summary>Characters written so far: what a request added to the log is the difference.</summary>
    public long Length => _entries.Sum(entry => (long)entry.Length);

    public IReadOnlyList<string> Containing(string text) =>
        _entries.Where(entry => entry.Contains(text, StringComparison.OrdinalIgnoreCase)).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var entry = new StringBuilder($"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    entry.Append($" | {key}={value}");
                }
            }
            capture._scopes.ForEachScope((scope, text) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (key, value) in pairs)
                    {
                        text.Append($" | scope {key}={value}");
                    }
                }
                text.Append($" | scope {scope}");
            }, entry);
            if (exception is not null)
            {
                entry.AppendLine().Append(exception);
            }
            capture._entries.Enqueue(entry.ToString());
        }
    }
}
