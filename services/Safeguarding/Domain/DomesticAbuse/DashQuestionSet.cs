using System.Text.Json;

namespace Platform.Safeguarding.Domain.DomesticAbuse;

/// <summary>
/// The DASH risk identification checklist as data: questions with stable ids, read from
/// dash-checklist.json (built in) or a configured file, so an area can change the wording or add a
/// question without a release. Answers are stored by id, never by position.
/// </summary>
public sealed class DashQuestionSet
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public required string Version { get; init; }

    public required IReadOnlyList<DashQuestionData> Questions { get; init; }

    public bool Has(string questionId) => Questions.Any(q => q.Id == questionId);

    public static DashQuestionSet Load(string? path)
    {
        using var stream = path is { Length: > 0 }
            ? File.OpenRead(path)
            : typeof(DashQuestionSet).Assembly.GetManifestResourceStream("Platform.Safeguarding.dash-checklist.json")
              ?? throw new InvalidOperationException("The built-in DASH checklist is missing.");
        var file = JsonSerializer.Deserialize<ChecklistFile>(stream, Json)
            ?? throw new InvalidOperationException("The DASH checklist file is empty.");
        var ids = file.Questions.Select(q => q.Id).ToList();
        if (ids.Count == 0 || ids.Any(string.IsNullOrWhiteSpace) || ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
        {
            throw new InvalidOperationException("The DASH checklist needs at least one question, each with its own id.");
        }
        return new DashQuestionSet { Version = file.Version, Questions = file.Questions };
    }

    private sealed class ChecklistFile
    {
        public string Version { get; set; } = "";
        public List<DashQuestionData> Questions { get; set; } = [];
    }
}

public sealed class DashQuestionData
{
    public string Id { get; set; } = "";
    public int Number { get; set; }
    public string Text { get; set; } = "";
}
