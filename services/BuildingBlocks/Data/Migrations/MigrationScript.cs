using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Platform.BuildingBlocks.Data.Migrations;

/// <summary>
/// One versioned script, embedded as <c>Migrations/{dialect}/NNN_name.sql</c> in the assembly
/// that owns the tables. Scripts are never edited once shipped: a change is a new script, and the
/// runner refuses to start on a database where an applied script's checksum no longer matches.
/// </summary>
public sealed partial record MigrationScript(string Module, int Version, string Name, string Sql)
{
    /// <summary>
    /// SHA-256 of the text, in lowercase hex, with line endings made \n and trailing blanks of each line
    /// dropped: a checkout that turns LF into CRLF is not an edit.
    /// </summary>
    public string Checksum { get; } = ChecksumOf(Sql);

    public static IReadOnlyList<MigrationScript> Load(Assembly assembly, string module, SqlDialect dialect)
    {
        var marker = $".Migrations.{dialect.Name}.";
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.Contains(marker, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => FromResource(assembly, module, name[(name.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..], name))
            .OrderBy(script => script.Version)
            .ToList();
        var twice = scripts.GroupBy(script => script.Version).FirstOrDefault(version => version.Count() > 1);
        if (twice is not null)
        {
            throw new InvalidOperationException(
                $"Migrations of {module} ({dialect.Name}) hold version {twice.Key:000} twice: "
                + string.Join(" and ", twice.Select(script => $"{script.Version:000}_{script.Name}.sql"))
                + ". Each version is one script: renumber the newer one.");
        }
        return scripts;
    }

    /// <summary>How the script is named in messages: module, version and name.</summary>
    public override string ToString() => $"{Module} {Version:000}_{Name}.sql";

    public static string ChecksumOf(string sql)
    {
        var lines = sql.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd());
        var normalised = string.Join('\n', lines).Trim('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
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
