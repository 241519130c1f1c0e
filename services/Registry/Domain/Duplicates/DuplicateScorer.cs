namespace Platform.Registry.Domain.Duplicates;

/// <summary>
/// Decides how likely it is that two person records describe the same person.
/// </summary>
/// <remarks>
/// Follows the person-registry practice of accepting a match when two of three
/// kinds of evidence agree: an identifier, the name, and the date of birth.
/// <list type="bullet">
/// <item><b>Identifier</b> (weight <see cref="DuplicateScoringOptions.IdentifierWeight"/>):
/// the same NHS number, or the same value for the same agency.</item>
/// <item><b>Name</b> (weight <see cref="DuplicateScoringOptions.NameWeight"/>): the best
/// agreement between any name of one record and any name of the other, whatever its
/// type (usual, alias, maiden, nickname). In falling order of strength: the same
/// normalised words; every word sounding alike (same phonetic key) or differing by
/// one swapped pair of letters; or token-set Jaro-Winkler similarity of at least
/// <see cref="DuplicateScoringOptions.NameThreshold"/>. Names need at least two
/// words each to count.</item>
/// <item><b>Date of birth</b> (weight <see cref="DuplicateScoringOptions.DateOfBirthWeight"/>):
/// the same full date counts in full; a partial date compatible with the other
/// (1984 against 1984-03-07) counts half, because many people share a birth year.</item>
/// <item><b>Address</b> (weight <see cref="DuplicateScoringOptions.AddressWeight"/>):
/// the same postcode and first line (<see cref="AddressKey"/>). Supporting
/// evidence only: a household shares it, twins included.</item>
/// </list>
/// The score is the sum of the weights of the evidence that agrees. A pair is a
/// likely duplicate when at least two kinds agree in full, or when the score
/// reaches <see cref="DuplicateScoringOptions.Threshold"/>, or when the name, a
/// compatible date of birth (a year will do) and the address all agree: the
/// same person registered again by someone who knew only her year of birth.
/// A parent and child of the same name at one address differ in their dates.
/// <para>
/// Two valid, different NHS numbers are strong evidence against: the NHS issues one
/// per person, and twins (same surname and birth date, often similar forenames) are
/// the commonest false match. Such a pair is never a likely duplicate and its score
/// is capped at <see cref="DuplicateScoringOptions.ConflictingNhsNumberScoreCap"/>.
/// NHS numbers that fail the check digit or repeat one digit (0000000000, a common
/// placeholder that passes the check) are ignored rather than compared.
/// </para>
/// </remarks>
public sealed class DuplicateScorer
{
    private readonly DuplicateScoringOptions _options;

    public DuplicateScorer(DuplicateScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequireFraction(options.IdentifierWeight, nameof(options.IdentifierWeight));
        RequireFraction(options.NameWeight, nameof(options.NameWeight));
        RequireFraction(options.DateOfBirthWeight, nameof(options.DateOfBirthWeight));
        RequireFraction(options.AddressWeight, nameof(options.AddressWeight));
        RequireFraction(options.NameThreshold, nameof(options.NameThreshold));
        RequireFraction(options.Threshold, nameof(options.Threshold));
        RequireFraction(options.PhoneticMinimumSimilarity, nameof(options.PhoneticMinimumSimilarity));
        RequireFraction(options.ConflictingNhsNumberScoreCap, nameof(options.ConflictingNhsNumberScoreCap));
        _options = options;
    }

    public DuplicateScore Score(PersonFacts incoming, PersonFacts existing)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(existing);

        var reasons = new List<string>(4);
        var score = 0.0;
        var kindsAgreeing = 0;

        var nhs = CompareNhsNumbers(incoming.NhsNumber, existing.NhsNumber);
        if (nhs == NhsComparison.Different)
        {
            reasons.Add("different NHS numbers");
        }
        else if (nhs == NhsComparison.Same)
        {
            reasons.Add("same NHS number");
        }

        var sharedAgencies = SharedIdentifierAgencies(incoming.Identifiers, existing.Identifiers);
        foreach (var agency in sharedAgencies)
        {
            reasons.Add($"same {agency} identifier");
        }

