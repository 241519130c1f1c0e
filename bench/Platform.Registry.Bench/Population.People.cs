using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Platform.BuildingBlocks.Data;
using Platform.Registry.Data;
using Platform.Registry.Domain;
using Platform.Registry.Domain.Names;
using Platform.Registry.V1;

namespace Platform.Registry.Bench;

/// <summary>The people themselves: names, dates of birth, NHS numbers and the near-duplicates among them.</summary>
internal sealed partial class PopulationGenerator
{
    private PersonDetails NewDetails(string agency)
    {
        var female = _random.NextDouble() < 0.5;
        var stock = female ? _female : _male;
        var given = stock[_givenRank.Next(_random) % stock.Length];
        var middle = _random.NextDouble() < 0.45 ? " " + stock[_givenRank.Next(_random) % stock.Length] : "";
        var family = _family[_familyRank.Next(_random)];

        var details = new PersonDetails
        {
            Names = { new PersonName { Type = NameType.Usual, GivenNames = given + middle, FamilyName = family } },
            DateOfBirth = NewDateOfBirth(),
            Sex = female ? Sex.Female : Sex.Male,
        };

        var roll = _random.NextDouble();
        if (roll < 0.20)
        {
            // Known as: the short form of the given name, or the family name of a step-parent.
            details.Names.Add(Names.KnownAs.TryGetValue(given, out var shortForm) && _random.NextDouble() < 0.7
                ? new PersonName { Type = NameType.KnownAs, GivenNames = shortForm, FamilyName = family }
                : new PersonName { Type = NameType.KnownAs, GivenNames = given, FamilyName = _family[_familyRank.Next(_random)] });
        }
        if (_random.NextDouble() < 0.10)
        {
            details.Names.Add(new PersonName { Type = NameType.Previous, GivenNames = given + middle, FamilyName = _family[_familyRank.Next(_random)] });
        }
        if (_random.NextDouble() < 0.02)
        {
            details.Names.Add(new PersonName { Type = NameType.Nickname, GivenNames = given[..Math.Min(3, given.Length)] + "z" });
        }

        if (_random.NextDouble() < 0.85)
        {
            details.NhsNumber = NextNhsNumber();
        }
        if (_random.NextDouble() < 0.25)
        {
            details.Identifiers.Add(new AgencyIdentifier { Agency = agency, Value = string.Create(CultureInfo.InvariantCulture, $"REF-{++_identifierCounter:D8}") });
        }
        if (_random.NextDouble() < 0.5)
        {
            details.Contact = new ContactDetails
            {
                Phone = string.Create(CultureInfo.InvariantCulture, $"07{_random.Next(100_000_000, 999_999_999)}"),
                SafeContactNotes = _random.NextDouble() < 0.2 ? "text only; never call when partner is home" : "",
            };
        }
        return details;
    }

    /// <summary>A second record of a registered person: the same date of birth, a name as someone else typed it.</summary>
    private PersonDetails Duplicate(PersonName original, Platform.Registry.V1.PartialDate? dob)
    {
        var given = original.GivenNames.Split(' ')[0];
        var family = original.FamilyName;
        if (Names.SoundsAlike.TryGetValue(given, out var variants))
        {
            given = variants[_random.Next(variants.Length)];
        }
        else if (Names.SoundsAlike.TryGetValue(family, out var familyVariants))
        {
            family = familyVariants[_random.Next(familyVariants.Length)];
        }
        var details = new PersonDetails
        {
            Names = { new PersonName { Type = NameType.Usual, GivenNames = given, FamilyName = family } },
            DateOfBirth = dob?.Clone(),
        };
        return details;
    }

    private Platform.Registry.V1.PartialDate NewDateOfBirth()
    {
        var year = _random.Next(1930, 2009);
        var month = _random.Next(1, 13);
        var day = _random.Next(1, DateTime.DaysInMonth(year, month) + 1);
        var precision = _random.NextDouble();
        return precision < 0.10 ? new() { Year = year }
            : precision < 0.12 ? new() { Year = year, Month = month }
            : new() { Year = year, Month = month, Day = day };
    }

    private string NextNhsNumber()
    {
        while (true)
        {
            // 7919 is prime and coprime with 5e8, so each counter value gives a different nine-digit stem.
            var stem = 400_000_000 + (_nhsCounter++ * 7919 % 500_000_000);
            var digits = stem.ToString(CultureInfo.InvariantCulture);
            var sum = 0;
            for (var k = 0; k < 9; k++)
            {
                sum += (digits[k] - '0') * (10 - k);
            }
            var check = 11 - (sum % 11);
            if (check == 11)
            {
                check = 0;
            }
            if (check != 10)
            {
                return digits + (char)('0' + check);
            }
        }
    }
}
