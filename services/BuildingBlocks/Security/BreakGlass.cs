using Grpc.Core;
using Platform.BuildingBlocks.Errors;

namespace Platform.BuildingBlocks.Security;

/// <summary>The reason a caller gives to open a record without a legitimate relationship.</summary>
public static class BreakGlass
{
    public const string Header = "x-break-glass-reason";

    public const int MaximumReasonLength = 500;

    /// <summary>The reason sent with the call, if any; too long a reason is the caller's INVALID_ARGUMENT.</summary>
    public static string? Reason(ServerCallContext call)
    {
        var reason = call.RequestHeaders.GetValue(Header);
        if (reason is { Length: > MaximumReasonLength })
        {
            throw new InvalidArgumentException(Header, $"must be at most {MaximumReasonLength} characters");
        }
        return reason;
    }
}
