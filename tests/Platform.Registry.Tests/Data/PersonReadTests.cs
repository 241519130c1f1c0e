using System.Data.Common;
using Microsoft.Data.Sqlite;
using Platform.BuildingBlocks.Security;
using Platform.Registry.Data;
using Platform.Registry.Grpc;
using Platform.Registry.Tests.Grpc;
using Platform.Registry.V1;
using SQLitePCL;

namespace Platform.Registry.Tests.Data;

/// <summary>
/// Reading a person as GetPerson does: the access facts, then the view, over the whole group of linked
/// records. Every statement costs a pass through SQLite and Dapper's mapping, so how many a read runs is
/// checked too.
/// </summary>
public sealed class PersonReadTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    private const string Open = "E06000024";
    private const string Hidden = "E06000025";

    private static readonly Caller Reader = new("worker-1", new HashSet<string> { PlatformRoles.SupportWorker }, "agency-a", "E06000023");

    private DateTimeOffset Now => fixture.Host.Clock.GetUtcNow();

    [Fact]
    public async Task Facts_of_a_linked_person_are_those_of_every_record_whichever_id_is_read()
    {
        var (survivor, other) = await LinkedPairWithFactsOnTheOtherAsync();

        var viaSurvivor = await FactsAsync(survivor);
        var viaOther = await FactsAsync(other);

        foreach (var facts in new[] { viaSurvivor, viaOther })
        {
            Assert.NotNull(facts);
            Assert.Equal(["agency-a"], facts.InvolvedAgencies);
            Assert.Equal([Open], facts.LocalAuthorities);
            Assert.Equal(["agency-b"], facts.SharedWithAgencies);
        }
    }

    [Fact]
    public async Task A_person_without_any_facts_is_known_and_grants_nobody_access()
    {
        var personId = Guid.NewGuid().ToString();
        await WriteAsync((db, tx) => InsertAsync(db, tx, personId));

        var facts = await FactsAsync(personId);

        Assert.NotNull(facts);
        Assert.Empty(facts.InvolvedAgencies);
        Assert.Empty(facts.LocalAuthorities);
        Assert.Empty(facts.SharedWithAgencies);
        Assert.Null(LegitimateRelationshipRule.Decide(Reader, facts, null));
        Assert.Equal(AccessBasis.BreakGlass, LegitimateRelationshipRule.Decide(Reader, facts, "urgent: risk to life tonight"));
        Assert.Null(await FactsAsync(Guid.NewGuid().ToString()));
    }

    [Fact]
    public async Task Reading_a_linked_person_by_the_other_id_runs_three_statements()
    {
        var (survivor, other) = await LinkedPairWithFactsOnTheOtherAsync();

        var (person, statements) = await TracedAsync(async (db, tx) =>
        {
            await fixture.Host.Service<RegistryAccessFacts>().GetAsync(other, db, tx, CancellationToken.None);
            return await fixture.Host.Service<PersonViews>().ReadAsync(db, tx, other, Reader);
        });

        Assert.Equal(survivor, person.PersonId);
        Assert.Equal([other], person.LinkedPersonIds);
        Assert.Equal(1, person.ActiveInvolvementCount);
        Assert.Equal(3, person.Addresses.Count);
        Assert.Single(person.Addresses, a => a.Redacted);
        Assert.True(statements.Count == 3, $"{statements.Count} statements:\n{string.Join("\n---\n", statements)}");
    }

    /// <summary>
    /// The survivor has an address of its own and nothing else; the record linked into it has an
    /// active and an ended involvement, an open and a confidential address, an active and an expired share.
    /// </summary>
    private async Task<(string Survivor, string Other)> LinkedPairWithFactsOnTheOtherAsync()
    {
        var survivor = Guid.NewGuid().ToString();
        var other = Guid.NewGuid().ToString();
        var past = Now.AddMinutes(-1);
        await WriteAsync(async (db, tx) =>
        {
            await InsertAsync(db, tx, survivor);
            await InsertAsync(db, tx, other);
            await fixture.Host.Service<PersonStore>().SetLinkedToAsync(db, tx, other, survivor);
            await AddressAsync(db, tx, survivor, Hidden, confidential: true, visibleTo: "agency-a");
            await InvolveAsync(db, tx, other, "agency-a", endedAt: null);
            await InvolveAsync(db, tx, other, "agency-c", endedAt: past);
            await AddressAsync(db, tx, other, Open, confidential: false, visibleTo: null);
            await AddressAsync(db, tx, other, Hidden, confidential: true, visibleTo: "agency-z");
            await ShareAsync(db, tx, other, "agency-b", until: null);
            await ShareAsync(db, tx, other, "agency-d", until: past);
        });
        return (survivor, other);
    }

    private Task WriteAsync(Func<DbConnection, DbTransaction, Task> work) =>
        fixture.Host.Service<RegistryDatabase>().InTransactionAsync(work, CancellationToken.None);

    private Task<PersonAccessFacts?> FactsAsync(string personId) =>
        fixture.Host.Service<RegistryDatabase>().ReadAsync(
            (db, tx) => fixture.Host.Service<RegistryAccessFacts>().GetAsync(personId, db, tx, CancellationToken.None));

    /// <summary>Runs the work on a reader connection and lists every statement SQLite began for it.</summary>
    private Task<(T Result, List<string> Statements)> TracedAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work) =>
        fixture.Host.Service<RegistryDatabase>().ReadAsync(async (db, tx) =>
        {
            var handle = ((SqliteConnection)db).Handle!;
            var statements = new List<string>();
            raw.sqlite3_trace(handle, (strdelegate_trace)((_, sql) => statements.Add(sql)), null);
            try
            {
                return (await work(db, tx), statements);
            }
            finally
            {
                // The connection goes back to the pool: the next reader must not be traced.
                raw.sqlite3_trace(handle, (strdelegate_trace?)null, null);
            }
        });

    private Task InsertAsync(DbConnection db, DbTransaction tx, string personId) =>
        fixture.Host.Service<PersonStore>().InsertAsync(db, tx, personId, new PersonDetails
        {
            Names = { new PersonName { Type = NameType.Usual, GivenNames = "Wilhelmina", FamilyName = "Ashdown" } },
        }, null, "registering-agency", Now);

    private async Task InvolveAsync(DbConnection db, DbTransaction tx, string personId, string agency, DateTimeOffset? endedAt)
    {
        var store = fixture.Host.Service<InvolvementStore>();
        var row = new InvolvementRow
        {
            InvolvementId = Guid.NewGuid().ToString(), PersonId = personId, Agency = agency, Since = Now.AddDays(-1), Version = 1,
        };
        await store.InsertAsync(db, tx, row, [personId]);
        if (endedAt is { } until)
        {
            await store.EndAsync(db, tx, row, 1, until, "work finished");
        }
    }

    private Task AddressAsync(DbConnection db, DbTransaction tx, string personId, string area, bool confidential, string? visibleTo) =>
        fixture.Host.Service<AddressStore>().InsertAsync(db, tx, new AddressRow
        {
            AddressId = Guid.NewGuid().ToString(), PersonId = personId, LinesJson = """["5 Quay Street"]""", LocalAuthority = area,
            ValidFrom = Now.AddDays(-2), Confidential = confidential, VisibleToJson = visibleTo is null ? "[]" : $"""["{visibleTo}"]""",
            RecordedAt = Now, RecordedByAgency = "registering-agency",
        });

    private Task ShareAsync(DbConnection db, DbTransaction tx, string personId, string agency, DateTimeOffset? until) =>
        fixture.Host.Service<SharingStore>().InsertAsync(db, tx, new SharingRow
        {
            SharingId = Guid.NewGuid().ToString(), PersonId = personId, Agency = agency, LawfulBasis = 1, Reason = "MARAC referral",
            GrantedAt = Now.AddDays(-1), Until = until, GrantedByAgency = "agency-a",
        });
}
