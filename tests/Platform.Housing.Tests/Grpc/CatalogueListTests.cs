using Grpc.Core;
using Platform.Housing.V1;
using Platform.Testing;

namespace Platform.Housing.Tests.Grpc;

/// <summary>Browsing the catalogue in pages, loading units in batches, and "why not?" grouped by rule.</summary>
public sealed class CatalogueListTests(HousingFixture fixture) : IClassFixture<HousingFixture>
{
    [Fact]
    public async Task A_schemes_units_come_by_name_in_pages_with_what_they_inherit_and_their_vacancy()
    {
        var scheme = await World.SchemeAsync(fixture.Officer);
        var created = await fixture.Officer.Catalogue.CreateUnitsAsync(new CreateUnitsRequest
        {
            SchemeId = scheme.SchemeId,
            Units = { new NewUnit { Name = "Flat C" }, new NewUnit { Name = "Flat A", Attributes = new PlacementAttributes { WomenOnly = false } }, new NewUnit { Name = "Flat B" } },
        });
        await fixture.Officer.Vacancies.OpenVacancyAsync(new OpenVacancyRequest { UnitId = created.Units[2].UnitId });

        var first = await fixture.Officer.Catalogue.ListUnitsAsync(new ListUnitsRequest { SchemeId = scheme.SchemeId, PageSize = 2 });
        var second = await fixture.Officer.Catalogue.ListUnitsAsync(new ListUnitsRequest { SchemeId = scheme.SchemeId, PageSize = 2, PageToken = first.NextPageToken });
        var vacant = await fixture.Officer.Catalogue.ListUnitsAsync(new ListUnitsRequest { SchemeId = scheme.SchemeId, Vacancy = VacancyFilter.WithVacancy });

        Assert.Equal(["Flat A", "Flat B"], first.Units.Select(u => u.Name));
        Assert.Equal(["Flat C"], second.Units.Select(u => u.Name));
        Assert.Equal("", second.NextPageToken);
        Assert.False(first.Units[0].EffectiveAttributes.WomenOnly);
        Assert.True(first.Units[0].Attributes.HasWomenOnly);
        Assert.True(first.Units[1].EffectiveAttributes.WomenOnly);
        Assert.Equal("Flat B", Assert.Single(vacant.Units).Name);
        Assert.Equal(VacancyStatus.Open, vacant.Units[0].Vacancy.Status);
    }

    [Fact]
    public async Task Units_are_found_by_area_and_type_and_providers_and_schemes_are_listed()
    {
        var scheme = await World.SchemeAsync(fixture.Officer, scheme: new PlacementAttributes
        {
            Type = PlacementType.Refuge, Location = new Location { Latitude = 51.1, Longitude = -3.1, LocalAuthority = "E06000066" },
        });
        var (unit, _) = await World.VacantUnitAsync(fixture.Officer, schemeId: scheme.SchemeId);

        var refuges = await fixture.Officer.Catalogue.ListUnitsAsync(new ListUnitsRequest
        {
            LocalAuthority = "e06000066", Type = PlacementType.Refuge, Vacancy = VacancyFilter.WithVacancy, PageSize = 200,
        });
        var hostels = await fixture.Officer.Catalogue.ListUnitsAsync(new ListUnitsRequest { ProviderId = scheme.ProviderId, Type = PlacementType.Hostel });
        var schemes = await fixture.Officer.Catalogue.ListSchemesAsync(new ListSchemesRequest { ProviderId = scheme.ProviderId });
        var providers = await fixture.Officer.Catalogue.ListProvidersAsync(new ListProvidersRequest { PageSize = 200 });

        Assert.Contains(refuges.Units, u => u.UnitId == unit.UnitId);
        Assert.All(refuges.Units, u => Assert.Equal(PlacementType.Refuge, u.EffectiveAttributes.Type));
        Assert.Empty(hostels.Units);
        Assert.Equal(scheme.SchemeId, Assert.Single(schemes.Schemes).SchemeId);
        Assert.Contains(providers.Providers, p => p.ProviderId == scheme.ProviderId);
    }

