using System.Globalization;
using System.Text;
using Google.Api;
using Google.Protobuf;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Board;

/// <summary>
/// The board figures as a file for the Safeguarding Adults Board: CSV, one row per figure
/// (<c>area,year,measure,key,count</c>, the measures named as in the API), or JSON (the API's message
/// with proto field names and every zero written out). Codes and counts only: nothing a spreadsheet
/// could run as a formula.
/// </summary>
public static class BoardFiguresExport
{
    public static HttpBody Csv(BoardFigures figures)
    {
        var text = new StringBuilder().AppendLine("area,year,measure,key,count");
        void Row(string measure, string key, int count) =>
            text.AppendLine(string.Join(',', figures.Area, figures.Year.ToString(CultureInfo.InvariantCulture), measure, key, count.ToString(CultureInfo.InvariantCulture)));
        Row("concerns", "", figures.Concerns);
        Row("section_42_enquiries", "", figures.Section42Enquiries);
        Row("other_enquiries", "", figures.OtherEnquiries);
        foreach (var (measure, counts) in new[]
                 {
                     ("enquiries_by_category", figures.EnquiriesByCategory), ("enquiries_by_location", figures.EnquiriesByLocation),
                     ("risk_outcomes", figures.RiskOutcomes),
                 })
        {
            foreach (var count in counts)
            {
                Row(measure, count.Key, count.Count_);
            }
        }
        Row("desired_outcomes_asked", "", figures.DesiredOutcomesAsked);
        Row("desired_outcomes_expressed", "", figures.DesiredOutcomesExpressed);
        Row("outcomes_achieved_fully", "", figures.OutcomesAchievedFully);
        Row("outcomes_achieved_partly", "", figures.OutcomesAchievedPartly);
        Row("outcomes_not_achieved", "", figures.OutcomesNotAchieved);
        return Body("text/csv; charset=utf-8", text.ToString());
    }

    public static HttpBody Json(BoardFigures figures) =>
        Body("application/json", new JsonFormatter(JsonFormatter.Settings.Default.WithFormatDefaultValues(true).WithPreserveProtoFieldNames(true)).Format(figures));

    /// <summary>The file's name, as the Content-Disposition header gives it: <c>board-figures-E06000023-2025.csv</c>.</summary>
    public static string FileName(BoardFigures figures, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"board-figures-{figures.Area}-{figures.Year}.{extension}");

    private static HttpBody Body(string contentType, string content) =>
        new() { ContentType = contentType, Data = ByteString.CopyFromUtf8(content) };
}
