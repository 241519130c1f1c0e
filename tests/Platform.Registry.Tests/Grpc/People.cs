using Platform.Registry.V1;

namespace Platform.Registry.Tests.Grpc;

/// <summary>Requests for people the tests register; each test changes what it is about.</summary>
public static class People
{
    public static RegisterPersonRequest Catherine(string area = "E06000023") => new()
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

    public static RegisterPersonRequest Named(string given, string family, int birthYear = 1960, string area = "E06000023") => new()
    {
        Details = new PersonDetails
        {
            Names = { new PersonName { Type = NameType.Usual, GivenNames = given, FamilyName = family } },
            DateOfBirth = new V1.PartialDate { Year = birthYear },
        },
        Address = new Address { Lines = { "2 Station Road" }, LocalAuthority = area },
        ConfirmedNotDuplicate = true,
    };
}
