namespace Platform.Housing.Domain;

public enum DeclineConsequence
{
    /// <summary>Recorded, nothing else.</summary>
    None,
    /// <summary>The placement is not suggested to her again for <see cref="DeclineReason.ParkDays"/> days.</summary>
    Park,
    /// <summary>She could not be reached: raise an assertive-outreach alert instead of letting the offer lapse.</summary>
    AssertiveOutreach,
    /// <summary>The provider turned her down: the reason is kept for the provider's record.</summary>
    ProviderRecord,
}

public sealed class DeclineReason
{
    public DeclineConsequence Consequence { get; set; }
    public int ParkDays { get; set; }
    public string Description { get; set; } = "";
}

/// <summary>Offers and holds (configuration <c>Housing:Offers</c>).</summary>
public sealed class OfferPolicy
{
    public int DefaultHoldHours { get; set; } = 72;
    public int MaxHoldDays { get; set; } = 28;
    public int SweepSeconds { get; set; } = 60;

    /// <summary>Reason code → consequence. Configuration adds codes or changes these.</summary>
    public Dictionary<string, DeclineReason> DeclineReasons { get; init; } = new(StringComparer.Ordinal)
    {
        ["person-declined"] = new() { Consequence = DeclineConsequence.Park, ParkDays = 60, Description = "She turned the placement down" },
        ["unable-to-contact"] = new() { Consequence = DeclineConsequence.AssertiveOutreach, Description = "Nobody could reach her about the offer" },
        ["provider-declined"] = new() { Consequence = DeclineConsequence.ProviderRecord, Description = "The provider turned the referral down" },
        ["placement-unsuitable"] = new() { Consequence = DeclineConsequence.None, Description = "The placement proved unsuitable on viewing" },
        ["no-longer-needed"] = new() { Consequence = DeclineConsequence.None, Description = "She no longer needs the placement" },
    };
}
