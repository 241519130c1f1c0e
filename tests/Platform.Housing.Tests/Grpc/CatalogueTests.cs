using Grpc.Core;
using Platform.Housing.V1;
using Platform.Testing;

namespace Platform.Housing.Tests.Grpc;

public sealed class CatalogueTests(HousingFixture fixture) : IClassFixture<HousingFixture>
{
    [Fact]
    public async Task A_unit_inherits_from_provider_and_scheme_and_overrides_its_own()
    {
        var scheme = await World.SchemeAsync(fixture.Officer, scheme: new PlacementAttributes { Accepts = new Accepts { Pets = true } });

        var unit = await fixture.Officer.Catalogue.CreateUnitAsync(new CreateUnitRequest
        {
            SchemeId = scheme.SchemeId, Name = "Flat 2",
            Attributes = new PlacementAttributes { WomenOnly = false, Accessibility = new Accessibility { GroundFloor = true } },
        });

        var effective = unit.EffectiveAttributes;
        Assert.Equal(PlacementType.SupportedAccommodation, effective.Type);
        Assert.False(effective.WomenOnly);
        Assert.True(effective.Accepts.Pets);
        Assert.True(effective.Accepts.ActiveAlcoholUse);
        Assert.True(effective.Accessibility.GroundFloor);
        Assert.Equal(World.Bristol, effective.Location.LocalAuthority);
    }

    [Fact]
    public async Task Changing_a_scheme_changes_what_its_units_offer()
    {
        var scheme = await World.SchemeAsync(fixture.Officer);
        var (unit, _) = await World.VacantUnitAsync(fixture.Officer, schemeId: scheme.SchemeId);

        await fixture.Officer.Catalogue.UpdateSchemeAsync(new UpdateSchemeRequest
        {
            SchemeId = scheme.SchemeId, Name = scheme.Name, ExpectedVersion = scheme.Version,
            Attributes = new PlacementAttributes { MaxRiskLevel = RiskLevel.Standard },
        });

        var reread = await fixture.Officer.Catalogue.GetUnitAsync(new GetUnitRequest { UnitId = unit.UnitId });
        Assert.Equal(RiskLevel.Standard, reread.EffectiveAttributes.MaxRiskLevel);
        Assert.Equal(VacancyStatus.Open, reread.Vacancy.Status);
    }

    [Fact]
    public async Task An_update_naming_an_old_version_is_aborted()
    {
        var scheme = await World.SchemeAsync(fixture.Officer);
        var update = new UpdateSchemeRequest { SchemeId = scheme.SchemeId, Name = "Renamed", ExpectedVersion = scheme.Version };
        await fixture.Officer.Catalogue.UpdateSchemeAsync(update);

        await Rpc.FailsWith(StatusCode.Aborted, () => fixture.Officer.Catalogue.UpdateSchemeAsync(update));
    }

    [Theory]
    [InlineData("latitude")]
    [InlineData("longitude")]
    [InlineData("local_authority")]
    [InlineData("type")]
    [InlineData("max_risk_level")]
    public async Task Bad_attributes_are_rejected_naming_the_field(string bad)
    {
        var attributes = World.ProviderDefaults();
        switch (bad)
        {
            case "latitude": attributes.Location.Latitude = 91; break;
            case "longitude": attributes.Location.Longitude = -180.5; break;
            case "local_authority": attributes.Location.LocalAuthority = "BRISTOL"; break;
            case "type": attributes.Type = (PlacementType)99; break;
            default: attributes.MaxRiskLevel = (RiskLevel)7; break;
        }
        var field = bad is "type" or "max_risk_level" ? $"attributes.{bad}" : $"attributes.location.{bad}";

        await Rpc.RejectsField(field, () => fixture.Officer.Catalogue.CreateProviderAsync(new CreateProviderRequest { Name = "P", Attributes = attributes }));
    }

    [Fact]
    public async Task A_unit_in_an_unknown_scheme_is_not_found_and_nothing_is_stored()
    {
        await Rpc.FailsWith(StatusCode.NotFound, () => fixture.Officer.Catalogue.CreateUnitAsync(
            new CreateUnitRequest { SchemeId = Guid.NewGuid().ToString(), Name = "Nowhere" }));
    }

    [Fact]
    public async Task A_second_vacancy_on_a_unit_with_one_open_fails_precondition()
    {
        var (unit, _) = await World.VacantUnitAsync(fixture.Officer);

        await Rpc.FailsWith(StatusCode.FailedPrecondition, () => fixture.Officer.Vacancies.OpenVacancyAsync(new OpenVacancyRequest { UnitId = unit.UnitId }));
    }

    [Fact]
    public async Task A_vacancy_ending_in_the_past_is_rejected()
    {
        var (unit, vacancy) = await World.VacantUnitAsync(fixture.Officer);
        await fixture.Officer.Vacancies.CloseVacancyAsync(new CloseVacancyRequest { VacancyId = vacancy.VacancyId, ExpectedVersion = vacancy.Version, Reason = "repairs" });

        await Rpc.RejectsField("available_until", () => fixture.Officer.Vacancies.OpenVacancyAsync(new OpenVacancyRequest
        {
            UnitId = unit.UnitId, AvailableUntil = World.At(fixture.Host.Clock.GetUtcNow().AddDays(-1)),
        }));
    }

    [Fact]
    public async Task Only_housing_officers_keep_the_catalogue()
    {
        var worker = fixture.As(Identity.SupportWorker());

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => worker.Catalogue.CreateProviderAsync(new CreateProviderRequest { Name = "P" }));
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => fixture.As(Identity.Auditor()).Catalogue.GetUnitAsync(new GetUnitRequest { UnitId = Guid.NewGuid().ToString() }));
    }
}
