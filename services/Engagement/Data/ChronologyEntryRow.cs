namespace Platform.Engagement.Data;

/// <summary>One entry of a person's chronology: a contact, or a fact another service reported.</summary>
public sealed class ChronologyEntryRow
{
    public string EntryId { get; set; } = "";
    public string PersonId { get; set; } = "";
    public DateTimeOffset OccurredAt { get; set; }
    public string Kind { get; set; } = "";
    public string? Agency { get; set; }
    public string Summary { get; set; } = "";
    public string? Detail { get; set; }
    /// <summary>Comma-separated theme words.</summary>
    public string Themes { get; set; } = "";
    public bool Significant { get; set; }
    public string? ContactId { get; set; }
    public bool Superseded { get; set; }

    public IReadOnlyList<string> ThemeList => Themes.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
