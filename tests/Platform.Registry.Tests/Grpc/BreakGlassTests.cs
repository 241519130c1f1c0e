using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using Platform.Registry.V1;
using Platform.Testing;

namespace Platform.Registry.Tests.Grpc;

/// <summary>
/// Break-glass is one look at one person: it leaves no lasting access behind (no share, address or
/// link), and it is refused on calls about many people rather than stretched over all of them.
/// </summary>
public sealed class BreakGlassTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    private const string Devon = "E10000008";
    private const string Emergency = "Ambulance crew at the door: urgent welfare concern";

    private readonly RegistryClient _worker = fixture.As(Identity.SupportWorker());
    private readonly Identity _outsider = Identity.SupportWorker("police-devon", Devon);

    private AsyncUnaryCall<Person> ReadAsOutsiderAsync(Person person) =>
        fixture.As(_outsider).People.GetPersonAsync(new GetPersonRequest { PersonId = person.PersonId });

    [Fact]
    public async Task Break_glass_cannot_record_an_address_that_would_open_her_record_to_its_area()
    {
        var person = await _worker.RegisterAsync(People.Named("Leopold", "Marchbanks", 1961));

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => fixture.As(_outsider, Emergency).Addresses.RecordAddressAsync(new RecordAddressRequest
        {
            PersonId = person.PersonId, ExpectedVersion = person.Version, Address = People.AddressIn(Devon),
        }));

        Assert.Single((await _worker.GetAsync(person.PersonId)).Addresses);
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => ReadAsOutsiderAsync(person));
    }

    [Fact]
    public async Task Break_glass_cannot_link_her_record_to_one_the_caller_works_with()
    {
        var person = await _worker.RegisterAsync(People.Named("Millicent", "Northcote", 1962));
        var theirs = await fixture.As(_outsider).RegisterAsync(People.Named("Millie", "Northcote", 1962, Devon));

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => fixture.As(_outsider, Emergency).People.LinkPersonsAsync(new LinkPersonsRequest
        {
            PersonId = theirs.PersonId, OtherPersonId = person.PersonId, Reason = "same woman",
        }));

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => ReadAsOutsiderAsync(person));
    }

    [Fact]
    public async Task Break_glass_cannot_share_onwards_and_area_alone_shares_nothing()
    {
        var person = await _worker.RegisterAsync(People.Named("Nicodemus", "Oglethorpe", 1963));
        var share = new ShareRecordRequest
        {
            PersonId = person.PersonId, Agency = "probation-devon", LawfulBasis = LawfulBasis.VitalInterests, Reason = "to keep access",
        };

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => fixture.As(_outsider, Emergency).Access.ShareRecordAsync(share));
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => fixture.As(Identity.SupportWorker("housing-bristol")).Access.ShareRecordAsync(share));
        await Rpc.RejectsField("agency", () => _worker.Access.ShareRecordAsync(new ShareRecordRequest(share) { Agency = "outreach-bristol" }));

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => fixture.As(Identity.SupportWorker("probation-devon", Devon)).People
            .GetPersonAsync(new GetPersonRequest { PersonId = person.PersonId }));
    }

    [Fact]
    public async Task Break_glass_cannot_end_a_relationship_another_agency_recorded()
    {
        var her = await _worker.RegisterAsync(People.Named("Ursula", "Vanbrugh", 1969));
        var him = await _worker.RegisterAsync(People.Named("Valentine", "Vanbrugh", 1967));
        var recorded = await _worker.Relationships.RecordRelationshipAsync(new RecordRelationshipRequest
        {
            FromPersonId = him.PersonId, ToPersonId = her.PersonId, Type = RelationshipType.AllegedPerpetratorToward,
        });

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => fixture.As(_outsider, Emergency).Relationships.EndRelationshipAsync(
            new EndRelationshipRequest { RelationshipId = recorded.RelationshipId, ExpectedVersion = recorded.Version }));

        var graph = await _worker.Relationships.GetRelationshipGraphAsync(new GetRelationshipGraphRequest { PersonId = her.PersonId });
        Assert.Null(Assert.Single(graph.Relationships).Until);
    }

    [Fact]
    public async Task Batch_get_refuses_a_break_glass_reason_and_says_to_open_each_person_on_their_own()
    {
        var first = await _worker.RegisterAsync(People.Named("Ophelia", "Pettigrew", 1964));
        var second = await _worker.RegisterAsync(People.Named("Peregrine", "Quartermaine", 1965));

        var error = await Rpc.FailsWith(StatusCode.InvalidArgument, () => fixture.As(_outsider, Emergency).People.BatchGetPersonsAsync(
            new BatchGetPersonsRequest { PersonIds = { first.PersonId, second.PersonId } }));

        Assert.Equal(["x-break-glass-reason"], Rpc.ViolatedFields(error));
        Assert.Contains("one person at a time", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_get_over_json_with_a_break_glass_reason_is_a_bad_request()
    {
        var person = await _worker.RegisterAsync(People.Named("Quentin", "Rathbone", 1966));
        using var http = fixture.Host.Http(_outsider, Emergency);

        using var response = await http.PostAsJsonAsync("/v1/persons:batchGet", new { personIds = new[] { person.PersonId } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("x-break-glass-reason", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_and_duplicate_candidates_refuse_a_break_glass_reason()
    {
        var person = await _worker.RegisterAsync(People.Named("Rosalind", "Stukeley", 1967));
        var glass = fixture.As(_outsider, Emergency);

        await Rpc.RejectsField("x-break-glass-reason", () => glass.People.SearchPersonsAsync(new SearchPersonsRequest { Name = "Rosalind Stukeley" }));
        await Rpc.RejectsField("x-break-glass-reason", () => glass.People.FindDuplicatesAsync(new FindDuplicatesRequest { PersonId = person.PersonId }));
    }

    [Fact]
    public async Task Graph_opened_by_break_glass_opens_its_root_only()
    {
        var her = await _worker.RegisterAsync(People.Named("Sophronia", "Thistlewood", 1968));
        var him = await _worker.RegisterAsync(People.Named("Tobias", "Thistlewood", 1966));
        await _worker.Relationships.RecordRelationshipAsync(new RecordRelationshipRequest
        {
            FromPersonId = him.PersonId, ToPersonId = her.PersonId, Type = RelationshipType.AllegedPerpetratorToward, Notes = "threats reported",
        });

        var graph = await fixture.As(_outsider, Emergency).Relationships.GetRelationshipGraphAsync(
            new GetRelationshipGraphRequest { PersonId = her.PersonId, Depth = 2 });

        Assert.True(graph.Nodes.Single(n => n.PersonId == her.PersonId).Visible);
        var relative = graph.Nodes.Single(n => n.PersonId == him.PersonId);
        Assert.Equal((false, ""), (relative.Visible, relative.DisplayName));
        Assert.Equal("", Assert.Single(graph.Relationships).Notes);
    }
}
