using Platform.Registry.V1;
using Platform.Web.Components.Shared;

namespace Platform.Web.Components.Pages.Support;

/// <summary>What the register form holds: kept as typed (text), so nothing is lost when the platform refuses it.</summary>
public sealed class RegisterForm
{
    /// <summary>The request's fields and the inputs that hold them.</summary>
    public static readonly FormFields Fields = new FormFields()
        .Add("details.names[0].given_names", "given-names", "Given names")
        .Add("details.names[0].family_name", "family-name", "Family name")
        .Add("details.names", "given-names", "Name")
        .Add("details.date_of_birth", "dob-day", "Date of birth")
        .Add("details.sex", "sex", "Sex")
        .Add("details.nhs_number", "nhs-number", "NHS number")
        .Add("details", "given-names", "Her details")
        .Add("address.lines[0]", "address-line-1", "Address line 1")
        .Add("address.lines[1]", "address-line-2", "Address line 2")
        .Add("address.lines", "address-line-1", "Address")
        .Add("address.postcode", "postcode", "Postcode")
        .Add("address.local_authority", "local-authority", "Local authority")
        .Add("address", "address-line-1", "Address");

    public string? GivenNames { get; set; }
    public string? FamilyName { get; set; }
    public string? BirthDay { get; set; }
    public string? BirthMonth { get; set; }
    public string? BirthYear { get; set; }
    public Sex Sex { get; set; }
    public string? NhsNumber { get; set; }
    public string? Line1 { get; set; }
    public string? Line2 { get; set; }
    public string? Postcode { get; set; }
    public string? LocalAuthority { get; set; }
    public bool Confidential { get; set; }
    public bool ConfirmedNotDuplicate { get; set; }

    /// <summary>The request as the platform takes it; null when a date part is not a number.</summary>
    public RegisterPersonRequest? ToRequest()
    {
        if (!PostedFields.WholeNumber(BirthDay, out var day) || !PostedFields.WholeNumber(BirthMonth, out var month)
            || !PostedFields.WholeNumber(BirthYear, out var year))
        {
            return null;
        }
        var details = new PersonDetails { Sex = Sex, NhsNumber = PostedFields.Text(NhsNumber) };
        details.Names.Add(new PersonName { Type = NameType.Usual, GivenNames = PostedFields.Text(GivenNames), FamilyName = PostedFields.Text(FamilyName) });
        if (year + month + day > 0)
        {
            details.DateOfBirth = new PartialDate { Year = year, Month = month, Day = day };
        }
        var request = new RegisterPersonRequest { Details = details, ConfirmedNotDuplicate = ConfirmedNotDuplicate };
        if (!string.IsNullOrWhiteSpace(Line1) || !string.IsNullOrWhiteSpace(Line2) || !string.IsNullOrWhiteSpace(Postcode) || !string.IsNullOrWhiteSpace(LocalAuthority))
        {
            var address = new Address { Postcode = PostedFields.Text(Postcode), LocalAuthority = PostedFields.Text(LocalAuthority), Confidential = Confidential };
            address.Lines.Add(PostedFields.Text(Line1));
            if (!string.IsNullOrWhiteSpace(Line2))
            {
                address.Lines.Add(PostedFields.Text(Line2));
            }
            request.Address = address;
        }
        return request;
    }
}
