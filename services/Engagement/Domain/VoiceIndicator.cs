namespace Platform.Engagement.Domain;

/// <summary>
/// The person's own voice: of the successful contacts in the window, the share at which they were
/// seen alone. A low share is the pattern the review found (another person spoke for him), so the
/// summary shows it rather than leaving it to be noticed.
/// </summary>
public static class VoiceIndicator
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(90);

    public static (int Successful, double? SeenAloneShare) SeenAloneShare(
        IEnumerable<ContactFact> contacts, DateTimeOffset now, TimeSpan window)
    {
        var from = now - window;
        var inWindow = contacts.Where(c => c.Outcome == ContactOutcome.Made && c.At > from && c.At <= now).ToList();
        return inWindow.Count == 0
            ? (0, null)
            : (inWindow.Count, (double)inWindow.Count(c => c.SeenAlone) / inWindow.Count);
    }
}
