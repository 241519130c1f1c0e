using Google.Rpc;
using Grpc.Core;

namespace Platform.Web.PlatformApi;

/// <summary>One thing the platform said was wrong with a field, in the platform's words.</summary>
public sealed record FieldProblem(string Field, string Message);

/// <summary>
/// What went wrong with a call, as a person reads it: the status, the platform's message, and each
/// field violation of a BadRequest (INVALID_ARGUMENT).
/// </summary>
public sealed record CallProblem(StatusCode Code, string Message, IReadOnlyList<FieldProblem> Fields)
{
    public static CallProblem From(RpcException exception)
    {
        var status = exception.GetRpcStatus();
        var fields = status?.GetDetail<BadRequest>()?.FieldViolations
            .Select(v => new FieldProblem(v.Field, v.Description)).ToList() ?? [];
        return new CallProblem(exception.StatusCode, status?.Message ?? exception.Status.Detail, fields);
    }

    public static CallProblem Invalid(params FieldProblem[] fields) =>
        new(StatusCode.InvalidArgument, "Some answers need changing.", fields);

    public bool IsInvalid => Code == StatusCode.InvalidArgument;

    /// <summary>The messages about one field (the platform names nested fields by path, e.g. details.nhs_number).</summary>
    public IEnumerable<string> For(string field) =>
        Fields.Where(f => string.Equals(f.Field, field, StringComparison.Ordinal)).Select(f => f.Message);

    /// <summary>The status as a page title a person understands.</summary>
    public string Title => Code switch
    {
        StatusCode.InvalidArgument => "There is a problem",
        StatusCode.PermissionDenied => "You do not have access to this record",
        StatusCode.NotFound => "Not found",
        StatusCode.Aborted => "Someone else changed this record",
        StatusCode.FailedPrecondition => "This cannot be done now",
        StatusCode.AlreadyExists => "This is already recorded",
        StatusCode.Unauthenticated => "Your session has ended",
        StatusCode.ResourceExhausted => "Too many requests",
        StatusCode.Unavailable or StatusCode.DeadlineExceeded => "The platform cannot be reached",
        _ => "Something went wrong",
    };

    /// <summary>The HTTP status a page about this problem is sent with.</summary>
    public int HttpStatus => Code switch
    {
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition => 400,
        StatusCode.PermissionDenied => 403,
        StatusCode.NotFound => 404,
        StatusCode.Aborted or StatusCode.AlreadyExists => 409,
        StatusCode.Unauthenticated => 401,
        StatusCode.ResourceExhausted => 429,
        StatusCode.Unavailable or StatusCode.DeadlineExceeded => 503,
        _ => 500,
    };
}
