using Platform.Registry.Domain;
using Platform.Registry.Domain.Duplicates;
using Xunit;

namespace Platform.Registry.Tests.Domain;

public class DuplicateScorerTests
{
    private const string NhsA = "9434765919";
    private const string NhsB = "4010232137";

    private readonly DuplicateScorer _scorer = new(new DuplicateScoringOptions());

    private static PartialDate Dob(int year, int? month = null, int? day = null)
    {
        Assert.True(PartialDate.TryCreate(year, month, day, out var date, out _));
        return date;
    }

    private static PersonFacts Person(
        string[] names, PartialDate? dob = null, string? nhs = null, params AgencyIdentifier[] identifiers) =>
        new() { Names = names, DateOfBirth = dob, NhsNumber = nhs, Identifiers = identifiers };

    [Fact]
    public void Same_nhs_number_and_name_is_a_likely_duplicate()
    {
        var result = _scorer.Score(Person(["John Smith"], nhs: "943 476 5919"), Person(["John Smith"], nhs: NhsA));

        Assert.True(result.IsLikelyDuplicate);
        Assert.Equal(0.8, result.Score, 3);
        Assert.Contains("same NHS number", result.Reasons);
        Assert.Contains("same name 'John Smith'", result.Reasons);
    }

    [Fact]
    public void Sound_alike_name_and_same_date_of_birth_agree_on_two_kinds_of_evidence()
    {
        var result = _scorer.Score(
            Person(["Kathryn Smyth"], Dob(1984, 3, 7)),
            Person(["Catherine Smith"], Dob(1984, 3, 7)));

        Assert.True(result.IsLikelyDuplicate);
        Assert.Equal(0.5, result.Score, 3);
        Assert.Equal(["name 'Kathryn Smyth' sounds like 'Catherine Smith'", "same date of birth 1984-03-07"], result.Reasons);
    }

    [Fact]
    public void Compatible_year_of_birth_counts_half_and_is_not_enough_with_a_name()
    {
        var result = _scorer.Score(Person(["John Smith"], Dob(1984)), Person(["John Smith"], Dob(1984, 3, 7)));

        Assert.False(result.IsLikelyDuplicate);
        Assert.Equal(0.4, result.Score, 3);
        Assert.Contains("year of birth 1984 compatible with 1984-03-07", result.Reasons);
    }

    [Fact]
    public void Same_partial_date_of_birth_is_reported_at_its_precision()
    {
        var result = _scorer.Score(Person(["John Smith"], Dob(1984, 3)), Person(["Jane Doe"], Dob(1984, 3)));

        Assert.Equal(["same month of birth 1984-03"], result.Reasons);
        Assert.Equal(0.1, result.Score, 3);
    }

    [Fact]
    public void Incompatible_dates_of_birth_add_nothing()
    {
        var result = _scorer.Score(Person(["John Smith"], Dob(1985)), Person(["John Smith"], Dob(1984, 3, 7)));

        Assert.Equal(0.3, result.Score, 3);
        Assert.DoesNotContain(result.Reasons, r => r.Contains("birth", StringComparison.Ordinal));
    }

    [Fact]
    public void Different_nhs_numbers_outweigh_matching_name_and_date_of_birth()
    {
        var result = _scorer.Score(
            Person(["John Smith"], Dob(1984, 3, 7), NhsA),
            Person(["John Smith"], Dob(1984, 3, 7), NhsB));

        Assert.False(result.IsLikelyDuplicate);
        Assert.True(result.Score <= 0.1, $"score {result.Score} should be capped");
        Assert.Equal("different NHS numbers", result.Reasons[0]);
    }

