namespace Platform.Registry.Bench;

/// <summary>
/// Name stock for the synthetic population: UK-like given and family names, most common first, with
/// the spelling variants that real records hold side by side (Catherine, Katherine, Kathryn; Smith,
/// Smyth). The family list is extended deterministically with compound English-looking surnames so
/// that the long tail is realistic. Frequencies follow a Zipf–Mandelbrot law over these ranks.
/// </summary>
internal static class Names
{
    public static readonly string[] Female =
    [
        "Olivia", "Amelia", "Emily", "Isla", "Ava", "Jessica", "Sophie", "Lily", "Grace", "Mia",
        "Sarah", "Emma", "Charlotte", "Hannah", "Lucy", "Chloe", "Ella", "Ruby", "Poppy", "Evie",
        "Catherine", "Elizabeth", "Margaret", "Susan", "Patricia", "Mary", "Jennifer", "Linda", "Karen", "Helen",
        "Julie", "Claire", "Nicola", "Rachel", "Laura", "Rebecca", "Amy", "Lauren", "Victoria", "Kelly",
        "Michelle", "Louise", "Joanne", "Lisa", "Gemma", "Stephanie", "Samantha", "Jade", "Zoe", "Holly",
        "Katherine", "Kathryn", "Anne", "Ann", "Jane", "Jean", "Joan", "Janet", "Christine", "Carol",
        "Alice", "Freya", "Florence", "Daisy", "Phoebe", "Matilda", "Rosie", "Millie", "Scarlett", "Erin",
        "Megan", "Abigail", "Eleanor", "Harriet", "Imogen", "Isabella", "Isabelle", "Ellie", "Maisie", "Layla",
        "Amber", "Bethany", "Caitlin", "Danielle", "Eve", "Georgia", "Jasmine", "Katie", "Leah", "Molly",
        "Natalie", "Paige", "Shannon", "Tilly", "Naomi", "Yasmin", "Aisha", "Fatima", "Maryam", "Zara",
        "Siân", "Sian", "Ffion", "Catrin", "Cerys", "Megan", "Bronwen", "Rhiannon", "Eileen", "Aileen",
        "Dorothy", "Joyce", "Barbara", "Brenda", "Sheila", "Pauline", "Maureen", "Sandra", "Valerie", "Gillian",
        "Deborah", "Tracey", "Tracy", "Donna", "Dawn", "Wendy", "Joanna", "Angela", "Caroline", "Fiona",
        "Zoë", "Chloë", "Renée", "Niamh", "Aoife", "Siobhan", "Roisin", "Priya", "Anjali", "Simran",
        "Catharine", "Katharine", "Kathleen", "Kate", "Katy", "Kirsty", "Kerry", "Leanne", "Lindsay", "Lyndsey",
        "Philippa", "Stephany", "Teresa", "Theresa", "Vanessa", "Yvonne", "Sharon", "Shirley", "Rita", "Rose",
    ];

    public static readonly string[] Male =
    [
        "Oliver", "George", "Harry", "Noah", "Jack", "Leo", "Arthur", "Muhammad", "Oscar", "Charlie",
        "David", "John", "Michael", "Paul", "Andrew", "Mark", "James", "Robert", "Richard", "Peter",
        "Stephen", "Steven", "Christopher", "Daniel", "Matthew", "Thomas", "William", "Anthony", "Ian", "Gary",
        "Simon", "Martin", "Kevin", "Jason", "Lee", "Craig", "Darren", "Wayne", "Neil", "Stuart",
        "Adam", "Luke", "Ryan", "Ben", "Benjamin", "Samuel", "Joshua", "Liam", "Callum", "Connor",
        "Alexander", "Jacob", "Ethan", "Lucas", "Henry", "Theo", "Freddie", "Alfie", "Archie", "Joseph",
        "Jon", "Jonathan", "Philip", "Phillip", "Nicholas", "Nicolas", "Sean", "Shaun", "Shawn", "Gareth",
        "Rhys", "Dylan", "Owen", "Evan", "Iwan", "Dafydd", "Huw", "Hugh", "Aled", "Gethin",
        "Kenneth", "Brian", "Keith", "Colin", "Graham", "Derek", "Barry", "Trevor", "Roger", "Malcolm",
        "Alan", "Allan", "Allen", "Raymond", "Terence", "Dennis", "Frank", "Albert", "Ernest", "Harold",
        "Edward", "Frederick", "Arthur", "Walter", "Leonard", "Stanley", "Ronald", "Donald", "Gordon", "Douglas",
        "Mohammed", "Mohammad", "Ali", "Ahmed", "Hassan", "Omar", "Ibrahim", "Yusuf", "Bilal", "Hamza",
        "Aarav", "Arjun", "Rohan", "Ravi", "Sanjay", "Kieran", "Ciaran", "Declan", "Padraig", "Eoin",
        "Toby", "Max", "Jake", "Joe", "Jamie", "Scott", "Dean", "Carl", "Karl", "Kyle",
        "Harrison", "Isaac", "Elliot", "Elliott", "Finley", "Jayden", "Reece", "Rees", "Tyler", "Zachary",
        "Aaron", "Aron", "Bradley", "Jordan", "Nathan", "Tom", "Tony", "Vincent", "Victor", "Wesley",
    ];

