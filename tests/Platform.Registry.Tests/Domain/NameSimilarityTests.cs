using Platform.Registry.Domain.Names;
using Xunit;

namespace Platform.Registry.Tests.Domain;

public class NameSimilarityTests
{
    private const int Precision = 3;

    [Theory]
    [InlineData("martha", "marhta", 0.961)]
    [InlineData("dwayne", "duane", 0.840)]
    [InlineData("dixon", "dicksonx", 0.813)]
    public void Jaro_winkler_matches_published_reference_values(string a, string b, double expected) =>
        Assert.Equal(expected, NameSimilarity.JaroWinkler(a, b), Precision);

    [Fact]
    public void Jaro_winkler_is_symmetric() =>
        Assert.Equal(NameSimilarity.JaroWinkler("catherine", "kathryn"), NameSimilarity.JaroWinkler("kathryn", "catherine"), 12);

    [Fact]
    public void Identical_strings_are_fully_similar() => Assert.Equal(1.0, NameSimilarity.JaroWinkler("smith", "smith"));

    [Theory]
    [InlineData("abc", "xyz")]
    [InlineData("", "smith")]
    [InlineData("smith", "")]
    public void Strings_with_nothing_in_common_score_zero(string a, string b) =>
        Assert.Equal(0.0, NameSimilarity.JaroWinkler(a, b));

    [Fact]
    public void Shared_prefix_raises_the_score()
    {
        // Both pairs differ by one swapped pair; the first keeps a longer common start.
        var lateSwap = NameSimilarity.JaroWinkler("johnson", "johsnon");
        var earlySwap = NameSimilarity.JaroWinkler("johnson", "ojhnson");

        Assert.True(lateSwap > earlySwap, $"{lateSwap} should exceed {earlySwap}");
    }

    [Fact]
    public void Jaro_winkler_handles_strings_longer_than_the_stack_buffer()
    {
        var a = new string('a', 300) + "smith";
        var b = new string('a', 300) + "smyth";

        var similarity = NameSimilarity.JaroWinkler(a, b);

        Assert.InRange(similarity, 0.99, 1.0);
        Assert.NotEqual(1.0, similarity);
    }

    [Theory]
    [InlineData("smith", "smith", 0)]
    [InlineData("smith", "smyth", 1)]
    [InlineData("smith", "smiths", 1)]
    [InlineData("smith", "smth", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    public void Damerau_levenshtein_counts_insertions_deletions_and_substitutions(string a, string b, int expected) =>
        Assert.Equal(expected, NameSimilarity.DamerauLevenshtein(a, b));

    [Theory]
    [InlineData("smith", "smtih")]
    [InlineData("ab", "ba")]
    public void Adjacent_transposition_costs_one_edit(string a, string b) =>
        Assert.Equal(1, NameSimilarity.DamerauLevenshtein(a, b));

    [Fact]
    public void Optimal_string_alignment_does_not_edit_a_swapped_pair_again() =>
        // Unrestricted Damerau-Levenshtein gives 2 (ca -> ac -> abc); OSA cannot.
        Assert.Equal(3, NameSimilarity.DamerauLevenshtein("ca", "abc"));

    [Fact]
    public void Damerau_levenshtein_handles_strings_longer_than_the_stack_buffer()
    {
        var a = new string('x', 200) + "smith";
        var b = new string('x', 200) + "smtih";

        Assert.Equal(1, NameSimilarity.DamerauLevenshtein(a, b));
    }

    [Fact]
    public void Token_set_similarity_ignores_word_order() =>
        Assert.Equal(1.0, NameSimilarity.TokenSetSimilarity(["john", "smith"], ["smith", "john"]));

    [Fact]
    public void Token_set_similarity_ignores_extra_words_on_the_longer_side() =>
        Assert.Equal(1.0, NameSimilarity.TokenSetSimilarity(["john", "smith"], ["john", "paul", "smith"]));

    [Fact]
    public void Token_set_similarity_averages_the_best_match_for_each_word()
    {
        string[] a = ["catherine", "smith"];
        string[] b = ["kathryn", "smyth"];
        var expected = (NameSimilarity.JaroWinkler("catherine", "kathryn") + NameSimilarity.JaroWinkler("smith", "smyth")) / 2;

        Assert.Equal(expected, NameSimilarity.TokenSetSimilarity(a, b), 12);
    }

    [Fact]
    public void Token_set_similarity_is_zero_when_either_side_is_empty()
    {
        Assert.Equal(0.0, NameSimilarity.TokenSetSimilarity([], ["smith"]));
        Assert.Equal(0.0, NameSimilarity.TokenSetSimilarity(["smith"], []));
    }

    [Fact]
    public void Different_surnames_keep_token_set_similarity_low() =>
        Assert.True(NameSimilarity.TokenSetSimilarity(["john", "smith"], ["john", "jones"]) < 0.88);
}
