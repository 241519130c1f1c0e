using Platform.Registry.V1;
using Platform.Testing;

namespace Platform.Registry.Tests.Grpc;

public sealed class DuplicateTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    private readonly RegistryClient _worker = fixture.As(Identity.SupportWorker());

    [Fact]
    public async Task Likely_duplicate_is_held_back_with_candidates_and_nothing_is_stored()
    {
        var existing = await _worker.RegisterAsync(People.Born("Catherine", "Hollingworth", 1984, 3, 7));

        var response = await _worker.People.RegisterPersonAsync(People.Born("Kathryn", "Hollingworth", 1984, 3, 7));

        Assert.Null(response.Person);
        var candidate = Assert.Single(response.PotentialDuplicates);
        Assert.Equal(existing.PersonId, candidate.PersonId);
        Assert.True(candidate.Likely);
        Assert.Equal(0.5, candidate.Score, 3);
        Assert.Contains("same date of birth 1984-03-07", candidate.Reasons);
        Assert.Contains(candidate.Reasons, r => r.Contains("Kathryn Hollingworth", StringComparison.Ordinal));
        Assert.Equal([existing.PersonId], (await _worker.SearchAsync("Hollingworth")).Select(m => m.PersonId));
    }

    [Fact]
    public async Task Likely_duplicate_is_registered_once_the_caller_confirms_it_is_a_different_person()
    {
        var existing = await _worker.RegisterAsync(People.Born("Stephen", "Marchbanks", 1979, 11, 2));
        var request = People.Born("Steven", "Marchbanks", 1979, 11, 2);
        request.ConfirmedNotDuplicate = true;

        var response = await _worker.People.RegisterPersonAsync(request);

        Assert.NotNull(response.Person);
        Assert.NotEqual(existing.PersonId, response.Person.PersonId);
        Assert.Equal(existing.PersonId, Assert.Single(response.PotentialDuplicates).PersonId);
        Assert.Equal(2, (await _worker.SearchAsync("Marchbanks")).Count);
    }

    [Fact]
    public async Task Candidate_held_by_other_agencies_is_restricted_and_its_details_are_not_repeated()
    {
        var devon = fixture.As(Identity.SupportWorker("police-devon", "E10000008"));
        var existing = await devon.RegisterAsync(People.Born("Rosalind", "Fotheringham", 1981, 6, 12, "E10000008"));

        var response = await _worker.People.RegisterPersonAsync(People.Born("Rosalind", "Fotheringham", 1981, 6, 12));

        Assert.Null(response.Person);
        var candidate = Assert.Single(response.PotentialDuplicates);
        Assert.Equal(existing.PersonId, candidate.PersonId);
        Assert.True(candidate.Likely);
        Assert.True(candidate.Restricted);
        Assert.DoesNotContain(candidate.Reasons, r => r.Contains("Fotheringham", StringComparison.Ordinal) || r.Contains("1981", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unrelated_person_is_registered_without_candidates()
    {
        var response = await _worker.People.RegisterPersonAsync(People.Born("Ottilie", "Fairweather", 1993, 5, 30));

        Assert.NotNull(response.Person);
        Assert.Empty(response.PotentialDuplicates);
    }

    [Fact]
    public async Task Find_duplicates_lists_records_that_may_be_the_same_person_with_the_evidence()
    {
        var a = await _worker.RegisterAsync(People.Born("Philip", "Goodenough", 1965, 8, 14));
        var request = People.Born("Phillip", "Goodenough", 1965, 8, 14);
        request.ConfirmedNotDuplicate = true;
        var b = await _worker.RegisterAsync(request);

        var found = await _worker.People.FindDuplicatesAsync(new FindDuplicatesRequest { PersonId = a.PersonId });

        var candidate = Assert.Single(found.PotentialDuplicates);
        Assert.Equal(b.PersonId, candidate.PersonId);
        Assert.True(candidate.Likely);
        Assert.True(candidate.Score >= 0.5, $"score {candidate.Score}");
        Assert.Contains("same date of birth 1965-08-14", candidate.Reasons);
    }

    [Fact]
    public async Task Pair_linked_then_unlinked_is_never_proposed_again()
    {
        var a = await _worker.RegisterAsync(People.Born("Rosalind", "Threlfall", 1972, 1, 19));
        var request = People.Born("Rosalyn", "Threlfall", 1972, 1, 19);
        request.ConfirmedNotDuplicate = true;
        var b = await _worker.RegisterAsync(request);
        Assert.Contains(b.PersonId,
            (await _worker.People.FindDuplicatesAsync(new FindDuplicatesRequest { PersonId = a.PersonId })).PotentialDuplicates.Select(d => d.PersonId));

        var link = await _worker.People.LinkPersonsAsync(new LinkPersonsRequest { PersonId = a.PersonId, OtherPersonId = b.PersonId, Reason = "same DOB and name" });
        var whileLinked = await _worker.People.FindDuplicatesAsync(new FindDuplicatesRequest { PersonId = a.PersonId });
        await _worker.People.UnlinkPersonsAsync(new UnlinkPersonsRequest { LinkId = link.LinkId, Reason = "twins: different people" });
        var fromA = await _worker.People.FindDuplicatesAsync(new FindDuplicatesRequest { PersonId = a.PersonId });
        var fromB = await _worker.People.FindDuplicatesAsync(new FindDuplicatesRequest { PersonId = b.PersonId });

        Assert.DoesNotContain(b.PersonId, whileLinked.PotentialDuplicates.Select(d => d.PersonId));
        Assert.DoesNotContain(b.PersonId, fromA.PotentialDuplicates.Select(d => d.PersonId));
        Assert.DoesNotContain(a.PersonId, fromB.PotentialDuplicates.Select(d => d.PersonId));
    }

    [Fact]
    public async Task Same_nhs_number_makes_a_likely_duplicate_even_under_another_name()
    {
        var nhs = People.NhsNumber(2);
        var first = People.Named("Gwendolen", "Ashdown", 1958);
        first.Details.NhsNumber = nhs;
        var existing = await _worker.RegisterAsync(first);
        var second = People.Named("Gwen", "Pocklington", 1958);
        second.Details.NhsNumber = nhs;
        second.ConfirmedNotDuplicate = false;

        var response = await _worker.People.RegisterPersonAsync(second);

        Assert.Null(response.Person);
        var candidate = Assert.Single(response.PotentialDuplicates);
        Assert.Equal(existing.PersonId, candidate.PersonId);
        Assert.Contains("same NHS number", candidate.Reasons);
        Assert.Empty(await _worker.SearchAsync("Pocklington"));
    }

    [Fact]
    public async Task Name_keyed_with_a_slip_that_changes_its_sound_is_held_back_against_the_person_born_that_day()
    {
        var existing = await _worker.RegisterAsync(People.Born("Eleanor", "Thompson", 1977, 9, 21));

        var response = await _worker.People.RegisterPersonAsync(People.Born("Eleanor", "Tompson", 1977, 9, 21));

        Assert.Null(response.Person);
        var candidate = Assert.Single(response.PotentialDuplicates);
        Assert.Equal(existing.PersonId, candidate.PersonId);
        Assert.True(candidate.Likely);
    }

    [Fact]
    public async Task Identical_re_registration_by_year_of_birth_and_address_is_held_back_as_likely()
    {
        var first = AtHome(People.Named("Florian", "Westerhaus", 1988), "21 Quarry Close", "BS5 9QT");
        var existing = await _worker.RegisterAsync(first);
        var again = first.Clone();
        again.ConfirmedNotDuplicate = false;

        var response = await _worker.People.RegisterPersonAsync(again);

        Assert.Null(response.Person);
        var candidate = Assert.Single(response.PotentialDuplicates);
        Assert.Equal(existing.PersonId, candidate.PersonId);
        Assert.True(candidate.Likely);
        Assert.Contains("same address", candidate.Reasons);
        Assert.Contains("same year of birth 1988", candidate.Reasons);
    }

    [Fact]
    public async Task Namesake_at_the_same_address_with_another_date_of_birth_is_registered_without_a_likely_match()
    {
        await _worker.RegisterAsync(AtHome(People.Born("Kenneth", "Arbuthnot", 1961, 4, 2), "7 Tanner Row", "BS3 1AA"));

        var response = await _worker.People.RegisterPersonAsync(AtHome(People.Born("Kenneth", "Arbuthnot", 1989, 10, 30), "7 Tanner Row", "BS3 1AA"));

        Assert.NotNull(response.Person);
        Assert.DoesNotContain(response.PotentialDuplicates, candidate => candidate.Likely);
    }

    [Fact]
    public async Task Search_with_a_date_of_birth_finds_a_name_keyed_with_a_slip_that_changes_its_sound()
    {
        var existing = await _worker.RegisterAsync(People.Born("Marguerite", "Johnson", 1969, 12, 5));

        var found = await _worker.SearchAsync(new SearchPersonsRequest { Name = "Marguerite Jonson", DateOfBirth = new V1.PartialDate { Year = 1969, Month = 12, Day = 5 } });

        Assert.Equal(existing.PersonId, Assert.Single(found).PersonId);
    }

    private static RegisterPersonRequest AtHome(RegisterPersonRequest request, string line, string postcode)
    {
        request.Address.Lines.Clear();
        request.Address.Lines.Add(line);
        request.Address.Postcode = postcode;
        return request;
    }
}
