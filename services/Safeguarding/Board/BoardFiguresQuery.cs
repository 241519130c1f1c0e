using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Data;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Board;

/// <summary>
/// The Safeguarding Adults Collection figures of an area for a reporting year, counted in the
/// database (aggregates only: no person, concern or agency leaves this class). A concern counts in
/// the year it was raised; an enquiry (section 42 or other) in the year it started, by each category
/// of abuse it records and by the location of the risk; what is known only at closure (the risk
/// outcome; whether she was asked her desired outcomes, expressed any, and whether they were
/// achieved) counts for the enquiries concluded in the year.
/// </summary>
public sealed class BoardFiguresQuery(IOptions<BoardOptions> options)
{
    internal const string CountConcerns =
        "SELECT COUNT(*) FROM concerns WHERE area = @Area AND raised_at >= @From AND raised_at < @Until";

    internal const string CountEnquiriesByDecision =
        """
        SELECT decision AS Word, COUNT(*) AS Count FROM concerns
        WHERE area = @Area AND enquiry_started_at >= @From AND enquiry_started_at < @Until GROUP BY decision
        """;

    internal const string CountEnquiriesByLocation =
        """
        SELECT location_of_risk AS Word, COUNT(*) AS Count FROM concerns
        WHERE area = @Area AND enquiry_started_at >= @From AND enquiry_started_at < @Until GROUP BY location_of_risk
        """;

    internal const string CountEnquiriesByCategory =
        """
        SELECT cc.category AS Word, COUNT(*) AS Count
        FROM concerns c JOIN concern_categories cc ON cc.concern_id = c.concern_id
        WHERE c.area = @Area AND c.enquiry_started_at >= @From AND c.enquiry_started_at < @Until
        GROUP BY cc.category
        """;

    /// <summary>Enquiries concluded in the year, grouped by what the closure figures count.</summary>
    internal const string CountConcluded =
        """
        SELECT risk_outcome AS RiskOutcome, desired_outcomes_asked AS Asked,
            CASE WHEN desired_outcomes_count > 0 THEN 1 ELSE 0 END AS Expressed, outcomes_achieved AS Achieved, COUNT(*) AS Count
        FROM concerns
        WHERE area = @Area AND closed_at >= @From AND closed_at < @Until AND enquiry_started_at IS NOT NULL
        GROUP BY risk_outcome, desired_outcomes_asked, CASE WHEN desired_outcomes_count > 0 THEN 1 ELSE 0 END, outcomes_achieved
        """;

    /// <summary>The earliest reporting year asked for; the latest is the one under way.</summary>
    public const int FirstYear = 2000;

    public int CurrentYear(DateTimeOffset now) => now.UtcDateTime.Month >= options.Value.YearStartMonth ? now.Year : now.Year - 1;

    /// <summary>The instants the reporting year <paramref name="year"/> runs from (inclusive) and until (exclusive).</summary>
    public (DateTimeOffset From, DateTimeOffset Until) Period(int year)
    {
        var from = new DateTimeOffset(year, options.Value.YearStartMonth, 1, 0, 0, 0, TimeSpan.Zero);
        return (from, from.AddYears(1));
    }

    public async Task<BoardFigures> ReadAsync(DbConnection db, DbTransaction tx, string area, int year, CancellationToken ct)
    {
        var (from, until) = Period(year);
        var p = new { Area = area, From = from, Until = until };
        Task<IEnumerable<Tally>> Tallies(string sql) => db.QueryAsync<Tally>(new CommandDefinition(sql, p, tx, cancellationToken: ct));
        var figures = new BoardFigures
        {
            Area = area, Year = year,
            Concerns = await db.ExecuteScalarAsync<int>(new CommandDefinition(CountConcerns, p, tx, cancellationToken: ct)),
        };
        var decisions = (await Tallies(CountEnquiriesByDecision)).ToDictionary(t => t.Word ?? "", t => t.Count, StringComparer.Ordinal);
        figures.Section42Enquiries = decisions.GetValueOrDefault(EnumWords<EnquiryDecision>.Word(EnquiryDecision.Section42));
        figures.OtherEnquiries = decisions.GetValueOrDefault(EnumWords<EnquiryDecision>.Word(EnquiryDecision.OtherEnquiry));
        figures.EnquiriesByCategory.AddRange(Every<AbuseCategory>(await Tallies(CountEnquiriesByCategory)));
        figures.EnquiriesByLocation.AddRange(Every<RiskLocation>(await Tallies(CountEnquiriesByLocation)));
        var concluded = (await db.QueryAsync<Concluded>(new CommandDefinition(CountConcluded, p, tx, cancellationToken: ct))).ToList();
        figures.RiskOutcomes.AddRange(Every<RiskOutcome>(concluded.GroupBy(c => c.RiskOutcome).Select(g => new Tally { Word = g.Key, Count = g.Sum(c => c.Count) })));
        figures.DesiredOutcomesAsked = concluded.Where(c => c.Asked == true).Sum(c => c.Count);
        figures.DesiredOutcomesExpressed = concluded.Where(c => c.Asked == true && c.Expressed).Sum(c => c.Count);
        figures.OutcomesAchievedFully = concluded.Where(c => c.Achieved == "fully").Sum(c => c.Count);
        figures.OutcomesAchievedPartly = concluded.Where(c => c.Achieved == "partly").Sum(c => c.Count);
        figures.OutcomesNotAchieved = concluded.Where(c => c.Achieved == "not").Sum(c => c.Count);
        return figures;
    }

    /// <summary>Every value of the enum in its order, with its count (zero when none), so every year's file has the same rows.</summary>
    private static IEnumerable<Count> Every<TEnum>(IEnumerable<Tally> tallies) where TEnum : struct, System.Enum
    {
        var counts = tallies.Where(t => t.Word is not null).ToDictionary(t => t.Word!, t => t.Count, StringComparer.Ordinal);
        return System.Enum.GetValues<TEnum>().Where(v => Convert.ToInt32(v, null) != 0)
            .Select(v => EnumWords<TEnum>.Word(v)).Select(word => new Count { Key = word, Count_ = counts.GetValueOrDefault(word) });
    }

    private sealed class Tally
    {
        public string? Word { get; set; }
        public int Count { get; set; }
    }

    private sealed class Concluded
    {
        public string? RiskOutcome { get; set; }
        public bool? Asked { get; set; }
        public bool Expressed { get; set; }
        public string? Achieved { get; set; }
        public int Count { get; set; }
    }
}
