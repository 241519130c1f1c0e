using Grpc.Core;
using Platform.IntegrationEvents.Registry;
using Platform.Registry.V1;
using Platform.Testing;

namespace Platform.Registry.Tests.Grpc;

public sealed class LinkTests(RegistryWithEventsFixture fixture) : IClassFixture<RegistryWithEventsFixture>
{
    private readonly RegistryClient _worker = fixture.As(Identity.SupportWorker());

    private static Task<PersonLink> LinkAsync(RegistryClient client, Person survivor, Person other) =>
        client.People.LinkPersonsAsync(new LinkPersonsRequest { PersonId = survivor.PersonId, OtherPersonId = other.PersonId, Reason = "same person" }).ResponseAsync;

    [Fact]
    public async Task Both_ids_resolve_to_the_surviving_record_while_linked()
    {
        var survivor = await _worker.RegisterAsync(People.Named("Gertrude", "Jarvis", 1950));
        var other = await _worker.RegisterAsync(People.Named("Gertie", "Jarvis", 1950, People.SouthGloucestershire));

        var link = await LinkAsync(_worker, survivor, other);
        var viaOther = await _worker.GetAsync(other.PersonId);
        var viaSurvivor = await _worker.GetAsync(survivor.PersonId);

        Assert.Equal(survivor.PersonId, viaOther.PersonId);
        Assert.Equal([other.PersonId], viaOther.LinkedPersonIds);
        Assert.Equal(viaSurvivor, viaOther);
        Assert.Equal(2, viaOther.Addresses.Count);
        Assert.Equal(2, viaOther.ActiveInvolvementCount);
        var published = await fixture.Events.WaitForAsync<PersonsLinked>(e => e.LinkId == link.LinkId);
        Assert.Equal((survivor.PersonId, other.PersonId), (published.PersonId, published.OtherPersonId));
    }

    [Fact]
    public async Task Search_finds_the_survivor_under_either_records_name()
    {
        var survivor = await _worker.RegisterAsync(People.Named("Hildegard", "Kenworthy", 1951));
        var other = await _worker.RegisterAsync(People.Named("Hilda", "Lumsden", 1951));
        await LinkAsync(_worker, survivor, other);

        var found = await _worker.SearchAsync("Hilda Lumsden");

        Assert.Equal([survivor.PersonId], found.Select(m => m.PersonId));
    }

    [Fact]
    public async Task Unlinking_restores_both_records_and_is_published()
    {
        var survivor = await _worker.RegisterAsync(People.Named("Ignatia", "Merriman", 1952));
        var other = await _worker.RegisterAsync(People.Named("Iggy", "Merriman", 1953));
        var link = await LinkAsync(_worker, survivor, other);

        var unlinked = await _worker.People.UnlinkPersonsAsync(new UnlinkPersonsRequest { LinkId = link.LinkId, Reason = "different people: twins" });
        var viaOther = await _worker.GetAsync(other.PersonId);
        var viaSurvivor = await _worker.GetAsync(survivor.PersonId);

        Assert.NotNull(unlinked.UnlinkedAt);
        Assert.Equal("different people: twins", unlinked.UnlinkReason);
        Assert.Equal(other.PersonId, viaOther.PersonId);
        Assert.Equal("Iggy", viaOther.Details.Names[0].GivenNames);
        Assert.Empty(viaSurvivor.LinkedPersonIds);
        Assert.Single(viaSurvivor.Addresses);
        var published = await fixture.Events.WaitForAsync<PersonsUnlinked>(e => e.LinkId == link.LinkId);
        Assert.Equal((survivor.PersonId, other.PersonId), (published.PersonId, published.OtherPersonId));
    }

    [Fact]
    public async Task Pair_once_unlinked_cannot_be_linked_again()
    {
        var a = await _worker.RegisterAsync(People.Named("Jemima", "Nettleship", 1954));
        var b = await _worker.RegisterAsync(People.Named("Jemma", "Nettleship", 1954));
        var link = await LinkAsync(_worker, a, b);
        await _worker.People.UnlinkPersonsAsync(new UnlinkPersonsRequest { LinkId = link.LinkId, Reason = "different people" });

        await Rpc.FailsWith(StatusCode.FailedPrecondition, () => _worker.People.LinkPersonsAsync(new LinkPersonsRequest
        {
            PersonId = b.PersonId, OtherPersonId = a.PersonId, Reason = "looks like the same person",
        }));

        Assert.Equal(a.PersonId, (await _worker.GetAsync(a.PersonId)).PersonId);
        Assert.Equal(b.PersonId, (await _worker.GetAsync(b.PersonId)).PersonId);
    }

