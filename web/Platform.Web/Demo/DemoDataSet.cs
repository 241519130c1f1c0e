namespace Platform.Web.Demo;

/// <summary>
/// The demo data set: generated, deterministic (the same seed gives the same people every time) and
/// plainly fictional — invented family names, every person carrying the identifier
/// <c>demo-data/DEMO-nnnn</c>, agencies and schemes named "(demo)". Three areas, each with an
/// outreach service, a housing team and adult social care; women with their own words recorded over
/// two years, some with an alleged perpetrator or children, a few who moved between areas.
/// Pure: <see cref="DemoLoader"/> writes it through the platform's public API.
/// </summary>
public sealed class DemoDataSet
{
    public const string IdentifierAgency = "demo-data";
    public const string SourceSystem = "demo-data";

    public static readonly IReadOnlyList<DemoArea> Areas =
    [
        new("E06000023", "Bristol", "outreach-bristol", "housing-bristol", "asc-bristol", 51.4545, -2.5879),
        new("E06000025", "South Gloucestershire", "outreach-southglos", "housing-southglos", "asc-southglos", 51.5440, -2.4020),
        new("E06000022", "Bath and North East Somerset", "outreach-banes", "housing-banes", "asc-banes", 51.3811, -2.3590),
    ];

    private static readonly string[] WomensNames =
    [
        "Aisha", "Bethany", "Carys", "Danielle", "Eleni", "Farah", "Gemma", "Hollie", "Imani", "Jodie", "Kerry", "Leanne",
        "Marta", "Nadia", "Oksana", "Paige", "Rhiannon", "Shanice", "Tamsin", "Una", "Vikki", "Wendy", "Yasmin", "Zoe",
    ];

    private static readonly string[] MensNames = ["Aaron", "Craig", "Dean", "Jason", "Kyle", "Lee", "Mark", "Ryan", "Scott", "Wayne"];

    private static readonly string[] ChildrensNames = ["Alfie", "Ava", "Freya", "Harley", "Isla", "Jayden", "Lily", "Mason", "Poppy", "Tyler"];

    // Invented, so that no real family is named: the first part and the second part never form a common surname.
    private static readonly string[] FamilyFirst = ["Ash", "Brack", "Cinder", "Dapple", "Elder", "Fern", "Gorse", "Heather", "Iris", "Juniper", "Kestrel", "Linden"];
    private static readonly string[] FamilySecond = ["brook", "combe", "dale", "field", "gate", "holt", "leigh", "mere", "ridge", "wick"];

    private static readonly string[] Words =
    [
        "I just want somewhere my own, with a door that locks.",
        "He took my phone again. I'm using my friend's.",
        "I don't want to go back to the hostel, it's where he finds me.",
        "I've been clean three weeks. Nobody believes me.",
        "I want to see my kids. That's all I care about.",
        "I'm fine. I don't need anyone checking on me.",
        "The money never lasts, he has my card.",
        "I couldn't come last time, he was home.",
        "I'd like a woman worker, please.",
        "I'm scared to stay and scared to go.",
    ];

