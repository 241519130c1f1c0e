using Google.Protobuf.WellKnownTypes;
using MassTransit;
using Platform.IntegrationEvents.Engagement;
using Platform.IntegrationEvents.Housing;
using Platform.IntegrationEvents.Registry;
using Platform.Safeguarding.Tests.Grpc;
using Platform.Safeguarding.V1;
using Platform.Testing;

namespace Platform.Safeguarding.Tests.EventHandling;

/// <summary>How plans answer other services' events, over the in-memory bus.</summary>
public sealed class PlanReactionTests(SafeguardingFixture fixture) : IClassFixture<SafeguardingFixture>
{
    private readonly SafeguardingClient _lead = fixture.As(SafeguardingFixture.Lead);

    private async Task<(string PersonId, Plan Plan)> PlanAsync()
    {
        var personId = await fixture.PersonAsync();
        return (personId, await _lead.Plans.AgreePlanAsync(fixture.Plan(personId)));
    }

    private Task<Plan> FlaggedAsync(string planId) => Eventually.ReadAsync(
        () => _lead.Plans.GetPlanAsync(new GetPlanRequest { PlanId = planId }).ResponseAsync, p => p.UrgentReviewReason.Length > 0);

    [Fact]
    public async Task Disengagement_flags_her_open_plan_for_an_urgent_review_and_the_next_review_clears_it()
    {
        var (personId, plan) = await PlanAsync();

        await fixture.Host.Bus.Publish(new DisengagementDetected
        {
            EpisodeId = Guid.NewGuid().ToString(), PersonId = personId, Rule = "no-contact-high-risk", RiskLevel = "high", OccurredAt = fixture.Now,
        });
        var flagged = await FlaggedAsync(plan.PlanId);
        var reviewed = await _lead.Plans.RecordReviewAsync(new RecordReviewRequest
        {
            PlanId = plan.PlanId, ExpectedVersion = flagged.Version, Note = "Outreach to visit daily", NextReviewAt = fixture.Now.AddDays(7).ToTimestamp(),
        });

        Assert.Equal("Disengagement detected (no-contact-high-risk)", flagged.UrgentReviewReason);
        Assert.Equal(plan.Version + 1, flagged.Version);
        Assert.Equal("", reviewed.UrgentReviewReason);
        Assert.True(Assert.Single(reviewed.Reviews).Urgent);
    }

    [Fact]
    public async Task A_tenancy_breakdown_flags_a_review_and_a_planned_move_on_does_not()
    {
        var (personId, plan) = await PlanAsync();
        var (otherId, other) = await PlanAsync();

        await fixture.Host.Bus.Publish(Ended(otherId, "planned-move-on"));
        await fixture.Host.Bus.Publish(Ended(personId, "breakdown"));
        var flagged = await FlaggedAsync(plan.PlanId);

        Assert.Equal("Tenancy broke down", flagged.UrgentReviewReason);
        Assert.Equal("", (await _lead.Plans.GetPlanAsync(new GetPlanRequest { PlanId = other.PlanId })).UrgentReviewReason);
    }

    [Fact]
    public async Task A_move_across_areas_refers_her_open_plan_to_the_receiving_areas_adult_social_care_once()
    {
        var (personId, plan) = await PlanAsync();
        var move = new PersonMoved
        {
            PersonId = personId, FromLocalAuthority = SafeguardingFixture.Bristol, ToLocalAuthority = SafeguardingFixture.Devon,
            MovedAt = fixture.Now, OccurredAt = fixture.Now,
        };
        var messageId = Guid.NewGuid();

        await fixture.Host.Bus.Publish(move, (PublishContext<PersonMoved> context) => context.MessageId = messageId);
        await fixture.Host.Bus.Publish(move, (PublishContext<PersonMoved> context) => context.MessageId = messageId);
        var referrals = await Eventually.ReadAsync(
            async () => (await _lead.Referrals.ListReferralsAsync(new ListReferralsRequest { PersonId = personId })).Referrals,
            found => found.Count > 0);
        // The registry's rules give the receiving area her record once she lives there: it answers.
        await fixture.Host.Bus.Publish(new PersonAccessChanged
        {
            PersonId = personId, Sequence = 2, Areas = [SafeguardingFixture.Bristol, SafeguardingFixture.Devon], OccurredAt = fixture.Now,
        });
        await Eventually.TrueAsync(async () => await fixture.ScalarAsync<int>(
            "SELECT COUNT(*) FROM access_areas WHERE person_id = @PersonId", new { PersonId = personId }) == 2);
        var referral = Assert.Single(referrals);
        var accepted = await fixture.As(Identity.SafeguardingLead("asc-devon", SafeguardingFixture.Devon)).Referrals.RespondToReferralAsync(
            new RespondToReferralRequest { ReferralId = referral.ReferralId, ExpectedVersion = referral.Version, Status = ReferralStatus.Accepted });

        Assert.Equal(
            (ReferralKind.CrossBoundary, SafeguardingFixture.Bristol, SafeguardingFixture.Devon, "adult-social-care", plan.PlanId, "asc-bristol"),
            (referral.Kind, referral.FromArea, referral.ToArea, referral.ToService, referral.PlanId, referral.FromAgency));
        Assert.Equal(ReferralStatus.Accepted, accepted.Status);
        // The sending area keeps reading her plan.
        Assert.False((await _lead.Plans.GetPlanAsync(new GetPlanRequest { PlanId = plan.PlanId })).Restricted);
    }