        if (nhs == NhsComparison.Same || sharedAgencies.Count > 0)
        {
            score += _options.IdentifierWeight;
            kindsAgreeing++;
        }

        var nameAgrees = false;
        if (NameEvidence.Describe(incoming.Names, existing.Names, _options) is { } nameReason)
        {
            nameAgrees = true;
            reasons.Add(nameReason);
            score += _options.NameWeight;
            kindsAgreeing++;
        }

        var datesAgree = false;
        if (incoming.DateOfBirth is { } incomingDob && existing.DateOfBirth is { } existingDob
            && incomingDob.IsCompatibleWith(existingDob))
        {
            datesAgree = true;
            var full = incomingDob.Precision == DatePrecision.Day && existingDob.Precision == DatePrecision.Day;
            reasons.Add(DescribeDates(incomingDob, existingDob));
            score += full ? _options.DateOfBirthWeight : _options.DateOfBirthWeight / 2;
            kindsAgreeing += full ? 1 : 0;
        }

        var sameAddress = incoming.Address is { } incomingAddress && incomingAddress == existing.Address;
        if (sameAddress)
        {
            reasons.Add("same address");
            score += _options.AddressWeight;
        }

        // Rounded so that sums of decimal weights compare with the threshold as written.
        score = Math.Round(Math.Min(score, 1.0), 4);
        if (nhs == NhsComparison.Different)
        {
            return new DuplicateScore(Math.Min(score, _options.ConflictingNhsNumberScoreCap), reasons, false);
        }

        return new DuplicateScore(score, reasons,
            kindsAgreeing >= 2 || score >= _options.Threshold || (nameAgrees && datesAgree && sameAddress));
    }

    private enum NhsComparison
    {
        Unknown,
        Same,
        Different,
    }

    private static NhsComparison CompareNhsNumbers(string? a, string? b)
    {
        if (!IsUsable(a) || !IsUsable(b))
        {
            return NhsComparison.Unknown;
        }

        return string.Equals(NhsNumber.Normalise(a!), NhsNumber.Normalise(b!), StringComparison.Ordinal)
            ? NhsComparison.Same
            : NhsComparison.Different;
    }

    private static bool IsUsable(string? value)
    {
        if (!NhsNumber.IsValid(value))
        {
            return false;
        }

        var digits = NhsNumber.Normalise(value!);
        return digits.AsSpan().IndexOfAnyExcept(digits[0]) >= 0;
    }

    // Agencies are matched without regard to case because they are typed by
    // different systems; values are matched exactly apart from surrounding spaces,
    // since some agencies' references are case-sensitive.
    private static List<string> SharedIdentifierAgencies(
        IReadOnlyList<AgencyIdentifier> incoming, IReadOnlyList<AgencyIdentifier> existing)
    {
        var agencies = new List<string>();
        foreach (var a in incoming)
        {
            foreach (var b in existing)
            {
                if (string.Equals(a.Agency.Trim(), b.Agency.Trim(), StringComparison.OrdinalIgnoreCase)
                    && string.Equals(a.Value.Trim(), b.Value.Trim(), StringComparison.Ordinal)
                    && !agencies.Contains(a.Agency.Trim(), StringComparer.OrdinalIgnoreCase))
                {
                    agencies.Add(a.Agency.Trim());
                }
            }
        }

        return agencies;
    }

    // Worded after the less precise date, which is what limits the evidence.
    private static string DescribeDates(PartialDate incoming, PartialDate existing)
    {
        var (coarse, fine) = incoming.Precision <= existing.Precision ? (incoming, existing) : (existing, incoming);
        var what = coarse.Precision switch
        {
            DatePrecision.Year => "year of birth",
            DatePrecision.YearMonth => "month of birth",
            _ => "date of birth",
        };

        return coarse == fine
            ? $"same {what} {coarse.ToIsoString()}"
            : $"{what} {coarse.ToIsoString()} compatible with {fine.ToIsoString()}";
    }

    private static void RequireFraction(double value, string name)
    {
        if (double.IsNaN(value) || value < 0 || value > 1)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be between 0 and 1.");
        }
    }
}
