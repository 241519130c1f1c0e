using System.Security.Claims;
using Platform.BuildingBlocks.Security;

namespace Platform.BuildingBlocks.Tests.Security;

public sealed class TokenClaimsTests
{
    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test"));

    private static readonly (string, string)[] Usable =
        [("sub", "worker-1"), ("role", "support_worker"), ("agency", "outreach-bristol"), ("area", "E06000023")];

    private static string? Problem(Func<(string Type, string Value), bool> keep, params (string, string)[] extra) =>
        TokenClaims.Problem(Principal([.. Usable.Where(keep), .. extra]));

    [Fact]
    public void One_subject_agency_and_area_are_usable()
    {
        Assert.Null(TokenClaims.Problem(Principal(Usable)));
    }

    [Theory]
    [InlineData("sub")]
    [InlineData("agency")]
    [InlineData("area")]
    public void A_missing_claim_is_named(string type)
    {
        Assert.Contains($"'{type}'", Problem(c => c.Type != type), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sub", "")]
    [InlineData("sub", "  ")]
    [InlineData("agency", "")]
    [InlineData("agency", " outreach-bristol")]
    [InlineData("area", "")]
    [InlineData("area", "Bristol")]
    [InlineData("area", "e06000023")]
    [InlineData("area", "E0600002")]
    public void An_empty_or_malformed_claim_is_named(string type, string value)
    {
        Assert.Contains($"'{type}'", Problem(c => c.Type != type, (type, value)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sub", "worker-2")]
    [InlineData("agency", "police-devon")]
    [InlineData("area", "E10000008")]
    [InlineData("agency", "outreach-bristol")]
    public void A_second_claim_of_the_same_type_is_refused_even_when_it_agrees(string type, string value)
    {
        Assert.Contains($"'{type}'", Problem(_ => true, (type, value)), StringComparison.Ordinal);
    }

    [Fact]
    public void Over_long_subject_and_agency_are_refused_before_they_reach_a_column_they_do_not_fit()
    {
        Assert.NotNull(Problem(c => c.Item1 != "sub", ("sub", new string('s', TokenClaims.MaximumSubjectLength + 1))));
        Assert.NotNull(Problem(c => c.Item1 != "agency", ("agency", new string('a', TokenClaims.MaximumAgencyLength + 1))));
    }
}
