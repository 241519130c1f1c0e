using System.Net.Http;
using System.Net.Sockets;
using Dapper;
using DotNet.Testcontainers.Builders;
using Microsoft.Data.SqlClient;
using Testcontainers.MsSql;

namespace Platform.Testing;

/// <summary>
/// One SQL Server container for the SQL Server tests, started through Testcontainers. Without a
/// Docker engine the tests report as skipped with the reason; any other failure to start fails them.
/// Each test assembly shares it through a collection of its own (xunit keeps collections per assembly).
/// </summary>
public sealed class SqlServerContainer : IAsyncLifetime
{
    /// <summary>The image docker-compose runs.</summary>
    public const string Image = "mcr.microsoft.com/mssql/server:2022-latest";

    private MsSqlContainer? _container;
    private Exception? _startFailure;

    /// <summary>Why the tests cannot run here, or null when SQL Server is up.</summary>
    public string? Unavailable { get; private set; }

    public async Task InitializeAsync()
    {
        try
        {
            _container = new MsSqlBuilder(Image).Build();
            await _container.StartAsync();
        }
        catch (Exception ex) when (IsDockerUnavailable(ex))
        {
            Unavailable = $"No Docker engine, so no SQL Server container: {ex.GetType().Name}: {FirstLine(ex.Message)}";
        }
        catch (Exception ex)
        {
            _startFailure = ex;
        }
    }

    public async Task DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

    /// <summary>Call first in every SQL Server test: skips without Docker, fails if SQL Server did not start.</summary>
    public void Require()
    {
        Skip.If(Unavailable is not null, Unavailable);
        if (_startFailure is not null)
        {
            throw new InvalidOperationException("The SQL Server container did not start.", _startFailure);
        }
    }

    /// <summary>A new, empty database in the container; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        Require();
        var name = $"{prefix}_{Guid.NewGuid():N}";
        var master = _container!.GetConnectionString();
        await using (var db = new SqlConnection(master))
        {
            await db.ExecuteAsync($"CREATE DATABASE [{name}]");
        }
        return new SqlConnectionStringBuilder(master) { InitialCatalog = name }.ConnectionString;
    }

    private static bool IsDockerUnavailable(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is DockerUnavailableException or SocketException or HttpRequestException)
            {
                return true;
            }
        }
        return false;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
