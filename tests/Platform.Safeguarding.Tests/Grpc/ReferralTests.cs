using Grpc.Core;
using Platform.Safeguarding.V1;
using Platform.Testing;

namespace Platform.Safeguarding.Tests.Grpc;

public sealed class ReferralTests(SafeguardingFixture fixture) : IClassFixture<SafeguardingFixture>
{
    private const string Mental = "mental-health-bristol";

    private readonly SafeguardingClient _worker = fixture.As(SafeguardingFixture.Worker);
    private readonly SafeguardingClient _mentalHealth = fixture.As(Identity.SupportWorker(Mental, SafeguardingFixture.Bristol));

    private async Task<(string PersonId, Referral Referral)> SentAsync()
    {
        var personId = await fixture.PersonAsync(SafeguardingFixture.Outreach, Mental, "housing-bristol");
        var referral = await _worker.Referrals.SendReferralAsync(new SendReferralRequest
        {
            PersonId = personId, Kind = ReferralKind.Other, ToAgency = Mental, Reason = "Low mood and self-harm disclosed",
        });
        return (personId, referral);
    }

    [Fact]
    public async Task A_referral_is_sent_acknowledged_and_accepted_by_the_agency_it_was_sent_to()
    {
        var (personId, referral) = await SentAsync();

        var acknowledged = await _mentalHealth.Referrals.RespondToReferralAsync(new RespondToReferralRequest
        {
            ReferralId = referral.ReferralId, ExpectedVersion = referral.Version, Status = ReferralStatus.Acknowledged,
        });
        var accepted = await _mentalHealth.Referrals.RespondToReferralAsync(new RespondToReferralRequest
        {
            ReferralId = referral.ReferralId, ExpectedVersion = acknowledged.Version, Status = ReferralStatus.Accepted,
        });

        Assert.Equal((SafeguardingFixture.Outreach, SafeguardingFixture.Bristol, ReferralStatus.Sent), (referral.FromAgency, referral.FromArea, referral.Status));
        Assert.Equal(ReferralStatus.Accepted, accepted.Status);
        Assert.NotNull(accepted.RespondedAt);
        var listed = await _worker.Referrals.ListReferralsAsync(new ListReferralsRequest { PersonId = personId });
        Assert.Equal(accepted, Assert.Single(listed.Referrals));
    }

    [Fact]
    public async Task A_move_out_of_order_is_refused_naming_the_allowed_statuses()
    {
        var (_, referral) = await SentAsync();
        var accepted = await _mentalHealth.Referrals.RespondToReferralAsync(new RespondToReferralRequest
        {
            ReferralId = referral.ReferralId, ExpectedVersion = referral.Version, Status = ReferralStatus.Accepted,
        });

        var error = await Rpc.FailsWith(StatusCode.FailedPrecondition, () => _mentalHealth.Referrals.RespondToReferralAsync(new RespondToReferralRequest
        {
            ReferralId = referral.ReferralId, ExpectedVersion = accepted.Version, Status = ReferralStatus.Declined, DeclineReason = "changed our minds",
        }));
        var back = await Rpc.FailsWith(StatusCode.FailedPrecondition, () => _mentalHealth.Referrals.RespondToReferralAsync(new RespondToReferralRequest
        {
            ReferralId = referral.ReferralId, ExpectedVersion = accepted.Version, Status = ReferralStatus.Sent,
        }));

        Assert.Contains("Allowed from accepted: none", error.Status.Detail);
        Assert.Contains("cannot become sent", back.Status.Detail);
    }

    [Fact]
    public async Task A_decline_needs_a_reason_only_the_receiver_answers_and_a_stale_answer_is_aborted()
    {
        var (_, referral) = await SentAsync();
        var decline = new RespondToReferralRequest { ReferralId = referral.ReferralId, ExpectedVersion = referral.Version, Status = ReferralStatus.Declined };

        await Rpc.RejectsField("decline_reason", () => _mentalHealth.Referrals.RespondToReferralAsync(decline));
        decline.DeclineReason = "Not eligible: no diagnosed condition";
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => _worker.Referrals.RespondToReferralAsync(decline));
        await Rpc.RejectsField("status", () => _mentalHealth.Referrals.RespondToReferralAsync(new RespondToReferralRequest
        {
            ReferralId = referral.ReferralId, ExpectedVersion = referral.Version, Status = (ReferralStatus)12,
        }));
        var declined = await _mentalHealth.Referrals.RespondToReferralAsync(decline);
        await Rpc.FailsWith(StatusCode.Aborted, () => _mentalHealth.Referrals.RespondToReferralAsync(decline));

