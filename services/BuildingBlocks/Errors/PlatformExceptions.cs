namespace Platform.BuildingBlocks.Errors;

/// <summary>
/// What a handler throws when the caller, not the code, is at fault. The error mapping turns each
/// into its gRPC status; anything else is a defect and becomes INTERNAL with no detail.
/// </summary>
public abstract class PlatformException(string message) : Exception(message);

/// <summary>One or more fields were invalid (INVALID_ARGUMENT with a BadRequest naming each).</summary>
public sealed class InvalidArgumentException(IReadOnlyList<FieldViolation> violations)
    : PlatformException(string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")))
{
    public IReadOnlyList<FieldViolation> Violations { get; } = violations;

    public InvalidArgumentException(string field, string description) : this([new FieldViolation(field, description)])
    {
    }
}

public sealed record FieldViolation(string Field, string Description);

public sealed class NotFoundException(string what, string id) : PlatformException($"{what} '{id}' was not found.");

/// <summary>The record changed since the caller read it (ABORTED): read again and reapply.</summary>
public sealed class StaleVersionException(string what, string id, long expected, long actual)
    : PlatformException($"{what} '{id}' is at version {actual}, not {expected}: read it again and reapply the change.");

/// <summary>The request is well formed but the record's state does not allow it (FAILED_PRECONDITION).</summary>
public sealed class PreconditionFailedException(string message) : PlatformException(message);

/// <summary>The thing already exists (ALREADY_EXISTS), e.g. an identifier another person holds.</summary>
public sealed class AlreadyExistsException(string message) : PlatformException(message);

public sealed class PermissionDeniedException(string message) : PlatformException(message);

/// <summary>A service the call depends on did not answer (UNAVAILABLE): nothing was done; retry later.</summary>
public sealed class ServiceUnavailableException(string message) : PlatformException(message);

/// <summary>
/// The request's bytes are not the method's protobuf message, or not gRPC framing at all
/// (INVALID_ARGUMENT). The answer names no byte of it.
/// </summary>
public sealed class UnreadableRequestException() : PlatformException(Description)
{
    public const string Description = "The request is not a well-formed gRPC message for this method.";
}
