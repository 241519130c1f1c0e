using System.Collections.Concurrent;
using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using Platform.Engagement.V1;
using Platform.Load.Echo;
using Platform.Registry.V1;
using static Platform.Load.Report;

namespace Platform.Load;

/// <summary>One line of the table: the path, what was measured, the stack's reference in the same run, the ratio, the target and CPU per process.</summary>
public sealed record Row(string Path, string Measured, string Reference, string Ratio, string Target, string Cpu);

/// <summary>Each row of the speed table measured against one running stack, in the order the issue lists them.</summary>
public sealed partial class Rows(Stack stack, LoadOptions options, int seed)
{
    private const int SeededPeople = 256;
    private readonly People _people = new(seed);
    private string[] _ids = [];
    private readonly JitSettling _settling = new(stack.ProcessIds.Values);

    public async Task<List<Row>> MeasureAsync()
    {
        var gateway = Stack.Channels(stack.Gateway, options.Channels);
        _ids = await RegisterAndWaitAsync(gateway, SeededPeople);
        List<Row> rows = [.. await ThroughputAsync(gateway), .. await OneInFlightAsync(), await RecordContactAsync(gateway), await RegistrationAsync(gateway)];
        foreach (var rate in options.Rates)
        {
            rows.Add(await WriteToEffectAsync(gateway, rate));
        }
        return rows;
    }

    private Task GetPerson(GrpcChannel channel, int n) =>
        new PeopleService.PeopleServiceClient(channel).GetPersonAsync(new GetPersonRequest { PersonId = _ids[n % _ids.Length] }, stack.Worker).ResponseAsync;

    private Task Echo(GrpcChannel channel, int n) =>
        new EchoService.EchoServiceClient(channel).EchoAsync(new EchoMessage { Text = "ping" }, stack.Worker).ResponseAsync;

    /// <summary>Registers a person; null when likely duplicates held the registration back.</summary>
    private async Task<string?> Register(GrpcChannel channel) =>
        (await new PeopleService.PeopleServiceClient(channel).RegisterPersonAsync(_people.Next(), stack.Worker)).Person?.PersonId;

    private async Task<Row[]> ThroughputAsync(GrpcChannel[] gateway)
    {
        var calls = 0;
        var (registryLines, gatewayLines) = (stack.Registry.OutputLines, stack.Gateway.OutputLines);
        var (person, personCpu) = await ClosedAsync("GetPerson", gateway, options.InFlight, (channel, n) =>
        {
            Interlocked.Increment(ref calls);
            return GetPerson(channel, n);
        });
        (registryLines, gatewayLines) = (stack.Registry.OutputLines - registryLines, stack.Gateway.OutputLines - gatewayLines);
        var (echo, echoCpu) = await ClosedAsync("echo", gateway, options.InFlight, Echo);
        return
        [
            new Row(
                $"GetPerson through the gateway, {options.Channels} × {options.InFlight} in flight",
                Rate(person), $"echo through the gateway: {Rate(echo)}", Times(person.PerSecond / echo.PerSecond),
                "≥ 0.6 × echo", $"GetPerson: {personCpu}; echo: {echoCpu}"),
            new Row(
                "log volume at the default level, GetPerson through the gateway",
                $"{calls:N0} calls: {registryLines:N0} lines from the registry, {gatewayLines:N0} from the gateway", "—", "",
                "≤ 1 line per request, none per successful read", ""),
        ];
    }

    private async Task<Row[]> OneInFlightAsync()
    {
        var (personDirect, personDirectCpu) = await ClosedAsync("GetPerson", Stack.Channels(stack.Registry, 1), 1, GetPerson);
        var (echoDirect, _) = await ClosedAsync("echo", Stack.Channels(stack.Echo, 1), 1, Echo);
        var (personGateway, personGatewayCpu) = await ClosedAsync("GetPerson", Stack.Channels(stack.Gateway, 1), 1, GetPerson);
        var (echoGateway, _) = await ClosedAsync("echo", Stack.Channels(stack.Gateway, 1), 1, Echo);
        var addedToPerson = P50(personGateway) - P50(personDirect);
        var addedToEcho = P50(echoGateway) - P50(echoDirect);
        return
        [
            new Row("GetPerson direct, 1 call in flight", $"p50 {Ms(P50(personDirect))}, p99 {Ms(personDirect.Latency.Percentile(99))}",
                $"echo direct: p50 {Ms(P50(echoDirect))}", Times(P50(personDirect) / P50(echoDirect)), "p50 ≤ 0.4 ms", personDirectCpu),
            new Row("gateway's added latency, 1 in flight (p50 via gateway − direct)", $"GetPerson {Added(addedToPerson)}",
                $"echo {Added(addedToEcho)}", Times(addedToPerson / addedToEcho), "≤ 0.2 ms", personGatewayCpu),
        ];
    }

