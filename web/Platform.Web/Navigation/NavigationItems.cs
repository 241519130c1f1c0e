using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace Platform.Web.Navigation;

/// <summary>One link of the navigation.</summary>
public sealed record NavLinkItem(string Label, string Href, int Order);

/// <summary>The pages marked <see cref="NavItemAttribute"/> that a person's role may open, in order.</summary>
public static class NavigationItems
{
    private static readonly IReadOnlyList<(NavLinkItem Item, string[]? Roles)> Pages = Discover(typeof(NavigationItems).Assembly);

    public static IReadOnlyList<NavLinkItem> For(ClaimsPrincipal user) => For(user, Pages);

    internal static IReadOnlyList<NavLinkItem> For(ClaimsPrincipal user, IEnumerable<(NavLinkItem Item, string[]? Roles)> pages) =>
        user.Identity?.IsAuthenticated != true
            ? []
            : pages.Where(p => p.Roles is null || p.Roles.Any(user.IsInRole)).Select(p => p.Item).OrderBy(i => i.Order).ToList();

    internal static IReadOnlyList<(NavLinkItem Item, string[]? Roles)> Discover(Assembly assembly) =>
        assembly.GetTypes()
            .Select(type => (type, nav: type.GetCustomAttribute<NavItemAttribute>(), route: type.GetCustomAttribute<RouteAttribute>()))
            .Where(t => t.nav is not null && t.route is not null)
            .Select(t =>
            {
                // Every [Authorize] must admit the role (a folder's and a page's own): the roles they share.
                var roles = t.type.GetCustomAttributes<AuthorizeAttribute>(inherit: true)
                    .Where(a => a.Roles is not null)
                    .Select(a => a.Roles!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    .Aggregate((string[]?)null, (shared, next) => shared is null ? next : shared.Intersect(next).ToArray());
                return (new NavLinkItem(t.nav!.Label, t.route!.Template, t.nav.Order), roles);
            })
            .ToList();
}
