using Grpc.Core;
using Platform.Registry.V1;
using Platform.Testing;

namespace Platform.Registry.Tests.Grpc;

public sealed class RegistrationTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    private readonly RegistryClient _worker = fixture.As(Identity.SupportWorker());

    [Fact]
    public async Task Registered_person_is_found_by_a_misspelt_name_and_read_back()
    {
        var people = _worker.People;

        var registered = await people.RegisterPersonAsync(People.Catherine());
        var found = await people.SearchPersonsAsync(new SearchPersonsRequest { Name = "Kathryn Smyth" });
        var read = await people.GetPersonAsync(new GetPersonRequest { PersonId = registered.Person.PersonId });

        Assert.Equal(registered.Person.PersonId, Assert.Single(found.Matches).PersonId);
        Assert.Equal("9434765919", read.Details.NhsNumber);
        Assert.Equal("E06000023", Assert.Single(read.Addresses).LocalAuthority);
        Assert.Equal(1, read.ActiveInvolvementCount);
    }

    [Fact]
    public async Task Call_without_a_token_is_unauthenticated()
    {
        var people = fixture.As(null).People;

        await Rpc.FailsWith(StatusCode.Unauthenticated, () => people.RegisterPersonAsync(People.Named("Tobias", "Unsigned")));
    }

    [Fact]
    public async Task Every_typed_name_is_kept_with_its_type()
    {
        var request = People.Named("Margaret", "Ellery");
        request.Details.Names.Add(People.Name(NameType.KnownAs, "Peggy", "Ellery"));
        request.Details.Names.Add(People.Name(NameType.Previous, "Margaret", "Townsend"));
        request.Details.Names.Add(People.Name(NameType.Nickname, "Mags", ""));

        var registered = await _worker.RegisterAsync(request);
        var read = await _worker.GetAsync(registered.PersonId);

        Assert.Equal(
            [(NameType.Usual, "Margaret Ellery"), (NameType.KnownAs, "Peggy Ellery"), (NameType.Previous, "Margaret Townsend"), (NameType.Nickname, "Mags ")],
            read.Details.Names.Select(n => (n.Type, $"{n.GivenNames} {n.FamilyName}")).ToList());
    }

    [Theory]
    [InlineData(1971, 0, "Yardley")]
    [InlineData(1971, 6, "Yelland")]
    public async Task Partial_date_of_birth_is_stored_as_partial(int year, int month, string family)
    {
        var request = People.Named("Ruth", family);
        request.Details.DateOfBirth = new V1.PartialDate { Year = year, Month = month };

        var registered = await _worker.RegisterAsync(request);
        var read = await _worker.GetAsync(registered.PersonId);

        Assert.Equal(new V1.PartialDate { Year = year, Month = month, Day = 0 }, read.Details.DateOfBirth);
    }

    [Fact]
    public async Task Sex_gender_identity_nhs_number_identifiers_and_contact_are_stored()
    {
        var request = People.Named("Alex", "Quennell");
        request.Details.Sex = Sex.Male;
        request.Details.GenderIdentity = "non-binary";
        request.Details.NhsNumber = People.NhsNumber(1);
        request.Details.Identifiers.Add(new AgencyIdentifier { Agency = "police-avon", Value = "PNC-0001" });
        request.Details.Identifiers.Add(new AgencyIdentifier { Agency = "probation-sw", Value = "CRN-77" });
        request.Details.Contact = new ContactDetails
        {
            Phone = "+44 7700 900123", Email = "alex@example.org", SafeContactNotes = "text only, never when partner is home",
        };

        var registered = await _worker.RegisterAsync(request);
        var read = await _worker.GetAsync(registered.PersonId);

        Assert.Equal(Sex.Male, read.Details.Sex);
        Assert.Equal("non-binary", read.Details.GenderIdentity);
        Assert.Equal(People.NhsNumber(1), read.Details.NhsNumber);
        Assert.Equal(["police-avon/PNC-0001", "probation-sw/CRN-77"], read.Details.Identifiers.Select(i => $"{i.Agency}/{i.Value}"));
        Assert.Equal("+44 7700 900123", read.Details.Contact.Phone);
        Assert.Equal("alex@example.org", read.Details.Contact.Email);
        Assert.Equal("text only, never when partner is home", read.Details.Contact.SafeContactNotes);
        Assert.Equal(1, read.Version);
        Assert.Equal("outreach-bristol", read.RegisteredByAgency);
    }

    [Fact]
    public async Task Identifier_held_by_another_person_of_the_same_agency_is_refused_and_nothing_is_stored()
    {
        var first = People.Named("Bernard", "Oakes", 1950);
        first.Details.Identifiers.Add(new AgencyIdentifier { Agency = "police-avon", Value = "PNC-4242" });
        await _worker.RegisterAsync(first);
        var second = People.Named("Winifred", "Pargeter", 1990);
        second.Details.Identifiers.Add(new AgencyIdentifier { Agency = "police-avon", Value = "PNC-4242" });

        await Rpc.FailsWith(StatusCode.AlreadyExists, () => _worker.People.RegisterPersonAsync(second));

        Assert.Empty(await _worker.SearchAsync("Winifred Pargeter"));
    }

    [Fact]
    public async Task Same_identifier_value_from_different_agencies_belongs_to_different_people()
    {
        var first = People.Named("Clement", "Hasluck", 1951);
        first.Details.Identifiers.Add(new AgencyIdentifier { Agency = "police-avon", Value = "REF-1" });
        var second = People.Named("Dorothea", "Ingleby", 1991);
        second.Details.Identifiers.Add(new AgencyIdentifier { Agency = "asc-bristol", Value = "REF-1" });

        var a = await _worker.RegisterAsync(first);
        var b = await _worker.RegisterAsync(second);

        Assert.NotEqual(a.PersonId, b.PersonId);
    }

    [Fact]
    public async Task Confidential_address_is_redacted_for_an_agency_it_does_not_name()
    {
        var request = People.Named("Imogen", "Varley", 1988);
        request.Address = new Address
        {
            Lines = { "Refuge, 9 Hidden Row" }, Postcode = "BS99 9ZZ", LocalAuthority = People.NorthSomerset,
            Confidential = true, VisibleToAgencies = { "outreach-bristol", "idva-bristol" },
        };
        var registered = await _worker.RegisterAsync(request);
        // Both agencies come to work with her, so both may read the record; only one is named by the address.
        await _worker.LeadAsync(registered.PersonId);
        await _worker.BringInAsync(registered.PersonId, "police-avon");
        await _worker.BringInAsync(registered.PersonId, "idva-bristol");

        var police = await fixture.As(Identity.SupportWorker("police-avon", People.Somerset)).GetAsync(registered.PersonId);
        var idva = await fixture.As(Identity.SupportWorker("idva-bristol", People.Somerset)).GetAsync(registered.PersonId);

        var hidden = Assert.Single(police.Addresses);
        Assert.True(hidden.Redacted);
        Assert.True(hidden.Confidential);
        Assert.Empty(hidden.Lines);
        Assert.Equal("", hidden.Postcode);
        Assert.Equal("", hidden.LocalAuthority);
        Assert.Empty(hidden.VisibleToAgencies);
        var shown = Assert.Single(idva.Addresses);
        Assert.False(shown.Redacted);
        Assert.Equal(["Refuge, 9 Hidden Row"], shown.Lines);
        Assert.Equal("BS99 9ZZ", shown.Postcode);
        Assert.Equal(People.NorthSomerset, shown.LocalAuthority);
    }

    [Fact]
    public async Task Confidential_address_without_named_agencies_is_visible_only_to_the_registering_agency()
    {
        var request = People.Named("Harriet", "Wolstenholme", 1989);
        request.Address = new Address { Lines = { "Safe house" }, LocalAuthority = People.NorthSomerset, Confidential = true };
        var registered = await _worker.RegisterAsync(request);
        await _worker.LeadAsync(registered.PersonId);
        await _worker.BringInAsync(registered.PersonId, "police-avon");

        var own = Assert.Single(registered.Addresses);
        var other = Assert.Single((await fixture.As(Identity.SupportWorker("police-avon", People.Somerset)).GetAsync(registered.PersonId)).Addresses);

        Assert.Equal(["outreach-bristol"], own.VisibleToAgencies);
        Assert.Equal(["Safe house"], own.Lines);
        Assert.True(other.Redacted);
    }

    [Fact]
    public async Task Search_results_show_the_area_of_a_confidential_address_only_to_the_agencies_it_names()
    {
        var request = People.Named("Philippa", "Gathercole", 1987);
        request.Address = new Address { Lines = { "Refuge" }, LocalAuthority = People.NorthSomerset, Confidential = true };
        var registered = await _worker.RegisterAsync(request);
        await _worker.LeadAsync(registered.PersonId);
        await _worker.BringInAsync(registered.PersonId, "police-avon");

        var match = Assert.Single(await fixture.As(Identity.SupportWorker("police-avon", People.Somerset)).SearchAsync("Philippa Gathercole"));
        var named = Assert.Single(await _worker.SearchAsync("Philippa Gathercole"));

        Assert.Equal(registered.PersonId, match.PersonId);
        Assert.Equal("", match.LocalAuthority);
        Assert.Equal(People.NorthSomerset, named.LocalAuthority);
    }

    [Fact]
    public async Task Nhs_number_held_by_another_person_is_refused_even_when_confirmed_not_a_duplicate()
    {
        var first = People.Named("Sidonie", "Marlowe", 1961);
        first.Details.NhsNumber = People.NhsNumber(3);
        await _worker.RegisterAsync(first);
        var second = People.Named("Tristram", "Northcott", 1994);
        second.Details.NhsNumber = People.NhsNumber(3);

        await Rpc.FailsWith(StatusCode.AlreadyExists, () => _worker.People.RegisterPersonAsync(second));

        Assert.Empty(await _worker.SearchAsync("Tristram Northcott"));
    }

    [Fact]
    public async Task Identifier_agency_differing_only_in_case_is_the_same_agency()
    {
        var first = People.Named("Umberto", "Pendlebury", 1952);
        first.Details.Identifiers.Add(new AgencyIdentifier { Agency = "police-avon", Value = "PNC-9001" });
        var holder = await _worker.RegisterAsync(first);
        var second = People.Named("Violetta", "Quilliam", 1992);
        second.Details.Identifiers.Add(new AgencyIdentifier { Agency = "Police-Avon", Value = "PNC-9001" });

        await Rpc.FailsWith(StatusCode.AlreadyExists, () => _worker.People.RegisterPersonAsync(second));

        Assert.Empty(await _worker.SearchAsync("Violetta Quilliam"));
        var found = await _worker.SearchAsync(new SearchPersonsRequest { Identifier = new AgencyIdentifier { Agency = "POLICE-AVON", Value = "PNC-9001" } });
        Assert.Equal([holder.PersonId], found.Select(m => m.PersonId));
    }
}
