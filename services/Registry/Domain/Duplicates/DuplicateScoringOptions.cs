namespace Platform.Registry.Domain.Duplicates;

/// <summary>Tuning for <see cref="DuplicateScorer"/>; every value is between 0 and 1.</summary>
public sealed class DuplicateScoringOptions
{
    /// <summary>Contribution of a shared NHS number or agency identifier.</summary>
    public double IdentifierWeight { get; set; } = 0.5;

    /// <summary>Contribution of an agreeing name.</summary>
    public double NameWeight { get; set; } = 0.3;

    /// <summary>Contribution of the same full date of birth; a merely compatible partial date earns half.</summary>
    public double DateOfBirthWeight { get; set; } = 0.2;

    /// <summary>
    /// Contribution of the same current address. Supporting evidence only: people who live together
    /// share it, so it never makes a kind of its own (see <see cref="DuplicateScorer"/>).
    /// </summary>
    public double AddressWeight { get; set; } = 0.1;

    /// <summary>Token-set Jaro-Winkler similarity at which two names count as agreeing.</summary>
    public double NameThreshold { get; set; } = 0.88;

    /// <summary>Score at which a pair is a likely duplicate even with only one kind of evidence.</summary>
    public double Threshold { get; set; } = 0.6;

    /// <summary>
    /// Least Jaro-Winkler similarity two words need for a shared phonetic key to
    /// count. Metaphone ignores vowels after the first letter, so John and Jane
    /// share a key, and twins with such names would otherwise look like one person.
    /// The cost is that short variants such as Leigh and Lee (0.69) need other evidence.
    /// </summary>
    public double PhoneticMinimumSimilarity { get; set; } = 0.7;

    /// <summary>Highest score a pair with different NHS numbers can get.</summary>
    public double ConflictingNhsNumberScoreCap { get; set; } = 0.1;
}
