using Google.Rpc;
using Grpc.Core;

namespace Platform.Testing;

/// <summary>Assertions on the status a call ends with, for every service's tests.</summary>
public static class Rpc
{
    /// <summary>Asserts that the call fails with <paramref name="code"/> and returns the error.</summary>
    public static async Task<RpcException> FailsWith<T>(StatusCode code, Func<AsyncUnaryCall<T>> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => call().ResponseAsync);
        Assert.True(code == error.StatusCode, $"expected {code}, got {error.StatusCode}: {error.Status.Detail}");
        return error;
    }

    /// <summary>
    /// Asserts that the call fails with INVALID_ARGUMENT whose google.rpc.BadRequest names
    /// <paramref name="field"/>, and returns every field named.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RejectsField<T>(string field, Func<AsyncUnaryCall<T>> call)
    {
        var error = await FailsWith(StatusCode.InvalidArgument, call);
        var fields = ViolatedFields(error);
        Assert.True(fields.Contains(field), $"expected a violation of '{field}', got: {string.Join(", ", fields)}");
        return fields;
    }

    public static IReadOnlyList<string> ViolatedFields(RpcException error)
    {
        var status = error.GetRpcStatus();
        Assert.NotNull(status);
        var badRequest = status.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        return badRequest.FieldViolations.Select(v => v.Field).ToList();
    }
}
