using Platform.BuildingBlocks.Validation;

namespace Platform.Housing.Domain;

/// <summary>
/// A GSS code as one integer (nation letter, then the eight digits), so that matching 100,000 units
/// compares numbers rather than strings.
/// </summary>
public static class AreaKey
{
    public const int Unknown = 0;

    private const string Nations = "EWSNK";

    public static int Of(string? code)
    {
        if (!GssCode.IsValid(code))
        {
            return Unknown;
        }
        var key = Nations.IndexOf(code[0], StringComparison.Ordinal) + 1;
        for (var i = 1; i < GssCode.Length; i++)
        {
            key = (key * 10) + (code[i] - '0');
        }
        return key;
    }
}
