using System.Text.Json;
using Platform.Engagement.Data;
using Platform.Engagement.Grpc;

namespace Platform.Engagement.Tests.Domain;

public sealed class ChronologyExportTests
{
    private static ChronologyEntryRow Row(string summary, string? detail = null) => new()
    {
        EntryId = "e1", PersonId = "p1", OccurredAt = new DateTimeOffset(2026, 3, 7, 9, 30, 0, TimeSpan.FromHours(1)), Kind = "contact",
        Agency = "outreach-bristol", Summary = summary, Detail = detail, Themes = "housing,alcohol", Significant = true, ContactId = "c1",
    };

    [Fact]
    public void Csv_has_a_header_and_one_row_per_entry_in_utc()
    {
        var csv = Text(ChronologyExport.Csv([Row("Phone: declined")]));

        Assert.Equal(
            "occurred_at,kind,agency,summary,detail,themes,significant,superseded,person_id,entry_id,contact_id\n" +
            "2026-03-07T08:30:00Z,contact,outreach-bristol,Phone: declined,,housing;alcohol,yes,no,p1,e1,c1\n",
            csv.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("she said \"no\"", "\"she said \"\"no\"\"\"")]
    [InlineData("line one\nline two", "\"line one\nline two\"")]
    public void Csv_quotes_cells_with_commas_quotes_or_newlines(string detail, string cell)
    {
        var csv = Text(ChronologyExport.Csv([Row("Summary", detail)]));

        Assert.Contains($",Summary,{cell},housing;alcohol,", csv, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=SUM(A1:A2)")]
    [InlineData("+44 7700 900000")]
    [InlineData("-1")]
    [InlineData("@cmd")]
    public void Csv_cells_a_spreadsheet_would_run_as_a_formula_are_prefixed(string summary)
    {
        var csv = Text(ChronologyExport.Csv([Row(summary)]));

        Assert.Contains($",'{summary},", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void Formula_cell_with_a_comma_is_both_prefixed_and_quoted()
    {
        var csv = Text(ChronologyExport.Csv([Row("=HYPERLINK(\"http://x\",\"y\")")]));

        Assert.Contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_holds_each_entry_with_its_themes_as_a_list()
    {
        var body = ChronologyExport.Json([Row("Phone: declined", "a, \"b\"")]);

        Assert.Equal("application/json", body.ContentType);
        var entry = Assert.Single(JsonDocument.Parse(body.Data.ToStringUtf8()).RootElement.EnumerateArray());
        Assert.Equal("a, \"b\"", entry.GetProperty("detail").GetString());
        Assert.Equal(["housing", "alcohol"], entry.GetProperty("themes").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(new DateTimeOffset(2026, 3, 7, 8, 30, 0, TimeSpan.Zero), entry.GetProperty("occurred_at").GetDateTimeOffset());
        Assert.True(entry.GetProperty("significant").GetBoolean());
    }

    private static string Text(Google.Api.HttpBody body)
    {
        Assert.StartsWith("text/csv", body.ContentType, StringComparison.Ordinal);
        return body.Data.ToStringUtf8();
    }
}
