namespace Platform.BuildingBlocks.Validation;

/// <summary>
/// The names of the local authorities the platform is used in, for text people read (a chronology
/// says "Moved from Bristol to South Gloucestershire", not two codes). Codes stay the keys
/// everywhere else; a code not listed here is shown as itself.
/// </summary>
public static class LocalAuthorityNames
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["E06000022"] = "Bath and North East Somerset",
        ["E06000023"] = "Bristol",
        ["E06000024"] = "North Somerset",
        ["E06000025"] = "South Gloucestershire",
        ["E06000026"] = "Plymouth",
        ["E06000066"] = "Somerset",
        ["E08000035"] = "Leeds",
        ["E10000008"] = "Devon",
        ["N09000003"] = "Belfast",
        ["S12000036"] = "City of Edinburgh",
        ["W06000015"] = "Cardiff",
    };

    /// <summary>The area's name, or the code itself when it is not one the platform knows by name.</summary>
    public static string Of(string code) => Names.GetValueOrDefault(code, code);
}
