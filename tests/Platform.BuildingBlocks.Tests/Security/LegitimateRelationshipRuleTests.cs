using Platform.BuildingBlocks.Security;

namespace Platform.BuildingBlocks.Tests.Security;

public sealed class LegitimateRelationshipRuleTests
{
    private const string Bristol = "E06000023";
    private const string SouthGlos = "E06000025";

    private static readonly PersonAccessFacts Facts = new(
        InvolvedAgencies: Set("outreach-bristol"),
        LocalAuthorities: Set(Bristol),
        SharedWithAgencies: Set("refuge-north"));

    [Fact]
    public void Involved_agency_has_access_by_involvement()
    {
        Assert.Equal(AccessBasis.Involvement, Decide(Caller(PlatformRoles.SupportWorker, "outreach-bristol", SouthGlos)));
    }

    [Fact]
    public void Involvement_is_the_basis_recorded_even_where_the_area_also_matches()
    {
        Assert.Equal(AccessBasis.Involvement, Decide(Caller(PlatformRoles.SupportWorker, "outreach-bristol", Bristol)));
    }

    [Fact]
    public void Agency_in_an_area_the_person_lives_or_lived_in_has_access_by_area()
    {
        Assert.Equal(AccessBasis.Area, Decide(Caller(PlatformRoles.HousingOfficer, "housing-bristol", Bristol)));
    }

    [Fact]
    public void Agency_a_sharing_record_names_has_access_by_sharing()
    {
        Assert.Equal(AccessBasis.Sharing, Decide(Caller(PlatformRoles.SafeguardingLead, "refuge-north", SouthGlos)));
    }

    [Fact]
    public void Unrelated_caller_without_a_reason_is_refused()
    {
        Assert.Null(Decide(Caller(PlatformRoles.SupportWorker, "outreach-leeds", "E08000035")));
    }

    [Theory]
    [InlineData("0123456789")]
    [InlineData("  Immediate risk to life reported by police  ")]
    public void Unrelated_caller_with_a_reason_of_ten_characters_or_more_breaks_glass(string reason)
    {
        Assert.Equal(AccessBasis.BreakGlass, Decide(Caller(PlatformRoles.SupportWorker, "outreach-leeds", "E08000035"), reason));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("123456789")]
    [InlineData("   urgent   ")]
    [InlineData("          ")]
    public void Reason_shorter_than_ten_characters_once_trimmed_does_not_break_glass(string? reason)
    {
        Assert.Null(Decide(Caller(PlatformRoles.SupportWorker, "outreach-leeds", "E08000035"), reason));
    }

    [Theory]
    [InlineData("sab-audit", "E08000035")]
    [InlineData("outreach-bristol", Bristol)]
    [InlineData("refuge-north", SouthGlos)]
    public void Auditor_never_gets_access_not_even_with_a_relationship_or_a_reason(string agency, string area)
    {
        Assert.Null(Decide(Caller(PlatformRoles.Auditor, agency, area), "Reviewing this case for the safeguarding board"));
    }

    [Fact]
    public void Caller_without_any_role_is_refused()
    {
        Assert.Null(Decide(new Caller("someone", Set(), "outreach-bristol", Bristol), "Immediate risk to life"));
    }

    [Fact]
    public void Admin_is_decided_like_any_caseworker()
    {
        Assert.Equal(AccessBasis.Area, Decide(Caller(PlatformRoles.Admin, "platform-ops", Bristol)));
        Assert.Null(Decide(Caller(PlatformRoles.Admin, "platform-ops", SouthGlos)));
    }

    [Fact]
    public void Caller_with_no_agency_or_area_claim_does_not_match_blank_facts()
    {
        var blank = new PersonAccessFacts(Set(""), Set(""), Set(""));

        Assert.Null(LegitimateRelationshipRule.Decide(Caller(PlatformRoles.SupportWorker, "", ""), blank, null));
    }

    private static AccessBasis? Decide(Caller caller, string? reason = null) =>
        LegitimateRelationshipRule.Decide(caller, Facts, reason);

    private static Caller Caller(string role, string agency, string area) => new($"{role}@{agency}", Set(role), agency, area);

    private static HashSet<string> Set(params string[] values) => new(values, StringComparer.Ordinal);
}
