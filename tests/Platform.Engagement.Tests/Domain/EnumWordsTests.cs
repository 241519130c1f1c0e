using Platform.Engagement.Domain;
using Platform.BuildingBlocks.Data;
using Platform.Engagement.V1;

namespace Platform.Engagement.Tests.Domain;

public sealed class EnumWordsTests
{
    [Fact]
    public void Enum_values_are_stored_as_kebab_case_words()
    {
        Assert.Equal("outreach-visit", EnumWords<Channel>.Word(Channel.OutreachVisit));
        Assert.Equal("in-person", EnumWords<Channel>.Word(Channel.InPerson));
        Assert.Equal("made", EnumWords<Outcome>.Word(Outcome.Made));
        Assert.Equal("financial-abuse", EnumWords<Theme>.Word(Theme.FinancialAbuse));
        Assert.Equal("sexual-exploitation", EnumWords<Theme>.Word(Theme.SexualExploitation));
    }

    [Fact]
    public void Every_value_reads_back_from_its_word()
    {
        AssertRoundTrip<Channel>();
        AssertRoundTrip<Outcome>();
        AssertRoundTrip<Theme>();
        AssertRoundTrip<EntryKind>();
    }

    [Fact]
    public void Outcome_words_are_the_ones_the_domain_reads()
    {
        Assert.Equal(ContactOutcome.Made, ContactVocabulary.Outcome(EnumWords<Outcome>.Word(Outcome.Made)));
        Assert.Equal(ContactOutcome.Attempted, ContactVocabulary.Outcome(EnumWords<Outcome>.Word(Outcome.Attempted)));
        Assert.Equal(ContactOutcome.Declined, ContactVocabulary.Outcome(EnumWords<Outcome>.Word(Outcome.Declined)));
    }

    [Fact]
    public void Entry_kind_words_are_the_kinds_the_chronology_stores()
    {
        string[] stored =
        [
            EntryKinds.Contact, EntryKinds.Move, EntryKinds.InvolvementStarted, EntryKinds.InvolvementEnded, EntryKinds.Relationship,
            EntryKinds.RiskChanged, EntryKinds.Offer, EntryKinds.Tenancy, EntryKinds.Disengagement, EntryKinds.Handover, EntryKinds.OutreachRequested, EntryKinds.Safeguarding,
        ];

        Assert.Equal(stored.Order(StringComparer.Ordinal),
            Enum.GetValues<EntryKind>().Where(k => k != EntryKind.Unspecified).Select(EnumWords<EntryKind>.Word).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Unknown_word_reads_as_unspecified_and_unspecified_has_no_word()
    {
        Assert.Equal(Theme.Unspecified, EnumWords<Theme>.Value("gardening"));
        Assert.Throws<KeyNotFoundException>(() => EnumWords<Channel>.Word(Channel.Unspecified));
    }

    private static void AssertRoundTrip<TEnum>() where TEnum : struct, Enum
    {
        foreach (var value in Enum.GetValues<TEnum>().Where(v => Convert.ToInt32(v, null) != 0))
        {
            Assert.Equal(value, EnumWords<TEnum>.Value(EnumWords<TEnum>.Word(value)));
        }
    }
}
