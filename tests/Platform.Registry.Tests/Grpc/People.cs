using System.Globalization;
using Platform.Registry.V1;

namespace Platform.Registry.Tests.Grpc;

/// <summary>Requests for people the tests register; each test changes what it is about.</summary>
public static class People
{
    public const string Bristol = "E06000023";
    public const string NorthSomerset = "E06000024";
    public const string SouthGloucestershire = "E06000025";
    public const string Somerset = "E06000066";

    public static RegisterPersonRequest Catherine(string area = Bristol) => new()
    {
        Details = new PersonDetails
        {
            Names = { new PersonName { Type = NameType.Usual, GivenNames = "Catherine", FamilyName = "Smith" } },
            DateOfBirth = new V1.PartialDate { Year = 1986, Month = 3, Day = 7 },
            Sex = Sex.Female,
            NhsNumber = "943 476 5919",
        },
        Address = new Address { Lines = { "1 High Street" }, Postcode = "BS1 1AA", LocalAuthority = area },
    };

    public static RegisterPersonRequest Named(string given, string family, int birthYear = 1960, string area = Bristol) => new()
    {
        Details = new PersonDetails
        {
            Names = { new PersonName { Type = NameType.Usual, GivenNames = given, FamilyName = family } },
            DateOfBirth = new V1.PartialDate { Year = birthYear },
        },
        Address = new Address { Lines = { "2 Station Road" }, LocalAuthority = area },
        ConfirmedNotDuplicate = true,
    };

    /// <summary>A person with a full date of birth, registered without confirming (so duplicate checks apply).</summary>
    public static RegisterPersonRequest Born(string given, string family, int year, int month, int day, string area = Bristol) => new()
    {
        Details = new PersonDetails
        {
            Names = { new PersonName { Type = NameType.Usual, GivenNames = given, FamilyName = family } },
            DateOfBirth = new V1.PartialDate { Year = year, Month = month, Day = day },
        },
        Address = new Address { Lines = { "3 Mill Lane" }, LocalAuthority = area },
    };

    public static Address AddressIn(string area, string line = "4 Church Road", string postcode = "") =>
        new() { Lines = { line }, Postcode = postcode, LocalAuthority = area };

    public static PersonName Name(NameType type, string given, string family) =>
        new() { Type = type, GivenNames = given, FamilyName = family };

    /// <summary>
    /// A valid NHS number (modulus-11 check digit) that differs for each seed, so that tests sharing
    /// a host never collide on one.
    /// </summary>
    public static string NhsNumber(int seed)
    {
        for (var candidate = 400_000_000 + seed * 7; ; candidate++)
        {
            var digits = candidate.ToString("D9", CultureInfo.InvariantCulture);
            var sum = 0;
            for (var i = 0; i < 9; i++)
            {
                sum += (digits[i] - '0') * (10 - i);
            }
            var check = 11 - (sum % 11);
            if (check == 11)
            {
                check = 0;
            }
            if (check != 10)
            {
                return digits + check.ToString(CultureInfo.InvariantCulture);
            }
        }
    }
}
