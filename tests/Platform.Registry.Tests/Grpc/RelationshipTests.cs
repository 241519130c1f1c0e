using Grpc.Core;
using Platform.IntegrationEvents.Registry;
using Platform.Registry.V1;
using Platform.Testing;

namespace Platform.Registry.Tests.Grpc;

public sealed class RelationshipTests(RegistryWithEventsFixture fixture) : IClassFixture<RegistryWithEventsFixture>
{
    private readonly RegistryClient _worker = fixture.As(Identity.SupportWorker());

    private Task<Relationship> RecordAsync(Person from, Person to, RelationshipType type, string notes = "") =>
        _worker.Relationships.RecordRelationshipAsync(new RecordRelationshipRequest
        {
            FromPersonId = from.PersonId, ToPersonId = to.PersonId, Type = type, Notes = notes,
        }).ResponseAsync;

    private Task<RelationshipGraph> GraphAsync(Person root, int depth = 1, bool includeEnded = false) =>
        _worker.Relationships.GetRelationshipGraphAsync(new GetRelationshipGraphRequest
        {
            PersonId = root.PersonId, Depth = depth, IncludeEnded = includeEnded,
        }).ResponseAsync;

    [Theory]
    [InlineData(RelationshipType.Partner, "partner")]
    [InlineData(RelationshipType.ExPartner, "ex-partner")]
    [InlineData(RelationshipType.ParentOf, "parent-of")]
    [InlineData(RelationshipType.Sibling, "sibling")]
    [InlineData(RelationshipType.CarerOf, "carer-of")]
    [InlineData(RelationshipType.HouseholdMember, "household-member")]
    [InlineData(RelationshipType.SpeaksFor, "speaks-for")]
    [InlineData(RelationshipType.AllegedPerpetratorToward, "alleged-perpetrator-toward")]
    public async Task Every_relationship_type_is_recorded_with_its_direction(RelationshipType type, string eventName)
    {
        var from = await _worker.RegisterAsync(People.Named("From", $"{type}ward", 1970));
        var to = await _worker.RegisterAsync(People.Named("To", $"{type}ward", 1971));

        var recorded = await RecordAsync(from, to, type, "seen together at drop-in");
        var seenFromTo = await GraphAsync(to);

        Assert.Equal(type, recorded.Type);
        Assert.Equal("outreach-bristol", recorded.RecordedByAgency);
        var edge = Assert.Single(seenFromTo.Relationships);
        Assert.Equal((from.PersonId, to.PersonId, type), (edge.FromPersonId, edge.ToPersonId, edge.Type));
        Assert.Equal("seen together at drop-in", edge.Notes);
        var published = await fixture.Events.WaitForAsync<RelationshipRecorded>(e => e.RelationshipId == recorded.RelationshipId);
        Assert.Equal((from.PersonId, to.PersonId, eventName), (published.FromPersonId, published.ToPersonId, published.Type));
    }

    [Fact]
    public async Task Person_can_be_both_victim_and_alleged_perpetrator_toward_the_same_person()
    {
        var her = await _worker.RegisterAsync(People.Named("Susannah", "Applegarth", 1978));
        var him = await _worker.RegisterAsync(People.Named("Terence", "Applegarth", 1975));

        var his = await RecordAsync(him, her, RelationshipType.AllegedPerpetratorToward);
        var hers = await RecordAsync(her, him, RelationshipType.AllegedPerpetratorToward);
        var graph = await GraphAsync(her);

        Assert.NotEqual(his.RelationshipId, hers.RelationshipId);
        Assert.Equal(
            new[] { (him.PersonId, her.PersonId), (her.PersonId, him.PersonId) }.Order(),
            graph.Relationships.Where(r => r.Type == RelationshipType.AllegedPerpetratorToward).Select(r => (r.FromPersonId, r.ToPersonId)).Order());
    }

    [Fact]
    public async Task Mutual_relationship_recorded_from_the_other_end_already_exists_but_a_directional_one_does_not()
    {
        var a = await _worker.RegisterAsync(People.Named("Perpetua", "Wolstenholme", 1979));
        var b = await _worker.RegisterAsync(People.Named("Quentin", "Wolstenholme", 1977));
        await RecordAsync(a, b, RelationshipType.Sibling);
        await RecordAsync(a, b, RelationshipType.CarerOf);

        await Rpc.FailsWith(StatusCode.AlreadyExists, () => _worker.Relationships.RecordRelationshipAsync(new RecordRelationshipRequest
        {
            FromPersonId = b.PersonId, ToPersonId = a.PersonId, Type = RelationshipType.Sibling,
        }));
        await RecordAsync(b, a, RelationshipType.CarerOf); // each cares for the other: two facts

        Assert.Equal(3, (await GraphAsync(a)).Relationships.Count);
    }

