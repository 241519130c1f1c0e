using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.BuildingBlocks.Security;
using Platform.Registry.V1;
using RegistryAddress = Platform.Registry.V1.Address;

namespace Platform.Web.Demo;

/// <summary>The registry's part: people found or registered, their involvements, relationships and moves.</summary>
public sealed partial class DemoLoader
{
    private async Task<string?> FindAsync(GrpcChannel channel, DemoPerson person, CancellationToken cancellationToken)
    {
        var people = new PeopleService.PeopleServiceClient(channel);
        var found = await people.SearchPersonsAsync(new SearchPersonsRequest
        {
            Identifier = new AgencyIdentifier { Agency = DemoDataSet.IdentifierAgency, Value = person.Identifier },
        }, As(PlatformRoles.SupportWorker, person.Area.OutreachAgency, person.Area, cancellationToken));
        return found.Matches.FirstOrDefault()?.PersonId;
    }

    private async Task<(string Id, long Version)> RegisterAsync(GrpcChannel channel, DemoPerson person, CancellationToken cancellationToken)
    {
        var people = new PeopleService.PeopleServiceClient(channel);
        var options = As(PlatformRoles.SupportWorker, person.Area.OutreachAgency, person.Area, cancellationToken);
        if (await FindAsync(channel, person, cancellationToken) is { } existing)
        {
            var stored = await people.GetPersonAsync(new GetPersonRequest { PersonId = existing }, options);
            return (existing, stored.Version);
        }
        var registered = await people.RegisterPersonAsync(new RegisterPersonRequest
        {
            Details = new PersonDetails
            {
                Names = { new PersonName { Type = NameType.Usual, GivenNames = person.GivenName, FamilyName = person.FamilyName } },
                DateOfBirth = new PartialDate { Year = person.BirthYear },
                Sex = person.Female ? Sex.Female : Sex.Male,
                Identifiers = { new AgencyIdentifier { Agency = DemoDataSet.IdentifierAgency, Value = person.Identifier } },
            },
            Address = new RegistryAddress { Lines = { person.Street }, LocalAuthority = person.Area.Code },
            ConfirmedNotDuplicate = true,
        }, options);
        return (registered.Person.PersonId, registered.Person.Version);
    }

    /// <summary>Her outreach worker leads; housing and adult social care of her area are involved on the lead's word.</summary>
    private async Task InvolveAsync(GrpcChannel channel, DemoPerson woman, string personId, CancellationToken cancellationToken)
    {
        var involvements = new InvolvementService.InvolvementServiceClient(channel);
        var lead = As(PlatformRoles.SupportWorker, woman.Area.OutreachAgency, woman.Area, cancellationToken);
        var existing = await involvements.ListInvolvementsAsync(new ListInvolvementsRequest { PersonId = personId }, lead);
        var involved = existing.Involvements.Where(i => i.Until is null && i.Role != "registering agency").Select(i => i.Agency).ToHashSet(StringComparer.Ordinal);
        if (!involved.Contains(woman.Area.OutreachAgency))
        {
            await involvements.StartInvolvementAsync(new StartInvolvementRequest
            {
                PersonId = personId, Agency = woman.Area.OutreachAgency, Worker = "Key worker (demo)", Team = "Women's outreach", Role = "key worker",
                LeadProfessional = true, LawfulBasis = LawfulBasis.Consent, Reason = "She asked for support",
            }, lead);
        }
        foreach (var (agency, team, role) in new[]
                 {
                     (woman.Area.HousingAgency, "Housing options", "housing officer"),
                     (woman.Area.AdultSocialCareAgency, "Adult social care", "social worker"),
                 })
        {
            if (!involved.Contains(agency))
            {
                await involvements.StartInvolvementAsync(new StartInvolvementRequest
                {
                    PersonId = personId, Agency = agency, Team = team, Role = role,
                    LawfulBasis = LawfulBasis.PublicTask, Reason = "Referred by her outreach worker",
                }, lead);
            }
        }
    }

    private async Task RelateAsync(GrpcChannel channel, DemoRelationship relationship, Dictionary<DemoPerson, string> ids, CancellationToken cancellationToken)
    {
        var relationships = new RelationshipService.RelationshipServiceClient(channel);
        try
        {
            await relationships.RecordRelationshipAsync(new RecordRelationshipRequest
            {
                FromPersonId = ids[relationship.From], ToPersonId = ids[relationship.To],
                Type = relationship.Kind == DemoRelationshipKind.ParentOf ? RelationshipType.ParentOf : RelationshipType.AllegedPerpetratorToward,
                Since = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddYears(-2)),
            }, As(PlatformRoles.SupportWorker, relationship.Area.OutreachAgency, relationship.Area, cancellationToken));
        }
        catch (RpcException error) when (error.StatusCode == StatusCode.AlreadyExists)
        {
        }
    }

    private async Task MoveAsync(GrpcChannel channel, DemoMove move, string personId, CancellationToken cancellationToken)
    {
        var options = As(PlatformRoles.SupportWorker, move.Person.Area.OutreachAgency, move.Person.Area, cancellationToken);
        var person = await new PeopleService.PeopleServiceClient(channel).GetPersonAsync(new GetPersonRequest { PersonId = personId }, options);
        if (person.Addresses.Any(a => a.LocalAuthority == move.To.Code))
        {
            return;
        }
        await new AddressService.AddressServiceClient(channel).RecordAddressAsync(new RecordAddressRequest
        {
            PersonId = personId, ExpectedVersion = person.Version,
            Address = new RegistryAddress
            {
                Lines = { $"Flat 2, {move.To.Name} (demo)" }, LocalAuthority = move.To.Code,
                From = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(-1)),
            },
        }, options);
    }
}
