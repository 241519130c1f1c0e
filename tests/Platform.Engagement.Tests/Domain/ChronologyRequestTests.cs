using System.Text;
using Google.Protobuf.WellKnownTypes;
using Platform.BuildingBlocks.Errors;
using Platform.Engagement.Domain;
using Platform.Engagement.Grpc;
using Platform.Engagement.V1;

namespace Platform.Engagement.Tests.Domain;

public sealed class ChronologyRequestTests
{
    private static readonly ChronologyPosition Last = new(new DateTimeOffset(2026, 3, 7, 9, 30, 0, TimeSpan.Zero), Guid.NewGuid().ToString());

    private static GetChronologyRequest Request(string? person = null, bool significantOnly = false) => new()
    {
        PersonId = person ?? "9d1f0c8e-1111-4a2b-9c3d-000000000001", Filter = new ChronologyFilter { SignificantOnly = significantOnly },
    };

    [Fact]
    public void Page_token_reads_back_the_position_it_was_issued_for()
    {
        var request = Request();
        request.PageToken = ChronologyRequest.PageToken(request, Last);
        var v = new Validator();

        Assert.Equal(Last, ChronologyRequest.ReadPageToken(request, v));
        Assert.True(v.IsValid);
    }

    [Fact]
    public void Page_token_is_refused_for_another_person_or_another_filter()
    {
        var token = ChronologyRequest.PageToken(Request(), Last);

        AssertRefused(Request("9d1f0c8e-1111-4a2b-9c3d-000000000002"), token);
        AssertRefused(Request(significantOnly: true), token);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("bm90IGEgdG9rZW4=")]
    public void Garbage_page_token_is_refused(string token)
    {
        AssertRefused(Request(), token);
    }

    [Fact]
    public void Page_token_with_an_edited_position_is_refused()
    {
        var request = Request();
        var text = Encoding.UTF8.GetString(Convert.FromBase64String(ChronologyRequest.PageToken(request, Last)));
        var edited = Convert.ToBase64String(Encoding.UTF8.GetBytes((text[0] == '5' ? '6' : '5') + text[1..]));

        AssertRefused(request, edited);
    }

    [Fact]
    public void Filter_becomes_a_query_with_words_and_the_period()
    {
        var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var filter = new ChronologyFilter
        {
            From = Timestamp.FromDateTimeOffset(from), Kinds = { EntryKind.RiskChanged, EntryKind.RiskChanged }, Themes = { Theme.DomesticAbuse },
            Agencies = { "police-avon" }, SignificantOnly = true,
        };
        var v = new Validator();

        var query = ChronologyRequest.ToQuery(filter, newestFirst: true, v);

        Assert.True(v.IsValid);
        Assert.Equal((from, (DateTimeOffset?)null, true, true), (query.From!.Value, query.Until, query.SignificantOnly, query.NewestFirst));
        Assert.Equal(["risk-changed"], query.Kinds);
        Assert.Equal(["domestic-abuse"], query.Themes);
        Assert.Equal(["police-avon"], query.Agencies);
    }

    private static void AssertRefused(GetChronologyRequest request, string token)
    {
        request.PageToken = token;
        var v = new Validator();

        Assert.Null(ChronologyRequest.ReadPageToken(request, v));
        var error = Assert.Throws<InvalidArgumentException>(v.ThrowIfInvalid);
        Assert.Equal(["page_token"], error.Violations.Select(x => x.Field));
    }
}
