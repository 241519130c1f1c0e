namespace Platform.Safeguarding.Worklists;

/// <summary>
/// The parameters every work source binds: the scope's agency or area, the instant, and the keyset
/// position to continue after (the start of time and an empty id for the first page).
/// </summary>
internal sealed class WorkQuery
{
    private static readonly DateTimeOffset Start = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public string? Agency { get; init; }
    public string? Area { get; init; }
    public DateTimeOffset Now { get; init; }
    public DateTimeOffset AfterDue { get; init; }
    public string AfterId { get; init; } = "";
    public int Limit { get; init; }

    /// <summary>True for an agency's own work; false for an area's.</summary>
    public bool ByAgency => Agency is not null;

    public static WorkQuery Of(WorkScope scope, DateTimeOffset now, WorkPosition? after, int limit)
    {
        if (scope.Agency is null && scope.Area is null)
        {
            throw new ArgumentException("A work scope names an agency or an area.", nameof(scope));
        }
        return new WorkQuery
        {
            Agency = scope.Agency, Area = scope.Area, Now = now, AfterDue = after?.DueAt ?? Start, AfterId = after?.RecordId ?? "",
            Limit = Math.Max(0, limit),
        };
    }
}
