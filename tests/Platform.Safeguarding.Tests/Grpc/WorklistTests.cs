using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.IntegrationEvents.Registry;
using Platform.Safeguarding.V1;
using Platform.Testing;

namespace Platform.Safeguarding.Tests.Grpc;

/// <summary>The merged worklist over gRPC. Each test works in an agency and area of its own and moves the class's clock forward only.</summary>
public sealed class WorklistTests(SafeguardingFixture fixture) : IClassFixture<SafeguardingFixture>
{
    private static int _teams = 500;

    private static (string Agency, string Area) NewTeam()
    {
        var n = Interlocked.Increment(ref _teams);
        return ($"asc-wl-{n}", $"E06{n:000000}");
    }

    [Fact]
    public async Task The_worklist_merges_every_kind_by_due_date_a_page_at_a_time_for_the_agency_and_for_a_leads_area()
    {
        var (agency, area) = NewTeam();
        var lead = fixture.As(Identity.SafeguardingLead(agency, area));
        var worker = fixture.As(Identity.SupportWorker(agency, area));
        var personId = await fixture.PersonAsync(agency);
        var concern = await SafeguardingFixture.RaiseAsync(worker, personId, fixture.Now.AddDays(-3));
        var plan = await lead.Plans.AgreePlanAsync(fixture.PlanWithActions(personId, agency, 1, 5));
        fixture.Host.Clock.Advance(TimeSpan.FromDays(2));

        var first = await worker.Worklists.GetWorklistAsync(new GetWorklistRequest { PageSize = 1 });
        var second = await worker.Worklists.GetWorklistAsync(new GetWorklistRequest { PageSize = 1, PageToken = first.NextPageToken });
        var byArea = await lead.Worklists.GetWorklistAsync(new GetWorklistRequest { Scope = WorklistScope.Area });

        Assert.Equal((WorkKind.ConcernAwaitingDecision, concern.ConcernId), (first.Items[0].Kind, first.Items[0].RecordId));
        Assert.Equal((WorkKind.OverdueAction, plan.Actions[0].ActionId), (second.Items[0].Kind, second.Items[0].RecordId));
        Assert.Equal("", second.NextPageToken);
        Assert.Equal([concern.ConcernId, plan.Actions[0].ActionId], byArea.Items.Select(i => i.RecordId));
        Assert.All(byArea.Items, i => Assert.Equal((personId, area), (i.PersonId, i.Area)));
        Assert.Contains("safeguarding.worklist.read Involvement", await fixture.AuditAsync(personId));
    }

    [Fact]
    public async Task Only_a_safeguarding_lead_sees_the_area_worklist()
    {
        var (agency, area) = NewTeam();

        var error = await Rpc.FailsWith(StatusCode.PermissionDenied, () => fixture.As(Identity.SupportWorker(agency, area)).Worklists
            .GetWorklistAsync(new GetWorklistRequest { Scope = WorklistScope.Area }));

        Assert.Contains("Only safeguarding leads see their area's worklist", error.Status.Detail);
    }

    [Fact]
    public async Task A_page_token_works_only_for_the_caller_and_scope_it_was_issued_to()
    {
        var (agency, area) = NewTeam();
        var lead = fixture.As(Identity.SafeguardingLead(agency, area));
        var worker = fixture.As(Identity.SupportWorker(agency, area));
        var personId = await fixture.PersonAsync(agency);
        await SafeguardingFixture.RaiseAsync(worker, personId, fixture.Now.AddHours(-2));
        await SafeguardingFixture.RaiseAsync(worker, personId, fixture.Now.AddHours(-1));
        var byWorker = await worker.Worklists.GetWorklistAsync(new GetWorklistRequest { PageSize = 1 });
        var byLead = await lead.Worklists.GetWorklistAsync(new GetWorklistRequest { PageSize = 1 });
        Assert.NotEqual("", byWorker.NextPageToken);

        await Rpc.RejectsField("page_token", () => lead.Worklists.GetWorklistAsync(new GetWorklistRequest { PageSize = 1, PageToken = byWorker.NextPageToken }));
        await Rpc.RejectsField("page_token", () => lead.Worklists.GetWorklistAsync(new GetWorklistRequest { Scope = WorklistScope.Area, PageToken = byLead.NextPageToken }));
        await Rpc.RejectsField("page_token", () => worker.Worklists.GetWorklistAsync(new GetWorklistRequest { PageToken = "bm90IGEgdG9rZW4=" }));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(201)]
    public async Task A_page_size_out_of_range_is_refused(int pageSize) =>
        await Rpc.RejectsField("page_size", () => fixture.As(SafeguardingFixture.Worker).Worklists.GetWorklistAsync(new GetWorklistRequest { PageSize = pageSize }));

    [Fact]
    public async Task Work_about_someone_the_caller_may_no_longer_see_is_left_out()
    {
        var (agency, area) = NewTeam();
        var worker = fixture.As(Identity.SupportWorker(agency, area));
        var seen = await fixture.PersonAsync(agency);
        var gone = await fixture.PersonAsync(agency);
        await SafeguardingFixture.RaiseAsync(worker, gone, fixture.Now.AddHours(-2));
        var kept = await SafeguardingFixture.RaiseAsync(worker, seen, fixture.Now.AddHours(-1));
        await fixture.Host.Bus.Publish(new PersonAccessChanged
        {
            PersonId = gone, Sequence = 2, Areas = [SafeguardingFixture.Devon], OccurredAt = fixture.Now, Involvements = [],
        });
        await Eventually.TrueAsync(async () =>
            await fixture.ScalarAsync<int>("SELECT COUNT(*) FROM access_involvements WHERE person_id = @PersonId", new { PersonId = gone }) == 0);

        var list = await worker.Worklists.GetWorklistAsync(new GetWorklistRequest { PageSize = 1 });

        Assert.Equal([kept.ConcernId], list.Items.Select(i => i.RecordId));
        Assert.Equal("", list.NextPageToken);
        Assert.DoesNotContain(await fixture.AuditAsync(gone), e => e.StartsWith("safeguarding.worklist.read", StringComparison.Ordinal));
    }
}
