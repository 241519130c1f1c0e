namespace Platform.Registry.Domain;

/// <summary>
/// NHS numbers: ten digits, the last a modulus-11 check digit over the first nine.
/// </summary>
/// <remarks>
/// The check digit catches most single-digit typos and transpositions, which
/// matters here because a mistyped NHS number would otherwise be taken as strong
/// evidence that two different people are the same, or that one person is two.
/// </remarks>
public static class NhsNumber
{
    public const int Length = 10;

    /// <summary>
    /// Removes the spaces and hyphens people use to group the digits
    /// (e.g. "943 476 5919", "943-476-5919"). Nothing else is changed, so
    /// anything else stray still fails <see cref="IsValid"/>.
    /// </summary>
    public static string Normalise(string value)
    {
        ArgumentNullException.ThrowIfNull(value);

        // Replace returns the same instance when there is nothing to remove.
        return value
            .Replace(" ", string.Empty, StringComparison.Ordinal)
            .Replace("-", string.Empty, StringComparison.Ordinal);
    }

    public static bool IsValid(string? value)
    {
        if (value is null)
        {
            return false;
        }

        var digits = Normalise(value);
        if (digits.Length != Length)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < Length; i++)
        {
            // char.IsDigit would accept non-ASCII digits, which no NHS system issues.
            if (!char.IsAsciiDigit(digits[i]))
            {
                return false;
            }

            if (i < Length - 1)
            {
                sum += (digits[i] - '0') * (Length - i);
            }
        }

        var check = 11 - (sum % 11);
        if (check == 11)
        {
            check = 0;
        }

        // A computed check of 10 means the number was never issued.
        return check != 10 && check == digits[Length - 1] - '0';
    }
}
