using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.BuildingBlocks.Security;
using Platform.Engagement.V1;
using EngagementContact = Platform.Engagement.V1.ContactDetails;

namespace Platform.Web.Demo;

/// <summary>Engagement's part: each woman's contacts, imported.</summary>
public sealed partial class DemoLoader
{
    /// <summary>Her contacts through the import (keyed by source id, so a repeat is a duplicate, not a second contact).</summary>
    private async Task<int> ImportAsync(GrpcChannel channel, DemoPerson woman, string personId, List<DemoContact> contacts, CancellationToken cancellationToken)
    {
        var client = new ContactService.ContactServiceClient(channel);
        Theme[][] themes =
        [
            [Theme.Housing], [Theme.DomesticAbuse, Theme.CoerciveControl], [Theme.Alcohol, Theme.MentalHealth], [Theme.Finances, Theme.FinancialAbuse],
            [Theme.Children],
        ];
        return await UntilKnownAsync(async () =>
        {
            using var call = client.ImportContacts(As(PlatformRoles.SupportWorker, woman.Area.OutreachAgency, woman.Area, cancellationToken));
            foreach (var contact in contacts)
            {
                var details = new EngagementContact
                {
                    PersonId = personId, Worker = "Key worker (demo)", ContactAt = Timestamp.FromDateTimeOffset(contact.At),
                    Channel = contact.Outcome == DemoOutcome.Made ? Channel.OutreachVisit : Channel.Phone,
                    Outcome = contact.Outcome switch
                    {
                        DemoOutcome.Made => Outcome.Made,
                        DemoOutcome.Attempted => Outcome.Attempted,
                        _ => Outcome.Declined,
                    },
                    SeenAlone = contact.SeenAlone, PersonsWords = contact.Words, Significant = contact.Significant,
                };
                if (contact.Themes >= 0)
                {
                    details.Themes.AddRange(themes[contact.Themes]);
                }
                await call.RequestStream.WriteAsync(new ImportContactsRequest { SourceSystem = DemoDataSet.SourceSystem, SourceId = contact.SourceId, Details = details }, cancellationToken);
            }
            await call.RequestStream.CompleteAsync();
            var response = await call.ResponseAsync;
            if (response.Rejected > 0)
            {
                // Engagement has not heard of her yet: the registry's event is on its way.
                throw new RpcException(new Status(StatusCode.FailedPrecondition, string.Join("; ", response.Results.SelectMany(r => r.Reasons).Distinct())));
            }
            return response.Stored;
        }, cancellationToken);
    }
}