    [Fact]
    public async Task Undoing_a_link_twice_fails_its_precondition()
    {
        var a = await _worker.RegisterAsync(People.Named("Kenelm", "Oldroyd", 1955));
        var b = await _worker.RegisterAsync(People.Named("Ken", "Oldroyd", 1955));
        var link = await LinkAsync(_worker, a, b);
        await _worker.People.UnlinkPersonsAsync(new UnlinkPersonsRequest { LinkId = link.LinkId, Reason = "different people" });

        await Rpc.FailsWith(StatusCode.FailedPrecondition,
            () => _worker.People.UnlinkPersonsAsync(new UnlinkPersonsRequest { LinkId = link.LinkId, Reason = "again" }));
    }

    [Fact]
    public async Task Linking_needs_a_legitimate_relationship_with_both_records()
    {
        var devon = fixture.As(Identity.SupportWorker("police-devon", "E10000008"));
        var mine = await _worker.RegisterAsync(People.Named("Leofric", "Pickering", 1956));
        var theirs = await devon.RegisterAsync(People.Named("Leofric", "Pickering", 1956, "E10000008"));

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => _worker.People.LinkPersonsAsync(new LinkPersonsRequest
        {
            PersonId = mine.PersonId, OtherPersonId = theirs.PersonId, Reason = "same person",
        }));

