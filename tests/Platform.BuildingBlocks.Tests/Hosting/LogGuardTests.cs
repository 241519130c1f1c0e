using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Hosting.Logging;
using Platform.Testing;

namespace Platform.BuildingBlocks.Tests.Hosting;

/// <summary>The log guard keeps what operators need (ids, outcomes, codes, stacks) and nothing a caller sent.</summary>
public sealed class LogGuardTests : IDisposable
{
    private readonly LogCapture _logs = new();
    private readonly ServiceProvider _services;

    public LogGuardTests()
    {
        _services = new ServiceCollection()
            .AddLogging(logging => logging.AddPlatformLogging().ClearProviders().AddProvider(_logs).SetMinimumLevel(LogLevel.Trace))
            .BuildServiceProvider();
    }

    public void Dispose()
    {
        _services.Dispose();
        _logs.Dispose();
    }

    [Fact]
    public void The_platforms_own_entries_keep_their_ids_and_outcomes()
    {
        var offer = Guid.NewGuid();

        Logger("Platform.Housing.Background").LogInformation("Offer {OfferId} ended after {Days} days", offer, 14);

        var entry = Assert.Single(_logs.Entries);
        Assert.Contains($"Offer {offer} ended after 14 days", entry, StringComparison.Ordinal);
    }

    [Fact]
    public void Request_facing_entries_keep_only_what_the_server_decides()
    {
        Logger("Microsoft.AspNetCore.Routing.EndpointMiddleware")
            .LogDebug("{StatusCode} for {Path} by {ServiceMethod}", 404, "/v1/persons/Catherine Smith", "GetPerson");

        var entry = Assert.Single(_logs.Entries);
        Assert.Contains("404 for [withheld] by GetPerson", entry, StringComparison.Ordinal);
        Assert.DoesNotContain("Catherine", entry, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exception_is_logged_by_type_code_and_stack_without_its_message()
    {
        var error = Thrown(new SqliteException("UNIQUE constraint failed: Catherine Smith", 19, 2067));

        Logger("Platform.Registry").LogError(error, "Registering failed");

        var entry = Assert.Single(_logs.Entries);
        Assert.Contains("Microsoft.Data.Sqlite.SqliteException (SQLite error 19/2067): [message withheld]", entry, StringComparison.Ordinal);
        Assert.Contains(nameof(Thrown), entry, StringComparison.Ordinal);
        Assert.DoesNotContain("Catherine", entry, StringComparison.Ordinal);
    }

    [Fact]
    public void No_entry_outgrows_the_limits_whatever_its_values()
    {
        var huge = new string('x', 1_000_000);

        Logger("Platform.Engagement").LogWarning(Thrown(new InvalidOperationException(huge)), "Value {Value} and {Other}", huge, huge);

        Assert.InRange(Assert.Single(_logs.Entries).Length, 1, LogLimits.MessageLength + (2 * LogLimits.ValueLength) + LogLimits.ExceptionLength + 1_024);
    }

    private ILogger Logger(string category) => _services.GetRequiredService<ILoggerFactory>().CreateLogger(category);

    private static Exception Thrown(Exception exception)
    {
        try
        {
            throw exception;
        }
        catch (Exception caught)
        {
            return caught;
        }
    }
}
