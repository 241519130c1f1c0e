using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Security.Projection;
using Platform.BuildingBlocks.Security;
using Platform.Registry.Data;
using Platform.Registry.Tests.Grpc;
using Platform.Registry.V1;
using Platform.Testing;

namespace Platform.Registry.Tests.Messaging;

/// <summary>
/// Another service's projection of the registry's events must reach the same access decisions as
/// the registry reading its own tables: that is what lets every service apply one rule.
/// </summary>
public sealed class AccessProjectionTests : IAsyncLifetime
{
    private sealed class ConsumerDatabase(DatabaseConnection connection) : ServiceDatabase(connection);

    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(
        builder =>
        {
            builder.AddRegistry();
            builder.AddServiceDatabase("Consumer", connection => new ConsumerDatabase(connection));
            builder.Services.AddPersonAccessProjection<ConsumerDatabase>("consumer");
        },
        app => app.MapRegistry());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Projection_follows_involvements_moves_shares_and_links()
    {
        // A lead for her: it brings another agency in (and ends its involvement) as well as sharing.
        var who = Identity.SafeguardingLead(agency: "outreach-bristol", area: "E06000023");
        var people = new PeopleService.PeopleServiceClient(_host.Channel(who));
        var involvements = new InvolvementService.InvolvementServiceClient(_host.Channel(who));
        var addresses = new AddressService.AddressServiceClient(_host.Channel(who));
        var access = new AccessService.AccessServiceClient(_host.Channel(who));

        var person = (await people.RegisterPersonAsync(People.Catherine(area: "E06000023"))).Person;
        var probation = await involvements.StartInvolvementAsync(new StartInvolvementRequest
        {
            PersonId = person.PersonId, Agency = "probation-avon", LawfulBasis = LawfulBasis.Safeguarding, Reason = "licence conditions",
        });
        await involvements.EndInvolvementAsync(new EndInvolvementRequest { InvolvementId = probation.InvolvementId, ExpectedVersion = 1, Reason = "order completed" });
        await access.ShareRecordAsync(new ShareRecordRequest { PersonId = person.PersonId, Agency = "idva-service", LawfulBasis = LawfulBasis.Safeguarding, Reason = "MARAC referral" });
        await addresses.RecordAddressAsync(new RecordAddressRequest
        {
            PersonId = person.PersonId, ExpectedVersion = person.Version,
            Address = new Address { Lines = { "Refuge" }, LocalAuthority = "E06000025", Confidential = true, From = Timestamp.FromDateTimeOffset(_host.Clock.GetUtcNow()) },
        });
        var other = (await people.RegisterPersonAsync(People.Named("Kat", "Smithe", 1986))).Person;
        await people.LinkPersonsAsync(new LinkPersonsRequest { PersonId = person.PersonId, OtherPersonId = other.PersonId, Reason = "same person" });

        var expected = await FactsAsync<RegistryDatabase>(_host.Service<RegistryAccessFacts>(), other.PersonId);
        var projected = await EventuallyAsync(() => FactsAsync<ConsumerDatabase>(_host.Service<ProjectedAccessFacts>(), other.PersonId),
            facts => facts is not null && facts.SharedWithAgencies.Count == 1 && facts.InvolvedAgencies.Count == expected!.InvolvedAgencies.Count);

        Assert.Equal(expected!.InvolvedAgencies.Order(), projected!.InvolvedAgencies.Order());
        Assert.Equal(expected.LocalAuthorities.Order(), projected.LocalAuthorities.Order());
        Assert.Equal(expected.SharedWithAgencies.Order(), projected.SharedWithAgencies.Order());
        Assert.DoesNotContain("probation-avon", projected.InvolvedAgencies);
        Assert.DoesNotContain("E06000025", projected.LocalAuthorities); // the refuge's area grants nobody access
    }