    [Fact]
    public async Task Worker_who_recorded_a_perpetrator_from_the_victims_side_can_end_it()
    {
        var devon = fixture.As(Identity.SupportWorker("police-devon", "E10000008"));
        var victim = await _worker.RegisterAsync(People.Named("Rowena", "Ashcombe", 1982));
        var accused = await devon.RegisterAsync(People.Named("Silas", "Blackwood", 1978, "E10000008"));
        var recorded = await RecordAsync(accused, victim, RelationshipType.AllegedPerpetratorToward);

        var ended = await _worker.Relationships.EndRelationshipAsync(new EndRelationshipRequest
        {
            RelationshipId = recorded.RelationshipId, ExpectedVersion = recorded.Version,
        });

        Assert.NotNull(ended.Until);
    }

    [Fact]
    public async Task Graph_does_not_walk_beyond_someone_the_caller_may_not_see()
    {
        var devon = fixture.As(Identity.SupportWorker("police-devon", "E10000008"));
        var client = await _worker.RegisterAsync(People.Named("Theodora", "Hambleton", 1983));
        var partner = await devon.RegisterAsync(People.Named("Ulysses", "Ingleby", 1980, "E10000008"));
        var partnersBrother = await devon.RegisterAsync(People.Named("Vivian", "Ingleby", 1978, "E10000008"));
        await RecordAsync(partner, client, RelationshipType.Partner);
        await devon.Relationships.RecordRelationshipAsync(new RecordRelationshipRequest
        {
            FromPersonId = partner.PersonId, ToPersonId = partnersBrother.PersonId, Type = RelationshipType.Sibling,
        });

        var graph = await GraphAsync(client, 3);

        Assert.Equal([client.PersonId, partner.PersonId], graph.Nodes.Select(n => n.PersonId));
        Assert.False(graph.Nodes.Single(n => n.PersonId == partner.PersonId).Visible);
        Assert.Single(graph.Relationships);
    }

    [Fact]
    public async Task Same_active_relationship_recorded_twice_already_exists()
    {
        var a = await _worker.RegisterAsync(People.Named("Ulrica", "Brocklehurst", 1979));
        var b = await _worker.RegisterAsync(People.Named("Vernon", "Brocklehurst", 1977));
        await RecordAsync(a, b, RelationshipType.Partner);

        await Rpc.FailsWith(StatusCode.AlreadyExists, () => _worker.Relationships.RecordRelationshipAsync(new RecordRelationshipRequest
        {
            FromPersonId = a.PersonId, ToPersonId = b.PersonId, Type = RelationshipType.Partner,
        }));

        Assert.Single((await GraphAsync(a)).Relationships);
    }

    [Fact]
    public async Task Graph_grows_with_depth_and_shows_people_the_caller_may_not_see_by_id_only()
    {
        var devon = fixture.As(Identity.SupportWorker("police-devon", "E10000008"));
        var mother = await _worker.RegisterAsync(People.Named("Wilhelmina", "Cartwright", 1960));
        var daughter = await _worker.RegisterAsync(People.Named("Xenia", "Cartwright", 1985));
        var partner = await _worker.RegisterAsync(People.Named("Yorick", "Dewhurst", 1983));
        var stranger = await devon.RegisterAsync(People.Named("Zebedee", "Eversley", 1980, "E10000008"));
        await RecordAsync(mother, daughter, RelationshipType.ParentOf);
        await RecordAsync(partner, daughter, RelationshipType.Partner);
        await RecordAsync(partner, stranger, RelationshipType.Sibling);

        var depth1 = await GraphAsync(mother, 1);
        var depth2 = await GraphAsync(mother, 2);
        var depth3 = await GraphAsync(mother, 3);

        Assert.Equal([(mother.PersonId, 0), (daughter.PersonId, 1)], depth1.Nodes.Select(n => (n.PersonId, n.Distance)));
        Assert.Single(depth1.Relationships);
        Assert.Equal([(mother.PersonId, 0), (daughter.PersonId, 1), (partner.PersonId, 2)], depth2.Nodes.Select(n => (n.PersonId, n.Distance)));
        Assert.Equal(2, depth2.Relationships.Count);
        Assert.Equal(4, depth3.Nodes.Count);
        Assert.Equal(3, depth3.Relationships.Count);
        var hidden = depth3.Nodes.Single(n => n.PersonId == stranger.PersonId);
        Assert.Equal(3, hidden.Distance);
        Assert.False(hidden.Visible);
        Assert.Equal("", hidden.DisplayName);
        var shown = depth3.Nodes.Single(n => n.PersonId == partner.PersonId);
        Assert.True(shown.Visible);
        Assert.Equal("Yorick Dewhurst", shown.DisplayName);
    }

