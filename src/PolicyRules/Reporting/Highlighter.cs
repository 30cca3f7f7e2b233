using System.Net;
using System.Text;
using PolicyRules.Matching;

namespace PolicyRules.Reporting;

/// <summary>How a page marks findings in a text.</summary>
/// <param name="Title">The tooltip text of one finding covering a run (joined with ", " for several).</param>
/// <param name="SeverityClass">Whether a mark carries the <c>sev-…</c> class of the strongest finding on it.</param>
/// <param name="AnchorClass">The class of the empty anchor a finding's first run carries, or null for none.</param>
internal sealed record HighlightStyle(Func<Finding, string> Title, bool SeverityClass, string? AnchorClass);

/// <summary>
/// The one highlighter of every HTML output (the report and the site): a text range split at every finding
/// boundary, each run that findings cover in a <c>mark</c> linking to the first finding's card, with an
/// anchor (<c>ID-text</c>) at the first run of each finding. Every character of the text is HTML-escaped.
/// </summary>
internal static class Highlighter
{
    /// <summary>Writes text[start, end) with its findings marked.</summary>
    /// <param name="sb">Where the HTML goes.</param>
    /// <param name="text">The document text.</param>
    /// <param name="start">The first character written.</param>
    /// <param name="end">Just past the last character written.</param>
    /// <param name="findings">The findings to mark, in the order titles list them and links prefer them.</param>
    /// <param name="ids">Anchor id of each finding's card.</param>
    /// <param name="anchored">Findings whose anchor is already written (shared across the ranges of one page).</param>
    /// <param name="style">How marks and anchors look on the page.</param>
    public static void WriteRuns(StringBuilder sb, string text, int start, int end, IReadOnlyList<Finding> findings,
        IReadOnlyDictionary<Finding, string> ids, HashSet<Finding> anchored, HighlightStyle style)
    {
        var touching = findings.Where(f => f.Span.Start < end && f.Span.End > start).ToList();
        var bounds = new SortedSet<int> { start, end };
        foreach (var f in touching)
        {
            if (f.Span.Start > start) bounds.Add(f.Span.Start);
            if (f.Span.End < end) bounds.Add(f.Span.End);
        }
        var points = bounds.ToList();
        for (var i = 0; i + 1 < points.Count; i++)
        {
            int a = points[i], b = points[i + 1];
            var chunk = WebUtility.HtmlEncode(text[a..b]);
            var covering = touching.Where(f => f.Span.Start <= a && f.Span.End >= b).ToList();
            if (covering.Count == 0) { sb.Append(chunk); continue; }
            sb.Append("<mark");
            if (style.SeverityClass)
                sb.Append(" class=\"sev-").Append(covering.OrderByDescending(f => f.Severity).First().Severity.ToString().ToLowerInvariant()).Append('"');
            sb.Append(" title=\"").Append(WebUtility.HtmlEncode(string.Join(", ", covering.Select(style.Title)))).Append("\">");
            foreach (var c in covering.Where(c => anchored.Add(c)))
            {
                sb.Append("<span");
                if (style.AnchorClass is { } anchorClass) sb.Append(" class=\"").Append(anchorClass).Append('"');
                sb.Append(" id=\"").Append(ids[c]).Append("-text\"></span>");
            }
            sb.Append("<a href=\"#").Append(ids[covering[0]]).Append("\">").Append(chunk).Append("</a></mark>");
        }
    }
}
