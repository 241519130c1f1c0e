namespace Platform.BuildingBlocks.Errors;

/// <summary>
/// Collects every field violation of a request before anything is stored, so the caller learns of
/// all of them at once and nothing is half-written.
/// </summary>
public sealed class Validator
{
    private readonly List<FieldViolation> _violations = [];

    public bool IsValid => _violations.Count == 0;

    public Validator Add(string field, string description)
    {
        _violations.Add(new FieldViolation(field, description));
        return this;
    }

    public Validator Check(bool ok, string field, string description) => ok ? this : Add(field, description);

    public Validator Required(string? value, string field, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, "is required");
        }
        return MaxLength(value, field, maxLength);
    }

    public Validator MaxLength(string? value, string field, int maxLength) =>
        Check(value is null || value.Length <= maxLength, field, $"must be at most {maxLength} characters");

    /// <summary>Proto3 enums accept any number on the wire: reject unset and unknown values.</summary>
    public Validator KnownEnum<TEnum>(TEnum value, string field) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            return Add(field, $"has unknown value {Convert.ToInt32(value, null)}");
        }
        return Check(Convert.ToInt32(value, null) != 0, field, "is required");
    }

    /// <summary>An update says which version of the record it changes (optimistic concurrency).</summary>
    public Validator ExpectedVersion(long expectedVersion) =>
        Check(expectedVersion > 0, "expected_version", "is required: the version you read");

    public Validator RequiredId(string? value, string field) =>
        Check(Guid.TryParse(value, out _), field, "must be an id returned by the platform");

    /// <summary>Throws INVALID_ARGUMENT naming every violation, if there are any.</summary>
    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new InvalidArgumentException(_violations);
        }
    }
}
