using System.Security.Claims;
using Platform.Web.Navigation;

namespace Platform.Web.Tests.Components;

public sealed class NavigationTests
{
    private static ClaimsPrincipal As(string role) =>
        new(new ClaimsIdentity([new Claim("sub", "someone"), new Claim("role", role)], "test", "sub", "role"));

    [Fact]
    public void A_support_worker_sees_the_support_pages_in_order()
    {
        var items = NavigationItems.For(As("support_worker"));

        Assert.Equal(["/support/find", "/support/register", "/support/worklist", "/safeguarding/worklist", "/safeguarding/referrals"], items.Select(i => i.Href));
    }

    [Fact]
    public void A_page_that_narrows_its_folders_roles_is_shown_only_to_the_roles_both_admit()
    {
        Assert.Contains(NavigationItems.For(As("safeguarding_lead")), i => i.Href == "/safeguarding/board-figures");
        Assert.Contains(NavigationItems.For(As("safeguarding_lead")), i => i.Href == "/safeguarding/referrals");
        Assert.DoesNotContain(NavigationItems.For(As("support_worker")), i => i.Href == "/safeguarding/board-figures");
        Assert.DoesNotContain(NavigationItems.For(As("housing_officer")), i => i.Href.StartsWith("/safeguarding/", StringComparison.Ordinal));
    }

    [Fact]
    public void A_housing_officer_sees_the_housing_pages_and_a_support_worker_does_not()
    {
        Assert.Equal(["/housing/catalogue", "/housing/breakdown-rates"], NavigationItems.For(As("housing_officer")).Select(i => i.Href));
        Assert.DoesNotContain(NavigationItems.For(As("support_worker")), i => i.Href.StartsWith("/housing/", StringComparison.Ordinal));
    }

    [Fact]
    public void A_role_sees_no_page_of_a_folder_that_is_not_for_it_and_no_one_signed_out_sees_any()
    {
        Assert.DoesNotContain(NavigationItems.For(As("housing_officer")), i => i.Href.StartsWith("/support/", StringComparison.Ordinal));
        Assert.Empty(NavigationItems.For(new ClaimsPrincipal(new ClaimsIdentity())));
    }

    [Fact]
    public void Only_an_auditor_sees_the_audit_trail_and_it_is_all_an_auditor_sees()
    {
        Assert.Equal(["/audit"], NavigationItems.For(As("auditor")).Select(i => i.Href));
        foreach (var role in new[] { "support_worker", "housing_officer", "safeguarding_lead", "admin" })
        {
            Assert.DoesNotContain(NavigationItems.For(As(role)), i => i.Href == "/audit");
        }
    }
}
