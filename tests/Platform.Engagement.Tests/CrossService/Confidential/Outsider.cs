using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Platform.BuildingBlocks.Security;
using Platform.Testing;

namespace Platform.Engagement.Tests.CrossService.Confidential;

/// <summary>
/// A caller outside the agencies a confidential address names, and what each call shows them: the
/// answer as JSON, or the error with every detail it carries. Whatever it is, it is text to search.
/// </summary>
public sealed record Outsider(string Kind, Identity Who, string? BreakGlassReason = null)
{
    public static IReadOnlyList<Outsider> All { get; } =
    [
        new("her former area's outreach team, involved with her", RefugeWorld.FormerOutreach),
        new("her former area's housing officer", RefugeWorld.FormerHousing),
        new("an agency of the refuge area the address does not name", Identity.SupportWorker("outreach-south", RefugeWorld.RefugeArea)),
        new("a housing officer of the refuge area", Identity.HousingOfficer("housing-south", RefugeWorld.RefugeArea)),
        new("an admin", new Identity(PlatformRoles.Admin, "platform-admin", RefugeWorld.RefugeArea, "admin@platform")),
        new("a partner system", new Identity(PlatformRoles.PartnerSystem, "police-avon", RefugeWorld.RefugeArea, "system@police-avon")),
        new("an auditor", Identity.Auditor("sab-audit", RefugeWorld.RefugeArea)),
        new("a stranger breaking glass", Identity.SupportWorker("police-devon", "E10000008"), "Immediate risk to life reported tonight"),
    ];

    public override string ToString() => Kind;

    /// <summary>The answer, or the status, detail and field violations of the refusal.</summary>
    public static Task<string> ShownAsync<T>(Func<AsyncUnaryCall<T>> call) where T : IMessage => ShownAsync(() => call().ResponseAsync);

    public static async Task<string> ShownAsync<T>(Func<Task<T>> call) where T : IMessage
    {
        try
        {
            var answer = await call();
            return answer is Google.Api.HttpBody body ? body.Data.ToStringUtf8() : JsonFormatter.Default.Format(answer);
        }
        catch (RpcException error)
        {
            var violations = error.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(v => $"{v.Field}: {v.Description}") ?? [];
            return $"{error.StatusCode}: {error.Status.Detail} {string.Join("; ", violations)}";
        }
    }

    /// <summary>For comparing two filters: the ids an answer lists, or the refusal.</summary>
    public static async Task<string> ListedAsync<T>(Func<AsyncUnaryCall<T>> call, Func<T, IEnumerable<string>> ids) where T : IMessage
    {
        try
        {
            return string.Join(",", ids(await call()).Order(StringComparer.Ordinal));
        }
        catch (RpcException error)
        {
            return $"{error.StatusCode}: {error.Status.Detail}";
        }
    }
}
