using Platform.Registry.Domain.Names;
using Xunit;

namespace Platform.Registry.Tests.Domain;

public class NameNormaliserTests
{
    [Theory]
    [InlineData("JOHN SMITH", "john smith")]
    [InlineData("  John \t  Smith  ", "john smith")]
    public void Case_and_spacing_differences_disappear(string name, string expected) =>
        Assert.Equal(expected, NameNormaliser.Normalise(name));

    [Theory]
    [InlineData("Zoë", "zoe")]
    [InlineData("Élodie Ångström", "elodie angstrom")]
    [InlineData("Siân Ŵyn", "sian wyn")]
    [InlineData("Ștefan Țurcanu", "stefan turcanu")]
    [InlineData("Nguyễn", "nguyen")]
    public void Diacritics_are_removed(string name, string expected) =>
        Assert.Equal(expected, NameNormaliser.Normalise(name));

    [Fact]
    public void Combining_marks_typed_separately_are_removed() =>
        Assert.Equal("emile", NameNormaliser.Normalise("E\u0301mile"));

    [Theory]
    [InlineData("Łukasz", "lukasz")]
    [InlineData("Søren", "soren")]
    [InlineData("Straße", "strasse")]
    [InlineData("Æthelred", "aethelred")]
    public void Letters_without_a_decomposition_are_spelt_in_a_to_z(string name, string expected) =>
        Assert.Equal(expected, NameNormaliser.Normalise(name));

    [Theory]
    [InlineData("O'Brien", "obrien")]
    [InlineData("O’Brien", "obrien")]
    [InlineData("D`Arcy", "darcy")]
    public void Apostrophes_join_the_parts_of_a_name(string name, string expected) =>
        Assert.Equal(expected, NameNormaliser.Normalise(name));

    [Theory]
    [InlineData("Smith-Jones", "smith jones")]
    [InlineData("Smith – Jones", "smith jones")]
    [InlineData("Smith, John", "smith john")]
    [InlineData("J. R. Hartley", "j r hartley")]
    public void Hyphens_and_other_punctuation_separate_words(string name, string expected) =>
        Assert.Equal(expected, NameNormaliser.Normalise(name));

    [Theory]
    [InlineData("-John Smith!", "john smith")]
    [InlineData("John 2 Smith", "john smith")]
    [InlineData("'John' Smith", "john smith")]
    public void Digits_and_leading_or_trailing_punctuation_leave_no_stray_spaces(string name, string expected) =>
        Assert.Equal(expected, NameNormaliser.Normalise(name));

    [Fact]
    public void Letters_with_no_latin_base_are_dropped()
    {
        Assert.Equal("petrov", NameNormaliser.Normalise("Иван Petrov"));
        Assert.Equal(string.Empty, NameNormaliser.Normalise("Иван"));
    }

    [Fact]
    public void Tokens_are_the_normalised_words()
    {
        var tokens = NameNormaliser.Tokens("  Mary-Jane  O'Neill ");

        Assert.Equal(["mary", "jane", "oneill"], tokens);
    }

    [Fact]
    public void Tokens_of_a_name_with_no_letters_is_empty() =>
        Assert.Empty(NameNormaliser.Tokens(" - ' . "));

    [Fact]
    public void Long_names_are_normalised_in_full()
    {
        var name = string.Concat(Enumerable.Repeat("Zoë-", 200));

        var tokens = NameNormaliser.Tokens(name);

        Assert.Equal(200, tokens.Count);
        Assert.All(tokens, t => Assert.Equal("zoe", t));
    }
}
