using Dapper;
using Microsoft.Data.SqlClient;
using Platform.Housing.Tests.Grpc;
using Platform.Housing.V1;
using Platform.Testing;

namespace Platform.Housing.Tests.SqlServer;

/// <summary>
/// The housing service on SQL Server: migrations at start-up, the catalogue and the index loaded
/// from it, a needs profile, an explained match and an offer run to move-in, through the gRPC API.
/// </summary>
[Collection(SqlServerCollection.Name)]
public sealed class HousingOnSqlServerTests(SqlServerContainer sql)
{
    [SkippableFact]
    public async Task Catalogue_match_and_offer_to_move_in_work_on_sql_server()
    {
        sql.Require();
        var database = await sql.CreateDatabaseAsync("housing");
        await using var host = await HousingHost.StartAsync(new TestHostOptions
        {
            Configuration = new Dictionary<string, string?>
            {
                ["Database:Provider"] = "SqlServer",
                ["ConnectionStrings:Housing"] = database,
            },
        });
        var officer = new HousingClient(host.Channel(Identity.HousingOfficer()));
        var personId = await World.PersonAsync(host);
        var (unit, vacancy) = await World.VacantUnitAsync(officer);
        await World.NeedsAsync(officer, personId);

        var matches = await officer.Matching.MatchPlacementsAsync(new MatchPlacementsRequest { PersonId = personId, IncludeExcluded = true });
        var offer = await officer.Offers.MakeOfferAsync(new MakeOfferRequest { PersonId = personId, VacancyId = vacancy.VacancyId });
        var accepted = await officer.Offers.AcceptOfferAsync(new AcceptOfferRequest { OfferId = offer.OfferId, ExpectedVersion = offer.Version });
        var tenancy = await officer.Tenancies.StartTenancyAsync(new StartTenancyRequest { OfferId = offer.OfferId, ExpectedVersion = accepted.Version });

        Assert.Contains(matches.Matches, m => m.UnitId == unit.UnitId);
        Assert.Equal(OfferStatus.Accepted, accepted.Status);
        Assert.Equal(unit.UnitId, tenancy.UnitId);
        await using var db = new SqlConnection(database);
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM dbo.tenancies WHERE person_id = @Id", new { Id = personId }));
    }
}