    private async Task<Row> RecordContactAsync(GrpcChannel[] gateway)
    {
        var engagement = Stack.Database(stack.Engagement, "engagement");
        var (contacts, cpu) = await ClosedAsync("RecordContact", gateway, options.InFlight, (channel, n) =>
            new ContactService.ContactServiceClient(channel).RecordContactAsync(new RecordContactRequest
            {
                Details = new Platform.Engagement.V1.ContactDetails
                {
                    PersonId = _ids[n % _ids.Length], Channel = Platform.Engagement.V1.Channel.OutreachVisit, Outcome = Outcome.Made,
                    ContactAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-5)),
                },
            }, stack.Worker).ResponseAsync);
        var backlog = Databases.UnsentEvents(engagement);
        var drained = await Databases.DrainAsync(engagement, TimeSpan.FromMinutes(2));
        var outbox = drained is { } time
            ? $"{backlog:N0} events left in the outbox, drained in {Seconds(time)}" + (backlog > 0 ? $" (~{backlog / time.TotalSeconds:N0}/s)" : "")
            : $"{backlog:N0} events left in the outbox, not drained in 2 min";
        return new Row($"RecordContact through the gateway, {options.Channels} × {options.InFlight} in flight",
            $"{Rate(contacts)}; {outbox}", "—", Times(contacts.PerSecond / 4000), "≥ 4,000/s, the outbox keeping up", cpu);
    }

    /// <summary>The rate, then how long engagement and housing take to catch up with what was registered, so the next row starts level.</summary>
    private async Task<Row> RegistrationAsync(GrpcChannel[] gateway)
    {
        // Registration's code (and its consumers') is compiled first, as in the closed-loop rows: these
        // registrations are not counted, and their projections are waited for so the row starts level.
        var warmUp = new ConcurrentDictionary<string, long>();
        await LoadLoop.ClosedAsync("RegisterPerson", gateway, options.InFlight, options.WarmUpTime, TimeSpan.Zero, _settling, async (channel, _) =>
        {
            if (await Register(channel) is { } id)
            {
                warmUp[id] = Stopwatch.GetTimestamp();
            }
        });
        await ProjectedAsync(warmUp, Task.CompletedTask);
        var heldBack = 0;
        var replied = new ConcurrentDictionary<string, long>();
        var cpu = Cpu.Start(stack.ProcessIds);
        var registered = await LoadLoop.CountedAsync("RegisterPerson", gateway, options.InFlight, options.People, async (channel, _) =>
        {
            if (await Register(channel) is { } id)
            {
                replied[id] = Stopwatch.GetTimestamp();
            }
            else
            {
                Interlocked.Increment(ref heldBack);
            }
        });
        var cpuRegistering = cpu.Stop();
        var lastReply = Stopwatch.GetTimestamp();
        var (_, missing) = await ProjectedAsync(replied, Task.CompletedTask);
        var caughtUp = missing == 0 ? $"both projections caught up {Seconds(Stopwatch.GetElapsedTime(lastReply))} after the last reply" : $"{missing} not projected";
        return new Row($"RegisterPerson (with duplicate detection), {options.People:N0} people after {SeededPeople + warmUp.Count:N0}",
            $"{Rate(registered)}; {heldBack} held back as likely duplicates; {caughtUp}", "—", Times(registered.PerSecond / 2000),
            "≥ 2,000/s at 1,000,000 people", cpuRegistering);
    }

    private async Task<(LoadResult Result, string Cpu)> ClosedAsync(string name, GrpcChannel[] channels, int inFlight, Func<GrpcChannel, int, Task> call)
    {
        var cpu = Cpu.Start(stack.ProcessIds);
        var result = await LoadLoop.ClosedAsync(name, channels, inFlight, options.WarmUpTime, options.Window, _settling, call);
        return (result, cpu.Stop());
    }

    private static double P50(LoadResult result) => result.Latency.Percentile(50);
}
