using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.Safeguarding.Tests.Grpc;

/// <summary>The README's walk-through: a household plan and its Think Family referral over HTTP/JSON.</summary>
public sealed class PlanJsonTests(SafeguardingFixture fixture) : IClassFixture<SafeguardingFixture>
{
    [Fact]
    public async Task A_household_plan_is_agreed_and_its_referral_read_over_http_json()
    {
        var personId = await fixture.PersonAsync();
        var childId = await fixture.PersonAsync();
        using var http = fixture.Host.Http(SafeguardingFixture.Lead);

        using var agreed = await http.PostAsJsonAsync("/v1/safeguarding/plans", new
        {
            personId,
            members = new[] { new { personId = childId, role = "MEMBER_ROLE_CHILD" } },
            leadProfessional = "Sam, social worker",
            level = "RISK_LEVEL_HIGH",
            risks = new[] { new { description = "Partner violence", level = "RISK_LEVEL_HIGH" } },
            actions = new[] { new { description = "IDVA support", ownerAgency = "idva-bristol", ownerRole = "IDVA", dueAt = fixture.Now.AddDays(7).ToString("O") } },
            participants = new object[] { new { kind = "PARTICIPANT_KIND_AGENCY", agency = "idva-bristol" }, new { kind = "PARTICIPANT_KIND_THE_PERSON" } },
            familyInvolvement = "Her sister joined the meeting",
            nextReviewAt = fixture.Now.AddDays(28).ToString("O"),
        });
        var json = await agreed.Content.ReadAsStringAsync();
        Assert.True(agreed.StatusCode == HttpStatusCode.OK, json);
        var plan = JsonDocument.Parse(json).RootElement;
        using var referrals = await http.GetAsync($"/v1/safeguarding/persons/{personId}/referrals");
        var referralJson = await referrals.Content.ReadAsStringAsync();
        using var closed = await http.PostAsJsonAsync($"/v1/safeguarding/plans/{plan.GetProperty("planId").GetString()}:close",
            new { expectedVersion = 1, reason = "Risk reduced" });

        Assert.Equal("PLAN_STATUS_OPEN", plan.GetProperty("status").GetString());
        var referral = Assert.Single(JsonDocument.Parse(referralJson).RootElement.GetProperty("referrals").EnumerateArray());
        Assert.Equal(plan.GetProperty("thinkFamilyReferralId").GetString(), referral.GetProperty("referralId").GetString());
        Assert.Equal("REFERRAL_KIND_THINK_FAMILY", referral.GetProperty("kind").GetString());
        Assert.True(closed.StatusCode == HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());
    }
}
