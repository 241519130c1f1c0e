using Platform.BuildingBlocks.Validation;
using Platform.Engagement.Tests.CrossService.Confidential;
using Platform.Engagement.V1;
using Platform.Housing.V1;
using Platform.Registry.V1;
using Platform.Safeguarding.V1;
using static Platform.Engagement.Tests.CrossService.Confidential.RefugeWorld;

namespace Platform.Engagement.Tests.CrossService;

/// <summary>
/// Where someone fleeing abuse now lives is known only to the agencies her confidential address
/// names. Tried as every kind of caller outside them would try it, through every route of the
/// registry, engagement, housing and safeguarding: no answer, list, export or error shows the refuge's area, and
/// asking by that area answers exactly as asking by an area she never lived in.
/// </summary>
public sealed class ConfidentialAddressTests(RefugeWorld world) : IClassFixture<RefugeWorld>
{
    public static TheoryData<string> Outsiders() => new(Outsider.All.Select(o => o.Kind));

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task The_registry_shows_no_outsider_the_refuge_area(string kind)
    {
        var (people, relationships, involvements, access) = Registry(kind);
        var shown = new Dictionary<string, string>
        {
            ["search by name"] = await Outsider.ShownAsync(() => people.SearchPersonsAsync(new SearchPersonsRequest { Name = "Harriet Ashcombe" })),
            ["search by area"] = await Outsider.ShownAsync(() => people.SearchPersonsAsync(new SearchPersonsRequest { LocalAuthority = RefugeArea })),
            ["read"] = await Outsider.ShownAsync(() => people.GetPersonAsync(new GetPersonRequest { PersonId = world.PersonId })),
            ["read many"] = await Outsider.ShownAsync(() => people.BatchGetPersonsAsync(new BatchGetPersonsRequest { PersonIds = { world.PersonId, world.PerpetratorId } })),
            ["her duplicates"] = await Outsider.ShownAsync(() => people.FindDuplicatesAsync(new FindDuplicatesRequest { PersonId = world.PersonId })),
            ["a candidate's duplicates"] = await Outsider.ShownAsync(() => people.FindDuplicatesAsync(new FindDuplicatesRequest { PersonId = world.CandidateId })),
            ["her graph"] = await Outsider.ShownAsync(() => relationships.GetRelationshipGraphAsync(new GetRelationshipGraphRequest { PersonId = world.PersonId, Depth = 2 })),
            ["his graph"] = await Outsider.ShownAsync(() => relationships.GetRelationshipGraphAsync(new GetRelationshipGraphRequest { PersonId = world.PerpetratorId, Depth = 2 })),
            ["involvements"] = await Outsider.ShownAsync(() => involvements.ListInvolvementsAsync(new ListInvolvementsRequest { PersonId = world.PersonId, IncludeEnded = true })),
            ["links"] = await Outsider.ShownAsync(() => people.ListLinksAsync(new ListLinksRequest { PersonId = world.PersonId })),
            ["audit trail"] = await Outsider.ShownAsync(() => access.ListAuditEventsAsync(new ListAuditEventsRequest { PersonId = world.PersonId })),
        };

        AssertAreaHidden(kind, shown);
        if (Find(kind).Who == FormerOutreach)
        {
            Assert.Contains("\"redacted\": true", shown["read"], StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task Engagement_shows_no_outsider_the_refuge_area_nor_lets_them_take_her_handover(string kind)
    {
        var (chronology, outreach) = Engagement(kind);
        var handover = new GetHandoverRequest { HandoverId = world.HandoverId };
        var shown = new Dictionary<string, string>
        {
            ["chronology"] = await Outsider.ShownAsync(() => chronology.GetChronologyAsync(new GetChronologyRequest { PersonId = world.PersonId })),
            ["CSV export"] = await Outsider.ShownAsync(() => chronology.ExportChronologyAsync(new ExportChronologyRequest { PersonId = world.PersonId, Format = ExportChronologyRequest.Types.Format.Csv })),
            ["JSON export"] = await Outsider.ShownAsync(() => chronology.ExportChronologyAsync(new ExportChronologyRequest { PersonId = world.PersonId, Format = ExportChronologyRequest.Types.Format.Json })),
            ["summary"] = await Outsider.ShownAsync(() => chronology.GetEngagementSummaryAsync(new GetEngagementSummaryRequest { PersonId = world.PersonId })),
            ["handovers"] = await Outsider.ShownAsync(() => outreach.ListHandoversAsync(new ListHandoversRequest { IncludeAcknowledged = true })),
            ["handovers to the area"] = await Outsider.ShownAsync(() => outreach.ListHandoversAsync(new ListHandoversRequest { LocalAuthority = RefugeArea, IncludeAcknowledged = true })),
            ["handovers from her former area"] = await Outsider.ShownAsync(() => outreach.ListHandoversAsync(new ListHandoversRequest { LocalAuthority = FormerArea, IncludeAcknowledged = true })),
            ["her handover"] = await Outsider.ShownAsync(() => outreach.GetHandoverAsync(handover)),
            ["acknowledging it"] = await Outsider.ShownAsync(() => outreach.AcknowledgeHandoverAsync(new AcknowledgeHandoverRequest { HandoverId = world.HandoverId, ExpectedVersion = 1 })),
            ["worklist of the area"] = await Outsider.ShownAsync(() => outreach.ListOutreachWorklistAsync(new ListOutreachWorklistRequest { LocalAuthority = RefugeArea })),
            ["own worklist"] = await Outsider.ShownAsync(() => outreach.ListOutreachWorklistAsync(new ListOutreachWorklistRequest())),
        };

        AssertAreaHidden(kind, shown);
        if (Find(kind).Who == FormerOutreach)
        {
            // Her own team still learns that she moved, and when.
            Assert.Contains("Moved to a confidential address", shown["chronology"], StringComparison.Ordinal);
            Assert.Contains("Moved to a confidential address", shown["CSV export"], StringComparison.Ordinal);
        }
        Assert.StartsWith("PermissionDenied", shown["her handover"], StringComparison.Ordinal);
        Assert.StartsWith("PermissionDenied", shown["acknowledging it"], StringComparison.Ordinal);
        Assert.DoesNotContain(world.HandoverId, shown["handovers"] + shown["handovers to the area"] + shown["handovers from her former area"], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task Housing_shows_no_outsider_the_refuge_area(string kind)
    {
        var (needs, matching, offers) = Housing(kind);
        var shown = new Dictionary<string, string>
        {
            ["needs"] = await Outsider.ShownAsync(() => needs.GetNeedsProfileAsync(new GetNeedsProfileRequest { PersonId = world.PersonId })),
            ["needs as JSON"] = await world.Host.Http(Find(kind).Who).GetStringAsync($"/v1/housing/persons/{world.PersonId}/needs")
                .ContinueWith(read => read.IsCompletedSuccessfully ? read.Result : read.Exception!.InnerException!.Message, TaskScheduler.Default),
            ["offers"] = await Outsider.ShownAsync(() => offers.ListOffersAsync(new ListOffersRequest { PersonId = world.PersonId })),
            // A placement in the refuge area names its own area; every other placement must not show hers.
            ["matches"] = await Outsider.ShownAsync(async () =>
            {
                var all = await matching.MatchPlacementsAsync(new MatchPlacementsRequest { PersonId = world.PersonId, IncludeExcluded = true, PageSize = 200 });
                RemoveUnit(all.Matches, world.RefugeUnitId);
                RemoveUnit(all.Excluded, world.RefugeUnitId);
                return all;
            }),
        };

        AssertAreaHidden(kind, shown);
        if (Find(kind).Who == FormerHousing)
        {
            Assert.Contains(FormerArea, shown["needs"], StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task Safeguarding_shows_no_outsider_the_refuge_area_though_its_records_were_made_there(string kind)
    {
        var (concerns, plans, referrals, domesticAbuse) = Safeguarding(kind);
        var shown = new Dictionary<string, string>
        {
            ["concerns"] = await Outsider.ShownAsync(() => concerns.ListConcernsAsync(new ListConcernsRequest { PersonId = world.PersonId })),
            ["the refuge's concern"] = await Outsider.ShownAsync(() => concerns.GetConcernAsync(new GetConcernRequest { ConcernId = world.RefugeConcernId })),
            ["plans"] = await Outsider.ShownAsync(() => plans.ListPlansAsync(new ListPlansRequest { PersonId = world.PersonId })),
            ["the refuge's plan"] = await Outsider.ShownAsync(() => plans.GetPlanAsync(new GetPlanRequest { PlanId = world.RefugePlanId })),
            ["referrals"] = await Outsider.ShownAsync(() => referrals.ListReferralsAsync(new ListReferralsRequest { PersonId = world.PersonId })),
            ["the refuge's referral"] = await Outsider.ShownAsync(() => referrals.GetReferralAsync(new GetReferralRequest { ReferralId = world.RefugeReferralId })),
            ["answering it"] = await Outsider.ShownAsync(() => referrals.RespondToReferralAsync(new RespondToReferralRequest
                { ReferralId = world.RefugeReferralId, ExpectedVersion = 99, Status = ReferralStatus.Acknowledged })),
            ["MARAC referrals"] = await Outsider.ShownAsync(() => domesticAbuse.ListMaracReferralsAsync(new ListMaracReferralsRequest { PersonId = world.PersonId })),
            ["risk"] = await Outsider.ShownAsync(() => domesticAbuse.GetRiskSummaryAsync(new GetRiskSummaryRequest { PersonId = world.PersonId })),
            ["own worklist"] = await Outsider.ShownAsync(() => new WorklistService.WorklistServiceClient(Channel(kind)).GetWorklistAsync(new GetWorklistRequest())),
        };

        AssertAreaHidden(kind, shown);
        if (Find(kind).Who == FormerOutreach)
        {
            // Her former team still sees every record, its agency, and the area of the concern it raised before she moved.
            Assert.Contains(world.RefugeConcernId, shown["concerns"], StringComparison.Ordinal);
            Assert.Contains(FormerArea, shown["concerns"], StringComparison.Ordinal);
            Assert.Contains(Named, shown["the refuge's plan"], StringComparison.Ordinal);
            Assert.Contains(world.PersonId, shown["own worklist"], StringComparison.Ordinal); // the refuge plan's overdue action
        }
    }

    [Fact]
    public async Task The_refuge_sees_the_area_of_its_own_safeguarding_records()
    {
        var channel = world.Host.Channel(NamedLead);

        var concern = await new ConcernService.ConcernServiceClient(channel).GetConcernAsync(new GetConcernRequest { ConcernId = world.RefugeConcernId });
        var plan = await new PlanService.PlanServiceClient(channel).GetPlanAsync(new GetPlanRequest { PlanId = world.RefugePlanId });

        Assert.Equal(RefugeArea, concern.Area);
        Assert.Equal(RefugeArea, plan.Area);
    }

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task Asking_by_the_refuge_area_answers_as_for_an_area_she_never_lived_in(string kind)
    {
        var (people, _, _, _) = Registry(kind);
        var (_, outreach) = Engagement(kind);
        var (_, matching, _) = Housing(kind);

        foreach (var (route, byArea) in new (string, Func<string, Task<string>>)[]
        {
            ("registry search", area => Outsider.ListedAsync(() => people.SearchPersonsAsync(new SearchPersonsRequest { LocalAuthority = area }), r => r.Matches.Select(m => m.PersonId))),
            ("handovers", area => Outsider.ListedAsync(() => outreach.ListHandoversAsync(new ListHandoversRequest { LocalAuthority = area, IncludeAcknowledged = true }), r => r.Handovers.Select(h => h.HandoverId))),
            ("outreach worklist", area => Outsider.ListedAsync(() => outreach.ListOutreachWorklistAsync(new ListOutreachWorklistRequest { LocalAuthority = area }), r => r.Items.Select(i => i.PersonId))),
            ("placement explained", area => Outsider.ShownAsync(async () => AsAnyUnit(await matching.ExplainPlacementAsync(new ExplainPlacementRequest
                { PersonId = world.PersonId, UnitId = area == RefugeArea ? world.RefugeUnitId : world.NeverLivedUnitId })))
                .ContinueWith(shown => shown.Result.Replace(area, "AREA", StringComparison.Ordinal), TaskScheduler.Default)),
        })
        {
            Assert.True(await byArea(RefugeArea) == await byArea(NeverLived), $"{kind}: {route} by the refuge area differs from an area she never lived in");
        }
    }

    [Fact]
    public async Task The_agency_her_address_names_sees_where_she_is_and_takes_her_handover_on()
    {
        var channel = world.Host.Channel(NamedWorker);
        var outreach = new OutreachService.OutreachServiceClient(channel);

        var person = await new PeopleService.PeopleServiceClient(channel).GetPersonAsync(new GetPersonRequest { PersonId = world.PersonId });
        var listed = await outreach.ListHandoversAsync(new ListHandoversRequest { IncludeAcknowledged = true });
        var acknowledged = await outreach.AcknowledgeHandoverAsync(new AcknowledgeHandoverRequest { HandoverId = world.HandoverId, ExpectedVersion = 1 });

        Assert.Contains(person.Addresses, a => a.Confidential && a.LocalAuthority == RefugeArea && !a.Redacted && a.Lines.Contains("The refuge"));
        Assert.Contains(listed.Handovers, h => h.HandoverId == world.HandoverId && h.FromLocalAuthority == FormerArea);
        Assert.Equal(Named, acknowledged.AcknowledgedByAgency);
    }

    private static Outsider Find(string kind) => Outsider.All.Single(o => o.Kind == kind);

    private global::Grpc.Net.Client.GrpcChannel Channel(string kind) => world.Host.Channel(Find(kind).Who, Find(kind).BreakGlassReason);

    private (PeopleService.PeopleServiceClient, RelationshipService.RelationshipServiceClient, InvolvementService.InvolvementServiceClient, AccessService.AccessServiceClient) Registry(string kind) =>
        (new(Channel(kind)), new(Channel(kind)), new(Channel(kind)), new(Channel(kind)));

    private (ChronologyService.ChronologyServiceClient, OutreachService.OutreachServiceClient) Engagement(string kind) => (new(Channel(kind)), new(Channel(kind)));

    private (NeedsService.NeedsServiceClient, MatchingService.MatchingServiceClient, OfferService.OfferServiceClient) Housing(string kind) =>
        (new(Channel(kind)), new(Channel(kind)), new(Channel(kind)));

    private (ConcernService.ConcernServiceClient, PlanService.PlanServiceClient, ReferralService.ReferralServiceClient, DomesticAbuseService.DomesticAbuseServiceClient) Safeguarding(string kind) =>
        (new(Channel(kind)), new(Channel(kind)), new(Channel(kind)), new(Channel(kind)));

    private static void AssertAreaHidden(string kind, IReadOnlyDictionary<string, string> shown)
    {
        // Text written for people names the area rather than giving its code: neither may appear.
        var leaks = shown.Where(route => route.Value.Contains(RefugeArea, StringComparison.Ordinal)
                || route.Value.Contains(LocalAuthorityNames.Of(RefugeArea), StringComparison.Ordinal))
            .Select(route => $"{route.Key}: {route.Value}").ToList();
        Assert.True(leaks.Count == 0, $"{kind} learns the refuge area from:\n{string.Join('\n', leaks)}");
    }

    private static void RemoveUnit(Google.Protobuf.Collections.RepeatedField<PlacementMatch> matches, string unitId)
    {
        foreach (var match in matches.Where(m => m.UnitId == unitId).ToList())
        {
            matches.Remove(match);
        }
    }

    /// <summary>An explanation without the unit's own ids, so that two units alike but for their area compare equal.</summary>
    private static PlacementMatch AsAnyUnit(PlacementMatch match)
    {
        var any = match.Clone();
        (any.UnitId, any.SchemeId, any.ProviderId, any.VacancyId) = ("", "", "", "");
        return any;
    }
}
