using Grpc.Core;
using Platform.BuildingBlocks.Security;
using Platform.Engagement.V1;

namespace Platform.Engagement.Grpc;

public sealed partial class ContactGrpcService
{
    /// <summary>Items are stored in batches, each in one transaction, as they stream in.</summary>
    public const int ImportBatchSize = 1000;

    public override async Task<ImportContactsResponse> ImportContacts(
        IAsyncStreamReader<ImportContactsRequest> requestStream, ServerCallContext context)
    {
        var caller = Caller.From(context);
        BreakGlass.RefuseForManyPeople(context);
        var response = new ImportContactsResponse();
        var batch = new List<ImportContactsRequest>(ImportBatchSize);
        await foreach (var item in requestStream.ReadAllAsync(context.CancellationToken))
        {
            batch.Add(item);
            if (batch.Count == ImportBatchSize)
            {
                await import.ImportAsync(caller, batch, response, context.CancellationToken);
                batch.Clear();
            }
        }
        if (batch.Count > 0)
        {
            await import.ImportAsync(caller, batch, response, context.CancellationToken);
        }
        await sweep.CheckPendingAsync(context.CancellationToken);
        return response;
    }
}
