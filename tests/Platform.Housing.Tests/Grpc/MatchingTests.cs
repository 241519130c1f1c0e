using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Grpc.Core;
using Platform.Housing.V1;
using Platform.Testing;

namespace Platform.Housing.Tests.Grpc;

public sealed class MatchingTests(HousingFixture fixture) : IClassFixture<HousingFixture>
{
    [Fact]
    public async Task Matches_explain_every_rule_and_why_not_for_excluded_units()
    {
        var personId = await World.PersonAsync(fixture.Host);
        var (fits, _) = await World.VacantUnitAsync(fixture.Officer);
        var (zoned, _) = await World.VacantUnitAsync(fixture.Officer, new PlacementAttributes
        {
            Location = new Location { Latitude = 51.2, Longitude = -3.0, LocalAuthority = World.Somerset },
        });
        var (noAlcohol, _) = await World.VacantUnitAsync(fixture.Officer, new PlacementAttributes { Accepts = new Accepts { ActiveAlcoholUse = false } });
        await World.NeedsAsync(fixture.Officer, personId, new NeedsProfile
        {
            WomenOnly = true, Circumstances = new Circumstances { ActiveAlcoholUse = true },
            ExclusionZones = { new Area { LocalAuthority = World.Somerset } },
        });

        var response = await fixture.Officer.Matching.MatchPlacementsAsync(new MatchPlacementsRequest
        {
            PersonId = personId, PageSize = 200, IncludeExcluded = true,
        });

        var fit = Assert.Single(response.Matches, m => m.UnitId == fits.UnitId);
        Assert.True(fit.Fits);
        Assert.All(fit.Rules, r => Assert.True(r.Passed));
        Assert.Contains(fit.Rules, r => r.Rule == "active-alcohol-use" && r.Reason == "accepts active alcohol use");
        Assert.Equal(4, fit.ScoreComponents.Count);
        Assert.Equal(World.Bristol, fit.Location.LocalAuthority);
        Assert.Equal(51.4545, fit.Location.Latitude, 4);
        var excludedByZone = Assert.Single(response.Excluded, m => m.UnitId == zoned.UnitId);
        Assert.Equal("exclusion-zone", Assert.Single(excludedByZone.Rules).Rule);
        var refusing = Assert.Single(response.Excluded, m => m.UnitId == noAlcohol.UnitId);
        Assert.Equal("does not accept active alcohol use", Assert.Single(refusing.Rules).Reason);
        Assert.DoesNotContain(response.Matches, m => m.UnitId == zoned.UnitId || m.UnitId == noAlcohol.UnitId);
    }

    [Fact]
    public async Task Explain_placement_gives_every_rule_for_one_unit()
    {
        var personId = await World.PersonAsync(fixture.Host);
        var (unit, _) = await World.VacantUnitAsync(fixture.Officer, new PlacementAttributes { LocalConnectionRequired = true, Location = new Location { LocalAuthority = World.Somerset } });
        await World.NeedsAsync(fixture.Officer, personId);

        var explained = await fixture.Officer.Matching.ExplainPlacementAsync(new ExplainPlacementRequest { PersonId = personId, UnitId = unit.UnitId });

        Assert.False(explained.Fits);
        var failed = Assert.Single(explained.Rules, r => !r.Passed);
        Assert.Equal("local-connection", failed.Rule);
        Assert.Contains(World.Somerset, failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_connection_comes_from_her_address_history()
    {
        var personId = await World.PersonAsync(fixture.Host, World.Bristol, fixture.Host.Clock.GetUtcNow().AddMonths(-8));

        var profile = await World.NeedsAsync(fixture.Officer, personId);

        Assert.Equal([World.Bristol], profile.LocalConnections);
        Assert.Equal(RiskLevel.Standard, profile.EffectiveRiskLevel);
        Assert.Equal("profile", profile.RiskLevelSource);
    }

    [Theory]
    [InlineData("profile.exclusion_zones[0].circle.radius_km")]
    [InlineData("profile.preferred_areas[0].circle.latitude")]
    [InlineData("profile.preferred_areas[1].local_authority")]
    [InlineData("profile.risk_level")]
    [InlineData("profile.children_ages[0]")]
    public async Task A_bad_needs_profile_is_rejected_naming_the_field_and_nothing_is_stored(string field)
    {
        var personId = await World.PersonAsync(fixture.Host);
        var profile = new NeedsProfile
        {
            ExclusionZones = { new Area { Circle = new Circle { Latitude = 51.4, Longitude = -2.5, RadiusKm = field.Contains("radius", StringComparison.Ordinal) ? 0 : 5 } } },
            PreferredAreas =
            {
                new Area { Circle = new Circle { Latitude = field.Contains("latitude", StringComparison.Ordinal) ? 95 : 51, Longitude = -2.5, RadiusKm = 3 } },
                new Area { LocalAuthority = field.Contains("local_authority", StringComparison.Ordinal) ? "E0600002" : World.Bristol },
            },
            RiskLevel = field.EndsWith("risk_level", StringComparison.Ordinal) ? (RiskLevel)9 : RiskLevel.Medium,
            ChildrenAges = { field.Contains("children", StringComparison.Ordinal) ? 19 : 4 },
        };

        await Rpc.RejectsField(field, () => fixture.Officer.Needs.SetNeedsProfileAsync(new SetNeedsProfileRequest { PersonId = personId, Profile = profile }));
        await Rpc.FailsWith(StatusCode.NotFound, () => fixture.Officer.Needs.GetNeedsProfileAsync(new GetNeedsProfileRequest { PersonId = personId }));
    }

    [Fact]
    public async Task A_caller_with_no_relationship_to_her_is_refused()
    {
        var personId = await World.PersonAsync(fixture.Host);
        var elsewhere = fixture.As(Identity.HousingOfficer("housing-leeds", "E08000035"));

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => elsewhere.Needs.SetNeedsProfileAsync(new SetNeedsProfileRequest { PersonId = personId, Profile = new NeedsProfile() }));
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => elsewhere.Matching.MatchPlacementsAsync(new MatchPlacementsRequest { PersonId = personId }));
    }

    [Fact]
    public async Task Matches_over_json()
    {
        var personId = await World.PersonAsync(fixture.Host);
        var (unit, _) = await World.VacantUnitAsync(fixture.Officer);
        using var http = fixture.Host.Http(Identity.HousingOfficer());

        var put = await http.PutAsJsonAsync($"/v1/housing/persons/{personId}/needs", new
        {
            profile = new { womenOnly = true, circumstances = new { activeDrugUse = true }, preferredAreas = new[] { new { localAuthority = "e06000023" } } },
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var matches = await http.GetFromJsonAsync<JsonElement>($"/v1/housing/persons/{personId}/matches?pageSize=200&includeExcluded=true");
        var bad = await http.PutAsJsonAsync($"/v1/housing/persons/{personId}/needs", new
        {
            profile = new { exclusionZones = new[] { new { circle = new { latitude = 51.4, longitude = -2.6, radiusKm = -1 } } } },
            expectedVersion = 1,
        });

        Assert.Contains(matches.GetProperty("matches").EnumerateArray(), m => m.GetProperty("unitId").GetString() == unit.UnitId);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("profile.exclusion_zones[0].circle.radius_km", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
