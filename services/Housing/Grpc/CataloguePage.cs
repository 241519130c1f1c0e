using System.Text;
using Platform.BuildingBlocks.Errors;

namespace Platform.Housing.Grpc;

/// <summary>
/// Catalogue lists are ordered by name, then id, and paged by key: the token is the last item's
/// name and id, so a page never repeats or skips an item when others are added meanwhile.
/// </summary>
public static class CataloguePage
{
    public const int DefaultSize = 50;
    public const int MaxSize = 200;

    public sealed record Position(string Name, string Id);

    public static string Token(string name, string id) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"k\n{name}\n{id}"));

    /// <summary>Checks the page size and token, naming the field; null position for the first page.</summary>
    public static (int Size, Position? After) Read(Validator v, int pageSize, string pageToken)
    {
        v.Check(pageSize is >= 0 and <= MaxSize, "page_size", $"must be between 0 and {MaxSize}");
        Position? after = null;
        if (pageToken.Length > 0)
        {
            after = TryRead(pageToken);
            v.Check(after is not null, "page_token", "is not a token this service issued");
        }
        return (pageSize == 0 ? DefaultSize : pageSize, after);
    }

    private static Position? TryRead(string token)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('\n');
            return parts.Length == 3 && parts[0] == "k" && parts[2].Length > 0 ? new Position(parts[1], parts[2]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
