using System.Collections;

namespace Platform.BuildingBlocks.Hosting.Logging;

/// <summary>
/// A scope's values as they may be written. ASP.NET Core's request scope carries the request path,
/// which can hold what a caller typed: it is withheld like any other request-facing value.
/// </summary>
internal sealed class GuardedScope(List<KeyValuePair<string, object?>> values) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => values.Count;

    public KeyValuePair<string, object?> this[int index] => values[index];

    /// <summary>The scope to push instead of <paramref name="state"/>, or null for none.</summary>
    public static object? From<TState>(LogPolicy policy, TState state) => state switch
    {
        IEnumerable<KeyValuePair<string, object?>> pairs => new GuardedScope(GuardedEntry.Guard(policy, pairs)),
        null => null,
        _ when policy.RequestFacing => null,
        _ => LogLimits.Cap(LogTemplate.Format(state), LogLimits.ValueLength),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(" ", values.Select(pair => $"{pair.Key}:{LogTemplate.Format(pair.Value)}"));
}
