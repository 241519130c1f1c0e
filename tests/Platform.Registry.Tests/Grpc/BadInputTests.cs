using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Registry.V1;
using Platform.Testing;

namespace Platform.Registry.Tests.Grpc;

/// <summary>
/// Whatever a caller sends wrong gets the status that says so, naming the field, and nothing is stored.
/// </summary>
public sealed class BadInputTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    private const string Marker = "bad-input-tests";

    private readonly RegistryClient _worker = fixture.As(Identity.SupportWorker());

    [Theory]
    [InlineData("no names", "details.names")]
    [InlineData("blank name", "details.names[0]")]
    [InlineData("name without letters", "details.names[0]")]
    [InlineData("over-long given names", "details.names[0].given_names")]
    [InlineData("over-long family name", "details.names[0].family_name")]
    [InlineData("unknown name type", "details.names[0].type")]
    [InlineData("unspecified name type", "details.names[0].type")]
    [InlineData("born next year", "details.date_of_birth")]
    [InlineData("born tomorrow", "details.date_of_birth")]
    [InlineData("month 13", "details.date_of_birth")]
    [InlineData("day without month", "details.date_of_birth")]
    [InlineData("31 February", "details.date_of_birth")]
    [InlineData("year before 1900", "details.date_of_birth")]
    [InlineData("NHS number with a wrong check digit", "details.nhs_number")]
    [InlineData("NHS number too short", "details.nhs_number")]
    [InlineData("NHS number with a letter", "details.nhs_number")]
    [InlineData("unknown sex", "details.sex")]
    [InlineData("over-long gender identity", "details.gender_identity")]
    [InlineData("identifier without agency", "details.identifiers[1].agency")]
    [InlineData("repeated identifier", "details.identifiers[1]")]
    [InlineData("email without @", "details.contact.email")]
    [InlineData("phone with letters", "details.contact.phone")]
    [InlineData("GSS code too short", "address.local_authority")]
    [InlineData("GSS code of no nation", "address.local_authority")]
    [InlineData("area name instead of GSS code", "address.local_authority")]
    [InlineData("address without lines", "address.lines")]
    [InlineData("address from the future", "address.from")]
    public async Task Invalid_registration_names_the_field_and_stores_nothing(string problem, string field)
    {
        var request = Valid(problem);
        Break(request, problem);

        await Rpc.RejectsField(field, () => _worker.People.RegisterPersonAsync(request));

        Assert.Empty(await _worker.SearchAsync(new SearchPersonsRequest { Identifier = MarkerOf(problem) }));
    }

    [Fact]
    public async Task Every_invalid_field_is_reported_at_once()
    {
        var request = Valid("several");
        request.Details.Names[0].GivenNames = new string('a', 101);
        request.Details.DateOfBirth = new V1.PartialDate { Year = DateTime.UtcNow.Year + 1 };
        request.Details.NhsNumber = "1234567890";
        request.Address.LocalAuthority = "Bristol";

        var fields = await Rpc.RejectsField("details.nhs_number", () => _worker.People.RegisterPersonAsync(request));

        Assert.Equal(
            ["address.local_authority", "details.date_of_birth", "details.names[0].given_names", "details.nhs_number"],
            fields.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("over-long family name", "details.names[0].family_name")]
    [InlineData("born next year", "details.date_of_birth")]
    [InlineData("NHS number with a wrong check digit", "details.nhs_number")]
    [InlineData("unknown sex", "details.sex")]
    public async Task Invalid_update_names_the_field_and_changes_nothing(string problem, string field)
    {
        var person = await _worker.RegisterAsync(Valid("update " + problem));
        var details = person.Details.Clone();
        var broken = Valid(problem);
        Break(broken, problem);
        details.Names.Clear();
        details.Names.Add(broken.Details.Names);
        details.DateOfBirth = broken.Details.DateOfBirth;
        details.NhsNumber = broken.Details.NhsNumber;
        details.Sex = broken.Details.Sex;

        await Rpc.RejectsField(field, () => _worker.People.UpdatePersonAsync(new UpdatePersonRequest { PersonId = person.PersonId, ExpectedVersion = 1, Details = details }));

        Assert.Equal(person, await _worker.GetAsync(person.PersonId));
    }

    [Fact]
    public async Task Update_without_the_version_read_is_invalid()
    {
        var person = await _worker.RegisterAsync(Valid("update without version"));

        await Rpc.RejectsField("expected_version", () => _worker.People.UpdatePersonAsync(new UpdatePersonRequest { PersonId = person.PersonId, Details = person.Details }));

        Assert.Equal(1, (await _worker.GetAsync(person.PersonId)).Version);
    }

    [Theory]
    [InlineData("E0600002")]
    [InlineData("X06000023")]
    [InlineData("E06-00002")]
    public async Task Address_with_a_malformed_gss_code_is_invalid_and_not_stored(string code)
    {
        var person = await _worker.RegisterAsync(Valid("address " + code));

        await Rpc.RejectsField("address.local_authority", () => _worker.Addresses.RecordAddressAsync(new RecordAddressRequest
        {
            PersonId = person.PersonId, ExpectedVersion = 1, Address = People.AddressIn(code),
        }));

        var read = await _worker.GetAsync(person.PersonId);
        Assert.Equal(1, read.Version);
        Assert.Single(read.Addresses);
    }

    [Fact]
    public async Task Gss_code_in_lower_case_with_spaces_is_normalised()
    {
        var request = Valid("lower-case gss");
        request.Address.LocalAuthority = " e06000024 ";

        var person = await _worker.RegisterAsync(request);

        Assert.Equal(People.NorthSomerset, Assert.Single(person.Addresses).LocalAuthority);
    }

    [Theory]
    [InlineData("nhs_number")]
    [InlineData("local_authority")]
    [InlineData("page_size")]
    [InlineData("name")]
    [InlineData("date_of_birth")]
    [InlineData("identifier.agency")]
    public async Task Invalid_search_names_the_field(string field)
    {
        var request = field switch
        {
            "nhs_number" => new SearchPersonsRequest { NhsNumber = "1234567890" },
            "local_authority" => new SearchPersonsRequest { LocalAuthority = "Bristol" },
            "page_size" => new SearchPersonsRequest { Name = "Smith", PageSize = 101 },
            "name" => new SearchPersonsRequest { Name = new string('a', 201) },
            "date_of_birth" => new SearchPersonsRequest { DateOfBirth = new V1.PartialDate { Year = 1980, Month = 13 } },
            _ => new SearchPersonsRequest { Identifier = new AgencyIdentifier { Value = "X1" } },
        };

        await Rpc.RejectsField(field, () => _worker.People.SearchPersonsAsync(request));
    }

    [Fact]
    public async Task Share_with_an_unknown_lawful_basis_is_invalid_and_grants_nothing()
    {
        var person = await _worker.RegisterAsync(Valid("share unknown basis"));

        await Rpc.RejectsField("lawful_basis", () => _worker.Access.ShareRecordAsync(new ShareRecordRequest
        {
            PersonId = person.PersonId, Agency = "police-devon", LawfulBasis = (LawfulBasis)99, Reason = "MARAC referral",
        }));

        await Rpc.FailsWith(StatusCode.PermissionDenied,
            () => fixture.As(Identity.SupportWorker("police-devon", "E10000008")).People.GetPersonAsync(new GetPersonRequest { PersonId = person.PersonId }));
    }

    [Fact]
    public async Task Share_until_a_time_already_past_is_invalid()
    {
        var person = await _worker.RegisterAsync(Valid("share in the past"));

        await Rpc.RejectsField("until", () => _worker.Access.ShareRecordAsync(new ShareRecordRequest
        {
            PersonId = person.PersonId, Agency = "police-devon", LawfulBasis = LawfulBasis.Consent, Reason = "consented",
            Until = Timestamp.FromDateTimeOffset(fixture.Host.Clock.GetUtcNow().AddDays(-1)),
        }));
    }

    [Fact]
    public async Task Id_that_the_platform_did_not_issue_is_invalid()
    {
        await Rpc.RejectsField("person_id", () => _worker.People.GetPersonAsync(new GetPersonRequest { PersonId = "1; DROP TABLE persons" }));
        await Rpc.RejectsField("person_ids[1]",
            () => _worker.People.BatchGetPersonsAsync(new BatchGetPersonsRequest { PersonIds = { Guid.NewGuid().ToString(), "nope" } }));
    }

    [Fact]
    public async Task Auditor_cannot_register_and_nothing_is_stored()
    {
        var request = Valid("auditor registers");

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => fixture.As(Identity.Auditor()).People.RegisterPersonAsync(request));

        Assert.Empty(await _worker.SearchAsync(new SearchPersonsRequest { Identifier = MarkerOf("auditor registers") }));
    }

    [Fact]
    public async Task Token_signed_with_another_key_is_unauthenticated()
    {
        var forged = new Platform.BuildingBlocks.Security.AuthOptions { SigningKey = new string('x', 40) };
        var token = Platform.BuildingBlocks.Security.DevelopmentTokens.Issue(forged, "intruder", "admin", "outreach-bristol", People.Bristol);
        var headers = new Metadata { { "Authorization", $"Bearer {token}" } };
        var people = fixture.As(null).People;

        var error = await Assert.ThrowsAsync<RpcException>(
            () => people.RegisterPersonAsync(Valid("forged token"), headers).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Empty(await _worker.SearchAsync(new SearchPersonsRequest { Identifier = MarkerOf("forged token") }));
    }

    private static AgencyIdentifier MarkerOf(string problem) => new() { Agency = Marker, Value = problem };

    /// <summary>A valid request that carries a marker identifier, so a search can tell whether it was stored.</summary>
    private static RegisterPersonRequest Valid(string problem)
    {
        var request = People.Named("Valentine", "Probert", 1980);
        request.Details.Identifiers.Add(MarkerOf(problem));
        return request;
    }

    private static void Break(RegisterPersonRequest request, string problem)
    {
        var details = request.Details;
        var name = details.Names[0];
        var today = DateTime.UtcNow;
        switch (problem)
        {
            case "no names": details.Names.Clear(); break;
            case "blank name": name.GivenNames = " "; name.FamilyName = ""; break;
            case "name without letters": name.GivenNames = "123"; name.FamilyName = "-"; break;
            case "over-long given names": name.GivenNames = new string('a', 101); break;
            case "over-long family name": name.FamilyName = new string('b', 101); break;
            case "unknown name type": name.Type = (NameType)99; break;
            case "unspecified name type": name.Type = NameType.Unspecified; break;
            case "born next year": details.DateOfBirth = new V1.PartialDate { Year = today.Year + 1 }; break;
            case "born tomorrow":
                var tomorrow = today.AddDays(2);
                details.DateOfBirth = new V1.PartialDate { Year = tomorrow.Year, Month = tomorrow.Month, Day = tomorrow.Day };
                break;
            case "month 13": details.DateOfBirth = new V1.PartialDate { Year = 1980, Month = 13 }; break;
            case "day without month": details.DateOfBirth = new V1.PartialDate { Year = 1980, Day = 4 }; break;
            case "31 February": details.DateOfBirth = new V1.PartialDate { Year = 1980, Month = 2, Day = 31 }; break;
            case "year before 1900": details.DateOfBirth = new V1.PartialDate { Year = 1850 }; break;
            case "NHS number with a wrong check digit": details.NhsNumber = "9434765918"; break;
            case "NHS number too short": details.NhsNumber = "94347"; break;
            case "NHS number with a letter": details.NhsNumber = "943476591A"; break;
            case "unknown sex": details.Sex = (Sex)99; break;
            case "over-long gender identity": details.GenderIdentity = new string('g', 101); break;
            case "identifier without agency": details.Identifiers.Add(new AgencyIdentifier { Value = "X-1" }); break;
            case "repeated identifier": details.Identifiers.Add(details.Identifiers[0].Clone()); break;
            case "email without @": details.Contact = new ContactDetails { Email = "someone.example.org" }; break;
            case "phone with letters": details.Contact = new ContactDetails { Phone = "call me" }; break;
            case "GSS code too short": request.Address.LocalAuthority = "E0600002"; break;
            case "GSS code of no nation": request.Address.LocalAuthority = "X06000023"; break;
            case "area name instead of GSS code": request.Address.LocalAuthority = "Bristol"; break;
            case "address without lines": request.Address.Lines.Clear(); break;
            case "address from the future": request.Address.From = Timestamp.FromDateTime(today.AddDays(1)); break;
            default: throw new ArgumentOutOfRangeException(nameof(problem), problem, "no such case");
        }
    }

    [Theory]
    [InlineData(0L, -1)]
    [InlineData(0L, 1_000_000_000)]
    [InlineData(-2_300_000_000L, 0)]
    [InlineData(300_000_000_000L, 0)]
    public async Task Malformed_or_implausible_timestamp_is_invalid_not_an_internal_error(long seconds, int nanos)
    {
        var person = await _worker.RegisterAsync(People.Named("Ignatius", "Timekeeper", 1970));

        await Rpc.RejectsField("since", () => _worker.Involvements.StartInvolvementAsync(new StartInvolvementRequest
        {
            PersonId = person.PersonId, Since = new Timestamp { Seconds = seconds, Nanos = nanos },
        }));

        var involvements = await _worker.Involvements.ListInvolvementsAsync(new ListInvolvementsRequest { PersonId = person.PersonId });
        Assert.Equal(1, involvements.ActiveCount);
    }

    [Fact]
    public async Task Over_long_break_glass_reason_is_invalid()
    {
        var person = await _worker.RegisterAsync(People.Named("Jocasta", "Longreason", 1970));
        var stranger = fixture.As(Identity.SupportWorker("police-devon", "E10000008"), breakGlassReason: new string('r', 501));

        await Rpc.RejectsField("x-break-glass-reason", () => stranger.People.GetPersonAsync(new GetPersonRequest { PersonId = person.PersonId }));
    }
}
