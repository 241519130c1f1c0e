using Dapper;
using Grpc.Core;
using Microsoft.Data.SqlClient;
using Platform.IntegrationEvents.Registry;
using Platform.Registry.V1;
using Platform.Registry;
using Platform.Testing;

namespace Platform.BuildingBlocks.Tests.SqlServer;

/// <summary>
/// The registry in process, wired as the standalone host wires it, with its database on SQL Server
/// (Database:Provider=SqlServer): its migrations run at start-up and its data path is exercised
/// through the gRPC API.
/// </summary>
[Collection(SqlServerCollection.Name)]
public sealed class RegistryOnSqlServerTests(SqlServerContainer sql)
{
    [SkippableFact]
    public async Task Registry_registers_rejects_a_stale_update_and_searches_on_sql_server()
    {
        sql.Require();
        var connectionString = await sql.CreateDatabaseAsync("registry");
        await using var host = await TestHost.StartAsync(builder => builder.AddRegistry(), app => app.MapRegistry(), new TestHostOptions
        {
            RecordEvents = [typeof(PersonRegistered), typeof(PersonUpdated)],
            Configuration = new Dictionary<string, string?>
            {
                ["Database:Provider"] = "SqlServer",
                ["ConnectionStrings:Registry"] = connectionString,
            },
        });
        var people = new PeopleService.PeopleServiceClient(host.Channel(Identity.SupportWorker()));

        var registered = (await people.RegisterPersonAsync(Catherine())).Person;
        var changed = Catherine().Details;
        changed.Names.Add(new PersonName { Type = NameType.KnownAs, GivenNames = "Cath", FamilyName = "Jones" });
        var updated = await people.UpdatePersonAsync(new UpdatePersonRequest { PersonId = registered.PersonId, ExpectedVersion = 1, Details = changed });
        var stale = await Assert.ThrowsAsync<RpcException>(() => people.UpdatePersonAsync(
            new UpdatePersonRequest { PersonId = registered.PersonId, ExpectedVersion = 1, Details = Catherine().Details }).ResponseAsync);
        var byMisspeltName = await people.SearchPersonsAsync(new SearchPersonsRequest { Name = "Kathryn Smyth" });
        var byAlias = await people.SearchPersonsAsync(new SearchPersonsRequest { Name = "Cath Jones" });
        var read = await people.GetPersonAsync(new GetPersonRequest { PersonId = registered.PersonId });

        Assert.Equal(1, registered.Version);
        Assert.Equal(2, updated.Version);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Equal(registered.PersonId, Assert.Single(byMisspeltName.Matches).PersonId);
        Assert.Equal(registered.PersonId, Assert.Single(byAlias.Matches).PersonId);
        Assert.Equal(2, read.Version);
        Assert.Equal(2, read.Details.Names.Count);
        Assert.Equal("E06000023", Assert.Single(read.Addresses).LocalAuthority);
        await host.Events.WaitForAsync<PersonRegistered>(e => e.PersonId == registered.PersonId);
        await host.Events.WaitForAsync<PersonUpdated>(e => e.PersonId == registered.PersonId && e.Version == 2);

        await using var db = new SqlConnection(connectionString);
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM dbo.schema_migrations WHERE module = 'registry' AND version = 1"));
        Assert.True(await db.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM dbo.audit_log WHERE person_id = @Id", new { Id = registered.PersonId }) >= 3);
    }

    private static RegisterPersonRequest Catherine() => new()
    {
        Details = new PersonDetails
        {
            Names = { new PersonName { Type = NameType.Usual, GivenNames = "Catherine", FamilyName = "Smith" } },
            DateOfBirth = new Platform.Registry.V1.PartialDate { Year = 1986, Month = 3, Day = 7 },
            Sex = Sex.Female,
            NhsNumber = "943 476 5919",
        },
        Address = new Address { Lines = { "1 High Street" }, Postcode = "BS1 1AA", LocalAuthority = "E06000023" },
    };
}
