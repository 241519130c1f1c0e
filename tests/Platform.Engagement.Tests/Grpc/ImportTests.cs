using Google.Protobuf.WellKnownTypes;
using Platform.BuildingBlocks.Security;
using Platform.Engagement.V1;
using Platform.Testing;
using static Platform.Engagement.V1.ImportResult.Types;

namespace Platform.Engagement.Tests.Grpc;

/// <summary>Bulk import from a partner's case system: good items stored, bad ones rejected with reasons, nothing stored twice.</summary>
public sealed class ImportTests(EngagementFixture fixture) : IClassFixture<EngagementFixture>
{
    private const string Source = "police-niche-avon";

    private readonly EngagementClient _partner =
        fixture.As(new Identity(PlatformRoles.PartnerSystem, "police-avon", EngagementFixture.Bristol, "system@police-avon"));

    [Fact]
    public async Task Good_items_are_stored_and_each_bad_one_is_rejected_naming_the_field()
    {
        var person = await fixture.PersonAsync(EngagementFixture.Bristol, "police-avon");
        var elsewhere = await fixture.PersonAsync(EngagementFixture.Devon, "police-devon");
        var batch = Enumerable.Range(0, 8).Select(i => Item(person, i)).ToList();
        batch[1].Details.ContactAt = Timestamp.FromDateTimeOffset(fixture.Now.AddDays(2));
        batch[3].SourceId = "";
        batch[4].Details.PersonId = Guid.NewGuid().ToString();
        batch[5].Details.Themes.Add((Theme)99);
        batch[6].Details.PersonId = elsewhere;
        batch[7].Details.OthersPresent.Add(Guid.NewGuid().ToString());

        var response = await ImportAsync(batch);

        Assert.Equal((2, 0, 6), (response.Stored, response.Duplicates, response.Rejected));
        Assert.Equal([Status.Stored, Status.Rejected, Status.Stored, Status.Rejected, Status.Rejected, Status.Rejected, Status.Rejected, Status.Rejected],
            response.Results.Select(r => r.Status));
        Assert.Equal(Enumerable.Range(0, 8), response.Results.Select(r => r.Index));
        Assert.StartsWith("details.contact_at: ", Assert.Single(response.Results[1].Reasons), StringComparison.Ordinal);
        Assert.StartsWith("source_id: ", Assert.Single(response.Results[3].Reasons), StringComparison.Ordinal);
        Assert.StartsWith("details.person_id: ", Assert.Single(response.Results[4].Reasons), StringComparison.Ordinal);
        Assert.StartsWith("details.themes[0]: ", Assert.Single(response.Results[5].Reasons), StringComparison.Ordinal);
        Assert.Equal("details.person_id: no legitimate relationship with this person", Assert.Single(response.Results[6].Reasons));
        Assert.StartsWith("details.others_present", Assert.Single(response.Results[7].Reasons), StringComparison.Ordinal);
        Assert.Equal(2, await fixture.ContactCountAsync(person));
        Assert.Equal(0, await fixture.ContactCountAsync(elsewhere));
        Assert.Contains("engagement.contact.import Denied", await fixture.AuditAsync(elsewhere));
    }

    [Fact]
    public async Task Sending_the_same_batch_twice_stores_nothing_twice()
    {
        var person = await fixture.PersonAsync(EngagementFixture.Bristol, "police-avon");
        var batch = Enumerable.Range(0, 5).Select(i => Item(person, i)).ToList();
        var first = await ImportAsync(batch);
        var entries = await fixture.ChronologyCountAsync(person);

        var second = await ImportAsync(batch);

        Assert.Equal((5, 0), (first.Stored, first.Duplicates));
        Assert.Equal((0, 5, 0), (second.Stored, second.Duplicates, second.Rejected));
        Assert.Equal(first.Results.Select(r => r.ContactId), second.Results.Select(r => r.ContactId));
        Assert.Equal(5, await fixture.ContactCountAsync(person));
        Assert.Equal(entries, await fixture.ChronologyCountAsync(person));
    }

    [Fact]
    public async Task The_same_item_twice_in_one_stream_is_stored_once()
    {
        var person = await fixture.PersonAsync(EngagementFixture.Bristol, "police-avon");

        var response = await ImportAsync([Item(person, 0), Item(person, 0)]);

        Assert.Equal([Status.Stored, Status.Duplicate], response.Results.Select(r => r.Status));
        Assert.Equal(response.Results[0].ContactId, response.Results[1].ContactId);
        Assert.Equal(1, await fixture.ContactCountAsync(person));
    }

    [Fact]
    public async Task Corrected_item_after_a_rejected_one_with_the_same_source_id_is_stored()
    {
        var person = await fixture.PersonAsync(EngagementFixture.Bristol, "police-avon");
        var wrong = Item(person, 0);
        wrong.Details.SeenAlone = false;
        wrong.Details.OthersPresent.Add(Guid.NewGuid().ToString());

        var response = await ImportAsync([wrong, Item(person, 0)]);

        Assert.Equal([Status.Rejected, Status.Stored], response.Results.Select(r => r.Status));
        var stored = await _partner.Contacts.GetContactAsync(new GetContactRequest { ContactId = response.Results[1].ContactId });
        Assert.Empty(stored.Details.OthersPresent);
        Assert.Equal(1, await fixture.ContactCountAsync(person));
    }

    [Fact]
    public async Task Stream_longer_than_a_batch_is_stored_whole_and_once()
    {
        var people = new[] { await fixture.PersonAsync(EngagementFixture.Bristol, "police-avon"), await fixture.PersonAsync(EngagementFixture.Bristol, "police-avon") };
        var count = Platform.Engagement.Grpc.ContactGrpcService.ImportBatchSize + 120;
        var items = Enumerable.Range(0, count).Select(i => Item(people[i % 2], i)).ToList();

        var first = await ImportAsync(items);
        var again = await ImportAsync(items);

        Assert.Equal((count, 0), (first.Stored, first.Rejected));
        Assert.Equal(Enumerable.Range(0, count), first.Results.Select(r => r.Index));
        Assert.Equal(count, first.Results.Select(r => r.ContactId).Distinct().Count());
        Assert.Equal((0, count), (again.Stored, again.Duplicates));
        Assert.Equal(count / 2, await fixture.ContactCountAsync(people[0]));
        Assert.Equal(count / 2, await fixture.ContactCountAsync(people[1]));
    }

    private ImportContactsRequest Item(string person, int i) => new()
    {
        SourceSystem = Source, SourceId = $"{person}-{i}",
        Details = Contacts.Made(person, fixture.Now.AddDays(-10).AddMinutes(i), seenAlone: i % 2 == 0),
    };

    private Task<ImportContactsResponse> ImportAsync(IEnumerable<ImportContactsRequest> items) => _partner.ImportAsync(items);
}
