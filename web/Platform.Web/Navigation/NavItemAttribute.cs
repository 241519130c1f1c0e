namespace Platform.Web.Navigation;

/// <summary>
/// Puts a page in the navigation. Who sees it is the page's own <c>[Authorize(Roles = ...)]</c>,
/// usually set once for a role's folder in its <c>_Imports.razor</c>: adding a role's pages is adding
/// one folder.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class NavItemAttribute(string label, int order) : Attribute
{
    public string Label { get; } = label;

    public int Order { get; } = order;
}
