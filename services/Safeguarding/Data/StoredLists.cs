using System.Text.Json;

namespace Platform.Safeguarding.Data;

/// <summary>Short lists (agencies, categories, criteria) kept in one column as a JSON array.</summary>
public static class StoredLists
{
    public static string Write(IEnumerable<string> values) => JsonSerializer.Serialize(values);

    public static string[] Read(string? json) => json is null ? [] : JsonSerializer.Deserialize<string[]>(json) ?? [];
}
