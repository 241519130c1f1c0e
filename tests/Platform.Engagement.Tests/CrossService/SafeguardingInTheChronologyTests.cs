using Platform.Engagement.Tests.Grpc;
using Platform.Engagement.V1;
using Platform.IntegrationEvents.Safeguarding;
using Platform.Testing;

namespace Platform.Engagement.Tests.CrossService;

/// <summary>Safeguarding's events join her chronology as significant entries, saying nothing of what the concern holds.</summary>
public sealed class SafeguardingInTheChronologyTests(EngagementFixture fixture) : IClassFixture<EngagementFixture>
{
    [Fact]
    public async Task A_concern_an_enquiry_and_a_marac_recommendation_enter_her_chronology()
    {
        var personId = await fixture.PersonAsync();
        var concernId = Guid.NewGuid().ToString();

        await fixture.Host.Bus.Publish(new ConcernRaised
        {
            ConcernId = concernId, PersonId = personId, Agency = "outreach-bristol", Area = EngagementFixture.Bristol, ImmediateRisk = true, OccurredAt = fixture.Now,
        });
        await fixture.Host.Bus.Publish(new EnquiryStarted
        {
            ConcernId = concernId, PersonId = personId, Agency = "asc-bristol", Area = EngagementFixture.Bristol, Kind = "section-42", OccurredAt = fixture.Now.AddMinutes(1),
        });
        await fixture.Host.Bus.Publish(new MaracReferralRecommended
        {
            PersonId = personId, Agency = "idva-bristol", Criteria = ["visible-high-risk", "potential-escalation"], OccurredAt = fixture.Now.AddMinutes(2),
        });
        var entries = await Eventually.ReadAsync(
            () => fixture.As(Identity.SupportWorker()).ChronologyAsync(personId, new ChronologyFilter { Kinds = { EntryKind.Safeguarding } }),
            found => found.Count == 3);

        Assert.Equal(
            ["Safeguarding concern raised (immediate risk)", "Section 42 enquiry started", "MARAC referral recommended: visible-high-risk, potential-escalation"],
            entries.Select(e => e.Summary));
        Assert.All(entries, e => Assert.True(e.Significant));
    }

    [Fact]
    public async Task A_plan_agreed_reviewed_and_closed_enters_her_chronology_with_its_level_only()
    {
        var personId = await fixture.PersonAsync();
        var planId = Guid.NewGuid().ToString();

        await fixture.Host.Bus.Publish(new PlanAgreed
        {
            PlanId = planId, PersonId = personId, MemberIds = [personId, Guid.NewGuid().ToString()], LeadAgency = "asc-bristol",
            Area = EngagementFixture.Bristol, RiskLevel = "high", OccurredAt = fixture.Now,
        });
        await fixture.Host.Bus.Publish(new PlanReviewed
        {
            PlanId = planId, PersonId = personId, Agency = "asc-bristol", Urgent = true, OccurredAt = fixture.Now.AddMinutes(1),
        });
        await fixture.Host.Bus.Publish(new PlanClosed
        {
            PlanId = planId, PersonId = personId, Agency = "asc-bristol", Area = EngagementFixture.Bristol, OccurredAt = fixture.Now.AddMinutes(2),
        });
        var entries = await Eventually.ReadAsync(
            () => fixture.As(Identity.SupportWorker()).ChronologyAsync(personId, new ChronologyFilter { Kinds = { EntryKind.Safeguarding } }),
            found => found.Count == 3);

        Assert.Equal(
            ["Household safeguarding plan agreed (risk level high)", "Safeguarding plan reviewed (urgent review)", "Safeguarding plan closed"],
            entries.Select(e => e.Summary));
        Assert.All(entries, e => Assert.Equal("asc-bristol", e.Agency));
    }
}