    [Theory]
    [InlineData("9434765918")] // wrong check digit
    [InlineData("0000000000")] // placeholder that passes the check
    public void Unusable_nhs_numbers_are_neither_agreement_nor_conflict(string unusable)
    {
        var result = _scorer.Score(
            Person(["John Smith"], Dob(1984, 3, 7), unusable),
            Person(["John Smith"], Dob(1984, 3, 7), NhsA));

        Assert.True(result.IsLikelyDuplicate);
        Assert.Equal(0.5, result.Score, 3);
        Assert.DoesNotContain(result.Reasons, r => r.Contains("NHS", StringComparison.Ordinal));
    }

    [Fact]
    public void Same_agency_identifier_counts_as_identifier_evidence()
    {
        var result = _scorer.Score(
            Person(["Jane Doe"], Dob(1990), identifiers: new AgencyIdentifier("Police", "PNC-123")),
            Person(["Janet Brown"], Dob(1990, 6, 1), identifiers: new AgencyIdentifier("police", " PNC-123 ")));

        Assert.Equal(0.6, result.Score, 3);
        Assert.True(result.IsLikelyDuplicate);
        Assert.Contains("same Police identifier", result.Reasons);
    }

    [Fact]
    public void Same_identifier_value_from_different_agencies_is_not_evidence()
    {
        var result = _scorer.Score(
            Person(["Jane Doe"], identifiers: new AgencyIdentifier("Police", "123")),
            Person(["Janet Brown"], identifiers: new AgencyIdentifier("Education", "123")));

        Assert.Equal(0.0, result.Score);
        Assert.Empty(result.Reasons);
    }

    [Fact]
    public void Identifier_alone_is_not_a_likely_duplicate_under_default_options()
    {
        var result = _scorer.Score(Person(["Jane Doe"], nhs: NhsA), Person(["Mary Jones"], nhs: NhsA));

        Assert.Equal(0.5, result.Score, 3);
        Assert.False(result.IsLikelyDuplicate);
    }

    [Fact]
    public void Threshold_from_options_decides_single_kind_matches()
    {
        var scorer = new DuplicateScorer(new DuplicateScoringOptions { Threshold = 0.5 });

        var result = scorer.Score(Person(["Jane Doe"], nhs: NhsA), Person(["Mary Jones"], nhs: NhsA));

        Assert.True(result.IsLikelyDuplicate);
    }

    [Fact]
    public void Any_name_type_can_match_any_other()
    {
        var result = _scorer.Score(
            Person(["Kim Taylor", "Kimberley Jones"], Dob(1975, 1, 2)),
            Person(["Kimberly Jones-Taylor", "Kimberley Jones"], Dob(1975, 1, 2)));

        Assert.True(result.IsLikelyDuplicate);
        Assert.Contains("same name 'Kimberley Jones'", result.Reasons);
    }

    [Fact]
    public void Surname_first_records_match_forename_first_ones()
    {
        var result = _scorer.Score(Person(["SMITH, John"]), Person(["John Smith"]));

        Assert.Equal(["same name 'SMITH, John'"], result.Reasons);
    }

    [Fact]
    public void Transposed_letters_are_reported_as_a_misspelling()
    {
        var result = _scorer.Score(Person(["Jon Smtih"]), Person(["John Smith"]));

        Assert.Equal(["name 'Jon Smtih' looks like a misspelling of 'John Smith'"], result.Reasons);
    }

    [Theory]
    [InlineData("Peter Thompson", "Peter Tomson")]
    [InlineData("Sean Murphy", "Shaun Murphy")]
    public void Names_metaphone_keeps_apart_can_still_be_similar(string incoming, string existing)
    {
        var result = _scorer.Score(Person([incoming]), Person([existing]));

        Assert.Equal([$"name '{incoming}' is similar to '{existing}'"], result.Reasons);
    }

    [Fact]
    public void Twins_whose_forenames_share_only_a_phonetic_key_are_not_matched_by_name()
    {
        var result = _scorer.Score(
            Person(["Jane Smith"], Dob(2015, 5, 20)),
            Person(["John Smith"], Dob(2015, 5, 20)));

        Assert.False(result.IsLikelyDuplicate);
        Assert.Equal(["same date of birth 2015-05-20"], result.Reasons);
    }

