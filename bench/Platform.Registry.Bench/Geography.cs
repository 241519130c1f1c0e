namespace Platform.Registry.Bench;

/// <summary>Where the synthetic people live and which agencies work with them.</summary>
internal static class Geography
{
    /// <summary>Twenty local authorities (GSS codes), most populous first.</summary>
    public static readonly string[] Areas =
    [
        "E08000025", "E08000035", "E06000023", "E08000003", "E06000052", "E10000008", "E06000054", "E10000013",
        "E06000066", "E06000025", "W06000015", "E06000058", "E06000059", "E06000024", "E06000026", "E06000022",
        "E06000030", "E09000033", "W06000022", "E06000027",
    ];

    public static readonly Dictionary<string, string> Postcodes = new(StringComparer.Ordinal)
    {
        ["E08000025"] = "B", ["E08000035"] = "LS", ["E06000023"] = "BS", ["E08000003"] = "M", ["E06000052"] = "TR",
        ["E10000008"] = "EX", ["E06000054"] = "SN", ["E10000013"] = "GL", ["E06000066"] = "TA", ["E06000025"] = "BS",
        ["W06000015"] = "CF", ["E06000058"] = "BH", ["E06000059"] = "DT", ["E06000024"] = "BS", ["E06000026"] = "PL",
        ["E06000022"] = "BA", ["E06000030"] = "SN", ["E09000033"] = "SW", ["W06000022"] = "NP", ["E06000027"] = "TQ",
    };

    /// <summary>Fifty agencies, busiest first: police forces, health, councils, schools, housing, charities.</summary>
    public static readonly string[] Agencies =
    [
        "police-west-midlands", "council-birmingham-childrens", "nhs-birmingham-icb", "police-west-yorkshire",
        "council-leeds-childrens", "police-avon-somerset", "council-bristol-childrens", "nhs-bristol-icb",
        "police-greater-manchester", "council-manchester-adults", "nhs-cornwall-icb", "police-devon-cornwall",
        "council-devon-childrens", "council-wiltshire-childrens", "police-wiltshire", "council-gloucestershire-adults",
        "police-gloucestershire", "council-somerset-childrens", "council-south-glos-childrens", "police-south-wales",
        "council-cardiff-childrens", "nhs-dorset-icb", "police-dorset", "council-bcp-childrens", "council-north-somerset-adults",
        "council-plymouth-childrens", "council-banes-childrens", "council-swindon-childrens", "police-met", "council-westminster-adults",
        "council-newport-childrens", "council-torbay-childrens", "probation-south-west", "probation-midlands", "cafcass",
        "outreach-bristol", "womens-aid-leeds", "shelter-manchester", "housing-bristol", "housing-birmingham",
        "school-nurses-devon", "camhs-bristol", "camhs-leeds", "youth-justice-birmingham", "youth-justice-bristol",
        "ambulance-south-western", "ambulance-west-midlands", "dwp-safeguarding", "barnardos-south-west", "nspcc-midlands",
    ];

    public static readonly string[] Streets =
    [
        "High Street", "Station Road", "Church Lane", "Victoria Road", "Park Avenue", "Mill Lane", "Queens Road",
        "Kings Road", "New Street", "London Road", "Green Lane", "Manor Road", "Church Street", "Albert Road", "Grove Road",
    ];
}
