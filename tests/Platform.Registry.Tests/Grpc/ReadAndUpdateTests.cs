using Grpc.Core;
using Platform.IntegrationEvents.Registry;
using Platform.Registry.V1;
using Platform.Testing;

namespace Platform.Registry.Tests.Grpc;

public sealed class ReadAndUpdateTests(RegistryWithEventsFixture fixture) : IClassFixture<RegistryWithEventsFixture>
{
    private readonly RegistryClient _worker = fixture.As(Identity.SupportWorker());

    [Fact]
    public async Task Get_returns_the_registered_person()
    {
        var registered = await _worker.RegisterAsync(People.Named("Lavinia", "Crabtree", 1944));

        var read = await _worker.GetAsync(registered.PersonId);

        Assert.Equal(registered, read);
        Assert.Equal("Lavinia", read.Details.Names[0].GivenNames);
    }

    [Fact]
    public async Task Get_of_an_unknown_id_is_not_found()
    {
        await Rpc.FailsWith(StatusCode.NotFound, () => _worker.People.GetPersonAsync(new GetPersonRequest { PersonId = Guid.NewGuid().ToString() }));
    }

    [Fact]
    public async Task Batch_get_returns_found_people_and_lists_unknown_and_denied_ids()
    {
        var mine = await _worker.RegisterAsync(People.Named("Cedric", "Dunwoody", 1955));
        var elsewhere = await fixture.As(Identity.SupportWorker("police-devon", "E10000008")).RegisterAsync(People.Named("Eudora", "Fenwick", 1956, "E10000008"));
        var unknown = Guid.NewGuid().ToString();

        var response = await _worker.People.BatchGetPersonsAsync(new BatchGetPersonsRequest { PersonIds = { mine.PersonId, unknown, elsewhere.PersonId } });

        Assert.Equal([mine.PersonId], response.Persons.Select(p => p.PersonId));
        Assert.Equal([unknown], response.NotFoundIds);
        Assert.Equal([elsewhere.PersonId], response.DeniedIds);
    }

    [Fact]
    public async Task Update_with_the_version_read_replaces_the_details_and_increments_the_version()
    {
        var registered = await _worker.RegisterAsync(People.Named("Horace", "Jellicoe", 1961));
        var details = registered.Details.Clone();
        details.Names[0].GivenNames = "Horatio";
        details.GenderIdentity = "man";

        var updated = await _worker.People.UpdatePersonAsync(new UpdatePersonRequest { PersonId = registered.PersonId, ExpectedVersion = 1, Details = details });

        Assert.Equal(2, updated.Version);
        Assert.Equal("Horatio", updated.Details.Names[0].GivenNames);
        Assert.Equal("man", (await _worker.GetAsync(registered.PersonId)).Details.GenderIdentity);
        Assert.Equal([registered.PersonId], (await _worker.SearchAsync("Horatio Jellicoe")).Select(m => m.PersonId));
        await fixture.Events.WaitForAsync<PersonUpdated>(e => e.PersonId == registered.PersonId && e.Version == 2);
    }

    [Fact]
    public async Task Stale_version_update_is_aborted_and_changes_nothing()
    {
        var registered = await _worker.RegisterAsync(People.Named("Ignatius", "Kettleborough", 1962));
        var first = registered.Details.Clone();
        first.GenderIdentity = "first edit";
        await _worker.People.UpdatePersonAsync(new UpdatePersonRequest { PersonId = registered.PersonId, ExpectedVersion = 1, Details = first });
        var second = registered.Details.Clone();
        second.Names[0].FamilyName = "Overwritten";

        await Rpc.FailsWith(StatusCode.Aborted,
            () => _worker.People.UpdatePersonAsync(new UpdatePersonRequest { PersonId = registered.PersonId, ExpectedVersion = 1, Details = second }));

        var read = await _worker.GetAsync(registered.PersonId);
        Assert.Equal(2, read.Version);
        Assert.Equal("Kettleborough", read.Details.Names[0].FamilyName);
        Assert.Equal("first edit", read.Details.GenderIdentity);
        Assert.Empty(await _worker.SearchAsync("Overwritten"));
    }

    [Fact]
    public async Task Update_that_takes_another_persons_identifier_is_refused_and_changes_nothing()
    {
        var holder = People.Named("Jocasta", "Lamplugh", 1963);
        holder.Details.Identifiers.Add(new AgencyIdentifier { Agency = "asc-bristol", Value = "ASC-9" });
        await _worker.RegisterAsync(holder);
        var other = await _worker.RegisterAsync(People.Named("Leopold", "Mountjoy", 1964));
        var details = other.Details.Clone();
        details.Identifiers.Add(new AgencyIdentifier { Agency = "asc-bristol", Value = "ASC-9" });

        await Rpc.FailsWith(StatusCode.AlreadyExists,
            () => _worker.People.UpdatePersonAsync(new UpdatePersonRequest { PersonId = other.PersonId, ExpectedVersion = 1, Details = details }));

        var read = await _worker.GetAsync(other.PersonId);
        Assert.Equal(1, read.Version);
        Assert.Empty(read.Details.Identifiers);
    }
}
