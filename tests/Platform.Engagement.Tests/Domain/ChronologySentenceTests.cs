using Platform.Engagement.Chronology;
using Platform.Engagement.Chronology.Sources;
using Platform.IntegrationEvents.Housing;
using Platform.IntegrationEvents.Registry;

namespace Platform.Engagement.Tests.Domain;

/// <summary>Each kind of entry as the sentence it is written as, with its agency.</summary>
public sealed class ChronologySentenceTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("E06000023", "E06000025", false, "Moved from Bristol to South Gloucestershire")]
    [InlineData(null, "E10000008", false, "Moved to Devon")]
    [InlineData("E06000023", "E09000001", false, "Moved from Bristol to E09000001")]
    [InlineData("E06000023", null, true, "Moved to a confidential address")]
    public void A_move_names_its_areas_and_never_a_confidential_one(string? from, string? to, bool confidential, string expected)
    {
        var entry = Assert.Single(new MoveEntries().Entries(new PersonMoved
        {
            PersonId = "p", FromLocalAuthority = from, ToLocalAuthority = to, AddressConfidential = confidential, MovedAt = At,
            RecordedByAgency = "outreach-bristol",
        }));

        Assert.Equal(expected, entry.Summary);
        Assert.Equal("outreach-bristol", entry.Agency);
    }

    [Fact]
    public void A_relationship_is_one_sentence_in_both_chronologies_naming_each_person_by_marker()
    {
        var entries = new RelationshipEntries().Entries(new RelationshipRecorded
        {
            RelationshipId = "r", FromPersonId = "him", ToPersonId = "her", Type = "alleged-perpetrator-toward", OccurredAt = At,
            RecordedByAgency = "outreach-bristol",
        }).ToList();

        Assert.Equal(["him", "her"], entries.Select(e => e.PersonId));
        Assert.All(entries, e => Assert.Equal("{person:him} recorded as alleged perpetrator toward {person:her}", e.Summary));
        Assert.All(entries, e => Assert.Equal("outreach-bristol", e.Agency));
        Assert.Equal("A person you may not see recorded as alleged perpetrator toward Harriet",
            ChronologyText.Render(entries[0].Summary, id => id == "her" ? "Harriet" : ChronologyText.Hidden));
    }

    [Fact]
    public void Offers_and_tenancies_name_the_unit_and_scheme()
    {
        var offers = new OfferEntries();
        var made = Assert.Single(offers.Entries(new OfferMade
        {
            OfferId = "o", PersonId = "p", VacancyId = "v", UnitId = "u", SchemeId = "s", Agency = "housing-bristol", HoldExpiresAt = At,
            UnitName = "Flat 2", SchemeName = "Rosewood House",
        }));
        var declined = Assert.Single(offers.Entries(new OfferDeclined
        {
            OfferId = "o", PersonId = "p", VacancyId = "v", ReasonCode = "person-declined", Agency = "housing-bristol",
            UnitName = "Flat 2", SchemeName = "Rosewood House",
        }));
        var ended = Assert.Single(new TenancyEntries().Entries(new TenancyEnded
        {
            TenancyId = "t", PersonId = "p", UnitId = "u", SchemeId = "s", ProviderId = "pr", Agency = "housing-bristol",
            EndKind = "planned-move-on", Reason = "Moved to her own flat", EndedAt = At, UnitName = "Flat 2", SchemeName = "Rosewood House",
        }));

        Assert.Equal("Offered Flat 2 at Rosewood House", made.Summary);
        Assert.Equal("The offer of Flat 2 at Rosewood House was declined: person declined", declined.Summary);
        Assert.Equal("Tenancy of Flat 2 at Rosewood House ended: planned move on", ended.Summary);
        Assert.All([made, declined, ended], e => Assert.Equal("housing-bristol", e.Agency));
    }

    [Fact]
    public void An_event_from_before_names_were_carried_still_reads_as_a_sentence()
    {
        var made = Assert.Single(new OfferEntries().Entries(new OfferMade
        {
            OfferId = "o", PersonId = "p", VacancyId = "v", UnitId = "u1", SchemeId = "s", Agency = "housing-bristol", HoldExpiresAt = At,
        }));

        Assert.Equal("Offered housing unit u1", made.Summary);
    }

    [Fact]
    public void Text_without_markers_is_left_as_it_is()
    {
        Assert.Equal("Phone: contact made, seen alone", ChronologyText.Render("Phone: contact made, seen alone", _ => "x"));
        Assert.Null(ChronologyText.Render(null, _ => "x"));
    }
}
