using Platform.Safeguarding.Domain.Referrals;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Tests.Domain;

public sealed class ReferralStatusRuleTests
{
    private static readonly ReferralStatus[] Statuses = [ReferralStatus.Sent, ReferralStatus.Acknowledged, ReferralStatus.Accepted, ReferralStatus.Declined];

    private static readonly HashSet<(ReferralStatus, ReferralStatus)> Allowed =
    [
        (ReferralStatus.Sent, ReferralStatus.Acknowledged), (ReferralStatus.Sent, ReferralStatus.Accepted), (ReferralStatus.Sent, ReferralStatus.Declined),
        (ReferralStatus.Acknowledged, ReferralStatus.Accepted), (ReferralStatus.Acknowledged, ReferralStatus.Declined),
    ];

    public static TheoryData<ReferralStatus, ReferralStatus> EveryPair()
    {
        var data = new TheoryData<ReferralStatus, ReferralStatus>();
        foreach (var from in Statuses)
        {
            foreach (var to in Statuses)
            {
                data.Add(from, to);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void A_referral_moves_sent_acknowledged_then_accepted_or_declined_and_no_other_way(ReferralStatus from, ReferralStatus to)
    {
        var refusal = ReferralStatusRule.Refusal(from, to);

        Assert.Equal(Allowed.Contains((from, to)), refusal is null);
    }

    [Fact]
    public void A_refusal_names_the_statuses_allowed_from_where_it_stands()
    {
        Assert.Equal("A referral that is acknowledged cannot become sent. Allowed from acknowledged: accepted, declined.",
            ReferralStatusRule.Refusal(ReferralStatus.Acknowledged, ReferralStatus.Sent));
        Assert.Equal("A referral that is accepted cannot become declined. Allowed from accepted: none, it is final.",
            ReferralStatusRule.Refusal(ReferralStatus.Accepted, ReferralStatus.Declined));
    }
}
