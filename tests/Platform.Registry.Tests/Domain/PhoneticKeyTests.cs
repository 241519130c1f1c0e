using Platform.Registry.Domain.Names;
using Xunit;

namespace Platform.Registry.Tests.Domain;

public class PhoneticKeyTests
{
    [Theory]
    [InlineData("smith", "smyth", "SM0")]
    [InlineData("catherine", "kathryn", "K0RN")]
    [InlineData("stephen", "steven", "STFN")]
    [InlineData("philips", "phillips", "FLPS")]
    [InlineData("jon", "john", "JN")]
    [InlineData("shaun", "shawn", "XN")]
    [InlineData("matthews", "mathews", "M0S")]
    [InlineData("mohammed", "muhammad", "MHMT")]
    [InlineData("christopher", "kristopher", "KRSTFR")]
    [InlineData("macdonald", "mcdonald", "MKTNLT")]
    [InlineData("clare", "claire", "KLR")]
    [InlineData("geoff", "jeff", "JF")]
    [InlineData("whyte", "white", "WT")]
    [InlineData("leigh", "lee", "L")]
    public void Common_spelling_variants_share_a_key(string a, string b, string key)
    {
        Assert.Equal(key, PhoneticKey.Encode(a));
        Assert.Equal(key, PhoneticKey.Encode(b));
    }

    [Theory]
    [InlineData("thompson", "0MPSN", "tomson", "TMSN")]
    [InlineData("sean", "SN", "shaun", "XN")]
    [InlineData("nicholas", "NXLS", "nicolas", "NKLS")]
    [InlineData("aileen", "ALN", "eileen", "ELN")]
    [InlineData("smith", "SM0", "smtih", "SMT")]
    public void Variants_that_metaphone_sounds_differently_keep_different_keys(
        string a, string keyA, string b, string keyB)
    {
        Assert.Equal(keyA, PhoneticKey.Encode(a));
        Assert.Equal(keyB, PhoneticKey.Encode(b));
    }

    [Theory]
    [InlineData("knight", "NT")]
    [InlineData("gnome", "NM")]
    [InlineData("wright", "RT")]
    [InlineData("xavier", "SFR")]
    [InlineData("aeron", "ERN")]
    public void Silent_or_changed_initial_letters_follow_metaphone(string token, string key) =>
        Assert.Equal(key, PhoneticKey.Encode(token));

    [Theory]
    [InlineData("plumb", "PLM")]
    [InlineData("science", "SNS")]
    [InlineData("hodge", "HJ")]
    [InlineData("schmidt", "SKMTT")]
    [InlineData("maggie", "MK")]
    [InlineData("george", "JRJ")]
    [InlineData("butcher", "BXR")]
    [InlineData("patricia", "PTRX")]
    [InlineData("alexander", "ALKSNT")]
    [InlineData("sign", "SN")]
    public void Inner_letters_follow_metaphone_rules(string token, string key) =>
        Assert.Equal(key, PhoneticKey.Encode(token));

    [Fact]
    public void Keys_are_at_most_six_characters() =>
        Assert.Equal("FLTKLT", PhoneticKey.Encode("vladkladarowski"));

    [Fact]
    public void Only_the_first_vowel_is_kept()
    {
        Assert.Equal("ANT", PhoneticKey.Encode("annette"));
        Assert.Equal("JN", PhoneticKey.Encode("jane"));
    }

    [Fact]
    public void Empty_input_gives_an_empty_key() => Assert.Equal(string.Empty, PhoneticKey.Encode(string.Empty));

    [Fact]
    public void Case_and_non_letters_are_ignored() =>
        Assert.Equal(PhoneticKey.Encode("obrien"), PhoneticKey.Encode("O'Brien"));

    [Fact]
    public void A_single_letter_is_its_own_key() => Assert.Equal("J", PhoneticKey.Encode("j"));

    [Fact]
    public void Anagram_key_is_the_sorted_letters() => Assert.Equal("himst", AnagramKey.Encode("smith"));

    [Fact]
    public void Anagram_key_catches_transposed_letters_that_phonetics_miss()
    {
        Assert.NotEqual(PhoneticKey.Encode("smith"), PhoneticKey.Encode("smtih"));
        Assert.Equal(AnagramKey.Encode("smith"), AnagramKey.Encode("smtih"));
    }

    [Fact]
    public void Anagram_key_ignores_case_and_non_letters() =>
        Assert.Equal("beinor", AnagramKey.Encode("O'Brien"));
}
