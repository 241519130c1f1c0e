using Platform.BuildingBlocks.Data;
using Platform.Safeguarding.Data;

namespace Platform.Safeguarding.Bench;

/// <summary>
/// An area seeded straight into the service's tables with its own insert statements
/// (<see cref="BulkInsert"/>, one transaction per batch): the people in the access projection,
/// open plans with their actions (a third done, due dates a year either side of now), and a year of
/// concerns with their categories, decisions, enquiries and closures for the board figures.
/// </summary>
internal sealed class AreaSeeder(SafeguardingDatabase database, int seed, DateTimeOffset now, string area)
{
    public const int Agencies = 20;

    private const string InsertPerson = "INSERT INTO access_persons (person_id, sequence) VALUES (@PersonId, 1)";
    private const string InsertArea = "INSERT INTO access_areas (person_id, local_authority) VALUES (@PersonId, @Area)";

    /// <summary>Every column a concern can have filled by the time it is closed (ConcernStore.Insert leaves the decision's empty).</summary>
    private const string InsertConcern =
        """
        INSERT INTO concerns (concern_id, person_id, agency, area, source, raised_by, location_of_risk, description,
            immediate_risk, immediate_action, named_agencies, raised_at, stage, decision, decision_json, decided_at,
            desired_outcomes_asked, desired_outcomes_json, closure_json, risk_outcome, closed_at, follow_up_at,
            recorded_at, recorded_by, version, enquiry_started_at, desired_outcomes_count, outcomes_achieved)
        VALUES (@ConcernId, @PersonId, @Agency, @Area, 'police', 'officer', @LocationOfRisk, 'seeded',
            0, NULL, '[]', @RaisedAt, @Stage, @Decision, NULL, @DecidedAt,
            @DesiredOutcomesAsked, NULL, NULL, @RiskOutcome, @ClosedAt, NULL,
            @RaisedAt, 'bench', 1, @EnquiryStartedAt, @DesiredOutcomesCount, @OutcomesAchieved)
        """;

    private static readonly string[] Locations =
        ["own-home", "home-of-another", "care-home", "hospital", "community-service", "in-the-community", "supported-accommodation", "no-fixed-abode", "other"];

    private static readonly string[] Categories =
        ["physical", "domestic", "sexual", "psychological", "financial-or-material", "modern-slavery", "discriminatory", "organisational",
         "neglect-and-acts-of-omission", "self-neglect"];

    private readonly Random _random = new(seed);

    public static string Agency(int i) => $"agency-{i:00}";

    public async Task<IReadOnlyList<string>> PeopleAsync(int count)
    {
        var people = Enumerable.Range(0, count).Select(_ => new Person(Guid.NewGuid().ToString(), area)).ToList();
        await database.InTransactionAsync(async (db, tx) =>
        {
            await BulkInsert.ExecuteAsync(db, tx, InsertPerson, people);
            await BulkInsert.ExecuteAsync(db, tx, InsertArea, people);
        });
        return people.Select(p => p.PersonId).ToList();
    }

    /// <summary>One open plan per person given, with <paramref name="actionsPerPlan"/> actions each.</summary>
    public async Task PlansAsync(IReadOnlyList<string> people, int actionsPerPlan)
    {
        foreach (var batch in people.Chunk(5_000))
        {
            var plans = new List<PlanRow>();
            var actions = new List<PlanActionRow>();
            foreach (var personId in batch)
            {
                var plan = new PlanRow
                {
                    PlanId = Guid.NewGuid().ToString(), PersonId = personId, LeadAgency = Agency(_random.Next(Agencies)), LeadProfessional = "lead",
                    Area = area, Status = "open", Level = "high", FamilyInvolvement = "seeded",
                    NextReviewAt = now.AddDays(_random.Next(-60, 120)), AgreedAt = now.AddDays(-200), AgreedBy = "bench", Version = 1,
                };
                plan.ReviewDueAt = plan.NextReviewAt;
                plans.Add(plan);
                for (var i = 0; i < actionsPerPlan; i++)
                {
                    actions.Add(new PlanActionRow
                    {
                        ActionId = Guid.NewGuid().ToString(), PlanId = plan.PlanId, PersonId = personId, Area = area, Position = i,
                        Description = "seeded", OwnerAgency = Agency(_random.Next(Agencies)), OwnerRole = "key worker",
                        DueAt = now.AddMinutes(_random.Next(-525_600, 525_600)), Status = _random.Next(3) == 0 ? "done" : "open",
                    });
                }
            }
            await database.InTransactionAsync(async (db, tx) =>
            {
                await BulkInsert.ExecuteAsync(db, tx, PlanStore.InsertPlan, plans);
                await BulkInsert.ExecuteAsync(db, tx, PlanStore.InsertAction, actions);
            });
        }
    }

