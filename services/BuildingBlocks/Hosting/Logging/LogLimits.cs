namespace Platform.BuildingBlocks.Hosting.Logging;

/// <summary>
/// What one log entry may carry, whatever a caller sent: a request that fails to parse must not
/// turn into megabytes of log. A line stays under about 24 KB with every part at its limit.
/// </summary>
public static class LogLimits
{
    public const int MessageLength = 2_048;

    public const int ValueLength = 512;

    /// <summary>Structured values per entry or scope; a rare entry with more keeps the first.</summary>
    public const int Values = 24;

    /// <summary>An exception's types, codes and stack traces, inner exceptions included.</summary>
    public const int ExceptionLength = 8_192;

    public const string Withheld = "[withheld]";

    public static string Cap(string text, int length) =>
        text.Length <= length ? text : string.Concat(text.AsSpan(0, length), $"…[{text.Length - length} more characters]");
}
