using Grpc.Net.Client;
using Platform.Registry.V1;

namespace Platform.Registry.Tests.Grpc;

/// <summary>The registry's five services over one channel, as one caller.</summary>
public sealed class RegistryClient(GrpcChannel channel)
{
    public PeopleService.PeopleServiceClient People { get; } = new(channel);

    public AddressService.AddressServiceClient Addresses { get; } = new(channel);

    public InvolvementService.InvolvementServiceClient Involvements { get; } = new(channel);

    public RelationshipService.RelationshipServiceClient Relationships { get; } = new(channel);

    public AccessService.AccessServiceClient Access { get; } = new(channel);

    /// <summary>Registers the person and insists that it was stored (no duplicate held it back).</summary>
    public async Task<Person> RegisterAsync(RegisterPersonRequest request)
    {
        var response = await People.RegisterPersonAsync(request);
        Assert.True(response.Person is not null, "the registration was held back by potential duplicates");
        return response.Person;
    }

    public async Task<Person> GetAsync(string personId) =>
        await People.GetPersonAsync(new GetPersonRequest { PersonId = personId });

    public async Task<IReadOnlyList<PersonMatch>> SearchAsync(SearchPersonsRequest request) =>
        (await People.SearchPersonsAsync(request)).Matches;

    public Task<IReadOnlyList<PersonMatch>> SearchAsync(string name) => SearchAsync(new SearchPersonsRequest { Name = name });

    /// <summary>Makes <paramref name="agency"/>'s (the caller's own) involvement with the person lead, so that the caller leads for her.</summary>
    public async Task<Involvement> LeadAsync(string personId, string agency = "outreach-bristol")
    {
        var mine = (await Involvements.ListInvolvementsAsync(new ListInvolvementsRequest { PersonId = personId })).Involvements
            .First(i => i.Agency == agency);
        return await Involvements.SetLeadProfessionalAsync(new SetLeadProfessionalRequest { InvolvementId = mine.InvolvementId, ExpectedVersion = mine.Version });
    }

    /// <summary>Brings another agency in, as a lead for the person must: with a lawful basis and a reason.</summary>
    public async Task<Involvement> BringInAsync(string personId, string agency, bool lead = false, string role = "") =>
        await Involvements.StartInvolvementAsync(new StartInvolvementRequest
        {
            PersonId = personId, Agency = agency, LeadProfessional = lead, Role = role,
            LawfulBasis = LawfulBasis.Safeguarding, Reason = "multi-agency safeguarding plan",
        });

    public async Task<IReadOnlyList<AuditEvent>> AuditAsync(string personId) =>
        (await Access.ListAuditEventsAsync(new ListAuditEventsRequest { PersonId = personId })).Events;
}
