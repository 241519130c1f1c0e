using System.Collections.Concurrent;
using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Data.Sqlite;
using Platform.Engagement.V1;
using Platform.Housing.V1;
using Platform.Registry.V1;
using Platform.Safeguarding.V1;
using HousingAttributes = Platform.Housing.V1.PlacementAttributes;

namespace Platform.Faults.Tests;

/// <summary>
/// The five kinds of write the workload makes (a registration, a move, an imported contact, a concern,
/// an offer), each retried until its outcome is known: an earlier try that was stored is found, not repeated.
/// </summary>
public sealed partial class Workload
{
    /// <summary>Registers a person with an identifier of her own; null when an earlier try had stored her.</summary>
    private async Task<string?> RegisterAsync(string identifier, int number, CancellationToken cancellationToken)
    {
        var people = new PeopleService.PeopleServiceClient(_channel);
        var request = new RegisterPersonRequest
        {
            Details = new PersonDetails
            {
                Names = { new PersonName { Type = NameType.Usual, GivenNames = Name(number, 7), FamilyName = Name(number, 13) } },
                Sex = Sex.Female,
                Identifiers = { new Platform.Registry.V1.AgencyIdentifier { Agency = IdentifierAgency, Value = identifier } },
            },
            // Lived there since before she was registered: a move a moment after registering (dated a
            // second back) must still come after it, however fast the registry answered.
            Address = new Platform.Registry.V1.Address
            {
                Lines = { $"{number} Fault Street" }, LocalAuthority = AreaA,
                From = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-30)),
            },
            ConfirmedNotDuplicate = true,
        };
        while (true)
        {
            try
            {
                return (await people.RegisterPersonAsync(request, Options(_worker, cancellationToken))).Person.PersonId;
            }
            catch (RpcException error) when (error.StatusCode == StatusCode.AlreadyExists)
            {
                return null; // an earlier try was stored, its answer lost
            }
            catch (RpcException error) when (IsUnknownOutcome(error))
            {
                await BackOffAsync(cancellationToken);
            }
        }
    }

    private async Task MoveAsync(string personId, string marker, CancellationToken cancellationToken)
    {
        var people = new PeopleService.PeopleServiceClient(_channel);
        var addresses = new AddressService.AddressServiceClient(_channel);
        while (true)
        {
            try
            {
                var person = await people.GetPersonAsync(new GetPersonRequest { PersonId = personId }, Options(_worker, cancellationToken));
                if (person.Addresses.Any(a => a.Lines.Contains(marker)))
                {
                    break; // stored by an earlier try
                }
                var current = person.Addresses.FirstOrDefault(a => a.Until is null)?.LocalAuthority;
                await addresses.RecordAddressAsync(new RecordAddressRequest
                {
                    PersonId = personId, ExpectedVersion = person.Version,
                    Address = new Platform.Registry.V1.Address
                    {
                        Lines = { marker }, LocalAuthority = current == AreaA ? AreaB : AreaA,
                        From = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(-1)),
                    },
                }, Options(_worker, cancellationToken));
                break;
            }
            catch (RpcException error) when (IsUnknownOutcome(error) || error.StatusCode == StatusCode.Aborted)
            {
                await BackOffAsync(cancellationToken);
            }
        }
        Moves.Add(marker);
    }

    private async Task ContactAsync(string personId, string sourceId, CancellationToken cancellationToken)
    {
        var contacts = new ContactService.ContactServiceClient(_channel);
        while (true)
        {
            try
            {
                using var call = contacts.ImportContacts(Options(_worker, cancellationToken));
                await call.RequestStream.WriteAsync(new ImportContactsRequest
                {
                    SourceSystem = SourceSystem, SourceId = sourceId,
                    Details = new Platform.Engagement.V1.ContactDetails
                    {
                        PersonId = personId, ContactAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-5)),
                        Channel = Channel.Phone, Outcome = Outcome.Made,
                    },
                }, cancellationToken);
                await call.RequestStream.CompleteAsync();
                var result = Assert.Single((await call.ResponseAsync).Results);
                if (result.Status == ImportResult.Types.Status.Rejected)
                {
                    throw new InvalidDataException($"Contact {sourceId} rejected: {string.Join("; ", result.Reasons)}");
                }
                break;
            }
            catch (RpcException error) when (IsUnknownOutcome(error))
            {
                await BackOffAsync(cancellationToken);
            }
            catch (Exception error) when (error is InvalidOperationException or IOException && !cancellationToken.IsCancellationRequested)
            {
                // Writing to a stream whose call has already failed, or whose connection the kill broke:
                // the import key makes the next try safe.
                await BackOffAsync(cancellationToken);
            }
        }
        Contacts.Add(sourceId);
    }

    /// <summary>A concern about her, found again by its description when an earlier try's answer was lost.</summary>
    private async Task ConcernAsync(string personId, string marker, CancellationToken cancellationToken)
    {
        var concerns = new ConcernService.ConcernServiceClient(_channel);
        var request = new RaiseConcernRequest
        {
            Details = new ConcernDetails
            {
                PersonId = personId, Source = ConcernSource.VoluntarySector, RaisedBy = "outreach worker",
                Categories = { AbuseCategory.Domestic }, LocationOfRisk = RiskLocation.OwnHome, Description = marker,
            },
        };
        while (true)
        {
            try
            {
                await concerns.RaiseConcernAsync(request, Options(_worker, cancellationToken));
                break;
            }
            catch (RpcException error) when (IsUnknownOutcome(error))
            {
                if (await ScalarAsync(_safeguardingDatabase, "SELECT concern_id FROM concerns WHERE description = @Key", marker) is not null)
                {
                    break;
                }
                await BackOffAsync(cancellationToken);
            }
        }
        Concerns.Add(marker);
    }

    /// <summary>Her needs (a first profile: version 0), a vacancy on the unit, and the offer of it to her.</summary>
    private async Task OfferAsync(string unitId, string personId, CancellationToken cancellationToken)
    {
        var needs = new NeedsService.NeedsServiceClient(_channel);
        while (true)
        {
            try
            {
                await needs.SetNeedsProfileAsync(new SetNeedsProfileRequest
                {
                    PersonId = personId, ExpectedVersion = 0, Profile = new NeedsProfile { SupportHoursNeeded = 4 },
                }, Options(_officer, cancellationToken));
                break;
            }
            catch (RpcException error) when (IsUnknownOutcome(error) || error.StatusCode is StatusCode.Aborted or StatusCode.AlreadyExists or StatusCode.FailedPrecondition)
            {
                if (await HousingScalarAsync("SELECT person_id FROM needs_profiles WHERE person_id = @Key", personId) is not null)
                {
                    break;
                }
                if (!IsUnknownOutcome(error))
                {
                    throw;
                }
                await BackOffAsync(cancellationToken);
            }
        }
        NeedsProfiles.Add(personId);

        var vacancies = new VacancyService.VacancyServiceClient(_channel);
        var offers = new OfferService.OfferServiceClient(_channel);
        string? vacancyId = null;
        while (vacancyId is null)
        {
            try
            {
                vacancyId = (await vacancies.OpenVacancyAsync(new OpenVacancyRequest { UnitId = unitId }, Options(_officer, cancellationToken))).VacancyId;
            }
            catch (RpcException error) when (IsUnknownOutcome(error) || error.StatusCode is StatusCode.FailedPrecondition or StatusCode.AlreadyExists)
            {
                vacancyId = await HousingScalarAsync("SELECT vacancy_id FROM vacancies WHERE unit_id = @Key", unitId);
                if (vacancyId is null)
                {
                    if (!IsUnknownOutcome(error))
                    {
                        throw;
                    }
                    await BackOffAsync(cancellationToken);
                }
            }
        }
        Vacancies[unitId] = vacancyId;
        while (true)
        {
            try
            {
                await offers.MakeOfferAsync(new MakeOfferRequest { PersonId = personId, VacancyId = vacancyId }, Options(_officer, cancellationToken));
                break;
            }
            catch (RpcException error) when (IsUnknownOutcome(error) || error.StatusCode == StatusCode.FailedPrecondition)
            {
                if (await HousingScalarAsync("SELECT offer_id FROM offers WHERE vacancy_id = @Key", vacancyId) is not null)
                {
                    break;
                }
                if (!IsUnknownOutcome(error))
                {
                    throw;
                }
                await BackOffAsync(cancellationToken);
            }
        }
        Offers[vacancyId] = personId;
    }
}
