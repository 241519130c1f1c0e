using Grpc.Net.Client;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Tests.Grpc;

/// <summary>The safeguarding service's gRPC services over one channel, as one caller.</summary>
public sealed class SafeguardingClient(GrpcChannel channel)
{
    public ConcernService.ConcernServiceClient Concerns { get; } = new(channel);

    public DomesticAbuseService.DomesticAbuseServiceClient DomesticAbuse { get; } = new(channel);

    public PlanService.PlanServiceClient Plans { get; } = new(channel);

    public ReferralService.ReferralServiceClient Referrals { get; } = new(channel);

    public CapacityService.CapacityServiceClient Capacity { get; } = new(channel);

    public WorklistService.WorklistServiceClient Worklists { get; } = new(channel);
}
