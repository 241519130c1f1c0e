using System.Data.Common;
using System.Net.Sockets;
using System.Text;
using Grpc.Core;
using Platform.BuildingBlocks.Data;

namespace Platform.BuildingBlocks.Hosting.Logging;

/// <summary>
/// Stands in for an exception in a log entry: its type, error code and stack trace, and those of
/// its inner exceptions, but no message. Messages quote what they failed on: a JSON parser the value
/// it rejected, SQL Server the duplicate key or the truncated text, a conversion the input.
/// </summary>
public sealed class WithheldException : Exception
{
    private const string NoMessage = "[message withheld]";
    private const int InnerExceptions = 4;

    private readonly string _text;

    public WithheldException(Exception original)
        : base(NoMessage)
    {
        ArgumentNullException.ThrowIfNull(original);
        OriginalType = original.GetType();
        var text = new StringBuilder();
        Describe(text, original);
        _text = LogLimits.Cap(text.ToString(), LogLimits.ExceptionLength);
    }

    public Type OriginalType { get; }

    public override string ToString() => _text;

    private static void Describe(StringBuilder text, Exception exception)
    {
        text.Append(exception.GetType().FullName).Append(Code(exception)).Append(": ").Append(NoMessage);
        var inner = exception is AggregateException aggregate ? aggregate.InnerExceptions.Take(InnerExceptions)
            : exception.InnerException is { } one ? [one] : [];
        foreach (var cause in inner)
        {
            text.Append(Environment.NewLine).Append(" ---> ");
            Describe(text, cause);
            text.Append(Environment.NewLine).Append("   --- End of inner exception stack trace ---");
        }
        if (exception.StackTrace is { } stack)
        {
            text.Append(Environment.NewLine).Append(stack);
        }
    }

    /// <summary>What failed, as the code of the component that failed, never its text.</summary>
    private static string Code(Exception exception) => exception switch
    {
        DbException db => $" ({DbErrors.Describe(db)})",
        RpcException rpc => $" (status {rpc.StatusCode})",
        SocketException socket => $" ({socket.SocketErrorCode})",
        _ => "",
    };
}
