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

    /// <summary>
    /// Under READ COMMITTED two transactions both pass a check made before their insert: before the
    /// unique indexes (registry migration 006) each of these raced to several copies.
    /// </summary>
    [SkippableFact]
    public async Task Identical_calls_made_together_store_one_relationship_one_link_and_one_NHS_number_on_sql_server()
    {
        sql.Require();
        var connectionString = await sql.CreateDatabaseAsync("races");
        await using var host = await TestHost.StartAsync(builder => builder.AddRegistry(), app => app.MapRegistry(), new TestHostOptions
        {
            Configuration = new Dictionary<string, string?>
            {
                ["Database:Provider"] = "SqlServer",
                ["ConnectionStrings:Registry"] = connectionString,
            },
        });
        var people = new PeopleService.PeopleServiceClient(host.Channel(Identity.SupportWorker()));
        var relationships = new RelationshipService.RelationshipServiceClient(host.Channel(Identity.SupportWorker()));
        var her = (await people.RegisterPersonAsync(Catherine())).Person;
        var him = (await people.RegisterPersonAsync(new RegisterPersonRequest
        {
            Details = new PersonDetails { Names = { new PersonName { Type = NameType.Usual, GivenNames = "Mark", FamilyName = "Quill" } } },
        })).Person;
        var again = Catherine();
        again.Details.NhsNumber = "";
        again.ConfirmedNotDuplicate = true;
        var copy = (await people.RegisterPersonAsync(again)).Person;
        var nhs = new RegisterPersonRequest { Details = Catherine().Details.Clone(), ConfirmedNotDuplicate = true };
        nhs.Details.NhsNumber = "401 023 2137";

        var partners = await RaceAsync(i => relationships.RecordRelationshipAsync(new RecordRelationshipRequest
        {
            FromPersonId = i % 2 == 0 ? her.PersonId : him.PersonId, ToPersonId = i % 2 == 0 ? him.PersonId : her.PersonId,
            Type = RelationshipType.Partner,
        }).ResponseAsync);
        var links = await RaceAsync(_ => people.LinkPersonsAsync(new LinkPersonsRequest
        {
            PersonId = her.PersonId, OtherPersonId = copy.PersonId, Reason = "registered twice",
        }).ResponseAsync);
        var registrations = await RaceAsync(_ => people.RegisterPersonAsync(nhs).ResponseAsync);

        foreach (var outcomes in new[] { partners, links, registrations })
        {
            Assert.Equal(1, outcomes.Count(o => o == StatusCode.OK));
            Assert.All(outcomes, o => Assert.Contains(o, new[] { StatusCode.OK, StatusCode.AlreadyExists }));
        }
        await using var db = new SqlConnection(connectionString);
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM dbo.relationships"));
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM dbo.person_links"));
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM dbo.persons WHERE nhs_number = '4010232137'"));
    }

    private static async Task<IReadOnlyList<StatusCode>> RaceAsync(Func<int, Task> call) =>
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            try
            {
                await call(i);
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        })));

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
