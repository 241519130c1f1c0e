namespace Platform.Safeguarding.Worklists;

/// <summary><c>Safeguarding:Concerns</c>: when the work a concern makes is due.</summary>
public sealed class ConcernWorkOptions
{
    /// <summary>Days after a concern is raised by which the section 42 decision is due.</summary>
    public int DecisionDays { get; set; } = 2;

    /// <summary>
    /// Days a follow-up stays on the worklist after its date. Going back to her is recorded as a new
    /// concern, contact or assessment, none of which says which follow-up it answered; the follow-up
    /// leaves the list on its own rather than staying there for ever.
    /// </summary>
    public int FollowUpListedDays { get; set; } = 28;
}
