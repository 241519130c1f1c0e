using Google.Protobuf.WellKnownTypes;
using Platform.IntegrationEvents.Engagement;
using Platform.IntegrationEvents.Safeguarding;
using Platform.Safeguarding.V1;
using Platform.Testing;

namespace Platform.Safeguarding.Tests.Messaging;

/// <summary>
/// A plan's events leave through the outbox and cross a real RabbitMQ broker, and the events it answers
/// (the registry's access snapshots, engagement's disengagement) arrive the same way.
/// </summary>
public sealed class PlanEventsOverRabbitMqTests
{
    [SkippableFact]
    public async Task A_household_plan_and_its_think_family_referral_cross_rabbitmq_and_a_disengagement_flags_it()
    {
        Infrastructure.RequireRabbitMq();
        var fixture = new SafeguardingFixture();
        await fixture.StartAsync(rabbitMq: true);
        try
        {
            var personId = await fixture.PersonAsync();
            var childId = await fixture.PersonAsync();
            var request = fixture.Plan(personId);
            request.Members.Add(new PlanMember { PersonId = childId, Role = MemberRole.Child });
            var lead = fixture.As(SafeguardingFixture.Lead);
            var plan = await lead.Plans.AgreePlanAsync(request);

            await fixture.Host.Bus.Publish(new DisengagementDetected
            {
                EpisodeId = Guid.NewGuid().ToString(), PersonId = personId, Rule = "consecutive-attempts", RiskLevel = "high", OccurredAt = fixture.Now,
            });

            var timeout = TimeSpan.FromSeconds(30);
            await fixture.Events.WaitForAsync<PlanAgreed>(e => e.PlanId == plan.PlanId, timeout);
            await fixture.Events.WaitForAsync<ThinkFamilyReferralRaised>(e => e.ReferralId == plan.ThinkFamilyReferralId, timeout);
            var flagged = await Eventually.ReadAsync(
                () => lead.Plans.GetPlanAsync(new GetPlanRequest { PlanId = plan.PlanId }).ResponseAsync,
                p => p.UrgentReviewReason.Length > 0, timeout);
            Assert.Equal("Disengagement detected (consecutive-attempts)", flagged.UrgentReviewReason);
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }
}
