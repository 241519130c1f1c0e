using Grpc.Core;
using Platform.BuildingBlocks.Errors;

namespace Platform.BuildingBlocks.Security;

/// <summary>
/// The reason a caller gives to open a record without a legitimate relationship. It opens one
/// person, in a call about that person alone: a batch, a search or a list would stretch one reason
/// over everyone it returns.
/// </summary>
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

    /// <summary>
    /// For a call about many people: a break-glass reason sent with it is the caller's INVALID_ARGUMENT,
    /// naming the header, rather than being applied to all of them or silently ignored.
    /// </summary>
    public static void RefuseForManyPeople(ServerCallContext call)
    {
        if (call.RequestHeaders.Get(Header) is not null)
        {
            throw new InvalidArgumentException(Header,
                "is not accepted on a call about many people: break-glass opens one person at a time. " +
                "Open each person on their own (e.g. GetPerson), with the reason for that person.");
        }
    }
}
