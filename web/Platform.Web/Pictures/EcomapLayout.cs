using System.Globalization;
using Platform.Registry.V1;

namespace Platform.Web.Pictures;

/// <summary>A person drawn on the ecomap.</summary>
public sealed record EcomapNode(string PersonId, string Label, double X, double Y, bool Centre, bool Child, bool Visible);

/// <summary>A relationship drawn as a labelled line, with an arrow where it has a direction.</summary>
public sealed record EcomapEdge(
    string RelationshipId, string FromPersonId, string ToPersonId, string Label, bool Directed, bool Harm, bool Ended,
    double X1, double Y1, double X2, double Y2, double LabelX, double LabelY);

/// <summary>A relationship as the table beside the picture reads it.</summary>
public sealed record EcomapRow(string From, string Relationship, string To, string Since, string Until, string RecordedBy);

/// <summary>
/// The ecomap's layout, worked out on the server: the person at the centre, everyone related around
/// her on a circle (evenly spaced, in a stable order, far enough apart that no two overlap), each
/// relationship a line between the edges of two circles — directed ones (parent of, carer of, speaks
/// for, alleged perpetrator toward) with an arrow toward the second person — labelled at its middle.
/// Children (the second person of "parent of") are drawn as squares. A person the caller may not see
/// is shown without a name.
/// </summary>
public sealed class EcomapLayout
{
    public const double NodeRadius = 38;
    public const double MinimumRingRadius = 170;
    public const double Margin = 70;
    /// <summary>How far apart the lines of two people related in more than one way are drawn.</summary>
    public const double ParallelGap = 14;

    public required IReadOnlyList<EcomapNode> Nodes { get; init; }
    public required IReadOnlyList<EcomapEdge> Edges { get; init; }
    public required IReadOnlyList<EcomapRow> Rows { get; init; }
    public double Width { get; init; }
    public double Height { get; init; }

    public static readonly string HiddenLabel = "Someone you may not see";

    public static string Describe(RelationshipType type) => type switch
    {
        RelationshipType.Partner => "partner of",
        RelationshipType.ExPartner => "ex-partner of",
        RelationshipType.ParentOf => "parent of",
        RelationshipType.Sibling => "sibling of",
        RelationshipType.CarerOf => "carer of",
        RelationshipType.HouseholdMember => "household member with",
        RelationshipType.SpeaksFor => "speaks for",
        RelationshipType.AllegedPerpetratorToward => "alleged perpetrator toward",
        _ => "related to",
    };

    public static bool IsDirected(RelationshipType type) =>
        type is RelationshipType.ParentOf or RelationshipType.CarerOf or RelationshipType.SpeaksFor or RelationshipType.AllegedPerpetratorToward;

