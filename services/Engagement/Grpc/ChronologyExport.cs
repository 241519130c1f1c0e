using System.Globalization;
using System.Text;
using System.Text.Json;
using Google.Api;
using Google.Protobuf;
using Platform.Engagement.Data;

namespace Platform.Engagement.Grpc;

/// <summary>
/// A chronology as a file for a review panel: CSV (one row per entry, the words as stored) or JSON.
/// CSV cells that a spreadsheet would run as a formula are prefixed with a quote mark.
/// </summary>
public static class ChronologyExport
{
    private static readonly string[] Columns =
        ["occurred_at", "kind", "agency", "summary", "detail", "themes", "significant", "superseded", "person_id", "entry_id", "contact_id"];

    public static HttpBody Csv(IEnumerable<ChronologyEntryRow> rows)
    {
        var text = new StringBuilder().AppendLine(string.Join(',', Columns));
        foreach (var row in rows)
        {
            string[] cells =
            [
                row.OccurredAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), row.Kind, row.Agency ?? "",
                row.Summary, row.Detail ?? "", row.Themes.Replace(',', ';'), Flag(row.Significant), Flag(row.Superseded),
                row.PersonId, row.EntryId, row.ContactId ?? "",
            ];
            text.AppendLine(string.Join(',', cells.Select(Cell)));
        }
        return Body("text/csv; charset=utf-8", text.ToString());
    }

    public static HttpBody Json(IEnumerable<ChronologyEntryRow> rows)
    {
        var entries = rows.Select(row => new
        {
            occurred_at = row.OccurredAt.ToUniversalTime(), kind = row.Kind, agency = row.Agency, summary = row.Summary,
            detail = row.Detail, themes = row.ThemeList, significant = row.Significant, superseded = row.Superseded,
            person_id = row.PersonId, entry_id = row.EntryId, contact_id = row.ContactId,
        });
        return Body("application/json", JsonSerializer.Serialize(entries));
    }

    private static string Flag(bool value) => value ? "yes" : "no";

    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    private static HttpBody Body(string contentType, string content) =>
        new() { ContentType = contentType, Data = ByteString.CopyFromUtf8(content) };
}
