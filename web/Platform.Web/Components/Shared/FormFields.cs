namespace Platform.Web.Components.Shared;

/// <summary>
/// A form's map from the platform's field names (BadRequest field violations name the request's
/// fields, e.g. <c>details.nhs_number</c> or <c>details.names[0].given_names</c>) to the input that
/// holds each and the label a person knows it by. A violation of a field's part (an index or a
/// sub-field) belongs to the nearest field the form names.
/// </summary>
public sealed class FormFields
{
    private readonly List<(string Field, string InputId, string Label)> _fields = [];

    public FormFields Add(string field, string inputId, string label)
    {
        _fields.Add((field, inputId, label));
        return this;
    }

    public string? InputFor(string field) => Find(field)?.InputId;

    /// <summary>The messages that belong next to one input.</summary>
    public IEnumerable<string> MessagesFor(PlatformApi.CallProblem? problem, string inputId) =>
        problem?.Fields.Where(f => Find(f.Field)?.InputId == inputId).Select(Describe) ?? [];

    /// <summary>A violation as a sentence: "NHS number must be 10 digits ...".</summary>
    public string Describe(PlatformApi.FieldProblem problem) =>
        Find(problem.Field) is { } field ? $"{field.Label} {problem.Message}" : $"{problem.Field} {problem.Message}";

    private (string Field, string InputId, string Label)? Find(string field)
    {
        for (var name = field; name.Length > 0; name = Parent(name))
        {
            foreach (var entry in _fields)
            {
                if (string.Equals(entry.Field, name, StringComparison.Ordinal))
                {
                    return entry;
                }
            }
        }
        return null;
    }

    private static string Parent(string name)
    {
        var cut = Math.Max(name.LastIndexOf('.'), name.LastIndexOf('['));
        return cut <= 0 ? "" : name[..cut];
    }
}
