using System.Net;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Safeguarding.Tests.Domain;
using Platform.Safeguarding.Tests.Grpc;
using Platform.Safeguarding.V1;
using Platform.Testing;

namespace Platform.Safeguarding.Tests.Board;

/// <summary>
/// The board figures of a reporting year seeded through the API: concerns, decisions, enquiries and
/// closures spread over three reporting years (the clock moves through them) and two areas. The
/// expected figures are counted here from what was seeded, by the Safeguarding Adults Collection's
/// definitions, not by the service's code.
/// </summary>
public sealed class BoardFiguresTests(SafeguardingFixture fixture) : IClassFixture<SafeguardingFixture>
{
    private const string Agency = "asc-board";
    private const string Area = "E06000901";

    /// <summary>One seeded concern: where, what, and the phase (1, 2, 3: three reporting years in order) of each step; null: never.</summary>
    private sealed record Seed(
        bool InArea, int Raised, AbuseCategory[] Categories, RiskLocation Location, string[] Outcomes,
        EnquiryDecision? Decision, int? Decided, int? Started, int? Closed, OutcomeAchievement[] Achievements, RiskOutcome Risk)
    {
        public bool IsEnquiry => Decision is EnquiryDecision.Section42 or EnquiryDecision.OtherEnquiry;
        public string ConcernId { get; set; } = "";
        public Concern Current { get; set; } = null!;
    }

    private static List<Seed> Seeds()
    {
        var random = new Random(42);
        var seeds = new List<Seed>();
        for (var i = 0; i < 45; i++)
        {
            var raised = i < 8 ? 1 : i < 38 ? 2 : 3;
            var decision = (EnquiryDecision)random.Next(1, 4);
            int? decided = random.NextDouble() < 0.1 ? null : random.Next(raised, 4);
            int? started = decided is null || decision == EnquiryDecision.NoFurtherAction || random.NextDouble() < 0.1 ? null : random.Next(decided.Value, 4);
            int? closed = (decision == EnquiryDecision.NoFurtherAction ? decided : started) is { } from && random.NextDouble() < 0.7
                ? random.Next(from, 4) : null;
            var outcomes = random.NextDouble() < 0.2 ? [] : Enumerable.Range(1, random.Next(1, 4)).Select(n => $"outcome {n}").ToArray();
            seeds.Add(new Seed(
                InArea: i % 9 != 4, raised,
                Enumerable.Range(0, random.Next(1, 4)).Select(_ => (AbuseCategory)random.Next(1, 11)).Distinct().ToArray(),
                (RiskLocation)random.Next(1, 10), outcomes, decided is null ? null : decision, decided, started, closed,
                outcomes.Select(_ => (OutcomeAchievement)random.Next(1, 4)).ToArray(), (RiskOutcome)random.Next(1, 4)));
        }
        return seeds;
    }

    [Fact]
    public async Task The_figures_of_a_year_count_its_concerns_and_enquiries_and_the_enquiries_concluded_in_it_and_nothing_else()
    {
        var seeds = Seeds();
        var start = fixture.Now.Month >= 4 ? fixture.Now.Year : fixture.Now.Year - 1;
        var year = start + 1;
        var yearStart = new DateTimeOffset(year, 4, 1, 0, 0, 0, TimeSpan.Zero);
        var here = (Worker: fixture.As(Identity.SupportWorker(Agency, Area)), Lead: fixture.As(Identity.SafeguardingLead(Agency, Area)));
        var elsewhere = (Worker: fixture.As(Identity.SupportWorker("asc-board-devon", SafeguardingFixture.Devon)),
            Lead: fixture.As(Identity.SafeguardingLead("asc-board-devon", SafeguardingFixture.Devon)));
        var person = await fixture.PersonAsync(Agency, "asc-board-devon");

        for (var phase = 1; phase <= 3; phase++)
        {
            if (phase > 1)
            {
                fixture.Host.Clock.Advance(yearStart.AddYears(phase - 2).AddDays(10) - fixture.Now);
            }
            foreach (var seed in seeds)
            {
                await StepAsync(seed, phase, seed.InArea ? here : elsewhere, person);
            }
        }
        var figures = await here.Lead.Worklists.GetBoardFiguresAsync(new GetBoardFiguresRequest { Year = year });

        var inYear = seeds.Where(s => s.InArea).ToList();
        var enquiries = inYear.Where(s => s.IsEnquiry && s.Started == 2).ToList();
        var concluded = inYear.Where(s => s.IsEnquiry && s.Started is not null && s.Closed == 2).ToList();
        Assert.Equal((Area, year), (figures.Area, figures.Year));
        Assert.Equal(inYear.Count(s => s.Raised == 2), figures.Concerns);
        Assert.Equal(enquiries.Count(s => s.Decision == EnquiryDecision.Section42), figures.Section42Enquiries);
        Assert.Equal(enquiries.Count(s => s.Decision == EnquiryDecision.OtherEnquiry), figures.OtherEnquiries);
        Assert.Equal(Tally(enquiries.SelectMany(s => s.Categories)), Tally(figures.EnquiriesByCategory));
        Assert.Equal(Tally(enquiries.Select(s => s.Location)), Tally(figures.EnquiriesByLocation));
        Assert.Equal(Tally(concluded.Select(s => s.Risk)), Tally(figures.RiskOutcomes));
        Assert.Equal(10, figures.EnquiriesByCategory.Count);
        Assert.Equal(concluded.Count(s => s.Outcomes.Length > 0), figures.DesiredOutcomesAsked);
        Assert.Equal(concluded.Count(s => s.Outcomes.Length > 0), figures.DesiredOutcomesExpressed);
        var expressed = concluded.Where(s => s.Outcomes.Length > 0).ToList();
        Assert.Equal(expressed.Count(s => s.Achievements.All(a => a == OutcomeAchievement.Fully)), figures.OutcomesAchievedFully);
        Assert.Equal(expressed.Count(s => s.Achievements.All(a => a == OutcomeAchievement.Not)), figures.OutcomesNotAchieved);
        Assert.Equal(expressed.Count(s => s.Achievements.Distinct().Count() > 1 || s.Achievements[0] == OutcomeAchievement.Partly),
            figures.OutcomesAchievedPartly);
        Assert.True(figures.Concerns > 0 && figures.Section42Enquiries > 0 && concluded.Count > 0, "the seed exercises every figure");

        var json = await ExportAsync(year, "FORMAT_JSON", "application/json", $"board-figures-{Area}-{year}.json");
        Assert.Equal(figures.Concerns, JsonDocument.Parse(json).RootElement.GetProperty("concerns").GetInt32());
        var csv = await ExportAsync(year, "", "text/csv", $"board-figures-{Area}-{year}.csv");
        Assert.Contains($"{Area},{year},section_42_enquiries,,{figures.Section42Enquiries}", csv.Split('\n').Select(l => l.TrimEnd('\r')));
        Assert.DoesNotContain(person, csv + json);
    }