    [Fact]
    public void A_single_word_name_is_not_name_evidence()
    {
        var result = _scorer.Score(Person(["Smith"]), Person(["Smith"]));

        Assert.Empty(result.Reasons);
        Assert.Equal(0.0, result.Score);
    }

    [Fact]
    public void Unrelated_people_score_zero()
    {
        var result = _scorer.Score(
            Person(["John Smith"], Dob(1984, 3, 7), NhsA),
            Person(["Ayesha Khan"], null, null));

        Assert.Equal(0.0, result.Score);
        Assert.Empty(result.Reasons);
        Assert.False(result.IsLikelyDuplicate);
    }

    [Fact]
    public void Agreement_on_everything_scores_one()
    {
        var result = _scorer.Score(
            Person(["John Smith"], Dob(1984, 3, 7), NhsA),
            Person(["John Smith"], Dob(1984, 3, 7), NhsA));

        Assert.Equal(1.0, result.Score, 6);
        Assert.True(result.IsLikelyDuplicate);
    }

    [Fact]
    public void Long_names_are_shortened_in_reasons()
    {
        var longName = "Bartholomew Maximilian Fitzwilliam-Montgomery Smythe";

        var result = _scorer.Score(Person([longName]), Person([longName]));

        var reason = Assert.Single(result.Reasons);
        Assert.True(reason.Length <= 60, reason);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Options_outside_zero_to_one_are_rejected(double weight) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DuplicateScorer(new DuplicateScoringOptions { NameWeight = weight }));
    [Fact]
    public void Same_name_year_of_birth_and_address_is_a_likely_duplicate()
    {
        var home = AddressKey.Of(["14 Mill Lane"], "BS1 4DJ");

        var result = _scorer.Score(
            Person(["John Smith"], Dob(1984)) with { Address = home },
            Person(["John Smith"], Dob(1984, 3, 7)) with { Address = AddressKey.Of(["14, Mill Lane"], "bs14dj") });

        Assert.True(result.IsLikelyDuplicate);
        Assert.Equal(0.5, result.Score, 3);
        Assert.Contains("same address", result.Reasons);
    }

    [Fact]
    public void Same_name_and_address_with_another_date_of_birth_is_not_likely()
    {
        var home = AddressKey.Of(["14 Mill Lane"], "BS1 4DJ");

        var result = _scorer.Score(
            Person(["John Smith"], Dob(1961, 4, 2)) with { Address = home },
            Person(["John Smith"], Dob(1989, 10, 30)) with { Address = home });

        Assert.False(result.IsLikelyDuplicate);
    }

    [Fact]
    public void Same_date_of_birth_and_address_under_another_name_is_not_likely()
    {
        var home = AddressKey.Of(["14 Mill Lane"], "BS1 4DJ");

        var result = _scorer.Score(
            Person(["Amelia Hart"], Dob(2010, 5, 1)) with { Address = home },
            Person(["Oliver Hart"], Dob(2010, 5, 1)) with { Address = home });

        Assert.False(result.IsLikelyDuplicate);
        Assert.Equal(0.3, result.Score, 3);
    }

    [Fact]
    public void An_address_without_a_postcode_or_a_line_is_no_evidence()
    {
        Assert.Null(AddressKey.Of(["14 Mill Lane"], null));
        Assert.Null(AddressKey.Of([" , "], "BS1 4DJ"));
    }

    [Fact]
    public void Name_with_one_slip_that_changes_its_sound_and_same_date_of_birth_is_likely()
    {
        var result = _scorer.Score(Person(["Eleanor Tompson"], Dob(1984, 3, 7)), Person(["Eleanor Thompson"], Dob(1984, 3, 7)));

        Assert.True(result.IsLikelyDuplicate);
    }
}