    [Fact]
    public async Task Unlinking_returns_followers_to_their_record_in_the_projection_as_in_the_registry()
    {
        var bristol = Identity.SupportWorker(agency: "outreach-bristol", area: "E06000023");
        var devon = Identity.SupportWorker(agency: "police-devon", area: "E10000008");
        var people = new PeopleService.PeopleServiceClient(_host.Channel(bristol));
        var devonPeople = new PeopleService.PeopleServiceClient(_host.Channel(devon));
        var survivor = (await people.RegisterPersonAsync(People.Named("Winifred", "Ashdown", 1975))).Person;
        var other = (await devonPeople.RegisterPersonAsync(People.Named("Winnie", "Ashdown", 1975, "E10000008"))).Person;
        var follower = (await devonPeople.RegisterPersonAsync(People.Named("Win", "Ashdowne", 1975, "E10000008"))).Person;
        await devonPeople.LinkPersonsAsync(new LinkPersonsRequest { PersonId = other.PersonId, OtherPersonId = follower.PersonId, Reason = "same person" });
        await new AccessService.AccessServiceClient(_host.Channel(devon)).ShareRecordAsync(new ShareRecordRequest
        {
            PersonId = other.PersonId, Agency = "outreach-bristol", LawfulBasis = LawfulBasis.Safeguarding, Reason = "joint working",
        });
        var link = await people.LinkPersonsAsync(new LinkPersonsRequest { PersonId = survivor.PersonId, OtherPersonId = other.PersonId, Reason = "same person" });
        await people.UnlinkPersonsAsync(new UnlinkPersonsRequest { LinkId = link.LinkId, Reason = "different people after all" });

        var expected = await FactsAsync<RegistryDatabase>(_host.Service<RegistryAccessFacts>(), follower.PersonId);
        var projected = await EventuallyAsync(() => FactsAsync<ConsumerDatabase>(_host.Service<ProjectedAccessFacts>(), follower.PersonId),
            facts => facts is not null && facts.InvolvedAgencies.SetEquals(expected!.InvolvedAgencies) && facts.SharedWithAgencies.SetEquals(expected.SharedWithAgencies));

        Assert.Equal(["police-devon"], projected!.InvolvedAgencies);
        Assert.Equal(expected!.LocalAuthorities.Order(), projected.LocalAuthorities.Order());
    }

    [Fact]
    public async Task Reading_many_people_at_once_gives_each_the_facts_read_one_at_a_time()
    {
        var bristol = Identity.SupportWorker(agency: "outreach-bristol", area: "E06000023");
        var people = new PeopleService.PeopleServiceClient(_host.Channel(bristol));
        var survivor = (await people.RegisterPersonAsync(People.Named("Philippa", "Marchbank", 1969))).Person;
        var follower = (await people.RegisterPersonAsync(People.Named("Pippa", "Marchbanks", 1969, "E10000008"))).Person;
        var alone = (await people.RegisterPersonAsync(People.Named("Rosalind", "Tarrant", 1990, "E06000025"))).Person;
        await new InvolvementService.InvolvementServiceClient(_host.Channel(Identity.SafeguardingLead(agency: "outreach-bristol", area: "E06000023")))
            .StartInvolvementAsync(new StartInvolvementRequest
            {
                PersonId = follower.PersonId, Agency = "probation-avon", LawfulBasis = LawfulBasis.Safeguarding, Reason = "licence conditions",
            });
        await people.LinkPersonsAsync(new LinkPersonsRequest { PersonId = survivor.PersonId, OtherPersonId = follower.PersonId, Reason = "same person" });
        var projection = _host.Service<ProjectedAccessFacts>();
        await EventuallyAsync(() => FactsAsync<ConsumerDatabase>(projection, survivor.PersonId),
            facts => facts is not null && facts.InvolvedAgencies.Contains("probation-avon") && facts.LocalAuthorities.Contains("E10000008"));
        string[] ids = [survivor.PersonId, follower.PersonId, alone.PersonId, Guid.NewGuid().ToString()];

        var many = await _host.Service<ConsumerDatabase>().InTransactionAsync((db, tx) => projection.GetManyAsync(ids, db, tx, CancellationToken.None));

        Assert.Equal(3, many.Count);
        foreach (var id in ids[..3])
        {
            var one = await FactsAsync<ConsumerDatabase>(projection, id);
            Assert.Equal(one!.InvolvedAgencies.Order(), many[id].InvolvedAgencies.Order());
            Assert.Equal(one.LocalAuthorities.Order(), many[id].LocalAuthorities.Order());
            Assert.Equal(one.SharedWithAgencies.Order(), many[id].SharedWithAgencies.Order());
        }
        Assert.Contains("probation-avon", many[survivor.PersonId].InvolvedAgencies);
    }

    [Fact]
    public async Task Projection_knows_nobody_it_has_not_heard_of()
    {
        var facts = await FactsAsync<ConsumerDatabase>(_host.Service<ProjectedAccessFacts>(), Guid.NewGuid().ToString());

        Assert.Null(facts);
    }

    private async Task<PersonAccessFacts?> FactsAsync<TDatabase>(IPersonAccessFactsSource source, string personId)
        where TDatabase : ServiceDatabase =>
        await _host.Service<TDatabase>().InTransactionAsync((db, tx) => source.GetAsync(personId, db, tx, CancellationToken.None));

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var value = await read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            value = await read();
        }
        return value;
    }
}
