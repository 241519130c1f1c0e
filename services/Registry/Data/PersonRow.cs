using Google.Protobuf;
using Platform.Registry.V1;

namespace Platform.Registry.Data;

/// <remarks>Not sealed: a read that brings more columns with the record maps them onto a row derived from it.</remarks>
public class PersonRow
{
    public string PersonId { get; set; } = "";
    public long Version { get; set; }
    public string DetailsJson { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string AllNames { get; set; } = "";
    public int? DobYear { get; set; }
    public int? DobMonth { get; set; }
    public int? DobDay { get; set; }
    public string? NhsNumber { get; set; }
    public string? CurrentArea { get; set; }
    public string? LinkedTo { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public string RegisteredByAgency { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public PersonDetails Details() => Parser.Parse<PersonDetails>(DetailsJson);

    /// <summary>Every recorded name, separated for ranking without parsing the details.</summary>
    public IReadOnlyList<string> Names() => AllNames.Split('|', StringSplitOptions.RemoveEmptyEntries);
}
