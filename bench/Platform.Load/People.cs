using Platform.Registry.V1;

namespace Platform.Load;

/// <summary>
/// Registrations of people distinct enough that duplicate detection runs in full but holds none back:
/// names built from syllables, dates of birth and addresses drawn from a seeded generator.
/// </summary>
public sealed class People(int seed)
{
    private static readonly string[] Syllables =
        ["ka", "lo", "mi", "re", "ta", "vin", "sor", "bel", "dra", "ne", "qui", "han", "mor", "pel", "wyn", "zu", "el", "gar", "ost", "ri"];

    private readonly Random _random = new(seed);

    public RegisterPersonRequest Next()
    {
        lock (_random)
        {
            return new RegisterPersonRequest
            {
                Details = new PersonDetails
                {
                    Names = { new PersonName { Type = NameType.Usual, GivenNames = Name(2), FamilyName = Name(3) } },
                    DateOfBirth = new PartialDate { Year = _random.Next(1940, 2006), Month = _random.Next(1, 13), Day = _random.Next(1, 29) },
                },
                Address = new Address { Lines = { $"{_random.Next(1, 400)} {Name(2)} Street" }, LocalAuthority = "E06000023" },
            };
        }
    }

    private string Name(int syllables)
    {
        var name = string.Concat(Enumerable.Range(0, syllables).Select(_ => Syllables[_random.Next(Syllables.Length)]));
        return char.ToUpperInvariant(name[0]) + name[1..];
    }
}
