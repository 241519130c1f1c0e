using Platform.Engagement.Chronology;
using Platform.Engagement.Tests.Grpc;
using Platform.Engagement.V1;
using Platform.Registry.V1;
using Platform.Testing;

namespace Platform.Engagement.Tests.CrossService;

/// <summary>
/// A review panel reads the chronology as sentences: people by the names the caller may see (and a
/// person the caller may not see as just that, with neither name nor id), areas by name, and every
/// entry with its agency, in the API and in both exports.
/// </summary>
public sealed class ChronologySentencesTests : IAsyncLifetime
{
    private const string Leeds = "E08000035";
    private static readonly Identity Worker = RegistryAndEngagement.Worker;
    private RegistryAndEngagement _services = null!;

    public async Task InitializeAsync() =>
        _services = new RegistryAndEngagement(await EngagementHost.StartWithRegistryAsync(RegistryAndEngagement.Options()));

    public async Task DisposeAsync() => await _services.Host.DisposeAsync();

    [Fact]
    public async Task Entries_name_the_people_the_caller_may_see_and_hide_the_others()
    {
        var (her, _, him) = await HouseholdAsync();

        var entries = await _services.Engagement(Worker).ChronologyAsync(her.PersonId);

        Assert.Contains(entries, e => e.Summary == "A person you may not see recorded as alleged perpetrator toward Harriet Quenby");
        Assert.Contains(entries, e => e.Summary == "Mabel Quenby recorded as the sibling of Harriet Quenby");
        Assert.Contains(entries, e => e.Detail.EndsWith("Also present: Mabel Quenby, a person you may not see", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Summary == "Moved from Bristol to South Gloucestershire");
        Assert.All(entries, e => Assert.False(string.IsNullOrEmpty(e.Agency), $"no agency: {e.Summary}"));
        await AssertHiddenAsync(Worker, null, her.PersonId, him, "Dorian Vance");
    }

    [Fact]
    public async Task A_break_glass_look_at_her_names_her_but_opens_no_one_else()
    {
        var (her, sister, him) = await HouseholdAsync();
        var stranger = Identity.SupportWorker("outreach-cardiff", "W06000015");

        var entries = await _services.Engagement(stranger, "Police welfare check: she is missing").ChronologyAsync(her.PersonId);

        Assert.Contains(entries, e => e.Summary == "A person you may not see recorded as the sibling of Harriet Quenby");
        await AssertHiddenAsync(stranger, "Police welfare check: she is missing", her.PersonId, sister, "Mabel");
        await AssertHiddenAsync(stranger, "Police welfare check: she is missing", her.PersonId, him, "Dorian Vance");
    }

    [Fact]
    public async Task A_person_the_caller_may_see_is_named_as_her_record_now_stands()
    {
        var (her, sister, _) = await HouseholdAsync();
        var people = new PeopleService.PeopleServiceClient(_services.Host.Channel(Worker));
        var current = await people.GetPersonAsync(new GetPersonRequest { PersonId = sister });
        var details = current.Details.Clone();
        details.Names[0].GivenNames = "Mabs";
        await people.UpdatePersonAsync(new UpdatePersonRequest { PersonId = sister, ExpectedVersion = current.Version, Details = details });

        var entries = await Eventually.ReadAsync(() => _services.Engagement(Worker).ChronologyAsync(her.PersonId),
            found => found.Any(e => e.Summary.StartsWith("Mabs Quenby", StringComparison.Ordinal)));

        Assert.Contains(entries, e => e.Summary == "Mabs Quenby recorded as the sibling of Harriet Quenby");
    }

    /// <summary>
    /// Harriet in Bristol with her sister (also in Bristol, so the worker may see her) and the man
    /// alleged to harm her, known only in Leeds; a contact with both present; then her move.
    /// </summary>
    private async Task<(Person Her, string Sister, string Him)> HouseholdAsync()
    {
        var her = await _services.RegisterAsync("Harriet", "Quenby");
        var sister = (await _services.RegisterAsync("Mabel", "Quenby")).PersonId;
        var him = (await new PeopleService.PeopleServiceClient(_services.Host.Channel(Identity.SupportWorker("outreach-leeds", Leeds)))
            .RegisterPersonAsync(new RegisterPersonRequest
            {
                Details = new PersonDetails { Names = { new PersonName { Type = NameType.Usual, GivenNames = "Dorian", FamilyName = "Vance" } } },
                Address = new Address { Lines = { "1 Kirk Lane" }, LocalAuthority = Leeds },
                ConfirmedNotDuplicate = true,
            })).Person.PersonId;
        var relationships = new RelationshipService.RelationshipServiceClient(_services.Host.Channel(Worker));
        await relationships.RecordRelationshipAsync(new RecordRelationshipRequest
        {
            FromPersonId = him, ToPersonId = her.PersonId, Type = RelationshipType.AllegedPerpetratorToward,
        });
        await relationships.RecordRelationshipAsync(new RecordRelationshipRequest { FromPersonId = sister, ToPersonId = her.PersonId, Type = RelationshipType.Sibling });
        await Eventually.TrueAsync(async () =>
            await _services.CountAsync("SELECT COUNT(*) FROM person_names WHERE person_id = @PersonId", him) == 1
            && await _services.CountAsync("SELECT COUNT(*) FROM access_persons WHERE person_id = @PersonId", him) == 1);
        var contact = Contacts.Made(her.PersonId, _services.Host.Clock.GetUtcNow().AddHours(-2), seenAlone: false);
        contact.OthersPresent.Add(sister);
        contact.OthersPresent.Add(him);
        await _services.Engagement(Worker).RecordAsync(contact);
        await _services.MoveAsync(her, EngagementFixture.SouthGloucestershire);
        await Eventually.TrueAsync(async () =>
            await _services.CountAsync("SELECT COUNT(*) FROM chronology WHERE person_id = @PersonId AND kind IN ('relationship', 'move')", her.PersonId) == 3);
        return (her, sister, him);
    }

    /// <summary>Neither the chronology nor its exports show the hidden person's id or name to this caller.</summary>
    private async Task AssertHiddenAsync(Identity who, string? breakGlass, string personId, string hiddenId, string hiddenName)
    {
        var engagement = _services.Engagement(who, breakGlass);
        var shown = string.Join('\n',
            (await engagement.ChronologyAsync(personId)).Select(e => e.ToString()),
            (await engagement.Chronology.ExportChronologyAsync(new ExportChronologyRequest { PersonId = personId, Format = ExportChronologyRequest.Types.Format.Csv })).Data.ToStringUtf8(),
            (await engagement.Chronology.ExportChronologyAsync(new ExportChronologyRequest { PersonId = personId, Format = ExportChronologyRequest.Types.Format.Json })).Data.ToStringUtf8());
        Assert.DoesNotContain(hiddenId, shown, StringComparison.Ordinal);
        Assert.DoesNotContain(hiddenName, shown, StringComparison.Ordinal);
        Assert.Contains(ChronologyText.Hidden, shown, StringComparison.OrdinalIgnoreCase);
    }
}
