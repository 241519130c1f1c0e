using System.Reflection;
using System.Text.RegularExpressions;

namespace Platform.BuildingBlocks.Data.Migrations;

/// <summary>
/// One versioned script, embedded as <c>Migrations/{dialect}/NNN_name.sql</c> in the assembly
/// that owns the tables. Scripts are never edited once shipped: a change is a new script.
/// </summary>
public sealed partial record MigrationScript(string Module, int Version, string Name, string Sql)
{
    public static IReadOnlyList<MigrationScript> Load(Assembly assembly, string module, SqlDialect dialect)
    {
        var marker = $".Migrations.{dialect.Name}.";
        return assembly.GetManifestResourceNames()
            .Where(name => name.Contains(marker, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => FromResource(assembly, module, name[(name.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..], name))
            .OrderBy(script => script.Version)
            .ToList();
    }

    /// <summary>SQL Server needs some statements (triggers) alone in a batch: split on GO lines.</summary>
    public IEnumerable<string> Batches() =>
        GoSeparator().Split(Sql).Select(batch => batch.Trim()).Where(batch => batch.Length > 0);

    private static MigrationScript FromResource(Assembly assembly, string module, string fileName, string resource)
    {
        var match = FileNamePattern().Match(fileName);
        if (!match.Success)
        {
            throw new InvalidOperationException($"Migration '{fileName}' must be named NNN_name.sql.");
        }
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new MigrationScript(module, int.Parse(match.Groups[1].Value, null), match.Groups[2].Value, reader.ReadToEnd());
    }

    [GeneratedRegex(@"^_?(\d+)_(.+)\.sql$")]
    private static partial Regex FileNamePattern();

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex GoSeparator();
}