    [Fact]
    public async Task Graph_withholds_notes_of_a_relationship_with_someone_the_caller_may_not_see()
    {
        var devon = fixture.As(Identity.SupportWorker("police-devon", "E10000008"));
        var client = await _worker.RegisterAsync(People.Named("Araminta", "Pemberton", 1979));
        var relative = await _worker.RegisterAsync(People.Named("Barnaby", "Pemberton", 1975));
        var stranger = await devon.RegisterAsync(People.Named("Cornelius", "Quatermain", 1970, "E10000008"));
        await RecordAsync(relative, client, RelationshipType.Sibling, notes: "visits weekly");
        await RecordAsync(stranger, client, RelationshipType.AllegedPerpetratorToward, notes: "named in the 2024 police report");

        var graph = await GraphAsync(client, 1);

        Assert.Equal("visits weekly", graph.Relationships.Single(r => r.FromPersonId == relative.PersonId).Notes);
        var hidden = graph.Relationships.Single(r => r.FromPersonId == stranger.PersonId);
        Assert.Equal(RelationshipType.AllegedPerpetratorToward, hidden.Type);
        Assert.Equal("", hidden.Notes);
    }

    [Fact]
    public async Task Ended_relationship_leaves_the_graph_unless_asked_for()
    {
        var a = await _worker.RegisterAsync(People.Named("Aurelia", "Fanshawe", 1961));
        var b = await _worker.RegisterAsync(People.Named("Benedict", "Fanshawe", 1962));
        var recorded = await RecordAsync(a, b, RelationshipType.Partner);

        var ended = await _worker.Relationships.EndRelationshipAsync(new EndRelationshipRequest { RelationshipId = recorded.RelationshipId, ExpectedVersion = 1 });

        Assert.NotNull(ended.Until);
        Assert.Equal(2, ended.Version);
        Assert.Empty((await GraphAsync(a)).Relationships);
        Assert.Equal([recorded.RelationshipId], (await GraphAsync(a, includeEnded: true)).Relationships.Select(r => r.RelationshipId));
        await Rpc.FailsWith(StatusCode.FailedPrecondition,
            () => _worker.Relationships.EndRelationshipAsync(new EndRelationshipRequest { RelationshipId = recorded.RelationshipId, ExpectedVersion = 2 }));
    }

    [Fact]
    public async Task Relationship_to_oneself_is_invalid_and_names_to_person_id()
    {
        var a = await _worker.RegisterAsync(People.Named("Cornelius", "Gascoigne", 1963));

        await Rpc.RejectsField("to_person_id", () => _worker.Relationships.RecordRelationshipAsync(new RecordRelationshipRequest
        {
            FromPersonId = a.PersonId, ToPersonId = a.PersonId, Type = RelationshipType.CarerOf,
        }));

        Assert.Empty((await GraphAsync(a)).Relationships);
    }

    [Fact]
    public async Task Relationship_to_an_unknown_person_is_invalid_and_names_to_person_id()
    {
        var a = await _worker.RegisterAsync(People.Named("Drusilla", "Hathersage", 1964));

        await Rpc.RejectsField("to_person_id", () => _worker.Relationships.RecordRelationshipAsync(new RecordRelationshipRequest
        {
            FromPersonId = a.PersonId, ToPersonId = Guid.NewGuid().ToString(), Type = RelationshipType.Sibling,
        }));

        Assert.Empty((await GraphAsync(a)).Relationships);
    }

    [Theory]
    [InlineData(99)]
    [InlineData(0)]
    public async Task Unknown_or_missing_relationship_type_is_invalid_and_names_type(int type)
    {
        var a = await _worker.RegisterAsync(People.Named("Erasmus", $"Ingham{(type == 0 ? "ton" : "ley")}", 1965));
        var b = await _worker.RegisterAsync(People.Named("Felicity", $"Ingham{(type == 0 ? "ton" : "ley")}", 1966));

        await Rpc.RejectsField("type", () => _worker.Relationships.RecordRelationshipAsync(new RecordRelationshipRequest
        {
            FromPersonId = a.PersonId, ToPersonId = b.PersonId, Type = (RelationshipType)type,
        }));

        Assert.Empty((await GraphAsync(a)).Relationships);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(-1)]
    public async Task Graph_deeper_than_three_or_negative_is_invalid(int depth)
    {
        await Rpc.RejectsField("depth", () => _worker.Relationships.GetRelationshipGraphAsync(new GetRelationshipGraphRequest
        {
            PersonId = Guid.NewGuid().ToString(), Depth = depth,
        }));
    }
}