    /// <summary>The commonest surnames of England and Wales, roughly in order, with their variant spellings.</summary>
    public static readonly string[] CommonFamily =
    [
        "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
        "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
        "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill",
        "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen",
        "James", "Scott", "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths",
        "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy",
        "Miller", "Cox", "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh",
        "Begum", "Wilkinson", "Foster", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Grey", "Mason",
        "Ali", "Hunt", "Hussain", "Campbell", "Matthews", "Owen", "Palmer", "Holmes", "Mills", "Barnes",
        "Knight", "Lloyd", "Butler", "Russell", "Barker", "Fisher", "Stevens", "Stephens", "Jenkins", "Murray",
        "Dixon", "Harvey", "Graham", "Pearson", "Ahmed", "Fletcher", "Walsh", "Kaur", "Gibson", "Howard",
        "Andrews", "Stewart", "Stuart", "Elliott", "Elliot", "Reynolds", "Saunders", "Payne", "Fox", "Ford",
        "Pearce", "Pierce", "Day", "Brooks", "West", "Lawrence", "Cole", "Atkinson", "Bradley", "Spencer",
        "Gill", "Dawson", "Ball", "Burton", "O'Brien", "Watts", "Rose", "Booth", "Perry", "Ryan",
        "Grant", "Wells", "Armstrong", "Francis", "Rees", "Reece", "Hayes", "Hart", "Hudson", "Newman",
        "Barrett", "Webster", "Hunter", "Gregory", "Carr", "Lowe", "Page", "Marsh", "Riley", "Dunn",
        "Woods", "Parsons", "Berry", "Stone", "Reid", "Reed", "Read", "Holland", "Hawkins", "Harding",
        "Porter", "Robertson", "Newton", "Oliver", "Reeves", "Kennedy", "Jordan", "Thomson", "Tomson", "Smyth",
        "Smythe", "Phillips", "Philips", "Philipps", "Macdonald", "McDonald", "MacDonald", "O'Neill", "O'Connor", "Doyle",
        "Byrne", "Quinn", "Brennan", "Gallagher", "Nicholson", "Nicolson", "Jonson", "Johnston", "Johnstone", "Davidson",
        "Morrison", "Fraser", "Frazer", "Hamilton", "Henderson", "Ross", "Paterson", "Patterson", "Sutherland", "Wallace",
        "Kowalski", "Nowak", "Wiśniewski", "Novak", "Popescu", "Ionescu", "Nguyen", "Chen", "Wang", "Li",
        "Okafor", "Adeyemi", "Mensah", "Osei", "Ibrahim", "Mohamed", "Mohammed", "Rahman", "Uddin", "Islam",
        "Sharma", "Kumar", "Shah", "Mistry", "Chauhan", "Da Silva", "Santos", "Ferreira", "García", "Müller",
        "Smith-Jones", "Lloyd-Williams", "Pryce-Jones", "Bowen", "Vaughan", "Prosser", "Pugh", "Powell", "Probert", "Brontë",
    ];

    private static readonly string[] Heads =
    [
        "Ash", "Black", "Brad", "Bram", "Brook", "Cald", "Cart", "Chad", "Clay", "Cold",
        "Crom", "Dal", "Dun", "East", "Fair", "Farn", "Gold", "Green", "Hal", "Hart",
        "Haw", "Hay", "Holt", "Kings", "Lang", "Lind", "Mar", "Mil", "Mor", "New",
        "North", "Oak", "Pen", "Red", "Ridg", "Roth", "Ship", "South", "Stan", "Thorn",
        "Wal", "War", "West", "Whit", "Wind",
    ];

    private static readonly string[] Tails =
    [
        "ley", "ton", "field", "wood", "worth", "ford", "by", "well", "more", "ham",
        "stone", "bridge", "combe", "dale", "hurst", "shaw", "wick", "cliffe", "brook", "land",
        "man", "er", "son", "ridge", "bury", "croft", "leigh", "thorpe", "ings", "gate",
    ];

