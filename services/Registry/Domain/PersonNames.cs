using Platform.Registry.V1;

namespace Platform.Registry.Domain;

/// <summary>How a person's names read in lists and reasons.</summary>
public static class PersonNames
{
    public static string Full(PersonName name) => $"{name.GivenNames} {name.FamilyName}".Trim();

    /// <summary>The usual name if there is one, else the first name recorded.</summary>
    public static string Display(IEnumerable<PersonName> names)
    {
        var list = names.ToList();
        var usual = list.FirstOrDefault(name => name.Type == NameType.Usual) ?? list.FirstOrDefault();
        return usual is null ? "" : Full(usual);
    }

    public static IReadOnlyList<string> All(IEnumerable<PersonName> names) => names.Select(Full).Where(n => n.Length > 0).ToList();
}
