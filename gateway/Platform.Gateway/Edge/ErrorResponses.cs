using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using HttpRequest = Microsoft.AspNetCore.Http.HttpRequest;
using Status = Google.Rpc.Status;

namespace Platform.Gateway.Edge;

/// <summary>
/// Refusals the gateway makes itself, in the form the caller speaks: a gRPC status (trailers-only,
/// with the google.rpc.Status details) for gRPC, or the HTTP status and the same Status as JSON,
/// as the services' JSON transcoding renders errors.
/// </summary>
public static class ErrorResponses
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithTypeRegistry(
        TypeRegistry.FromFiles(ErrorDetailsReflection.Descriptor)));

    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    public static Task WriteAsync(HttpContext context, Code code, int httpStatus, string message, params IMessage[] details)
    {
        var status = new Status { Code = (int)code, Message = message };
        status.Details.AddRange(details.Select(Any.Pack));
        var response = context.Response;
        if (IsGrpc(context.Request))
        {
            // Trailers-only: the status travels in the headers and the stream ends with them.
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/grpc";
            response.Headers["grpc-status"] = ((int)code).ToString(CultureInfo.InvariantCulture);
            response.Headers["grpc-message"] = Uri.EscapeDataString(message);
            response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray());
            return Task.CompletedTask;
        }
        response.StatusCode = httpStatus;
        response.ContentType = "application/json";
        return response.WriteAsync(Json.Format(status));
    }
}