    public static EcomapLayout For(string personId, RelationshipGraph graph)
    {
        var names = graph.Nodes.ToDictionary(n => n.PersonId, n => n.Visible && n.DisplayName.Length > 0 ? n.DisplayName : HiddenLabel, StringComparer.Ordinal);
        var visible = graph.Nodes.ToDictionary(n => n.PersonId, n => n.Visible, StringComparer.Ordinal);
        var children = graph.Relationships.Where(r => r.Type == RelationshipType.ParentOf).Select(r => r.ToPersonId).ToHashSet(StringComparer.Ordinal);
        // Everyone but her, in a stable order: those related to her directly first, then by name and id.
        var others = graph.Nodes.Select(n => n.PersonId)
            .Concat(graph.Relationships.SelectMany(r => new[] { r.FromPersonId, r.ToPersonId }))
            .Distinct(StringComparer.Ordinal)
            .Where(id => id != personId)
            .OrderBy(id => graph.Relationships.Any(r => (r.FromPersonId == personId && r.ToPersonId == id) || (r.ToPersonId == personId && r.FromPersonId == id)) ? 0 : 1)
            .ThenBy(id => Name(names, id), StringComparer.Ordinal)
            .ThenBy(id => id, StringComparer.Ordinal)
            .ToList();
        // The ring is long enough to give every circle its diameter and as much again.
        var ring = Math.Max(MinimumRingRadius, others.Count * NodeRadius * 4 / (2 * Math.PI));
        var size = 2 * (ring + NodeRadius + Margin);
        var (cx, cy) = (size / 2, size / 2);
        var nodes = new List<EcomapNode> { new(personId, Name(names, personId), cx, cy, true, children.Contains(personId), visible.GetValueOrDefault(personId, true)) };
        for (var i = 0; i < others.Count; i++)
        {
            var angle = -Math.PI / 2 + 2 * Math.PI * i / others.Count;
            var id = others[i];
            nodes.Add(new EcomapNode(id, Name(names, id), Round(cx + ring * Math.Cos(angle)), Round(cy + ring * Math.Sin(angle)),
                false, children.Contains(id), visible.GetValueOrDefault(id, false)));
        }
        var at = nodes.ToDictionary(n => n.PersonId, StringComparer.Ordinal);
        var edges = new List<EcomapEdge>();
        // Two people may be related in more than one way (partner and alleged perpetrator toward):
        // their lines are drawn side by side, each with its own label.
        var pairs = graph.Relationships
            .GroupBy(r => string.CompareOrdinal(r.FromPersonId, r.ToPersonId) < 0 ? (r.FromPersonId, r.ToPersonId) : (r.ToPersonId, r.FromPersonId))
            .ToDictionary(g => g.Key, g => g.ToList());
        foreach (var relationship in graph.Relationships)
        {
            if (!at.TryGetValue(relationship.FromPersonId, out var from) || !at.TryGetValue(relationship.ToPersonId, out var to))
            {
                continue;
            }
            var (dx, dy) = (to.X - from.X, to.Y - from.Y);
            var length = Math.Sqrt(dx * dx + dy * dy);
            if (length < 2 * NodeRadius)
            {
                continue;
            }
            var (ux, uy) = (dx / length, dy / length);
            var gap = NodeRadius + 4;
            var pair = pairs[string.CompareOrdinal(from.PersonId, to.PersonId) < 0 ? (from.PersonId, to.PersonId) : (to.PersonId, from.PersonId)];
            // Side by side: a fixed direction for the pair (whichever way each line runs), ParallelGap apart.
            var sign = string.CompareOrdinal(from.PersonId, to.PersonId) < 0 ? 1 : -1;
            var shift = (pair.IndexOf(relationship) - (pair.Count - 1) / 2.0) * ParallelGap;
            var (ox, oy) = (-uy * shift * sign, ux * shift * sign);
            // Labels of side-by-side lines are spread along them too, so that they do not cover each other.
            var along = 0.5 + (pair.Count > 1 ? sign * shift / ParallelGap * 0.24 : 0);
            edges.Add(new EcomapEdge(relationship.RelationshipId, from.PersonId, to.PersonId, Describe(relationship.Type),
                IsDirected(relationship.Type), relationship.Type == RelationshipType.AllegedPerpetratorToward, relationship.Until is not null,
                Round(from.X + ux * gap + ox), Round(from.Y + uy * gap + oy), Round(to.X - ux * gap + ox), Round(to.Y - uy * gap + oy),
                Round(from.X + dx * along + ox), Round(from.Y + dy * along + oy - 6)));
        }
        var rows = graph.Relationships.Select(r => new EcomapRow(
                Name(names, r.FromPersonId), Describe(r.Type), Name(names, r.ToPersonId),
                r.Since is null ? "" : r.Since.ToDateTime().ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
                r.Until is null ? "" : r.Until.ToDateTime().ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
                r.RecordedByAgency))
            .ToList();
        return new EcomapLayout { Nodes = nodes, Edges = edges, Rows = rows, Width = Round(size), Height = Round(size) };
    }

    private static string Name(Dictionary<string, string> names, string id) => names.GetValueOrDefault(id, HiddenLabel);

    private static double Round(double value) => Math.Round(value, 1);
}