    private static Dictionary<string, int> Tally<T>(IEnumerable<T> values) where T : struct, System.Enum =>
        values.GroupBy(v => Platform.BuildingBlocks.Data.EnumWords<T>.Word(v)).ToDictionary(g => g.Key, g => g.Count());

    private static Dictionary<string, int> Tally(IEnumerable<Count> counts) => counts.Where(c => c.Count_ > 0).ToDictionary(c => c.Key, c => c.Count_);

    private async Task<string> ExportAsync(int year, string format, string contentType, string fileName)
    {
        using var http = fixture.Host.Http(Identity.SafeguardingLead(Agency, Area));
        using var response = await http.GetAsync($"/v1/safeguarding/board-figures/{year}:export" + (format.Length > 0 ? $"?format={format}" : ""));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.StartsWith(contentType, response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition?.FileName ?? response.Headers.GetValues("Content-Disposition").Single());
        return body;
    }

    private async Task StepAsync(Seed seed, int phase, (SafeguardingClient Worker, SafeguardingClient Lead) team, string person)
    {
        if (seed.Raised == phase)
        {
            var details = SafeguardingFixture.Concern(person);
            details.Categories.Clear();
            details.Categories.AddRange(seed.Categories);
            details.LocationOfRisk = seed.Location;
            details.RaisedAt = fixture.Now.AddDays(-5).ToTimestamp();
            seed.Current = await team.Worker.Concerns.RaiseConcernAsync(new RaiseConcernRequest { Details = details });
            var desired = new RecordDesiredOutcomesRequest
            {
                ConcernId = seed.Current.ConcernId, ExpectedVersion = seed.Current.Version, Asked = seed.Outcomes.Length > 0,
                NotAskedReason = seed.Outcomes.Length > 0 ? "" : "She was too unwell to be asked",
            };
            desired.Outcomes.AddRange(seed.Outcomes);
            seed.Current = await team.Worker.Concerns.RecordDesiredOutcomesAsync(desired);
        }
        if (seed.Decided == phase)
        {
            var all = seed.Decision == EnquiryDecision.Section42;
            seed.Current = await team.Lead.Concerns.RecordSection42DecisionAsync(new RecordSection42DecisionRequest
            {
                ConcernId = seed.Current.ConcernId, ExpectedVersion = seed.Current.Version, Test = Section42RuleTests.Test(all, all, all),
                Decision = seed.Decision!.Value, Reason = all ? "" : "proportionate response",
            });
        }
        if (seed.Started == phase)
        {
            seed.Current = await team.Lead.Concerns.ChangeStageAsync(new ChangeStageRequest
            {
                ConcernId = seed.Current.ConcernId, ExpectedVersion = seed.Current.Version, To = Stage.Enquiry, Reason = "enquiry opened",
            });
        }
        if (seed.Closed == phase)
        {
            var close = new CloseConcernRequest
            {
                ConcernId = seed.Current.ConcernId, ExpectedVersion = seed.Current.Version, Reason = "concluded", RiskOutcome = seed.Risk,
            };
            close.Outcomes.AddRange(seed.Achievements.Select((a, i) => new OutcomeResult
            {
                OutcomeId = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Achievement = a, PersonsView = "her view",
            }));
            seed.Current = await team.Lead.Concerns.CloseConcernAsync(close);
        }
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(3000)]
    public async Task A_year_outside_2000_to_the_one_under_way_is_refused(int year) =>
        await Rpc.RejectsField("year", () => fixture.As(SafeguardingFixture.Lead).Worklists.GetBoardFiguresAsync(new GetBoardFiguresRequest { Year = year }));

    [Fact]
    public async Task Only_safeguarding_leads_and_auditors_read_the_figures_of_their_own_area()
    {
        var year = fixture.Now.Month >= 4 ? fixture.Now.Year : fixture.Now.Year - 1;
        var request = new GetBoardFiguresRequest { Year = year };

        var byAuditor = await fixture.As(Identity.Auditor("sab-audit", SafeguardingFixture.Devon)).Worklists.GetBoardFiguresAsync(request);
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => fixture.As(SafeguardingFixture.Worker).Worklists.GetBoardFiguresAsync(request));

        Assert.Equal(SafeguardingFixture.Devon, byAuditor.Area);
    }
}
