namespace Platform.Safeguarding.Referrals;

/// <summary><c>Safeguarding:Referrals</c>: how long a receiving agency or area has to answer a referral before it is chased.</summary>
public sealed class ReferralOptions
{
    public int AnswerWithinDays { get; set; } = 5;

    /// <summary>The service of an area a Think Family referral goes to.</summary>
    public const string ChildrensServices = "childrens-services";

    /// <summary>The service of the receiving area a cross-boundary referral goes to.</summary>
    public const string AdultSocialCare = "adult-social-care";
}
