using System.Net;
using Dapper;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;
using Platform.Housing.Data;

namespace Platform.Housing.Bench;

/// <summary>The housing service on Kestrel (cleartext HTTP/2 on a free loopback port), wired as its own Program.cs wires it.</summary>
internal static class BenchHost
{
    public static readonly AuthOptions Auth = new() { SigningKey = "bench-only-signing-key-with-at-least-32-characters" };

    public static WebApplication Build(string dataDirectory)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:DataDirectory"] = dataDirectory,
            ["Auth:SigningKey"] = Auth.SigningKey,
            ["Auth:Issuer"] = Auth.Issuer,
            ["Auth:Audience"] = Auth.Audience,
            ["Messaging:Transport"] = "InMemory",
            // The bench loads the index itself, to measure it.
            ["Housing:Matching:RefreshSeconds"] = "0",
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.AddServiceDefaults("housing-bench");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddHousing();
        builder.AddEventBus();
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapHousing();
        return app;
    }

    public static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Writes the catalogue through the service's own statements, in one transaction.</summary>
    public static async Task<(int Units, int Vacancies)> LoadCatalogueAsync(HousingDatabase database, CatalogueGenerator generator)
    {
        var (units, vacancies) = (0, 0);
        await database.InTransactionAsync(async (db, tx) =>
        {
            foreach (var (provider, schemes) in generator.Providers())
            {
                await db.ExecuteAsync(CatalogueStore.InsertProvider, provider, tx);
                foreach (var (scheme, rows) in schemes)
                {
                    await db.ExecuteAsync(CatalogueStore.InsertScheme, scheme, tx);
                    await db.ExecuteAsync(CatalogueStore.InsertUnit, rows.Select(r => r.Unit), tx);
                    var open = rows.Where(r => r.Vacancy is not null).Select(r => r.Vacancy!).ToList();
                    await db.ExecuteAsync(VacancyStore.Insert, open, tx);
                    await db.ExecuteAsync(
                        "UPDATE vacancies SET held_by_offer_id = @HeldByOfferId, hold_expires_at = @HoldExpiresAt WHERE vacancy_id = @VacancyId",
                        open.Where(v => v.HeldByOfferId is not null), tx);
                    units += rows.Count;
                    vacancies += open.Count;
                }
            }
        });
        return (units, vacancies);
    }
}
