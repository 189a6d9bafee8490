using System.Globalization;
using System.Text;
using DeliberationBot.Core.Reports;
using DeliberationBot.Core.Stakeholders;
using Microsoft.AspNetCore.Components;

namespace DeliberationBot.Host.Reports;

/// <summary>
/// The markup a page repeats most (a chart's labels and counts, dozens of charts on a large deliberation), written
/// compactly: HTML's optional end tags (<c>&lt;/td&gt;</c>, <c>&lt;/th&gt;</c>, <c>&lt;/tr&gt;</c>) left out, and text escaped only
/// where it must be (&amp;, &lt;, &gt;). Razor components require closed tags, hence a few lines of C# here.
/// </summary>
internal static class CompactMarkup
{
    /// <summary>Each bar's label, the group (its number of answers is in the table), above its bar. Razor would also read a bare &lt;text&gt; as its own tag.</summary>
    public static MarkupString BarLabels(DistributionChart chart, int rowHeight)
    {
        var svg = new StringBuilder();
        foreach (var (group, g) in chart.Groups.Select((x, g) => (x, g)))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text y=\"{(g * rowHeight) + 13}\">");
            Text(svg, group.Group.Label()).Append("</text>");
        }

        return new MarkupString(svg.ToString());
    }

    /// <summary>The chart's counts: a row per group, a column per option (headed by its colour's swatch), and the group's total.</summary>
    public static MarkupString CountsTable(DistributionChart chart, string palette)
    {
        var table = new StringBuilder("<table><thead><tr><th>Group");
        for (var o = 0; o < chart.Options.Count; o++)
        {
            table.Append(CultureInfo.InvariantCulture, $"<th><span class=\"k {palette}{o % 8}\"></span>");
            Text(table, chart.Options[o]);
        }

        table.Append("<th>All<tbody>");
        foreach (var group in chart.Groups)
        {
            Text(table.Append("<tr><th>"), group.Group.Label());
            foreach (var count in group.Counts)
            {
                table.Append(CultureInfo.InvariantCulture, $"<td>{count}");
            }

            table.Append(CultureInfo.InvariantCulture, $"<td>{group.Total}");
        }

        return new MarkupString(table.Append("</table>").ToString());
    }

    /// <summary>Words as an element's text, escaped only where they must be: a paragraph of statements quotes options and says "question's" dozens of times on a large page.</summary>
    public static MarkupString Words(string text) => new(Text(new StringBuilder(text.Length + 16), text).ToString());

    /// <summary>Text content escaped for HTML: quotes need no escaping outside attributes.</summary>
    private static StringBuilder Text(StringBuilder html, string text)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => html.Append("&amp;"),
                '<' => html.Append("&lt;"),
                '>' => html.Append("&gt;"),
                _ => html.Append(c),
            };
        }

        return html;
    }
}
