using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Platform.Deployment.Tests;

/// <summary>
/// Loads YAML (anchors, aliases and "&lt;&lt;" merge keys resolved) into plain values:
/// mappings are <see cref="Dictionary{TKey,TValue}"/> of string to value, sequences are
/// lists, scalars are strings and empty values are null.
/// </summary>
internal static class YamlTree
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    public static object? Load(string text)
    {
        var parser = new MergingParser(new Parser(new StringReader(text)));
        return Normalise(Deserializer.Deserialize<object?>(parser));
    }

    public static object? LoadFile(string path) => Load(System.IO.File.ReadAllText(path));

    /// <summary>Every document of a multi-document stream.</summary>
    public static IReadOnlyList<object?> LoadAll(string text)
    {
        var parser = new MergingParser(new Parser(new StringReader(text)));
        parser.Consume<StreamStart>();
        var documents = new List<object?>();
        while (parser.Accept<DocumentStart>(out _))
        {
            documents.Add(Normalise(Deserializer.Deserialize<object?>(parser)));
        }
        return documents;
    }

    private static object? Normalise(object? value) => value switch
    {
        IDictionary<object, object?> map => map.ToDictionary(
            entry => Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture)!,
            entry => Normalise(entry.Value),
            StringComparer.Ordinal),
        IList<object?> list => list.Select(Normalise).ToList(),
        _ => value,
    };

    public static IReadOnlyDictionary<string, object?> AsMap(this object? value, string what) =>
        value as Dictionary<string, object?>
        ?? throw new Xunit.Sdk.XunitException($"{what} is not a mapping.");

    public static IReadOnlyList<object?> AsList(this object? value, string what) =>
        value as List<object?>
        ?? throw new Xunit.Sdk.XunitException($"{what} is not a sequence.");

    /// <summary>The mapping under <paramref name="key"/>, or an empty one when the key is absent.</summary>
    public static IReadOnlyDictionary<string, object?> MapOrEmpty(this IReadOnlyDictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out var value) && value is not null
            ? value.AsMap(key)
            : new Dictionary<string, object?>();

    public static string? Scalar(this IReadOnlyDictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out var value) ? value as string : null;
}
