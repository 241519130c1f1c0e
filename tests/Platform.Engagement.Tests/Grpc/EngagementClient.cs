using Grpc.Net.Client;
using Platform.Engagement.V1;

namespace Platform.Engagement.Tests.Grpc;

/// <summary>The engagement service's three gRPC services over one channel, as one caller.</summary>
public sealed class EngagementClient(GrpcChannel channel)
{
    public ContactService.ContactServiceClient Contacts { get; } = new(channel);

    public ChronologyService.ChronologyServiceClient Chronology { get; } = new(channel);

    public OutreachService.OutreachServiceClient Outreach { get; } = new(channel);

    public async Task<Contact> RecordAsync(ContactDetails details) =>
        await Contacts.RecordContactAsync(new RecordContactRequest { Details = details });

    /// <summary>Every entry of the chronology, following the page tokens to the end.</summary>
    public async Task<IReadOnlyList<ChronologyEntry>> ChronologyAsync(
        string personId, ChronologyFilter? filter = null, bool newestFirst = false, int pageSize = 0)
    {
        var entries = new List<ChronologyEntry>();
        var token = "";
        do
        {
            var page = await Chronology.GetChronologyAsync(new GetChronologyRequest
            {
                PersonId = personId, Filter = filter, NewestFirst = newestFirst, PageSize = pageSize, PageToken = token,
            });
            entries.AddRange(page.Entries);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return entries;
    }

    /// <summary>Streams the items to ImportContacts and returns its answer.</summary>
    public async Task<ImportContactsResponse> ImportAsync(IEnumerable<ImportContactsRequest> items)
    {
        using var call = Contacts.ImportContacts();
        foreach (var item in items)
        {
            await call.RequestStream.WriteAsync(item);
        }
        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync;
    }

    public async Task<EngagementSummary> SummaryAsync(string personId) =>
        await Chronology.GetEngagementSummaryAsync(new GetEngagementSummaryRequest { PersonId = personId });
}
