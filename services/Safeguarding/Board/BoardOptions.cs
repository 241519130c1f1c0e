namespace Platform.Safeguarding.Board;

/// <summary><c>Safeguarding:Board</c>.</summary>
public sealed class BoardOptions
{
    /// <summary>
    /// The month a reporting year starts in. The Safeguarding Adults Collection reports the year from
    /// 1 April to 31 March (4); a board that reports by calendar year sets 1. Year 2025 is the
    /// reporting year that starts in 2025. Boundaries are midnight UTC.
    /// </summary>
    public int YearStartMonth { get; set; } = 4;
}
