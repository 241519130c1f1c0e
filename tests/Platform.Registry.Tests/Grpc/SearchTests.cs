using Grpc.Core;
using Platform.Registry.V1;
using Platform.Testing;

namespace Platform.Registry.Tests.Grpc;

public sealed class SearchTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    private readonly RegistryClient _worker = fixture.As(Identity.SupportWorker());

    private static V1.PartialDate Dob(int year, int month = 0, int day = 0) => new() { Year = year, Month = month, Day = day };

    [Theory]
    [InlineData("Kathryn Wolfendon")]
    [InlineData("CATHERINE wolfenden")]
    [InlineData("Wolfenden Catherine")]
    public async Task Name_that_sounds_alike_finds_the_person(string query)
    {
        var person = await RegisterOnceAsync(People.Named("Catherine", "Wolfenden", 1975));

        var found = await _worker.SearchAsync(query);

        Assert.Equal([person.PersonId], found.Select(m => m.PersonId));
        Assert.Equal("Catherine Wolfenden", found[0].DisplayName);
    }

    [Fact]
    public async Task Name_with_swapped_letters_finds_the_person()
    {
        var person = await _worker.RegisterAsync(People.Named("Bartholomew", "Pettigrew", 1969));

        var found = await _worker.SearchAsync("Batrholomew Pettigerw");

        Assert.Equal([person.PersonId], found.Select(m => m.PersonId));
    }

    [Fact]
    public async Task Alias_is_found_and_the_match_shows_the_usual_name()
    {
        var request = People.Named("Josephine", "Quarrington", 1982);
        request.Details.Names.Add(People.Name(NameType.KnownAs, "Jo", "Blaxland"));
        var person = await _worker.RegisterAsync(request);

        var match = Assert.Single(await _worker.SearchAsync("Jo Blaxland"));

        Assert.Equal(person.PersonId, match.PersonId);
        Assert.Equal("Josephine Quarrington", match.DisplayName);
        Assert.Contains(match.Reasons, r => r.Contains("Jo Blaxland", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Partial_date_of_birth_keeps_compatible_people_and_drops_conflicting_ones()
    {
        var may1980 = await RegisterWithDobAsync("Tamsin", "Underhill", Dob(1980, 5, 1));
        var year1980 = await RegisterWithDobAsync("Tamsin", "Underhill", Dob(1980));
        var unknown = await RegisterWithDobAsync("Tamsin", "Underhill", null);
        var may1982 = await RegisterWithDobAsync("Tamsin", "Underhill", Dob(1982, 5, 1));
        var june1980 = await RegisterWithDobAsync("Tamsin", "Underhill", Dob(1980, 6, 1));

        var found = await _worker.SearchAsync(new SearchPersonsRequest { Name = "Tamsin Underhill", DateOfBirth = Dob(1980, 5) });

        Assert.Equal(
            new[] { may1980, year1980, unknown }.Select(p => p.PersonId).Order(),
            found.Select(m => m.PersonId).Order());
        Assert.DoesNotContain(may1982.PersonId, found.Select(m => m.PersonId));
        Assert.DoesNotContain(june1980.PersonId, found.Select(m => m.PersonId));
        Assert.Equal(Dob(1980, 5, 1), found.Single(m => m.PersonId == may1980.PersonId).DateOfBirth);
    }

    [Fact]
    public async Task Date_of_birth_alone_finds_people_born_then()
    {
        var person = await RegisterWithDobAsync("Ambrose", "Sowerby", Dob(1931, 2, 3));
        await RegisterWithDobAsync("Ambrose", "Sowerby", Dob(1932, 2, 3));

        var found = await _worker.SearchAsync(new SearchPersonsRequest { DateOfBirth = Dob(1931, 2) });

        Assert.Equal([person.PersonId], found.Select(m => m.PersonId));
    }

    [Fact]
    public async Task Nhs_number_finds_exactly_its_holder_whatever_the_spacing()
    {
        var nhs = People.NhsNumber(10);
        var request = People.Named("Cressida", "Thackeray", 1977);
        request.Details.NhsNumber = nhs;
        var person = await _worker.RegisterAsync(request);

        var spaced = $"{nhs[..3]} {nhs[3..6]} {nhs[6..]}";
        var found = await _worker.SearchAsync(new SearchPersonsRequest { NhsNumber = spaced });
        var other = await _worker.SearchAsync(new SearchPersonsRequest { NhsNumber = People.NhsNumber(11) });

        Assert.Equal([person.PersonId], found.Select(m => m.PersonId));
        Assert.Empty(other);
    }

    [Fact]
    public async Task Agency_identifier_finds_exactly_its_holder()
    {
        var request = People.Named("Desmond", "Uttley", 1978);
        request.Details.Identifiers.Add(new AgencyIdentifier { Agency = "probation-sw", Value = "CRN-5150" });
        var person = await _worker.RegisterAsync(request);

        var found = await _worker.SearchAsync(new SearchPersonsRequest { Identifier = new AgencyIdentifier { Agency = "probation-sw", Value = "CRN-5150" } });
        var otherAgency = await _worker.SearchAsync(new SearchPersonsRequest { Identifier = new AgencyIdentifier { Agency = "police-avon", Value = "CRN-5150" } });

        Assert.Equal([person.PersonId], found.Select(m => m.PersonId));
        Assert.Empty(otherAgency);
    }

    [Fact]
    public async Task Local_authority_narrows_a_name_search_to_people_with_an_address_there()
    {
        var bristol = await _worker.RegisterAsync(People.Named("Evangeline", "Voysey", 1983, People.Bristol));
        var southGlos = await _worker.RegisterAsync(People.Named("Evangeline", "Voysey", 1984, People.SouthGloucestershire));

        var found = await _worker.SearchAsync(new SearchPersonsRequest { Name = "Evangeline Voysey", LocalAuthority = "e06000025" });

        var match = Assert.Single(found);
        Assert.Equal(southGlos.PersonId, match.PersonId);
        Assert.Equal(People.SouthGloucestershire, match.LocalAuthority);
        Assert.NotEqual(bristol.PersonId, match.PersonId);
    }

    [Fact]
    public async Task Exact_name_and_date_of_birth_rank_above_near_matches()
    {
        var exact = await RegisterWithDobAsync("Annabel", "Fotheringay", Dob(1970, 4, 4));
        var yearOnly = await RegisterWithDobAsync("Annabel", "Fotheringay", Dob(1970));
        var similar = await RegisterWithDobAsync("Annabelle", "Fotheringay", Dob(1970, 4, 4));

        var found = await _worker.SearchAsync(new SearchPersonsRequest { Name = "Annabel Fotheringay", DateOfBirth = Dob(1970, 4, 4) });

        Assert.Equal(3, found.Count);
        Assert.Equal(exact.PersonId, found[0].PersonId);
        var score = found.ToDictionary(m => m.PersonId, m => m.Score);
        Assert.True(score[exact.PersonId] > score[similar.PersonId], "an exact name outranks a similar one");
        Assert.True(score[exact.PersonId] > score[yearOnly.PersonId], "an exact date of birth outranks a compatible year");
        Assert.True(found.Zip(found.Skip(1)).All(pair => pair.First.Score >= pair.Second.Score), "matches come best first");
    }

    [Fact]
    public async Task Pages_cover_every_match_once_and_the_last_page_has_no_token()
    {
        var registered = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            registered.Add((await _worker.RegisterAsync(People.Named("Quentin", "Ravenscroft", 1940 + i))).PersonId);
        }

        var seen = new List<string>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await _worker.People.SearchPersonsAsync(new SearchPersonsRequest { Name = "Quentin Ravenscroft", PageSize = 2, PageToken = token });
            Assert.InRange(page.Matches.Count, 1, 2);
            seen.AddRange(page.Matches.Select(m => m.PersonId));
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0 && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(registered.Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Page_token_from_one_search_is_invalid_for_another()
    {
        foreach (var given in new[] { "Amos", "Bertram", "Cuthbert" })
        {
            await _worker.RegisterAsync(People.Named(given, "Inglethorpe", 1971));
        }
        var first = await _worker.People.SearchPersonsAsync(new SearchPersonsRequest { Name = "Inglethorpe", PageSize = 1 });

        Assert.NotEqual("", first.NextPageToken);
        await Rpc.RejectsField("page_token", () => _worker.People.SearchPersonsAsync(
            new SearchPersonsRequest { Name = "Inglethorp", PageSize = 1, PageToken = first.NextPageToken }));
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("bzotMQ==")]
    public async Task Page_token_the_service_did_not_issue_is_invalid(string token)
    {
        await Rpc.RejectsField("page_token",
            () => _worker.People.SearchPersonsAsync(new SearchPersonsRequest { Name = "Ravenscroft", PageToken = token }));
    }

    [Fact]
    public async Task Results_hold_only_people_the_caller_has_a_legitimate_relationship_with()
    {
        var devon = fixture.As(Identity.SupportWorker("police-devon", "E10000008"));
        var theirs = await devon.RegisterAsync(People.Named("Florian", "Wetherall", 1966, "E10000008"));
        var mine = await _worker.RegisterAsync(People.Named("Florian", "Wetherall", 1967));

        var foundByMe = await _worker.SearchAsync("Florian Wetherall");
        var foundByThem = await devon.SearchAsync("Florian Wetherall");

        Assert.Equal([mine.PersonId], foundByMe.Select(m => m.PersonId));
        Assert.Equal([theirs.PersonId], foundByThem.Select(m => m.PersonId));
    }

    [Fact]
    public async Task Caller_from_the_persons_area_finds_them_without_being_involved()
    {
        var person = await fixture.As(Identity.SupportWorker("mental-health-trust", People.NorthSomerset))
            .RegisterAsync(People.Named("Gideon", "Xavier", 1968, People.Bristol));

        var found = await _worker.SearchAsync("Gideon Xavier");

        Assert.Equal([person.PersonId], found.Select(m => m.PersonId));
    }

    [Fact]
    public async Task Search_without_any_criterion_is_invalid()
    {
        await Rpc.RejectsField("name", () => _worker.People.SearchPersonsAsync(new SearchPersonsRequest { Name = "   " }));
    }

    private async Task<Person> RegisterOnceAsync(RegisterPersonRequest request)
    {
        // Theory rows share the host: the person is registered by the first row only.
        var existing = await _worker.SearchAsync(PersonNamesOf(request));
        return existing.Count > 0 ? await _worker.GetAsync(existing[0].PersonId) : await _worker.RegisterAsync(request);
    }

    private static string PersonNamesOf(RegisterPersonRequest request) =>
        $"{request.Details.Names[0].GivenNames} {request.Details.Names[0].FamilyName}";

    private async Task<Person> RegisterWithDobAsync(string given, string family, V1.PartialDate? dob)
    {
        var request = People.Named(given, family);
        request.Details.DateOfBirth = dob;
        return await _worker.RegisterAsync(request);
    }

    [Fact]
    public async Task Local_authority_search_does_not_reveal_that_someone_lives_at_a_confidential_address_there()
    {
        var request = People.Named("Wilhelmina", "Rathbone", 1984);
        request.Address = new Address { Lines = { "Refuge" }, LocalAuthority = People.NorthSomerset, Confidential = true };
        var person = await _worker.RegisterAsync(request);
        await _worker.LeadAsync(person.PersonId);
        await _worker.BringInAsync(person.PersonId, "police-avon");
        var police = fixture.As(Identity.SupportWorker("police-avon", People.Somerset));

        var found = await police.SearchAsync(new SearchPersonsRequest { Name = "Wilhelmina Rathbone", LocalAuthority = People.NorthSomerset });

        Assert.Empty(found);
    }
}