    [Fact]
    public async Task A_bad_page_token_or_area_names_the_field()
    {
        await Rpc.RejectsField("page_token", () => fixture.Officer.Catalogue.ListProvidersAsync(new ListProvidersRequest { PageToken = "not-a-token" }));
        await Rpc.RejectsField("local_authority", () => fixture.Officer.Catalogue.ListUnitsAsync(new ListUnitsRequest { LocalAuthority = "Bristol" }));
        await Rpc.FailsWith(StatusCode.NotFound, () => fixture.Officer.Catalogue.ListSchemesAsync(new ListSchemesRequest { ProviderId = Guid.NewGuid().ToString() }));
    }

    [Fact]
    public async Task A_batch_with_one_bad_unit_names_it_by_index_and_stores_none()
    {
        var scheme = await World.SchemeAsync(fixture.Officer);
        var request = new CreateUnitsRequest { SchemeId = scheme.SchemeId };
        for (var i = 0; i < 5; i++)
        {
            request.Units.Add(new NewUnit { Name = $"Room {i}" });
        }
        request.Units[3].Attributes = new PlacementAttributes { Location = new Location { Latitude = 123 } };
        request.Units[4].Name = " ";

        var fields = await Rpc.RejectsField("units[3].attributes.location.latitude",
            () => fixture.Officer.Catalogue.CreateUnitsAsync(request));

        Assert.Contains("units[4].name", fields);
        Assert.Empty((await fixture.Officer.Catalogue.ListUnitsAsync(new ListUnitsRequest { SchemeId = scheme.SchemeId })).Units);
    }

    [Fact]
    public async Task A_batch_over_the_cap_is_refused()
    {
        var scheme = await World.SchemeAsync(fixture.Officer);
        var request = new CreateUnitsRequest { SchemeId = scheme.SchemeId };
        request.Units.AddRange(Enumerable.Range(0, 501).Select(i => new NewUnit { Name = $"Room {i}" }));

        await Rpc.RejectsField("units", () => fixture.Officer.Catalogue.CreateUnitsAsync(request));
    }

    [Fact]
    public async Task Why_not_groups_excluded_units_with_a_vacancy_by_rule_and_leaves_out_units_without_one_unless_asked()
    {
        var personId = await World.PersonAsync(fixture.Host);
        var plain = new PlacementAttributes { TraumaInformed = false };
        var (vacantPlain, _) = await World.VacantUnitAsync(fixture.Officer, plain);
        var scheme = await World.SchemeAsync(fixture.Officer);
        var empty = (await fixture.Officer.Catalogue.CreateUnitsAsync(new CreateUnitsRequest
        {
            SchemeId = scheme.SchemeId, Units = { new NewUnit { Name = "Empty", Attributes = plain } },
        })).Units[0];
        await World.NeedsAsync(fixture.Officer, personId, new NeedsProfile { NeedsTraumaInformed = true, SupportHoursNeeded = 8 });

        var byDefault = await fixture.Officer.Matching.MatchPlacementsAsync(new MatchPlacementsRequest { PersonId = personId, PageSize = 200, IncludeExcluded = true });
        var all = await fixture.Officer.Matching.MatchPlacementsAsync(new MatchPlacementsRequest
        {
            PersonId = personId, PageSize = 200, IncludeExcluded = true, IncludeWithoutVacancy = true,
        });

        var trauma = Assert.Single(byDefault.WhyNot, g => g.Rule == "trauma-informed");
        Assert.Contains(vacantPlain.UnitId, trauma.UnitIds);
        Assert.DoesNotContain(byDefault.Excluded, e => e.UnitId == empty.UnitId);
        Assert.Contains(all.Excluded, e => e.UnitId == empty.UnitId);
        Assert.True(all.ExplainedExcludedCount > byDefault.ExplainedExcludedCount);
        Assert.Equal(byDefault.Excluded.Count, byDefault.ExplainedExcludedCount);
        Assert.Equal(
            "she needs a trauma-informed / psychologically informed environment; the placement does not provide one",
            Assert.Single(byDefault.Excluded.Single(e => e.UnitId == vacantPlain.UnitId).Rules).Reason);
    }
}