    /// <summary>
    /// <paramref name="count"/> concerns raised in the reporting year starting at <paramref name="from"/>: 5% awaiting a
    /// decision, 40% section 42 and 15% other enquiries (started in the year), the rest no further action; two thirds of
    /// the enquiries concluded with a risk outcome and her outcomes.
    /// </summary>
    public async Task ConcernsAsync(IReadOnlyList<string> people, int count, DateTimeOffset from)
    {
        var span = (int)Math.Min((now - from).TotalMinutes, 525_600);
        foreach (var batch in Enumerable.Range(0, count).Chunk(10_000))
        {
            var concerns = new List<ConcernSeed>();
            var categories = new List<CategorySeed>();
            foreach (var _ in batch)
            {
                var raised = from.AddMinutes(_random.Next(span));
                var roll = _random.NextDouble();
                var decision = roll < 0.05 ? null : roll < 0.45 ? "section42" : roll < 0.60 ? "other-enquiry" : "no-further-action";
                var enquiry = decision is "section42" or "other-enquiry";
                var closed = decision == "no-further-action" || (enquiry && _random.Next(3) > 0);
                var asked = _random.Next(5) > 0;
                var concern = new ConcernSeed
                {
                    ConcernId = Guid.NewGuid().ToString(), PersonId = people[_random.Next(people.Count)], Agency = Agency(_random.Next(Agencies)),
                    Area = area, LocationOfRisk = Locations[_random.Next(Locations.Length)], RaisedAt = raised,
                    Stage = closed ? "closed" : enquiry ? "enquiry" : "concern", Decision = decision,
                    DecidedAt = decision is null ? null : raised.AddHours(20), EnquiryStartedAt = enquiry ? raised.AddDays(1) : null,
                    DesiredOutcomesAsked = asked, DesiredOutcomesCount = asked ? _random.Next(1, 4) : 0,
                    ClosedAt = closed ? Min(raised.AddDays(30), now) : null, RiskOutcome = closed ? new[] { "removed", "reduced", "remains" }[_random.Next(3)] : null,
                    OutcomesAchieved = closed && asked ? new[] { "fully", "partly", "not" }[_random.Next(3)] : null,
                };
                concerns.Add(concern);
                foreach (var category in Categories.OrderBy(_ => _random.Next()).Take(_random.Next(1, 4)))
                {
                    categories.Add(new CategorySeed(concern.ConcernId, category));
                }
            }
            await database.InTransactionAsync(async (db, tx) =>
            {
                await BulkInsert.ExecuteAsync(db, tx, InsertConcern, concerns);
                await BulkInsert.ExecuteAsync(db, tx, ConcernStore.InsertCategory, categories);
            });
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private sealed record Person(string PersonId, string Area);

    private sealed record CategorySeed(string ConcernId, string Category);

    private sealed class ConcernSeed
    {
        public string ConcernId { get; set; } = "";
        public string PersonId { get; set; } = "";
        public string Agency { get; set; } = "";
        public string Area { get; set; } = "";
        public string LocationOfRisk { get; set; } = "";
        public DateTimeOffset RaisedAt { get; set; }
        public string Stage { get; set; } = "";
        public string? Decision { get; set; }
        public DateTimeOffset? DecidedAt { get; set; }
        public bool DesiredOutcomesAsked { get; set; }
        public string? RiskOutcome { get; set; }
        public DateTimeOffset? ClosedAt { get; set; }
        public DateTimeOffset? EnquiryStartedAt { get; set; }
        public int DesiredOutcomesCount { get; set; }
        public string? OutcomesAchieved { get; set; }
    }
}
