using Platform.BuildingBlocks.Validation;
using Xunit;

namespace Platform.BuildingBlocks.Tests.Validation;

public class GssCodeTests
{
    [Theory]
    [InlineData("E06000025")] // South Gloucestershire
    [InlineData("W06000015")] // Cardiff
    [InlineData("S12000036")] // City of Edinburgh
    [InlineData("N09000003")] // Belfast
    [InlineData("K04000001")] // England and Wales
    public void Canonical_codes_for_each_nation_are_valid(string code) =>
        Assert.True(GssCode.IsValid(code));

    [Theory]
    [InlineData("X06000025")]
    [InlineData("A06000025")]
    public void Code_with_unknown_nation_letter_is_invalid(string code) =>
        Assert.False(GssCode.IsValid(code));

    [Theory]
    [InlineData("E0600002")]
    [InlineData("E060000251")]
    [InlineData("")]
    public void Code_of_wrong_length_is_invalid(string code) =>
        Assert.False(GssCode.IsValid(code));

    [Fact]
    public void Null_code_is_invalid() => Assert.False(GssCode.IsValid(null));

    [Theory]
    [InlineData("e06000025")]
    [InlineData(" E06000025")]
    [InlineData("E06000025 ")]
    public void Lower_case_or_padded_code_is_not_canonical(string code) =>
        Assert.False(GssCode.IsValid(code));

    [Theory]
    [InlineData("E0600002A")]
    [InlineData("E06 00025")]
    [InlineData("E0600002\u0665")] // Arabic-Indic digit five
    public void Code_with_non_ascii_digit_characters_is_invalid(string code) =>
        Assert.False(GssCode.IsValid(code));

    [Fact]
    public void Normalise_trims_and_upper_cases_into_a_valid_code()
    {
        var normalised = GssCode.Normalise("  e06000025 ");

        Assert.Equal("E06000025", normalised);
        Assert.True(GssCode.IsValid(normalised));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Normalise_returns_null_for_blank_input(string? code) =>
        Assert.Null(GssCode.Normalise(code));

    [Fact]
    public void Normalise_does_not_make_an_invalid_code_valid()
    {
        var normalised = GssCode.Normalise("x06000025");

        Assert.Equal("X06000025", normalised);
        Assert.False(GssCode.IsValid(normalised));
    }
}
