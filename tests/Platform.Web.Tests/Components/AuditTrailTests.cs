using Bunit;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Platform.Audit.V1;
using Platform.Web.Components.Pages.Audit;
using Platform.Web.Components.Shared;
using Platform.Web.PlatformApi;

namespace Platform.Web.Tests.Components;

public sealed class AuditTrailTests : BunitContext
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    [Fact]
    public void The_filters_become_the_platforms_request_with_the_last_day_included_and_the_last_30_days_when_no_period_is_given()
    {
        var (query, problems) = AuditTrailQuery.Parse(Query(("person", " p-1 "), ("agency", "outreach-bristol"), ("from", "2026-11-01"), ("until", "2026-11-30")), Today);

        Assert.Empty(problems);
        var request = query.ToRequest();
        Assert.Equal(("p-1", "", "outreach-bristol"), (request.PersonId, request.Subject, request.Agency));
        Assert.Equal(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), request.From.ToDateTime());
        Assert.Equal(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), request.Until.ToDateTime());
        Assert.Equal("?person=p-1&agency=outreach-bristol&from=2026-11-01&until=2026-11-30&page=t2", query.ToQueryString("t2"));

        var (unbounded, _) = AuditTrailQuery.Parse(Query(("actor", "sam@outreach")), Today);
        Assert.Equal((Today.AddDays(-AuditTrailQuery.DefaultDays), Today), (unbounded.From, unbounded.Until));
        Assert.False(AuditTrailQuery.Asked(Query()));
        Assert.True(AuditTrailQuery.Asked(Query(("actor", ""))));
    }

    [Fact]
    public void A_day_that_is_not_a_date_is_named_beside_its_input_and_in_the_summary()
    {
        var (_, problems) = AuditTrailQuery.Parse(Query(("person", "p-1"), ("from", "31/02/2026")), Today);

        var problem = Assert.Single(problems);
        Assert.Equal("from", problem.Field);
        var summary = Render<ErrorSummary>(p => p.Add(c => c.Problem, CallProblem.Invalid([.. problems, new FieldProblem("person_id", "must be an id")]))
            .Add(c => c.Fields, AuditTrail.Fields));
        Assert.Equal(["#from", "#person"], summary.FindAll(".govuk-error-summary__list a").Select(a => a.GetAttribute("href")));
        Assert.Contains("From must be a real date", summary.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Break_glass_looks_and_refusals_are_tagged_counted_and_their_reason_shown_and_each_name_filters_the_same_period()
    {
        var (query, _) = AuditTrailQuery.Parse(Query(("person", "p-1"), ("from", "2026-11-01"), ("until", "2026-11-30")), Today);
        AuditEvent[] events =
        [
            Event("BreakGlass", "Police report a risk to life tonight."),
            Event("Denied", ""),
            Event("Involvement", ""),
            Event("Denied", ""),
        ];

        var table = Render<AuditEntries>(p => p.Add(c => c.Events, events).Add(c => c.Query, query));

        Assert.Equal("4 entries on this page: 1 break-glass 2 refused", Normalise(table.Find("#audit-counts").TextContent));
        var rows = table.FindAll("#audit-events tbody tr");
        Assert.Equal(["Break-glass", "Refused", "", "Refused"], rows.Select(r => r.QuerySelector(".govuk-tag")?.TextContent ?? ""));
        Assert.Contains("platform-audit__row--break-glass", rows[0].ClassName, StringComparison.Ordinal);
        Assert.Contains("Reason: Police report a risk to life tonight.", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("Involvement", Normalise(rows[2].Children[4].TextContent));
        var links = rows[0].QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(
        [
            "/audit?actor=worker@outreach-gloucester&from=2026-11-01&until=2026-11-30",
            "/audit?agency=outreach-gloucester&from=2026-11-01&until=2026-11-30",
            "/audit?person=p-1&from=2026-11-01&until=2026-11-30",
        ], links);
    }

    private static AuditEvent Event(string basis, string reason) => new()
    {
        Service = "registry", At = Timestamp.FromDateTime(new DateTime(2026, 11, 20, 21, 5, 0, DateTimeKind.Utc)), Actor = "worker@outreach-gloucester",
        Role = "support_worker", Agency = "outreach-gloucester", Action = "person.read", PersonId = "p-1", Basis = basis, Reason = reason,
    };

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static QueryCollection Query(params (string Key, string Value)[] values) =>
        new(values.ToDictionary(v => v.Key, v => new StringValues(v.Value)));
}