        Assert.Empty((await _worker.GetAsync(mine.PersonId)).LinkedPersonIds);
    }

    [Fact]
    public async Task Agency_involved_only_with_the_linked_record_finds_the_survivor_in_search()
    {
        var devon = fixture.As(Identity.SupportWorker("police-devon", "E10000008"));
        var survivor = await _worker.RegisterAsync(People.Named("Millicent", "Quayle", 1957));
        var theirs = await devon.RegisterAsync(People.Named("Millie", "Quayle", 1957, "E10000008"));
        await devon.LeadAsync(theirs.PersonId, "police-devon");
        await devon.BringInAsync(theirs.PersonId, "outreach-bristol");
        await LinkAsync(_worker, survivor, theirs);

        var read = await devon.GetAsync(theirs.PersonId);
        var found = await devon.SearchAsync("Millie Quayle");

        Assert.Equal(survivor.PersonId, read.PersonId);
        Assert.Equal([survivor.PersonId], found.Select(m => m.PersonId));
    }

    [Fact]
    public async Task Records_split_apart_are_not_merged_again_through_a_third_record()
    {
        var a = await _worker.RegisterAsync(People.Named("Nerissa", "Ramsbottom", 1958));
        var b = await _worker.RegisterAsync(People.Named("Nessa", "Ramsbottom", 1958));
        var c = await _worker.RegisterAsync(People.Named("Nerys", "Ramsbottom", 1958));
        var split = await LinkAsync(_worker, a, b);
        await _worker.People.UnlinkPersonsAsync(new UnlinkPersonsRequest { LinkId = split.LinkId, Reason = "sisters, not one person" });
        await LinkAsync(_worker, c, b);

        await Rpc.FailsWith(StatusCode.FailedPrecondition, () => _worker.People.LinkPersonsAsync(new LinkPersonsRequest
        {
            PersonId = a.PersonId, OtherPersonId = c.PersonId, Reason = "same person",
        }));

        Assert.NotEqual((await _worker.GetAsync(a.PersonId)).PersonId, (await _worker.GetAsync(b.PersonId)).PersonId);
    }

    [Fact]
    public async Task Unlinking_returns_records_that_had_been_linked_into_the_other_record_to_it()
    {
        var a = await _worker.RegisterAsync(People.Named("Orlando", "Sheepshanks", 1959));
        var b = await _worker.RegisterAsync(People.Named("Orlo", "Sheepshanks", 1960));
        var x = await _worker.RegisterAsync(People.Named("Orlo", "Sheepshank", 1960));
        await LinkAsync(_worker, b, x);
        var link = await LinkAsync(_worker, a, b);
        Assert.Equal(a.PersonId, (await _worker.GetAsync(x.PersonId)).PersonId);

        await _worker.People.UnlinkPersonsAsync(new UnlinkPersonsRequest { LinkId = link.LinkId, Reason = "different people" });

        Assert.Equal(b.PersonId, (await _worker.GetAsync(x.PersonId)).PersonId);
        Assert.Equal([x.PersonId], (await _worker.GetAsync(b.PersonId)).LinkedPersonIds);
        Assert.Empty((await _worker.GetAsync(a.PersonId)).LinkedPersonIds);
    }

    [Fact]
    public async Task Batch_get_of_both_ids_of_a_linked_pair_returns_the_person_once()
    {
        var survivor = await _worker.RegisterAsync(People.Named("Perpetua", "Tumelty", 1961));
        var other = await _worker.RegisterAsync(People.Named("Pet", "Tumelty", 1961));
        await LinkAsync(_worker, survivor, other);

        var batch = await _worker.People.BatchGetPersonsAsync(new BatchGetPersonsRequest { PersonIds = { survivor.PersonId, other.PersonId } });

        Assert.Equal([survivor.PersonId], batch.Persons.Select(p => p.PersonId));
        Assert.Empty(batch.NotFoundIds);
    }

    [Fact]
    public async Task After_linking_only_one_involvement_across_both_records_leads()
    {
        var survivor = await _worker.RegisterAsync(People.Named("Quintus", "Underwood", 1962));
        var other = await _worker.RegisterAsync(People.Named("Quin", "Underwood", 1962));
        var safeguarding = fixture.As(Identity.SafeguardingLead("outreach-bristol"));
        await safeguarding.BringInAsync(other.PersonId, "asc-bristol", lead: true);
        await LinkAsync(_worker, survivor, other);

        var lead = await safeguarding.BringInAsync(survivor.PersonId, "idva-bristol", lead: true);

        var leads = (await _worker.Involvements.ListInvolvementsAsync(new ListInvolvementsRequest { PersonId = survivor.PersonId })).Involvements.Where(i => i.LeadProfessional);
        Assert.Equal([lead.InvolvementId], leads.Select(i => i.InvolvementId));
    }

    [Fact]
    public async Task Relationships_of_the_linked_record_belong_to_the_survivor()
    {
        var survivor = await _worker.RegisterAsync(People.Named("Rosamund", "Vickerstaff", 1963));
        var other = await _worker.RegisterAsync(People.Named("Ros", "Vickerstaff", 1963));
        var child = await _worker.RegisterAsync(People.Named("Rory", "Vickerstaff", 2010));
        var recorded = await _worker.Relationships.RecordRelationshipAsync(new RecordRelationshipRequest
        {
            FromPersonId = other.PersonId, ToPersonId = child.PersonId, Type = RelationshipType.ParentOf,
        });
        await LinkAsync(_worker, survivor, other);

        var graph = await _worker.Relationships.GetRelationshipGraphAsync(new GetRelationshipGraphRequest { PersonId = survivor.PersonId, Depth = 1 });
        var fromChild = await _worker.Relationships.GetRelationshipGraphAsync(new GetRelationshipGraphRequest { PersonId = child.PersonId, Depth = 1 });

        Assert.Equal([recorded.RelationshipId], graph.Relationships.Select(r => r.RelationshipId));
        Assert.Equal([survivor.PersonId, child.PersonId], graph.Nodes.Select(n => n.PersonId));
        Assert.Equal([child.PersonId, survivor.PersonId], fromChild.Nodes.Select(n => n.PersonId));
        Assert.Equal(survivor.PersonId, graph.Relationships[0].FromPersonId);
    }

    [Fact]
    public async Task Link_history_lists_standing_and_undone_links_from_either_id()
    {
        var a = await _worker.RegisterAsync(People.Named("Sophronia", "Wagstaffe", 1964));
        var b = await _worker.RegisterAsync(People.Named("Sophie", "Wagstaffe", 1964));
        var c = await _worker.RegisterAsync(People.Named("Sophy", "Wagstaffe", 1964));
        var undone = await LinkAsync(_worker, a, b);
        await _worker.People.UnlinkPersonsAsync(new UnlinkPersonsRequest { LinkId = undone.LinkId, Reason = "different people" });
        fixture.Host.Clock.Advance(TimeSpan.FromSeconds(1));
        var standing = await LinkAsync(_worker, a, c);

        var viaA = await _worker.People.ListLinksAsync(new ListLinksRequest { PersonId = a.PersonId });
        var viaC = await _worker.People.ListLinksAsync(new ListLinksRequest { PersonId = c.PersonId });

        Assert.Equal([undone.LinkId, standing.LinkId], viaA.Links.Select(l => l.LinkId));
        Assert.NotNull(viaA.Links[0].UnlinkedAt);
        Assert.Null(viaA.Links[1].UnlinkedAt);
        Assert.Equal(viaA, viaC);
    }
}
