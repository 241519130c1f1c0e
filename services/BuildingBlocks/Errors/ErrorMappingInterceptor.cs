using System.Data.Common;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Data;
using Status = Google.Rpc.Status;

namespace Platform.BuildingBlocks.Errors;

/// <summary>
/// The one mapping of errors to gRPC statuses. Messages name fields and rules, never personal data,
/// because they travel to logs and to other agencies' systems.
/// </summary>
public sealed class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        UnreadableRequests.MarkHandlerReached(context);
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        UnreadableRequests.MarkHandlerReached(context);
        try
        {
            return await continuation(new RequestStreamReader<TRequest>(requestStream), context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        UnreadableRequests.MarkHandlerReached(context);
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        UnreadableRequests.MarkHandlerReached(context);
        try
        {
            await continuation(new RequestStreamReader<TRequest>(requestStream), responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    private RpcException Map(Exception exception, ServerCallContext context)
    {
        if (exception is OperationCanceledException && context.CancellationToken.IsCancellationRequested)
        {
            return new RpcException(new Grpc.Core.Status(StatusCode.Cancelled, "The call was cancelled."));
        }
        var status = exception switch
        {
            InvalidArgumentException invalid => BadRequest(invalid),
            UnreadableRequestException => Simple(Code.InvalidArgument, exception.Message),
            NotFoundException => Simple(Code.NotFound, exception.Message),
            StaleVersionException => Simple(Code.Aborted, exception.Message),
            PreconditionFailedException => Simple(Code.FailedPrecondition, exception.Message),
            AlreadyExistsException => Simple(Code.AlreadyExists, exception.Message),
            PermissionDeniedException => Simple(Code.PermissionDenied, exception.Message),
            ServiceUnavailableException => Simple(Code.Unavailable, exception.Message),
            // A concurrent request won the race for a unique value the handler had checked was free.
            DbException db when DbErrors.IsUniqueViolation(db) =>
                Simple(Code.AlreadyExists, "Another request has just stored the same value; read again and retry if still needed."),
            DbException db when DbErrors.IsTransient(db) =>
                Simple(Code.Aborted, "The change conflicted with another made at the same time; nothing was stored. Retry it."),
            _ => null,
        };
        if (status is null)
        {
            logger.LogError(exception, "Unhandled error in {Method}", context.Method);
            status = Simple(Code.Internal, "An internal error occurred; it has been logged.");
        }
        return status.ToRpcException();
    }

    private static Status Simple(Code code, string message) => new() { Code = (int)code, Message = message };

    private static Status BadRequest(InvalidArgumentException invalid)
    {
        var details = new BadRequest();
        details.FieldViolations.AddRange(invalid.Violations.Select(v =>
            new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        return new Status
        {
            Code = (int)Code.InvalidArgument,
            Message = invalid.Message,
            Details = { Any.Pack(details) },
        };
    }
}