        Assert.Equal((ReferralStatus.Declined, "Not eligible: no diagnosed condition"), (declined.Status, declined.DeclineReason));
    }

    [Fact]
    public async Task Bad_referrals_are_refused_naming_the_field_and_nothing_is_stored()
    {
        var personId = await fixture.PersonAsync();

        await Rpc.RejectsField("kind", () => _worker.Referrals.SendReferralAsync(new SendReferralRequest { PersonId = personId, Kind = (ReferralKind)8, ToAgency = "x", Reason = "r" }));
        await Rpc.RejectsField("to_agency", () => _worker.Referrals.SendReferralAsync(new SendReferralRequest { PersonId = personId, Kind = ReferralKind.Other, Reason = "r" }));
        await Rpc.RejectsField("to_area", () => _worker.Referrals.SendReferralAsync(new SendReferralRequest { PersonId = personId, Kind = ReferralKind.Other, ToArea = "Bristol", ToService = "adult-social-care", Reason = "r" }));
        await Rpc.RejectsField("reason", () => _worker.Referrals.SendReferralAsync(new SendReferralRequest { PersonId = personId, Kind = ReferralKind.Other, ToAgency = "x" }));
        await Rpc.RejectsField("plan_id", () => _worker.Referrals.SendReferralAsync(new SendReferralRequest
        {
            PersonId = personId, Kind = ReferralKind.Marac, ToAgency = "marac-bristol", Reason = "r", PlanId = Guid.NewGuid().ToString(),
        }));
        await Rpc.RejectsField("person_id", () => _worker.Referrals.SendReferralAsync(new SendReferralRequest
        {
            PersonId = Guid.NewGuid().ToString(), Kind = ReferralKind.Other, ToAgency = "x", Reason = "r",
        }));

        Assert.Equal(0, await fixture.ScalarAsync<int>("SELECT COUNT(*) FROM referrals WHERE person_id = @PersonId", new { PersonId = personId }));
    }

    [Fact]
    public async Task Why_she_was_referred_is_kept_from_agencies_that_are_not_a_side_of_the_referral()
    {
        var (personId, _) = await SentAsync();

        var seen = await fixture.As(Identity.HousingOfficer("housing-bristol", SafeguardingFixture.Bristol)).Referrals
            .ListReferralsAsync(new ListReferralsRequest { PersonId = personId });

        var referral = Assert.Single(seen.Referrals);
        Assert.Equal(("", ReferralStatus.Sent, Mental), (referral.Reason, referral.Status, referral.ToAgency));
    }

    [Fact]
    public async Task The_receiving_agency_lists_what_awaits_its_answer_until_it_answers_and_the_sender_does_not()
    {
        var (_, referral) = await SentAsync();

        var awaiting = await _mentalHealth.Referrals.ListReceivedReferralsAsync(new ListReceivedReferralsRequest());
        var sendersList = await _worker.Referrals.ListReceivedReferralsAsync(new ListReceivedReferralsRequest());
        var declined = await _mentalHealth.Referrals.RespondToReferralAsync(new RespondToReferralRequest
        {
            ReferralId = referral.ReferralId, ExpectedVersion = referral.Version, Status = ReferralStatus.Declined, DeclineReason = "Not our area of work",
        });
        var answered = await _mentalHealth.Referrals.ListReceivedReferralsAsync(new ListReceivedReferralsRequest());

        Assert.Equal(referral, Assert.Single(awaiting.Referrals, r => r.ReferralId == referral.ReferralId));
        Assert.DoesNotContain(sendersList.Referrals, r => r.ReferralId == referral.ReferralId);
        Assert.Equal(ReferralStatus.Declined, declined.Status);
        Assert.DoesNotContain(answered.Referrals, r => r.ReferralId == referral.ReferralId);
    }

    [Fact]
    public async Task A_referral_to_an_agency_that_may_not_see_her_is_not_listed_to_it_and_break_glass_is_refused()
    {
        var personId = await fixture.PersonAsync(SafeguardingFixture.Outreach);
        var referral = await _worker.Referrals.SendReferralAsync(new SendReferralRequest
        {
            PersonId = personId, Kind = ReferralKind.Other, ToAgency = "police-devon", Reason = "She may move to Devon",
        });

        var stranger = await fixture.As(SafeguardingFixture.Stranger).Referrals.ListReceivedReferralsAsync(new ListReceivedReferralsRequest());

        Assert.DoesNotContain(stranger.Referrals, r => r.ReferralId == referral.ReferralId);
        await Rpc.RejectsField(Platform.BuildingBlocks.Security.BreakGlass.Header,
            () => fixture.As(SafeguardingFixture.Stranger, "she is at risk tonight").Referrals.ListReceivedReferralsAsync(new ListReceivedReferralsRequest()));
    }
}
