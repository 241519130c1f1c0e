using System.Globalization;

namespace Platform.Load;

/// <summary>
/// The command line: <c>--seconds 20 --warmup 5 (at least, and until the runtime stops recompiling) --channels 4 --in-flight 16 --people 2000 --rates 10,50
/// --effect-seconds 10 --runs 1 --standalone-people 100000 --sqlite-synchronous FULL --out FILE</c>.
/// </summary>
public sealed record LoadOptions
{
    public double Seconds { get; init; } = 20;
    public double WarmUp { get; init; } = 5;
    public int Channels { get; init; } = 4;
    public int InFlight { get; init; } = 16;
    public int People { get; init; } = 2000;
    public double[] Rates { get; init; } = [10, 50];
    public double EffectSeconds { get; init; } = 10;
    public int Runs { get; init; } = 1;

    /// <summary>Registrations loaded into the standalone host after the runs (0: no standalone row).</summary>
    public int StandalonePeople { get; init; } = 100_000;

    /// <summary>Every service's <c>Database:SqliteSynchronous</c>: FULL (the platform's default) or NORMAL.</summary>
    public string SqliteSynchronous { get; init; } = "FULL";
    public string? Out { get; init; }
    public string RabbitMqHost { get; init; } = Environment.GetEnvironmentVariable("RABBITMQ_HOST") ?? "127.0.0.1";

    public TimeSpan Window => TimeSpan.FromSeconds(Seconds);
    public TimeSpan WarmUpTime => TimeSpan.FromSeconds(WarmUp);

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--seconds" => options with { Seconds = Number(value) },
                "--warmup" => options with { WarmUp = Number(value) },
                "--channels" => options with { Channels = (int)Number(value) },
                "--in-flight" => options with { InFlight = (int)Number(value) },
                "--people" => options with { People = (int)Number(value) },
                "--rates" => options with { Rates = [.. value.Split(',').Select(Number)] },
                "--effect-seconds" => options with { EffectSeconds = Number(value) },
                "--runs" => options with { Runs = (int)Number(value) },
                "--standalone-people" => options with { StandalonePeople = (int)Number(value) },
                "--sqlite-synchronous" => options with { SqliteSynchronous = value.ToUpperInvariant() },
                "--out" => options with { Out = value },
                "--rabbitmq" => options with { RabbitMqHost = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}; see docs/benchmarks.md."),
            };
        }
        return options;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"--seconds {Seconds} --warmup {WarmUp} --channels {Channels} --in-flight {InFlight} --people {People} --rates {string.Join(',', Rates)} --effect-seconds {EffectSeconds} --runs {Runs} --standalone-people {StandalonePeople} --sqlite-synchronous {SqliteSynchronous}");

    private static double Number(string value) => double.Parse(value, CultureInfo.InvariantCulture);
}
