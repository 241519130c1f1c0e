using Google.Protobuf;
using Grpc.Core;

namespace Platform.BuildingBlocks.Errors;

/// <summary>
/// A client stream as the handler reads it: a message that cannot be read (not the method's
/// protobuf, a truncated frame, a bad compression flag) is the caller's INVALID_ARGUMENT, where gRPC
/// would throw it into the handler as a defect.
/// </summary>
internal sealed class RequestStreamReader<T>(IAsyncStreamReader<T> inner) : IAsyncStreamReader<T>
{
    public T Current => inner.Current;

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        try
        {
            return await inner.MoveNext(cancellationToken);
        }
        catch (RpcException error) when (error.StatusCode is StatusCode.Internal or StatusCode.Unknown)
        {
            throw new UnreadableRequestException();
        }
        catch (Exception error) when (error is InvalidProtocolBufferException or InvalidDataException)
        {
            throw new UnreadableRequestException();
        }
    }
}
