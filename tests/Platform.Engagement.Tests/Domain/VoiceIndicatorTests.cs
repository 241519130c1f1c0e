using Platform.Engagement.Domain;

namespace Platform.Engagement.Tests.Domain;

public sealed class VoiceIndicatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Share_seen_alone_counts_only_successful_contacts_in_the_last_90_days()
    {
        ContactFact[] contacts =
        [
            new(Now.AddDays(-1), ContactOutcome.Made, true),
            new(Now.AddDays(-30), ContactOutcome.Made, false),
            new(Now.AddDays(-60), ContactOutcome.Made, false),
            new(Now.AddDays(-89), ContactOutcome.Made, true),
            new(Now.AddDays(-91), ContactOutcome.Made, true), // outside the window
            new(Now.AddDays(-2), ContactOutcome.Declined, true), // declined: no contact made
            new(Now.AddDays(-3), ContactOutcome.Attempted, false),
        ];

        var (successful, share) = VoiceIndicator.SeenAloneShare(contacts, Now, VoiceIndicator.DefaultWindow);

        Assert.Equal(4, successful);
        Assert.Equal(0.5, share);
    }

    [Fact]
    public void No_successful_contact_in_the_window_gives_no_share_rather_than_zero()
    {
        ContactFact[] contacts = [new(Now.AddDays(-100), ContactOutcome.Made, true), new(Now.AddDays(-1), ContactOutcome.Attempted, false)];

        Assert.Equal((0, (double?)null), VoiceIndicator.SeenAloneShare(contacts, Now, VoiceIndicator.DefaultWindow));
    }

    [Fact]
    public void Never_seen_alone_is_a_share_of_zero()
    {
        ContactFact[] contacts = [new(Now.AddDays(-5), ContactOutcome.Made, false), new(Now.AddDays(-4), ContactOutcome.Made, false)];

        Assert.Equal((2, (double?)0), VoiceIndicator.SeenAloneShare(contacts, Now, VoiceIndicator.DefaultWindow));
    }
}
