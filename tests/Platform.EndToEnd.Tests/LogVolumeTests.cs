using Grpc.Core;
using Grpc.Net.Client;
using Platform.Registry.V1;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// What a process writes to its log at the default level, as it is deployed: nothing for a
/// successful read, at most one line for a write. A log that grows with every read hides what
/// matters and costs as much as the read.
/// </summary>
public sealed class LogVolumeTests
{
    private const int Reads = 100;
    private const int Writes = 20;

    [Theory]
    [InlineData("services/Registry", "Platform.Registry")]
    [InlineData("services/Standalone", "Platform.Standalone")]
    public async Task A_successful_read_writes_no_line_and_a_write_at_most_one(string folder, string assembly)
    {
        await using var process = await PlatformProcess.StartAsync(folder, assembly);
        using var channel = GrpcChannel.ForAddress(process.GrpcAddress);
        var people = new PeopleService.PeopleServiceClient(channel);
        var auth = new Metadata { { "authorization", $"Bearer {DevelopmentToken.Mint("support_worker", "outreach-bristol", "E06000023", "worker-logs")}" } };
        var first = await people.RegisterPersonAsync(Registration("Ada"), auth);
        var settled = await SettledLineCountAsync(process);

        for (var i = 0; i < Reads; i++)
        {
            await people.GetPersonAsync(new GetPersonRequest { PersonId = first.Person.PersonId }, auth);
        }
        var afterReads = await SettledLineCountAsync(process);
        for (var i = 0; i < Writes; i++)
        {
            await people.RegisterPersonAsync(Registration($"Writer{i}"), auth);
        }
        var afterWrites = await SettledLineCountAsync(process);

        var lines = Lines(process);
        Assert.True(afterReads == settled, $"{afterReads - settled} lines for {Reads} reads:\n{Sample(lines[settled..afterReads])}");
        Assert.True(afterWrites - afterReads <= Writes, $"{afterWrites - afterReads} lines for {Writes} writes:\n{Sample(lines[afterReads..afterWrites])}");
    }

    private static RegisterPersonRequest Registration(string givenNames) => new()
    {
        Details = new PersonDetails { Names = { new PersonName { Type = NameType.Usual, GivenNames = givenNames, FamilyName = "Logline" } } },
        Address = new Address { Lines = { "5 Quay Street" }, LocalAuthority = "E06000023" },
    };

    /// <summary>The line count once background work (the outbox's delivery) has had time to write what it writes.</summary>
    private static async Task<int> SettledLineCountAsync(PlatformProcess process)
    {
        var count = Lines(process).Length;
        for (var quiet = 0; quiet < 3; await Task.Delay(300))
        {
            var now = Lines(process).Length;
            quiet = now == count ? quiet + 1 : 0;
            count = now;
        }
        return count;
    }

    private static string[] Lines(PlatformProcess process) =>
        process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string Sample(string[] lines) => string.Join('\n', lines.Take(6));
}
