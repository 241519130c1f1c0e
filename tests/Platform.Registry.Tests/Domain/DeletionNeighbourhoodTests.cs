using Platform.Registry.Domain.Names;
using Xunit;

namespace Platform.Registry.Tests.Domain;

public class DeletionNeighbourhoodTests
{
    [Theory]
    [InlineData("thompson", "tompson")] // a deletion that changes the sound
    [InlineData("johnson", "jonson")]
    [InlineData("smith", "smoth")] // a substitution
    [InlineData("smith", "smtih")] // a transposition
    [InlineData("catherine", "catherinne")] // an insertion
    [InlineData("anne", "ann")]
    public void Words_one_edit_apart_share_a_member(string a, string b)
    {
        Assert.NotEmpty(DeletionNeighbourhood.Of(a).Intersect(DeletionNeighbourhood.Of(b)));
    }

    [Theory]
    [InlineData("thompson", "tomsen")]
    [InlineData("smith", "jones")]
    [InlineData("smith", "snitj")]
    public void Words_two_edits_apart_share_none(string a, string b)
    {
        Assert.Empty(DeletionNeighbourhood.Of(a).Intersect(DeletionNeighbourhood.Of(b)));
    }

    [Fact]
    public void A_doubled_letter_gives_its_deletion_once_and_a_short_word_only_itself()
    {
        Assert.Equal(["anna", "nna", "ana", "ann"], DeletionNeighbourhood.Of("anna"));
        Assert.Equal(["lee"], DeletionNeighbourhood.Of("lee"));
    }

    [Fact]
    public void A_long_word_is_cut_so_that_it_cannot_make_many_keys()
    {
        var members = DeletionNeighbourhood.Of(new string('a', 5000) + "b");

        Assert.True(members.Count <= DeletionNeighbourhood.MaxLetters + 1);
    }
}
