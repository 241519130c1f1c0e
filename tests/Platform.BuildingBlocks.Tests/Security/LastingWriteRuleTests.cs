using Platform.BuildingBlocks.Security;

namespace Platform.BuildingBlocks.Tests.Security;

public sealed class LastingWriteRuleTests
{
    private static readonly AccessBasis[] Standing = [AccessBasis.Involvement, AccessBasis.Area, AccessBasis.Sharing];

    private static string? Refusal(LastingWrite write, AccessBasis basis, bool leads = false, bool lawful = false) =>
        LastingWriteRule.Refusal(new LastingWriteRequest(write, basis, leads, lawful));

    private static Caller Caller(string role, string agency = "outreach-bristol") =>
        new("worker-1", new HashSet<string> { role }, agency, "E06000023");

    [Theory]
    [InlineData(LastingWrite.ChangesAccess)]
    [InlineData(LastingWrite.ForAnotherAgency)]
    [InlineData(LastingWrite.ShareWithAnotherAgency)]
    [InlineData(LastingWrite.StartAnotherAgencysInvolvement)]
    [InlineData(LastingWrite.ChangeAnotherAgencysInvolvement)]
    public void Break_glass_makes_no_lasting_write_even_for_a_lead_with_a_lawful_basis(LastingWrite write)
    {
        var refusal = Refusal(write, AccessBasis.BreakGlass, leads: true, lawful: true);

        Assert.NotNull(refusal);
        Assert.StartsWith("Break-glass opens one look", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_standing_basis_changes_access_in_its_own_name_or_writes_for_another_agency()
    {
        foreach (var basis in Standing)
        {
            Assert.Null(Refusal(LastingWrite.ChangesAccess, basis));
            Assert.Null(Refusal(LastingWrite.ForAnotherAgency, basis));
        }
    }

    [Fact]
    public void Only_an_involved_agency_shares_with_another_agency()
    {
        Assert.Null(Refusal(LastingWrite.ShareWithAnotherAgency, AccessBasis.Involvement, lawful: true));
        Assert.NotNull(Refusal(LastingWrite.ShareWithAnotherAgency, AccessBasis.Area, lawful: true));
        Assert.NotNull(Refusal(LastingWrite.ShareWithAnotherAgency, AccessBasis.Sharing, lawful: true));
    }

    [Theory]
    [InlineData(LastingWrite.StartAnotherAgencysInvolvement)]
    [InlineData(LastingWrite.ChangeAnotherAgencysInvolvement)]
    public void Only_a_lead_changes_another_agencys_place_in_the_team(LastingWrite write)
    {
        Assert.Null(Refusal(write, AccessBasis.Involvement, leads: true, lawful: true));
        Assert.Contains("lead", Refusal(write, AccessBasis.Involvement, leads: false, lawful: true), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LastingWrite.ShareWithAnotherAgency)]
    [InlineData(LastingWrite.StartAnotherAgencysInvolvement)]
    public void Giving_another_agency_access_needs_a_lawful_basis_and_reason(LastingWrite write)
    {
        Assert.Contains("lawful basis", Refusal(write, AccessBasis.Involvement, leads: true, lawful: false), StringComparison.Ordinal);
    }

    [Fact]
    public void Ending_another_agencys_involvement_needs_no_lawful_basis_it_gives_no_access()
    {
        Assert.Null(Refusal(LastingWrite.ChangeAnotherAgencysInvolvement, AccessBasis.Involvement, leads: true, lawful: false));
    }

    [Fact]
    public void The_agency_holding_the_lead_professional_leads()
    {
        Assert.True(LastingWriteRule.Leads(Caller(PlatformRoles.SupportWorker), AccessBasis.Involvement, new HashSet<string> { "outreach-bristol" }));
        Assert.False(LastingWriteRule.Leads(Caller(PlatformRoles.SupportWorker), AccessBasis.Involvement, new HashSet<string> { "asc-bristol" }));
    }

    [Fact]
    public void A_safeguarding_lead_leads_only_where_their_agency_is_involved()
    {
        var lead = Caller(PlatformRoles.SafeguardingLead, "asc-bristol");

        Assert.True(LastingWriteRule.Leads(lead, AccessBasis.Involvement, new HashSet<string>()));
        Assert.False(LastingWriteRule.Leads(lead, AccessBasis.Area, new HashSet<string>()));
        Assert.False(LastingWriteRule.Leads(lead, AccessBasis.Sharing, new HashSet<string>()));
        Assert.False(LastingWriteRule.Leads(lead, AccessBasis.BreakGlass, new HashSet<string>()));
    }
}
