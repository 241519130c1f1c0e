using System.Net;
using Grpc.Core;
using Microsoft.IdentityModel.Tokens;
using Platform.Registry.V1;
using Platform.Testing;

namespace Platform.Registry.Tests.Grpc;

/// <summary>
/// A validly signed token is believed only when it names one caller, one agency and one area: the
/// audit must name who acted and access is decided on the agency and area. Anything else is
/// UNAUTHENTICATED (HTTP 401), as a bad signature is.
/// </summary>
public sealed class TokenTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    private static readonly Identity Worker = Identity.SupportWorker();

    private static readonly SearchPersonsRequest Search = new() { Name = "Nobody Atall" };

    private static Dictionary<string, object> Claims(string problem)
    {
        var claims = TestAuth.ClaimsOf(Worker);
        switch (problem)
        {
            case "no subject": claims.Remove("sub"); break;
            case "empty subject": claims["sub"] = ""; break;
            case "two subjects": claims["sub"] = new[] { "worker-1", "worker-2" }; break;
            case "no agency": claims.Remove("agency"); break;
            case "empty agency": claims["agency"] = ""; break;
            case "blank agency": claims["agency"] = "   "; break;
            case "two agencies": claims["agency"] = new[] { "outreach-bristol", "police-devon" }; break;
            case "no area": claims.Remove("area"); break;
            case "empty area": claims["area"] = ""; break;
            case "area not a GSS code": claims["area"] = "Bristol"; break;
            case "area in lower case": claims["area"] = "e06000023"; break;
            case "two areas": claims["area"] = new[] { "E06000023", "E10000008" }; break;
            default: throw new ArgumentOutOfRangeException(nameof(problem));
        }
        return claims;
    }

    [Theory]
    [InlineData("no subject")]
    [InlineData("empty subject")]
    [InlineData("two subjects")]
    [InlineData("no agency")]
    [InlineData("empty agency")]
    [InlineData("blank agency")]
    [InlineData("two agencies")]
    [InlineData("no area")]
    [InlineData("empty area")]
    [InlineData("area not a GSS code")]
    [InlineData("area in lower case")]
    [InlineData("two areas")]
    public async Task Signed_token_without_one_usable_subject_agency_and_area_is_unauthenticated(string problem)
    {
        var token = TestAuth.TokenWith(Claims(problem));
        var people = new PeopleService.PeopleServiceClient(fixture.Host.ChannelWithToken(token));
        using var http = fixture.Host.HttpWithToken(token);

        await Rpc.FailsWith(StatusCode.Unauthenticated, () => people.SearchPersonsAsync(Search));
        using var json = await http.GetAsync("/v1/persons:search?name=Nobody");

        Assert.Equal(HttpStatusCode.Unauthorized, json.StatusCode);
    }

    [Fact]
    public async Task Token_whose_issuer_ends_in_a_slash_is_the_same_issuer()
    {
        var people = new PeopleService.PeopleServiceClient(fixture.Host.ChannelWithToken(TestAuth.TokenWith(TestAuth.ClaimsOf(Worker), issuer: "platform-dev/")));

        Assert.Empty((await people.SearchPersonsAsync(Search)).Matches);
    }

    [Fact]
    public async Task Token_signed_with_an_algorithm_other_than_HS256_is_unauthenticated()
    {
        var token = TestAuth.TokenWith(TestAuth.ClaimsOf(Worker), algorithm: SecurityAlgorithms.HmacSha512);
        var people = new PeopleService.PeopleServiceClient(fixture.Host.ChannelWithToken(token));

        await Rpc.FailsWith(StatusCode.Unauthenticated, () => people.SearchPersonsAsync(Search));
    }

    [Fact]
    public async Task Clock_skew_of_thirty_seconds_is_allowed_and_no_more()
    {
        // Token lifetimes are checked against the real clock, not the host's fake one.
        var lately = TestAuth.TokenWith(TestAuth.ClaimsOf(Worker), expires: DateTime.UtcNow.AddSeconds(-10));
        var tooLate = TestAuth.TokenWith(TestAuth.ClaimsOf(Worker), expires: DateTime.UtcNow.AddSeconds(-45));

        Assert.Empty((await new PeopleService.PeopleServiceClient(fixture.Host.ChannelWithToken(lately)).SearchPersonsAsync(Search)).Matches);
        await Rpc.FailsWith(StatusCode.Unauthenticated,
            () => new PeopleService.PeopleServiceClient(fixture.Host.ChannelWithToken(tooLate)).SearchPersonsAsync(Search));
    }
}
