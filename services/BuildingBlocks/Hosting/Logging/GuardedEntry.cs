using System.Collections;

namespace Platform.BuildingBlocks.Hosting.Logging;

/// <summary>
/// A log entry as it may be written: its message and values cut to <see cref="LogLimits"/>, values
/// withheld where the <see cref="LogPolicy"/> says so, and its exception without a message.
/// </summary>
internal sealed class GuardedEntry : IReadOnlyList<KeyValuePair<string, object?>>
{
    private const string OriginalFormat = "{OriginalFormat}";

    private readonly List<KeyValuePair<string, object?>> _values;

    private GuardedEntry(string message, List<KeyValuePair<string, object?>> values, Exception? exception)
    {
        Message = message;
        _values = values;
        Exception = exception;
    }

    public string Message { get; }

    public Exception? Exception { get; }

    public int Count => _values.Count;

    public KeyValuePair<string, object?> this[int index] => _values[index];

    public static GuardedEntry From<TState>(LogPolicy policy, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var original = state as IEnumerable<KeyValuePair<string, object?>>;
        var values = Guard(policy, original);
        var template = original?.FirstOrDefault(pair => pair.Key == OriginalFormat).Value as string;
        string message;
        if (!policy.RequestFacing)
        {
            message = LogLimits.Cap(formatter(state, exception) ?? "", LogLimits.MessageLength);
        }
        else if (template is not null)
        {
            var byName = values.Where(pair => !ReferenceEquals(pair.Value, LogLimits.Withheld))
                .GroupBy(pair => pair.Key, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.First().Value, StringComparer.Ordinal);
            message = LogTemplate.Render(template, name => (byName.TryGetValue(name, out var value), value));
        }
        else
        {
            message = LogLimits.Withheld;
        }
        if (template is not null)
        {
            values.Add(new(OriginalFormat, template));
        }
        return new GuardedEntry(message, values, exception is null ? null : new WithheldException(exception));
    }

    /// <summary>The values of an entry or a scope that may be written, at most <see cref="LogLimits.Values"/>.</summary>
    public static List<KeyValuePair<string, object?>> Guard(LogPolicy policy, IEnumerable<KeyValuePair<string, object?>>? values)
    {
        var kept = new List<KeyValuePair<string, object?>>();
        foreach (var (key, value) in values ?? [])
        {
            if (key == OriginalFormat)
            {
                continue;
            }
            if (kept.Count == LogLimits.Values)
            {
                break;
            }
            var (keep, guarded) = policy.Keep(key, value);
            kept.Add(new(key, keep ? guarded : LogLimits.Withheld));
        }
        return kept;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Message;
}
