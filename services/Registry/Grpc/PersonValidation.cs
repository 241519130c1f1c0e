using Google.Protobuf.WellKnownTypes;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Validation;
using Platform.Registry.Domain;
using Platform.Registry.V1;

namespace Platform.Registry.Grpc;

/// <summary>
/// Checks and tidies what callers send about a person. Every problem is named by its field path,
/// and all are reported together, before anything is stored.
/// </summary>
internal static class PersonValidation
{
    public const int NameLength = 100;
    public const int TextLength = 200;

    public static void Details(Validator v, PersonDetails? details, string path, DateOnly today)
    {
        if (details is null)
        {
            v.Add(path, "is required");
            return;
        }
        v.Check(details.Names.Count is > 0 and <= 20, $"{path}.names", "must hold between 1 and 20 names");
        for (var i = 0; i < details.Names.Count; i++)
        {
            Name(v, details.Names[i], $"{path}.names[{i}]");
        }
        DateOfBirth(v, details.DateOfBirth, $"{path}.date_of_birth", today);
        if (!System.Enum.IsDefined(details.Sex))
        {
            v.Add($"{path}.sex", $"has unknown value {(int)details.Sex}");
        }
        v.MaxLength(details.GenderIdentity, $"{path}.gender_identity", NameLength);
        details.NhsNumber = NhsNumber.Normalise(details.NhsNumber ?? "");
        v.Check(details.NhsNumber.Length == 0 || NhsNumber.IsValid(details.NhsNumber), $"{path}.nhs_number",
            "must be 10 digits with a valid modulus-11 check digit");
        Identifiers(v, details, path);
        Contact(v, details.Contact, $"{path}.contact");
    }

    public static void DateOfBirth(Validator v, V1.PartialDate? date, string path, DateOnly today)
    {
        if (date is null || (date.Year == 0 && date.Month == 0 && date.Day == 0))
        {
            return;
        }
        if (!Domain.PartialDate.TryCreate(date.Year, Optional(date.Month), Optional(date.Day), out var parsed, out var error))
        {
            v.Add(path, error ?? "is not a date");
        }
        else if (parsed.IsAfter(today))
        {
            v.Add(path, "is in the future");
        }
    }

    public static void Address(Validator v, Address? address, string path, DateTimeOffset now)
    {
        if (address is null)
        {
            v.Add(path, "is required");
            return;
        }
        v.Check(address.Lines.Count is > 0 and <= 6, $"{path}.lines", "must hold between 1 and 6 lines");
        for (var i = 0; i < address.Lines.Count; i++)
        {
            v.Required(address.Lines[i], $"{path}.lines[{i}]", TextLength);
        }
        v.MaxLength(address.Postcode, $"{path}.postcode", 10);
        address.LocalAuthority = GssCode.Normalise(address.LocalAuthority) ?? "";
        v.Check(GssCode.IsValid(address.LocalAuthority), $"{path}.local_authority",
            "must be a GSS code: a letter E, W, S, N or K and eight digits, e.g. E06000025");
        var from = Instants.Read(address.From, $"{path}.from");
        v.Check(from is null || from <= now.AddMinutes(5), $"{path}.from", "is in the future");
        var until = Instants.Read(address.Until, $"{path}.until");
        v.Check(until is null || until > (from ?? now), $"{path}.until", "must be after from");
        v.Check(until is null || from is not null, $"{path}.from", "is required for a past address");
        v.Check(address.VisibleToAgencies.Count <= 20, $"{path}.visible_to_agencies", "must name at most 20 agencies");
        foreach (var agency in address.VisibleToAgencies)
        {
            v.Required(agency, $"{path}.visible_to_agencies", NameLength);
        }
    }

    public static Timestamp? Optional(DateTimeOffset? value) => value is null ? null : Timestamp.FromDateTimeOffset(value.Value);

    private static int? Optional(int value) => value == 0 ? null : value;

    private static void Name(Validator v, PersonName name, string path)
    {
        v.KnownEnum(name.Type, $"{path}.type");
        name.GivenNames = name.GivenNames?.Trim() ?? "";
        name.FamilyName = name.FamilyName?.Trim() ?? "";
        v.MaxLength(name.GivenNames, $"{path}.given_names", NameLength);
        v.MaxLength(name.FamilyName, $"{path}.family_name", NameLength);
        v.Check((name.GivenNames + name.FamilyName).Any(char.IsLetter), path, "must have a given or family name containing letters");
    }

    private static void Identifiers(Validator v, PersonDetails details, string path)
    {
        v.Check(details.Identifiers.Count <= 20, $"{path}.identifiers", "must hold at most 20 identifiers");
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < details.Identifiers.Count; i++)
        {
            var id = details.Identifiers[i];
            // One agency typed by two systems ("Police-Avon", "police-avon") is one agency: its
            // identifiers are unique within it, so it is keyed in one case.
            id.Agency = id.Agency?.Trim().ToLowerInvariant() ?? "";
            id.Value = id.Value?.Trim() ?? "";
            v.Required(id.Agency, $"{path}.identifiers[{i}].agency", NameLength);
            v.Required(id.Value, $"{path}.identifiers[{i}].value", NameLength);
            v.Check(seen.Add((id.Agency, id.Value)), $"{path}.identifiers[{i}]", "is repeated");
        }
    }

    private static void Contact(Validator v, ContactDetails? contact, string path)
    {
        if (contact is null)
        {
            return;
        }
        v.MaxLength(contact.Phone, $"{path}.phone", 30);
        v.Check(contact.Phone.All(c => char.IsDigit(c) || c is '+' or ' ' or '-' or '(' or ')'), $"{path}.phone",
            "may hold only digits, spaces, +, - and brackets");
        v.MaxLength(contact.Email, $"{path}.email", 254);
        v.Check(contact.Email.Length == 0 || (contact.Email.Contains('@', StringComparison.Ordinal) && !contact.Email.Contains(' ', StringComparison.Ordinal)),
            $"{path}.email", "is not an email address");
        v.MaxLength(contact.SafeContactNotes, $"{path}.safe_contact_notes", 1000);
    }
}
