using Dapper;
using Google.Protobuf.WellKnownTypes;
using Platform.Housing.V1;
using Platform.IntegrationEvents.Registry;
using Platform.Testing;

namespace Platform.Housing.Tests.Grpc;

/// <summary>People known to housing (through the registry's events) and placements in its catalogue.</summary>
public static class World
{
    public const string Bristol = "E06000023";
    public const string Somerset = "E06000066";

    /// <summary>A person registered in the registry, as housing learns of her: her access state and her address timeline.</summary>
    public static async Task<string> PersonAsync(TestHost host, string area = Bristol, DateTimeOffset? since = null)
    {
        var personId = Guid.NewGuid().ToString();
        var from = since ?? host.Clock.GetUtcNow().AddYears(-2);
        await host.Bus.Publish(new PersonAccessChanged
        {
            PersonId = personId, Sequence = 1, Areas = [area], OccurredAt = host.Clock.GetUtcNow(),
            Involvements = [new AgencyInvolvement { InvolvementId = Guid.NewGuid().ToString(), Agency = "outreach-bristol", Since = from }],
        });
        await TimelineAsync(host, personId, 1, new AddressPeriod { LocalAuthority = area, From = from });
        await UntilAsync(host, "SELECT COUNT(*) FROM access_persons WHERE person_id = @PersonId", personId);
        return personId;
    }

    /// <summary>Publishes the registry's address timeline of her record and waits until housing holds it.</summary>
    public static async Task TimelineAsync(TestHost host, string personId, long sequence, params AddressPeriod[] periods)
    {
        await host.Bus.Publish(new PersonAddressesChanged { PersonId = personId, Sequence = sequence, Addresses = periods, OccurredAt = host.Clock.GetUtcNow() });
        await UntilAsync(host, $"SELECT COUNT(*) FROM address_timelines WHERE person_id = @PersonId AND sequence >= {sequence}", personId);
    }

    public static async Task UntilAsync(TestHost host, string countSql, string personId, int atLeast = 1)
    {
        var database = host.Service<HousingDatabase>();
        for (var i = 0; i < 400; i++)
        {
            await using var db = await database.OpenAsync();
            if (await db.ExecuteScalarAsync<long>(countSql, new { PersonId = personId }) >= atLeast)
            {
                return;
            }
            await Task.Delay(25);
        }
        throw new TimeoutException($"Not seen in time: {countSql}");
    }

    /// <summary>What most placements here are: women-only supported accommodation in Bristol that accepts people as they are.</summary>
    public static PlacementAttributes ProviderDefaults() => new()
    {
        Type = PlacementType.SupportedAccommodation,
        WomenOnly = true,
        Location = new Location { Latitude = 51.4545, Longitude = -2.5879, LocalAuthority = Bristol },
        Support = new Support { SupportHoursPerWeek = 10 },
        Accepts = new Accepts { ActiveAlcoholUse = true, ActiveDrugUse = true, MentalHealthNeeds = true, MaxChildren = 0 },
        MaxRiskLevel = RiskLevel.High,
        TraumaInformed = true,
        HousingBenefitEligible = true,
    };

    public static async Task<Scheme> SchemeAsync(HousingClient officer, PlacementAttributes? provider = null, PlacementAttributes? scheme = null)
    {
        var created = await officer.Catalogue.CreateProviderAsync(new CreateProviderRequest { Name = "Women's Housing Trust", Attributes = provider ?? ProviderDefaults() });
        return await officer.Catalogue.CreateSchemeAsync(new CreateSchemeRequest { ProviderId = created.ProviderId, Name = "Harbourside", Attributes = scheme ?? new() });
    }

    /// <summary>A unit with an open vacancy, in a fresh scheme.</summary>
    public static async Task<(Unit Unit, Vacancy Vacancy)> VacantUnitAsync(HousingClient officer, PlacementAttributes? unit = null, string? schemeId = null)
    {
        schemeId ??= (await SchemeAsync(officer)).SchemeId;
        var created = await officer.Catalogue.CreateUnitAsync(new CreateUnitRequest { SchemeId = schemeId, Name = "Flat 1", Attributes = unit ?? new() });
        var vacancy = await officer.Vacancies.OpenVacancyAsync(new OpenVacancyRequest { UnitId = created.UnitId });
        return (created, vacancy);
    }

    public static Task<NeedsProfile> NeedsAsync(HousingClient caller, string personId, NeedsProfile? profile = null) =>
        caller.Needs.SetNeedsProfileAsync(new SetNeedsProfileRequest
        {
            PersonId = personId,
            Profile = profile ?? new NeedsProfile { WomenOnly = true, Circumstances = new Circumstances { ActiveAlcoholUse = true }, SupportHoursNeeded = 8 },
        }).ResponseAsync;

    public static Timestamp At(DateTimeOffset value) => Timestamp.FromDateTimeOffset(value);
}
