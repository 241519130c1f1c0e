using Dapper;
using Grpc.Core;
using Platform.BuildingBlocks.Errors;
using Platform.Registry.Data;
using Platform.Registry.V1;
using Platform.Testing;

namespace Platform.Registry.Tests.Grpc;

/// <summary>
/// What must exist once exists once however many identical calls arrive together: the database's
/// unique indexes decide (registry migration 006), not a check made before the insert, which two
/// transactions under SQL Server's READ COMMITTED both pass. The losers answer ALREADY_EXISTS, never
/// INTERNAL. Over gRPC the calls race for real; the store tests prove the database itself refuses
/// the second copy, which is what makes the race safe on SQL Server too.
/// </summary>
public sealed class ConcurrentCreationTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    private const int Calls = 16;

    private readonly RegistryClient _worker = fixture.As(Identity.SupportWorker());

    private static async Task<IReadOnlyList<StatusCode>> RaceAsync(Func<Task> call)
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, Calls).Select(_ => Task.Run(async () =>
        {
            try
            {
                await call();
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        })));
        return outcomes;
    }

    private async Task<T> ScalarAsync<T>(string sql, object parameters)
    {
        await using var db = await fixture.Host.Service<RegistryDatabase>().OpenAsync();
        return (await db.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    [Fact]
    public async Task The_same_woman_registered_by_many_at_once_is_stored_once_and_the_rest_are_held_back()
    {
        // Each call searches beside the writer, where none sees the others; the writer's re-check of
        // the records registered since is what holds all but one back.
        var stored = new System.Collections.Concurrent.ConcurrentBag<RegisterPersonResponse>();
        var outcomes = await RaceAsync(async () => stored.Add(await _worker.People.RegisterPersonAsync(People.Born("Ottoline", "Vavasour", 1983, 9, 14))));

        Assert.All(outcomes, o => Assert.Equal(StatusCode.OK, o));
        var registered = Assert.Single(stored, r => r.Person is not null).Person.PersonId;
        Assert.All(stored.Where(r => r.Person is null), held =>
        {
            var candidate = Assert.Single(held.PotentialDuplicates);
            Assert.Equal(registered, candidate.PersonId);
            Assert.True(candidate.Likely);
        });
        Assert.Equal(1, await ScalarAsync<int>("SELECT COUNT(*) FROM persons WHERE display_name = @Name", new { Name = "Ottoline Vavasour" }));
    }

    [Fact]
    public async Task Identical_relationships_recorded_together_are_stored_once()
    {
        var her = await _worker.RegisterAsync(People.Named("Philippa", "Quarrendon", 1980));
        var him = await _worker.RegisterAsync(People.Named("Roderick", "Quarrendon", 1977));
        var calls = 0;

        // Half record her as his partner, half him as hers: one standing partnership either way.
        var outcomes = await RaceAsync(() =>
        {
            var (from, to) = Interlocked.Increment(ref calls) % 2 == 0 ? (her, him) : (him, her);
            return _worker.Relationships.RecordRelationshipAsync(new RecordRelationshipRequest
            {
                FromPersonId = from.PersonId, ToPersonId = to.PersonId, Type = RelationshipType.Partner,
            }).ResponseAsync;
        });

        Assert.Equal(1, outcomes.Count(o => o == StatusCode.OK));
        Assert.All(outcomes, o => Assert.Contains(o, new[] { StatusCode.OK, StatusCode.AlreadyExists }));
        Assert.Equal(1, await ScalarAsync<int>(
            "SELECT COUNT(*) FROM relationships WHERE from_person_id IN (@A, @B) AND to_person_id IN (@A, @B)", new { A = her.PersonId, B = him.PersonId }));
    }

    [Fact]
    public async Task Identical_links_made_together_are_stored_once()
    {
        var first = await _worker.RegisterAsync(People.Born("Wilhelmina", "Xanthou", 1984, 2, 3));
        var second = await _worker.People.RegisterPersonAsync(new RegisterPersonRequest(People.Born("Wilhelmina", "Xanthou", 1984, 2, 3))
        {
            ConfirmedNotDuplicate = true,
        });

        var outcomes = await RaceAsync(() => _worker.People.LinkPersonsAsync(new LinkPersonsRequest
        {
            PersonId = first.PersonId, OtherPersonId = second.Person.PersonId, Reason = "same woman, registered twice",
        }).ResponseAsync);

        Assert.Equal(1, outcomes.Count(o => o == StatusCode.OK));
        Assert.All(outcomes, o => Assert.Contains(o, new[] { StatusCode.OK, StatusCode.AlreadyExists }));
        Assert.Equal(1, await ScalarAsync<int>("SELECT COUNT(*) FROM person_links WHERE other_person_id = @Id", new { Id = second.Person.PersonId }));
    }

    [Fact]
    public async Task Registrations_of_one_NHS_number_together_store_one_person()
    {
        var nhs = People.NhsNumber(9101);
        var request = People.Named("Yolanda", "Zabrowski", 1969);
        request.Details.NhsNumber = nhs;
        request.ConfirmedNotDuplicate = true;

        var outcomes = await RaceAsync(() => _worker.People.RegisterPersonAsync(request).ResponseAsync);

        Assert.Equal(1, outcomes.Count(o => o == StatusCode.OK));
        Assert.All(outcomes, o => Assert.Contains(o, new[] { StatusCode.OK, StatusCode.AlreadyExists }));
        Assert.Equal(1, await ScalarAsync<int>("SELECT COUNT(*) FROM persons WHERE nhs_number = @Nhs", new { Nhs = nhs }));
    }

    [Fact]
    public async Task The_database_refuses_a_second_record_with_the_NHS_number()
    {
        var nhs = People.NhsNumber(9102);
        var details = People.Named("Agatha", "Brundell", 1962).Details;
        details.NhsNumber = nhs;
        var people = fixture.Host.Service<PersonStore>();

        var error = await Record.ExceptionAsync(() => fixture.Host.Service<RegistryDatabase>().InTransactionAsync(async (db, tx) =>
        {
            await people.InsertAsync(db, tx, Guid.NewGuid().ToString(), details, null, "outreach-bristol", DateTimeOffset.UtcNow);
            await people.InsertAsync(db, tx, Guid.NewGuid().ToString(), details, null, "outreach-bristol", DateTimeOffset.UtcNow);
        }));

        Assert.IsType<AlreadyExistsException>(error);
        Assert.StartsWith("nhs_number", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RelationshipType.Partner, true)]
    [InlineData(RelationshipType.ParentOf, false)]
    public async Task The_database_refuses_a_second_standing_relationship(RelationshipType type, bool reversed)
    {
        var a = await _worker.RegisterAsync(People.Named("Cornelius", $"Dewhurst{type}", 1950));
        var b = await _worker.RegisterAsync(People.Named("Euphemia", $"Dewhurst{type}", 1975));
        var store = fixture.Host.Service<RelationshipStore>();
        RelationshipRow Row(Person from, Person to) => new()
        {
            RelationshipId = Guid.NewGuid().ToString(), FromPersonId = from.PersonId, ToPersonId = to.PersonId, Type = (int)type,
            RecordedByAgency = "outreach-bristol", RecordedAt = DateTimeOffset.UtcNow, Version = 1,
        };
        var mutual = Platform.Registry.Domain.RelationshipKinds.IsMutual(type);

        var error = await Record.ExceptionAsync(() => fixture.Host.Service<RegistryDatabase>().InTransactionAsync(async (db, tx) =>
        {
            await store.InsertAsync(db, tx, Row(a, b), mutual);
            await store.InsertAsync(db, tx, reversed ? Row(b, a) : Row(a, b), mutual);
        }));

        Assert.IsType<AlreadyExistsException>(error);
    }

    [Fact]
    public async Task A_directed_relationship_the_other_way_is_another_relationship()
    {
        var a = await _worker.RegisterAsync(People.Named("Fenella", "Grimshaw", 1981));
        var b = await _worker.RegisterAsync(People.Named("Horatio", "Grimshaw", 1979));

        await _worker.Relationships.RecordRelationshipAsync(new RecordRelationshipRequest
        {
            FromPersonId = a.PersonId, ToPersonId = b.PersonId, Type = RelationshipType.SpeaksFor,
        });
        var back = await _worker.Relationships.RecordRelationshipAsync(new RecordRelationshipRequest
        {
            FromPersonId = b.PersonId, ToPersonId = a.PersonId, Type = RelationshipType.SpeaksFor,
        });

        Assert.Equal(b.PersonId, back.FromPersonId);
    }

    [Fact]
    public async Task The_database_refuses_a_record_linked_twice()
    {
        var survivor = await _worker.RegisterAsync(People.Named("Isadora", "Jellicoe", 1966));
        var other = await _worker.RegisterAsync(People.Named("Jemima", "Kettering", 1967));
        var third = await _worker.RegisterAsync(People.Named("Leopold", "Mainwaring", 1968));
        var store = fixture.Host.Service<LinkStore>();
        LinkRow Row(Person into) => new()
        {
            LinkId = Guid.NewGuid().ToString(), PersonId = into.PersonId, OtherPersonId = other.PersonId, Reason = "test",
            LinkedAt = DateTimeOffset.UtcNow, LinkedByAgency = "outreach-bristol",
        };

        var error = await Record.ExceptionAsync(() => fixture.Host.Service<RegistryDatabase>().InTransactionAsync(async (db, tx) =>
        {
            await store.InsertAsync(db, tx, Row(survivor));
            await store.InsertAsync(db, tx, Row(third));
        }));

        Assert.IsType<AlreadyExistsException>(error);
    }
}
