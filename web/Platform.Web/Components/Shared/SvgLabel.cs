using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Platform.Web.Components.Shared;

/// <summary>An SVG &lt;text&gt; element (Razor reserves the tag), drawn with presentation attributes only.</summary>
public sealed class SvgLabel : ComponentBase
{
    [Parameter] public double X { get; set; }
    [Parameter] public double Y { get; set; }
    [Parameter] public string Anchor { get; set; } = "middle";
    [Parameter] public int Size { get; set; } = 12;
    [Parameter] public string Fill { get; set; } = "#0b0c0c";
    /// <summary>A white outline behind the letters, so a label stays readable over a line.</summary>
    [Parameter] public bool Halo { get; set; }
    [Parameter] public string Text { get; set; } = "";

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "text");
        builder.AddAttribute(1, "x", X.ToString("0.#", CultureInfo.InvariantCulture));
        builder.AddAttribute(2, "y", Y.ToString("0.#", CultureInfo.InvariantCulture));
        builder.AddAttribute(3, "text-anchor", Anchor);
        builder.AddAttribute(4, "font-size", Size.ToString(CultureInfo.InvariantCulture));
        builder.AddAttribute(5, "fill", Fill);
        if (Halo)
        {
            builder.AddAttribute(6, "paint-order", "stroke");
            builder.AddAttribute(7, "stroke", "#ffffff");
            builder.AddAttribute(8, "stroke-width", "4");
        }
        builder.AddContent(9, Text);
        builder.CloseElement();
    }
}
