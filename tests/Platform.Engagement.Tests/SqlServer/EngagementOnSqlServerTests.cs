using Dapper;
using Microsoft.Data.SqlClient;
using Platform.Engagement.Tests.Grpc;
using Platform.Engagement.V1;
using Platform.IntegrationEvents.Engagement;
using Platform.Testing;

namespace Platform.Engagement.Tests.SqlServer;

/// <summary>
/// The registry and the engagement service, each on its own SQL Server database: migrations at
/// start-up, contacts, the chronology (keyset paging and list filters in T-SQL), disengagement and a
/// bulk import with duplicates, through the gRPC API.
/// </summary>
[Collection(SqlServerCollection.Name)]
public sealed class EngagementOnSqlServerTests(SqlServerContainer sql)
{
    [SkippableFact]
    public async Task Contacts_chronology_disengagement_and_import_work_on_sql_server()
    {
        sql.Require();
        var engagementDatabase = await sql.CreateDatabaseAsync("engagement");
        await using var host = await EngagementHost.StartWithRegistryAsync(new TestHostOptions
        {
            RecordEvents = [typeof(DisengagementDetected)],
            Configuration = new Dictionary<string, string?>
            {
                ["Database:Provider"] = "SqlServer",
                ["ConnectionStrings:Registry"] = await sql.CreateDatabaseAsync("registry"),
                ["ConnectionStrings:Engagement"] = engagementDatabase,
            },
        });
        var services = new CrossService.RegistryAndEngagement(host);
        var person = await services.RegisterAsync("Ottilie", "Fairweather");
        var worker = services.Engagement(CrossService.RegistryAndEngagement.Worker);
        var now = host.Clock.GetUtcNow();

        for (var hour = 6; hour > 3; hour--)
        {
            await worker.RecordAsync(Contacts.Attempted(person.PersonId, now.AddHours(-hour)));
        }
        await host.Events.WaitForAsync<DisengagementDetected>(e => e.PersonId == person.PersonId);
        var imported = await worker.ImportAsync(Enumerable.Range(0, 30).Select(i => new ImportContactsRequest
        {
            SourceSystem = "police-niche", SourceId = $"n-{i}", Details = Contacts.Made(person.PersonId, now.AddDays(-i - 1)),
        }).ToList());
        var again = await worker.ImportAsync(Enumerable.Range(0, 30).Select(i => new ImportContactsRequest
        {
            SourceSystem = "police-niche", SourceId = $"n-{i}", Details = Contacts.Made(person.PersonId, now.AddDays(-i - 1)),
        }).ToList());
        var entries = await worker.ChronologyAsync(person.PersonId, pageSize: 7);

        Assert.Equal(30, imported.Stored);
        Assert.Equal(30, again.Duplicates);
        Assert.Equal(3 + 30 + 2 + 1, entries.Count(e => e.Kind is EntryKind.Contact or EntryKind.InvolvementStarted or EntryKind.Disengagement));
        Assert.Equal(entries.OrderBy(e => e.OccurredAt).Select(e => e.EntryId), entries.Select(e => e.EntryId));
        await using var db = new SqlConnection(engagementDatabase);
        Assert.Equal(33, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM dbo.contacts WHERE person_id = @Id", new { Id = person.PersonId }));
    }
}
