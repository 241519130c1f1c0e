using System.Reflection;
using MassTransit;

namespace Platform.BuildingBlocks.Tests.Support;

/// <summary>
/// A consume context carrying only a message, its id and a cancellation token: enough to call a
/// consumer directly, without a bus, and see exactly what one delivery does.
/// </summary>
public static class StubConsumeContext
{
    public static ConsumeContext<T> For<T>(T message, Guid? messageId) where T : class
    {
        var context = DispatchProxy.Create<ConsumeContext<T>, Proxy>();
        ((Proxy)(object)context).Values = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["get_Message"] = message,
            ["get_MessageId"] = messageId,
            ["get_CancellationToken"] = CancellationToken.None,
        };
        return context;
    }

    public class Proxy : DispatchProxy
    {
        internal IReadOnlyDictionary<string, object?> Values { get; set; } = new Dictionary<string, object?>();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod is not null && Values.TryGetValue(targetMethod.Name, out var value)
                ? value
                : throw new NotSupportedException($"The stub consume context has no {targetMethod?.Name}.");
    }
}
