namespace Platform.Engagement.Data;

/// <summary>
/// One stored contact. Channel, outcome and themes are stored as words ("phone", "made",
/// "housing,alcohol") so that the table reads plainly in a review; others present as registry ids.
/// </summary>
public sealed class ContactRow
{
    public string ContactId { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string Agency { get; set; } = "";
    public string? Worker { get; set; }
    public DateTimeOffset ContactAt { get; set; }
    public string Channel { get; set; } = "";
    public string Outcome { get; set; } = "";
    public string? Location { get; set; }
    public int? DurationMinutes { get; set; }
    public bool SeenAlone { get; set; }
    public string OthersPresent { get; set; } = "";
    public string? OthersPresentNote { get; set; }
    public string? PersonsWords { get; set; }
    public string? Note { get; set; }
    public string Themes { get; set; } = "";
    public bool Significant { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
    public string? SupersedesContactId { get; set; }
    public string? SupersededByContactId { get; set; }
    public string? AmendmentReason { get; set; }
    public string? SourceSystem { get; set; }
    public string? SourceId { get; set; }

    public IReadOnlyList<string> ThemeList => Split(Themes);

    public IReadOnlyList<string> OthersPresentList => Split(OthersPresent);

    public static string Join(IEnumerable<string> values) => string.Join(',', values);

    private static string[] Split(string values) => values.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
