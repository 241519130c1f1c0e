namespace Platform.Safeguarding.Plans;

/// <summary><c>Safeguarding:Plans</c>.</summary>
public sealed class PlanOptions
{
    /// <summary>How often the overdue check runs (on the injected clock).</summary>
    public TimeSpan OverdueCheckInterval { get; set; } = TimeSpan.FromMinutes(15);
}