    /// <summary>Variant spellings that a caseworker may type for a name on record; each sounds the same.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> SoundsAlike = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Catherine"] = ["Kathryn", "Katherine", "Catharine", "Kathrine"],
        ["Katherine"] = ["Catherine", "Kathryn"],
        ["Kathryn"] = ["Catherine", "Katherine"],
        ["Smith"] = ["Smyth", "Smithe"],
        ["Smyth"] = ["Smith"],
        ["Stephen"] = ["Steven", "Stefan"],
        ["Steven"] = ["Stephen"],
        ["Philip"] = ["Phillip", "Filip"],
        ["Phillip"] = ["Philip"],
        ["Phillips"] = ["Philips", "Fillips"],
        ["John"] = ["Jon", "Jonn"],
        ["Jon"] = ["John"],
        ["Clarke"] = ["Clark"],
        ["Clark"] = ["Clarke"],
        ["Davies"] = ["Davis", "Davys"],
        ["Reid"] = ["Reed", "Read"],
        ["Stevens"] = ["Stephens"],
        ["Stephens"] = ["Stevens"],
        ["Rees"] = ["Reece", "Rhys"],
        ["Mohammed"] = ["Mohamed", "Muhammed", "Mohamad"],
        ["Muhammad"] = ["Mohammad", "Muhamad"],
        ["Tracey"] = ["Tracy", "Tracie"],
        ["Zoe"] = ["Zoë", "Zoey"],
        ["Jayden"] = ["Jaden", "Jaiden"],
        ["Elliott"] = ["Eliot", "Elliot"],
        ["Allan"] = ["Alan", "Allen"],
        ["Gray"] = ["Grey"],
        ["Thomson"] = ["Tomson"],
        ["Karl"] = ["Carl"],
        ["Carl"] = ["Karl"],
    };

    /// <summary>Names people go by that are not the name on record.</summary>
    public static readonly IReadOnlyDictionary<string, string> KnownAs = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Catherine"] = "Kate", ["Katherine"] = "Kathy", ["Kathryn"] = "Katie", ["Elizabeth"] = "Liz",
        ["Margaret"] = "Maggie", ["Jennifer"] = "Jenny", ["Patricia"] = "Trish", ["Victoria"] = "Vicky",
        ["Rebecca"] = "Becky", ["Samantha"] = "Sam", ["Abigail"] = "Abby", ["Isabella"] = "Bella",
        ["Christine"] = "Chris", ["Deborah"] = "Debbie", ["Susan"] = "Sue", ["Stephanie"] = "Steph",
        ["William"] = "Bill", ["Robert"] = "Bob", ["Richard"] = "Dick", ["Michael"] = "Mike",
        ["Christopher"] = "Chris", ["Anthony"] = "Tony", ["Thomas"] = "Tom", ["James"] = "Jim",
        ["Daniel"] = "Dan", ["Matthew"] = "Matt", ["Alexander"] = "Alex", ["Benjamin"] = "Ben",
        ["Edward"] = "Ted", ["Frederick"] = "Fred", ["Joseph"] = "Joe", ["Jonathan"] = "Jon",
        ["Nicholas"] = "Nick", ["Samuel"] = "Sam", ["Zachary"] = "Zach", ["Harrison"] = "Harry",
        ["Henry"] = "Harry", ["Kenneth"] = "Ken", ["Raymond"] = "Ray", ["Terence"] = "Terry",
    };

    /// <summary>Family names most common first: the real ones, then the synthetic long tail.</summary>
    public static string[] Family()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = CommonFamily.Where(seen.Add).ToList();
        // Interleave heads and tails so that the tail is not ordered alphabetically by rank.
        for (var t = 0; t < Tails.Length; t++)
        {
            for (var h = 0; h < Heads.Length; h++)
            {
                var name = Heads[(h + (t * 7)) % Heads.Length] + Tails[t];
                if (seen.Add(name))
                {
                    list.Add(name);
                }
            }
        }
        return [.. list];
    }

    public static string[] Distinct(string[] names)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. names.Where(seen.Add)];
    }
}

/// <summary>Draws ranks 0..n-1 with probability proportional to 1/(rank+1+q)^s, in O(log n) per draw.</summary>
internal sealed class Zipf
{
    private readonly double[] _cumulative;

    public Zipf(int n, double s = 1.0, double q = 0.0)
    {
        _cumulative = new double[n];
        var total = 0.0;
        for (var k = 0; k < n; k++)
        {
            total += 1.0 / Math.Pow(k + 1 + q, s);
            _cumulative[k] = total;
        }
        for (var k = 0; k < n; k++)
        {
            _cumulative[k] /= total;
        }
    }

    public int Next(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
    }

    public double Share(int rank) => rank == 0 ? _cumulative[0] : _cumulative[rank] - _cumulative[rank - 1];
}
