using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Data.Migrations;
using Platform.BuildingBlocks.Security;
using Platform.Registry;
using Platform.Registry.Bench;
using Platform.Registry.Data;
using Platform.Registry.Domain;
using Platform.Registry.Domain.Duplicates;
using Platform.Registry.Grpc;
using Platform.Registry.V1;

namespace Platform.Registry.Bench;

internal sealed class BenchOptions
{
    public const string Usage =
        """
        dotnet run -c Release --project bench/Platform.Registry.Bench -- [options]
          --people N        population size (default 1000000)
          --queries N       measured queries (default 2000)
          --warmup N        warm-up queries (default 300)
          --seed N          generator and workload seed (default 20250601)
          --agency A        caller's agency (default council-bristol-childrens)
          --area GSS        caller's local authority (default E06000023)
          --data DIR        where generated databases are cached (default bench/.data)
          --regenerate      rebuild the database even if a cached one exists
          --no-prewarm      do not read the database file into the page cache first
          --grpc            also measure through PeopleGrpcService.SearchPersons
          --slowest N       list the N slowest queries (default 10)
          --pragma P        run PRAGMA P on the service's pooled connections before each query, e.g.
                            --pragma mmap_size=1073741824 (repeatable; for trying per-connection settings)
          --matching N      also measure match quality over N people the caller may see: search recall
                            per kind of keying slip, and duplicate detection as RegisterPerson runs it
          --out FILE        also write the results to FILE
        """;

    public int People { get; private set; } = 1_000_000;
    public int Queries { get; private set; } = 2000;
    public int Warmup { get; private set; } = 300;
    public int Seed { get; private set; } = 20250601;
    public string Agency { get; private set; } = "council-bristol-childrens";
    public string Area { get; private set; } = "E06000023";
    public string? DataDirectory { get; private set; }
    public bool Regenerate { get; private set; }
    public bool Prewarm { get; private set; } = true;
    public bool Grpc { get; private set; }
    public int Slowest { get; private set; } = 10;
    public int Matching { get; private set; }
    public string? Output { get; private set; }
    public List<string> Pragmas { get; } = [];
    public double TargetMs { get; } = 50.0;

    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number() => int.Parse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--people": options.People = Number(); break;
                case "--queries": options.Queries = Number(); break;
                case "--warmup": options.Warmup = Number(); break;
                case "--seed": options.Seed = Number(); break;
                case "--agency": options.Agency = Next(); break;
                case "--area": options.Area = Next(); break;
                case "--data": options.DataDirectory = Path.GetFullPath(Next()); break;
                case "--regenerate": options.Regenerate = true; break;
                case "--no-prewarm": options.Prewarm = false; break;
                case "--grpc": options.Grpc = true; break;
                case "--slowest": options.Slowest = Number(); break;
                case "--matching": options.Matching = Number(); break;
                case "--out": options.Output = Path.GetFullPath(Next()); break;
                case "--pragma": options.Pragmas.Add(Next()); break;
                default: return null;
            }
        }
        return options.People > 0 && options.Queries > 0 ? options : null;
    }

    /// <summary>The folder holding Platform.sln, found upwards from the program or the working directory.</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