    public DemoDataSet(int womenPerArea = 80, int seed = 2026)
    {
        var random = new Random(seed);
        var now = DateTimeOffset.UtcNow;
        var number = 1;
        for (var a = 0; a < Areas.Count; a++)
        {
            var area = Areas[a];
            for (var i = 0; i < womenPerArea; i++)
            {
                var woman = new DemoPerson(Identifier(number++), Pick(random, WomensNames), FamilyName(random), Female: true,
                    BirthYear: now.Year - random.Next(19, 60), area, Street(random, area));
                People.Add(woman);
                if (random.NextDouble() < 0.35)
                {
                    var him = new DemoPerson(Identifier(number++), Pick(random, MensNames), FamilyName(random), Female: false,
                        BirthYear: now.Year - random.Next(20, 60), area, Street(random, area));
                    People.Add(him);
                    Relationships.Add(new DemoRelationship(him, woman, DemoRelationshipKind.AllegedPerpetratorToward, area));
                }
                if (random.NextDouble() < 0.25)
                {
                    foreach (var _ in Enumerable.Range(0, random.Next(1, 3)))
                    {
                        var child = new DemoPerson(Identifier(number++), Pick(random, ChildrensNames), woman.FamilyName, Female: random.Next(2) == 0,
                            BirthYear: now.Year - random.Next(1, 16), area, woman.Street);
                        People.Add(child);
                        Relationships.Add(new DemoRelationship(woman, child, DemoRelationshipKind.ParentOf, area));
                    }
                }
                Contacts.AddRange(ContactsFor(random, woman, now));
                if (i < 3)
                {
                    // A few move to the next area: each move opens a handover for the receiving area.
                    Moves.Add(new DemoMove(woman, Areas[(a + 1) % Areas.Count]));
                }
                if (i % 5 == 0)
                {
                    NeedsProfiles.Add(woman);
                }
                if (i % 8 == 1)
                {
                    Concerns.Add(woman);
                }
            }
        }
    }

    public List<DemoPerson> People { get; } = [];

    public List<DemoRelationship> Relationships { get; } = [];

    public List<DemoContact> Contacts { get; } = [];

    public List<DemoMove> Moves { get; } = [];

    public List<DemoPerson> NeedsProfiles { get; } = [];

    public List<DemoPerson> Concerns { get; } = [];

    /// <summary>The person whose registration, made last, says the whole set is loaded.</summary>
    public DemoPerson Marker => People[0];

    public IEnumerable<DemoPerson> Women => People.Where(p => p.Female && Relationships.All(r => r.To != p || r.Kind != DemoRelationshipKind.ParentOf));

    private static IEnumerable<DemoContact> ContactsFor(Random random, DemoPerson woman, DateTimeOffset now)
    {
        var count = random.Next(6, 21);
        var at = now.AddDays(-random.Next(300, 730));
        for (var n = 1; n <= count; n++)
        {
            at = at.AddDays(random.Next(7, 45));
            if (at > now.AddDays(-1))
            {
                yield break;
            }
            var roll = random.NextDouble();
            var outcome = roll < 0.7 ? DemoOutcome.Made : roll < 0.9 ? DemoOutcome.Attempted : DemoOutcome.Declined;
            var made = outcome == DemoOutcome.Made;
            yield return new DemoContact(woman, $"{woman.Identifier}-c{n:D2}", at, outcome,
                SeenAlone: made && random.NextDouble() < 0.6,
                Words: made && random.NextDouble() < 0.35 ? Pick(random, Words) : "",
                Themes: made ? random.Next(5) : -1,
                Significant: random.NextDouble() < 0.08);
        }
    }

    private static string Identifier(int number) => $"DEMO-{number:D4}";

    private static string FamilyName(Random random) => Pick(random, FamilyFirst) + Pick(random, FamilySecond);

    private static string Street(Random random, DemoArea area) => $"{random.Next(1, 120)} {Pick(random, FamilyFirst)} Road, {area.Name}";

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}

public sealed record DemoArea(
    string Code, string Name, string OutreachAgency, string HousingAgency, string AdultSocialCareAgency, double Latitude, double Longitude);

public sealed record DemoPerson(string Identifier, string GivenName, string FamilyName, bool Female, int BirthYear, DemoArea Area, string Street);

public enum DemoRelationshipKind
{
    AllegedPerpetratorToward,
    ParentOf,
}

public sealed record DemoRelationship(DemoPerson From, DemoPerson To, DemoRelationshipKind Kind, DemoArea Area);

public enum DemoOutcome
{
    Made,
    Attempted,
    Declined,
}

/// <summary>One contact; <see cref="Themes"/> picks a pair of themes (negative: none).</summary>
public sealed record DemoContact(
    DemoPerson Person, string SourceId, DateTimeOffset At, DemoOutcome Outcome, bool SeenAlone, string Words, int Themes, bool Significant);

public sealed record DemoMove(DemoPerson Person, DemoArea To);
