using Platform.Registry.Domain;

namespace Platform.Registry.Tests.Domain;

public sealed class AddressHistoryRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static AddressHistory.Current Current(string area, bool confidential = false) => new("address-1", "person-1", area, Now.AddYears(-1), confidential);

    [Fact]
    public void A_new_current_address_in_another_area_is_a_move_from_that_area()
    {
        var outcome = AddressHistory.Apply(Current("E06000023"), "E06000066", false, Now, null);

        Assert.Equal((true, "E06000023", true, Now), (outcome.IsMove, outcome.FromLocalAuthority, outcome.BecomesCurrent, outcome.CloseAt!.Value));
        Assert.Equal("address-1", outcome.Closes!.AddressId);
    }

    [Fact]
    public void A_new_address_in_the_same_area_is_no_move()
    {
        Assert.False(AddressHistory.Apply(Current("E06000023"), "E06000023", false, Now, null).IsMove);
    }

    [Fact]
    public void A_move_to_a_confidential_address_is_a_move_even_within_the_same_area()
    {
        var outcome = AddressHistory.Apply(Current("E06000023"), "E06000023", true, Now, null);

        Assert.Equal((true, "E06000023"), (outcome.IsMove, outcome.FromLocalAuthority));
    }

    [Theory]
    [InlineData("E06000025")]
    [InlineData("E06000066")]
    public void Leaving_a_confidential_address_is_a_move_that_never_names_its_area(string newArea)
    {
        var outcome = AddressHistory.Apply(Current("E06000025", confidential: true), newArea, false, Now, null);

        Assert.Equal((true, (string?)null), (outcome.IsMove, outcome.FromLocalAuthority));
    }

    [Fact]
    public void A_past_address_closes_nothing_and_moves_no_one()
    {
        var outcome = AddressHistory.Apply(Current("E06000023"), "E06000066", true, Now.AddYears(-3), Now.AddYears(-2));

        Assert.Equal((false, false, (AddressHistory.Current?)null), (outcome.IsMove, outcome.BecomesCurrent, outcome.Closes));
    }

    [Fact]
    public void A_first_address_becomes_current_without_a_move()
    {
        var outcome = AddressHistory.Apply(null, "E06000023", true, Now, null);

        Assert.Equal((false, true), (outcome.IsMove, outcome.BecomesCurrent));
    }
}