    [Fact]
    public async Task A_move_within_an_area_or_of_someone_without_an_open_plan_refers_no_one()
    {
        var (personId, _) = await PlanAsync();
        var noPlan = await fixture.PersonAsync();

        await fixture.Host.Bus.Publish(new PersonMoved { PersonId = personId, FromLocalAuthority = SafeguardingFixture.Bristol, ToLocalAuthority = SafeguardingFixture.Bristol, MovedAt = fixture.Now });
        await fixture.Host.Bus.Publish(new PersonMoved { PersonId = noPlan, FromLocalAuthority = SafeguardingFixture.Bristol, ToLocalAuthority = SafeguardingFixture.Devon, MovedAt = fixture.Now });
        await fixture.Host.Bus.Publish(new DisengagementDetected { EpisodeId = "e", PersonId = noPlan, Rule = "no-contact", RiskLevel = "standard" });
        await Eventually.TrueAsync(async () => await fixture.ScalarAsync<int>(
            "SELECT COUNT(*) FROM inbox_messages WHERE consumer LIKE '%DisengagementDetectedConsumer'", new { }) > 0);
        await Eventually.TrueAsync(async () => await fixture.ScalarAsync<int>(
            "SELECT COUNT(*) FROM inbox_messages WHERE consumer LIKE '%PersonMovedConsumer'", new { }) >= 2);

        Assert.Equal(0, await fixture.ScalarAsync<int>(
            "SELECT COUNT(*) FROM referrals WHERE person_id IN (@PersonId, @NoPlan)", new { PersonId = personId, NoPlan = noPlan }));
    }

    [Fact]
    public async Task Linked_records_read_their_plans_together_and_two_open_plans_are_flagged_for_review()
    {
        var (survivorId, first) = await PlanAsync();
        var (otherId, second) = await PlanAsync();

        await fixture.Host.Bus.Publish(new PersonAccessChanged
        {
            PersonId = otherId, Sequence = 2, LinkedTo = survivorId, Areas = [SafeguardingFixture.Bristol], OccurredAt = fixture.Now,
            Involvements = [new AgencyInvolvement { InvolvementId = Guid.NewGuid().ToString(), Agency = SafeguardingFixture.Outreach, Since = fixture.Now.AddDays(-30) }],
        });
        await fixture.Host.Bus.Publish(new PersonsLinked { LinkId = Guid.NewGuid().ToString(), PersonId = survivorId, OtherPersonId = otherId, OccurredAt = fixture.Now });
        await FlaggedAsync(first.PlanId);
        await FlaggedAsync(second.PlanId);
        var plans = await Eventually.ReadAsync(
            async () => (await _lead.Plans.ListPlansAsync(new ListPlansRequest { PersonId = survivorId })).Plans,
            found => found.Count == 2);

        Assert.Equal(new[] { first.PlanId, second.PlanId }.Order(StringComparer.Ordinal), plans.Select(p => p.PlanId).Order(StringComparer.Ordinal));
    }

    private TenancyEnded Ended(string personId, string kind) => new()
    {
        TenancyId = Guid.NewGuid().ToString(), PersonId = personId, UnitId = "u", SchemeId = "s", ProviderId = "p", Agency = "housing-bristol",
        EndKind = kind, Reason = "r", EndedAt = fixture.Now, OccurredAt = fixture.Now,
    };
}
