using Platform.Registry.Domain;
using Xunit;

namespace Platform.Registry.Tests.Domain;

public class NhsNumberTests
{
    [Theory]
    [InlineData("9434765919")]
    [InlineData("4010232137")]
    public void Nhs_number_with_correct_check_digit_is_valid(string value) =>
        Assert.True(NhsNumber.IsValid(value));

    [Theory]
    [InlineData("943 476 5919")]
    [InlineData("943-476-5919")]
    [InlineData(" 943 476 5919 ")]
    public void Nhs_number_grouped_with_spaces_or_hyphens_is_valid(string value) =>
        Assert.True(NhsNumber.IsValid(value));

    [Fact]
    public void Nhs_number_whose_check_computes_to_eleven_uses_zero() =>
        Assert.True(NhsNumber.IsValid("4860129040"));

    [Theory]
    [InlineData("9434765918")]
    [InlineData("4010232138")]
    public void Nhs_number_with_wrong_check_digit_is_invalid(string value) =>
        Assert.False(NhsNumber.IsValid(value));

    [Theory]
    [InlineData("4047966690")]
    [InlineData("4047966691")]
    public void Nhs_number_whose_check_would_be_ten_is_invalid(string value) =>
        Assert.False(NhsNumber.IsValid(value));

    [Fact]
    public void Transposed_digits_are_caught_by_the_check_digit() =>
        Assert.False(NhsNumber.IsValid("9434675919"));

    [Theory]
    [InlineData("943476591")]
    [InlineData("94347659190")]
    [InlineData("")]
    public void Nhs_number_without_exactly_ten_digits_is_invalid(string value) =>
        Assert.False(NhsNumber.IsValid(value));

    [Theory]
    [InlineData("94347659I9")]
    [InlineData("NHS9434765")]
    [InlineData("943.476.5919")]
    [InlineData("94347659\u0661\u0669")] // Arabic-Indic digits
    public void Nhs_number_with_other_characters_is_invalid(string value) =>
        Assert.False(NhsNumber.IsValid(value));

    [Fact]
    public void Null_is_not_a_valid_nhs_number() => Assert.False(NhsNumber.IsValid(null));

    [Fact]
    public void Normalise_strips_spaces_and_hyphens_only()
    {
        Assert.Equal("9434765919", NhsNumber.Normalise("943 476-5919"));
        Assert.Equal("943.4765919", NhsNumber.Normalise("943.476 5919"));
    }

    [Fact]
    public void Normalise_rejects_null() =>
        Assert.Throws<ArgumentNullException>(() => NhsNumber.Normalise(null!));
}
