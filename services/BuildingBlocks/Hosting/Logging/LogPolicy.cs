namespace Platform.BuildingBlocks.Hosting.Logging;

/// <summary>
/// Which values an entry may carry. The frameworks that read requests (ASP.NET Core, Kestrel, gRPC,
/// JSON transcoding, YARP) put what a caller sent into their entries: paths, query strings, header
/// values, the detail of a status (a rejected enum value, an identifier in a conflict), a parser's
/// complaint. From those categories only values the server itself decides are kept; text from
/// anywhere else is withheld. The platform's own entries carry ids and outcomes by rule, so they
/// keep their values, capped.
/// </summary>
internal sealed class LogPolicy
{
    private static readonly string[] RequestFacingCategories = ["Microsoft.AspNetCore", "Grpc", "Yarp"];

    /// <summary>Text values of request-facing entries that the server, not the caller, decides.</summary>
    private static readonly HashSet<string> ServerDecidedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "StatusCode", "ServiceMethod", "Protocol", "Scheme", "ConnectionId", "RequestId", "TraceIdentifier",
        "EndpointName", "MessageType", "AuthenticationScheme", "HealthStatus", "SpanId", "TraceId", "ParentId",
    };

    private LogPolicy(bool requestFacing) => RequestFacing = requestFacing;

    public static LogPolicy Platform { get; } = new(requestFacing: false);

    public static LogPolicy Requests { get; } = new(requestFacing: true);

    /// <summary>Entries whose text values are withheld unless the server decided them.</summary>
    public bool RequestFacing { get; }

    public static LogPolicy For(string category) =>
        RequestFacingCategories.Any(prefix => category.StartsWith(prefix, StringComparison.Ordinal)
            && (category.Length == prefix.Length || category[prefix.Length] == '.'))
            ? Requests
            : Platform;

    /// <summary>The value to log under <paramref name="name"/>, or whether it is withheld.</summary>
    public (bool Kept, object? Value) Keep(string name, object? value)
    {
        if (value is null or bool or Enum or TimeSpan || IsNumber(value))
        {
            return (true, value);
        }
        if (RequestFacing && !ServerDecidedNames.Contains(name))
        {
            return (false, null);
        }
        return (true, LogLimits.Cap(LogTemplate.Format(value), LogLimits.ValueLength));
    }

    private static bool IsNumber(object value) =>
        value is byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal;
}
