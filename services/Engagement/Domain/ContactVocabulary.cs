namespace Platform.Engagement.Domain;

/// <summary>The words contacts and chronology entries are stored and exported with.</summary>
public static class ContactVocabulary
{
    public const string Made = "made";
    public const string Attempted = "attempted";
    public const string Declined = "declined";

    public static ContactOutcome Outcome(string word) => word switch
    {
        Made => ContactOutcome.Made,
        Attempted => ContactOutcome.Attempted,
        Declined => ContactOutcome.Declined,
        _ => throw new ArgumentOutOfRangeException(nameof(word), word, "not a contact outcome"),
    };
}

/// <summary>The kinds of chronology entry, as stored.</summary>
public static class EntryKinds
{
    public const string Contact = "contact";
    public const string Move = "move";
    public const string InvolvementStarted = "involvement-started";
    public const string InvolvementEnded = "involvement-ended";
    public const string Relationship = "relationship";
    public const string RiskChanged = "risk-changed";
    public const string Offer = "offer";
    public const string Tenancy = "tenancy";
    public const string Disengagement = "disengagement";
    public const string Handover = "handover";
    public const string OutreachRequested = "outreach-requested";
    public const string Safeguarding = "safeguarding";
}

/// <summary>
/// Who an entry is by when no one agency's caller made it: every entry names one, so a review panel
/// always knows where a fact came from.
/// </summary>
public static class EntryAgencies
{
    /// <summary>The platform's own rule found it (e.g. disengagement from her contacts).</summary>
    public const string Platform = "platform";

    /// <summary>Made by an agency named on her confidential address: which one would point to where she is.</summary>
    public const string Withheld = "withheld (confidential address)";
}
