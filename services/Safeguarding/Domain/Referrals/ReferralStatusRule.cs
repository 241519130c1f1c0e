using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Domain.Referrals;

/// <summary>
/// A referral is sent, then acknowledged, then accepted, or declined with a reason; it may be accepted
/// or declined without an acknowledgement first. Accepted and declined are final.
/// </summary>
public static class ReferralStatusRule
{
    private static readonly Dictionary<ReferralStatus, ReferralStatus[]> Allowed = new()
    {
        [ReferralStatus.Sent] = [ReferralStatus.Acknowledged, ReferralStatus.Accepted, ReferralStatus.Declined],
        [ReferralStatus.Acknowledged] = [ReferralStatus.Accepted, ReferralStatus.Declined],
        [ReferralStatus.Accepted] = [],
        [ReferralStatus.Declined] = [],
    };

    public static IReadOnlyList<ReferralStatus> AllowedFrom(ReferralStatus from) => Allowed.GetValueOrDefault(from, []);

    /// <summary>Null when the move is allowed; otherwise why not, naming the statuses allowed from <paramref name="from"/>.</summary>
    public static string? Refusal(ReferralStatus from, ReferralStatus to)
    {
        var allowed = AllowedFrom(from);
        if (allowed.Contains(to))
        {
            return null;
        }
        var names = allowed.Count == 0 ? "none, it is final" : string.Join(", ", allowed.Select(Word));
        return $"A referral that is {Word(from)} cannot become {Word(to)}. Allowed from {Word(from)}: {names}.";
    }

    public static string Word(ReferralStatus status) => status switch
    {
        ReferralStatus.Sent => "sent",
        ReferralStatus.Acknowledged => "acknowledged",
        ReferralStatus.Accepted => "accepted",
        ReferralStatus.Declined => "declined",
        _ => "unspecified",
    };
}
