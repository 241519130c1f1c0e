using Microsoft.Extensions.Configuration;

namespace Platform.BuildingBlocks.Data;

/// <summary>
/// Resolves a service's database from configuration: SQLite in a data folder by default;
/// SQL Server when <c>Database:Provider</c> is <c>SqlServer</c> and <c>ConnectionStrings:{Service}</c> is set.
/// </summary>
public static class DatabaseSettings
{
    public static DatabaseConnection Resolve(IConfiguration configuration, string service, string contentRoot)
    {
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        var connectionString = configuration.GetConnectionString(service);
        if (provider.Equals("SqlServer", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    $"Database:Provider is SqlServer but ConnectionStrings:{service} is not set.");
            }
            return new DatabaseConnection(service, SqlDialect.SqlServer, connectionString);
        }
        if (!provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Unknown Database:Provider '{provider}': use Sqlite or SqlServer.");
        }
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var folder = Path.GetFullPath(configuration["Database:DataDirectory"] ?? "data", contentRoot);
            Directory.CreateDirectory(folder);
            connectionString = $"Data Source={Path.Combine(folder, service.ToLowerInvariant() + ".db")}";
        }
        var synchronous = (configuration["Database:SqliteSynchronous"] ?? "FULL").ToUpperInvariant();
        if (synchronous is not ("FULL" or "NORMAL"))
        {
            throw new InvalidOperationException($"Unknown Database:SqliteSynchronous '{synchronous}': use FULL or NORMAL.");
        }
        return new DatabaseConnection(service, SqlDialect.Sqlite, connectionString, synchronous);
    }
}
