using System.Reflection;
using System.Text;

namespace Platform.BuildingBlocks.Tests.Support;

/// <summary>An assembly that holds nothing but the given embedded text resources.</summary>
public sealed class ResourceAssembly(IReadOnlyDictionary<string, string> resources) : Assembly
{
    public override string[] GetManifestResourceNames() => [.. resources.Keys];

    public override Stream? GetManifestResourceStream(string name) =>
        resources.TryGetValue(name, out var text) ? new MemoryStream(Encoding.UTF8.GetBytes(text)) : null;
}
