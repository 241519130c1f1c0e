using Platform.BuildingBlocks.Errors;

namespace Platform.BuildingBlocks.Tests.Errors;

public sealed class ValidatorTests
{
    private enum Kind
    {
        Unspecified = 0,
        Hostel = 1,
        Refuge = 2,
    }

    [Fact]
    public void Known_non_zero_enum_value_is_accepted()
    {
        Assert.True(new Validator().KnownEnum(Kind.Refuge, "kind").IsValid);
    }

    [Fact]
    public void Zero_enum_value_is_required()
    {
        var violation = Assert.Single(Violations(v => v.KnownEnum(Kind.Unspecified, "kind")));

        Assert.Equal(new FieldViolation("kind", "is required"), violation);
    }

    [Fact]
    public void Unknown_enum_value_from_the_wire_is_rejected_with_its_number()
    {
        var violation = Assert.Single(Violations(v => v.KnownEnum((Kind)42, "accommodation.kind")));

        Assert.Equal("accommodation.kind", violation.Field);
        Assert.Contains("42", violation.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_required_value_names_the_field(string? value)
    {
        Assert.Equal(new FieldViolation("details.family_name", "is required"),
            Assert.Single(Violations(v => v.Required(value, "details.family_name"))));
    }

    [Fact]
    public void Required_value_longer_than_its_maximum_names_the_field_and_the_limit()
    {
        var violation = Assert.Single(Violations(v => v.Required(new string('x', 11), "reason", maxLength: 10)));

        Assert.Equal("reason", violation.Field);
        Assert.Contains("10", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Value_at_its_maximum_length_is_accepted()
    {
        Assert.True(new Validator().Required(new string('x', 10), "reason", maxLength: 10).MaxLength(new string('y', 5), "note", 5).IsValid);
    }

    [Fact]
    public void Max_length_accepts_an_absent_value()
    {
        Assert.True(new Validator().MaxLength(null, "note", 5).IsValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-an-id")]
    public void Required_id_rejects_anything_but_an_id(string? value)
    {
        Assert.Equal("person_id", Assert.Single(Violations(v => v.RequiredId(value, "person_id"))).Field);
    }

    [Fact]
    public void Every_violation_is_reported_at_once_in_the_order_found()
    {
        var validator = new Validator()
            .Required(null, "name")
            .KnownEnum((Kind)9, "kind")
            .RequiredId("x", "person_id")
            .Check(true, "ok", "never reported");

        var error = Assert.Throws<InvalidArgumentException>(validator.ThrowIfInvalid);

        Assert.Equal(["name", "kind", "person_id"], error.Violations.Select(v => v.Field));
        Assert.Contains("name: is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_request_does_not_throw()
    {
        new Validator().Required("Catherine", "name").KnownEnum(Kind.Hostel, "kind").ThrowIfInvalid();
    }

    private static IReadOnlyList<FieldViolation> Violations(Action<Validator> check)
    {
        var validator = new Validator();
        check(validator);
        Assert.False(validator.IsValid);
        return Assert.Throws<InvalidArgumentException>(validator.ThrowIfInvalid).Violations;
    }
}
