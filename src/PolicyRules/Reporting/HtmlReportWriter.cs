using System.Net;
using System.Text;
using PolicyRules.Matching;
using PolicyRules.Summaries;
using PolicyRules.Analysis;

namespace PolicyRules.Reporting;

/// <summary>
/// One standalone HTML report: the summary grouped by area, then each document's text with the
/// findings highlighted in context. Every character from a document or rule is escaped; no script,
/// no external resource.
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>The report's stylesheet, inlined in the page (the comparison page reuses it).</summary>
    public const string Style = """
        body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1d232a;background:#fff}
        h1,h2,h3{line-height:1.2}h2{border-top:2px solid #dde3ea;padding-top:1rem;margin-top:2rem}
        .disclaimer{background:#f4f6f8;border-left:4px solid #8a99a8;padding:.5rem 1rem;font-size:.9rem}
        .finding{border:1px solid #dde3ea;border-radius:6px;padding:.5rem .75rem;margin:.5rem 0}
        .finding .meta{font-size:.8rem;color:#56616c}.none{color:#56616c;font-style:italic}
        blockquote{margin:.5rem 0;padding-left:.75rem;border-left:3px solid #c7d0d9;color:#333}
        .sev-error{border-left:6px solid #b3261e}.sev-warning{border-left:6px solid #c77700}.sev-notice{border-left:6px solid #2f6fb3}.sev-info{border-left:6px solid #7a8793}
        pre.doc{white-space:pre-wrap;word-wrap:break-word;font:15px/1.5 Georgia,serif;background:#fcfcfd;border:1px solid #eef1f4;padding:1rem}
        mark{background:#fff1b8;border-bottom:2px solid #e0b000;padding:0 1px}mark a{color:inherit;text-decoration:none}
        .diag{color:#b3261e}@media (max-width:600px){body{font-size:15px;padding:.5rem}}
        """;

    private static readonly HighlightStyle Marks = new(c => $"{c.RuleId} {c.Title}", SeverityClass: false, AnchorClass: null);

    /// <summary>The report as one standalone HTML page.</summary>
    public static string Write(AnalysisReport report, string title = "PolicyRules report")
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n");
        sb.Append("<h1>").Append(E(title)).Append("</h1>\n");
        sb.Append("<p class=\"disclaimer\">").Append(E(DisplayNames.Disclaimer)).Append("</p>\n");
        var n = 0;
        foreach (var document in report.Documents) WriteDocument(sb, document, report, $"d{n++}");
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static void WriteDocument(StringBuilder sb, DocumentAnalysis document, AnalysisReport report, string id)
    {
        sb.Append("<section id=\"").Append(id).Append("\">\n<h2>").Append(E(MarkdownReportWriter.DocumentTitle(document.Info))).Append("</h2>\n");
        sb.Append("<p class=\"meta\"><code>").Append(E(document.Info.Path)).Append("</code></p>\n");
        foreach (var diagnostic in document.Diagnostics) sb.Append("<p class=\"diag\">").Append(E(diagnostic.ToString())).Append("</p>\n");
        if (document.Document is null) { sb.Append("</section>\n"); return; }

        var visible = MarkdownReportWriter.ForSummary(document.Findings);
        var numbers = visible.Select((f, i) => (f, i)).ToDictionary(x => x.f, x => $"{id}-f{x.i}");
        foreach (var area in Areas.Ordered(report.Rules.Rules.Select(r => r.Category)))
        {
            var inArea = visible.Where(f => f.Category == area).ToList();
            if (inArea.Count == 0 && !report.Rules.Rules.Any(r => r.Category == area)) continue;
            sb.Append("<h3>").Append(E(Areas.Title(area))).Append("</h3>\n");
            if (inArea.Count == 0) { sb.Append("<p class=\"none\">").Append(E(Areas.NoneFound(area))).Append("</p>\n"); continue; }
            foreach (var f in inArea)
            {
                sb.Append("<div class=\"finding sev-").Append(f.Severity.ToString().ToLowerInvariant()).Append("\" id=\"").Append(numbers[f]).Append("\">");
                sb.Append("<strong>").Append(E(f.Provision.Title)).Append("</strong> ");
                sb.Append("<span class=\"meta\">").Append(E(f.RuleId)).Append(" · ").Append(E(f.Severity.ToString().ToLowerInvariant()))
                  .Append(" · <a href=\"#").Append(numbers[f]).Append("-text\">line ").Append(f.Location.Start.Line).Append("</a></span>");
                sb.Append("<p>").Append(E(f.Summary ?? "")).Append("</p>");
                sb.Append("<blockquote>").Append(E(f.Excerpt)).Append("</blockquote></div>\n");
            }
        }

        sb.Append("<h3>Full text</h3>\n<pre class=\"doc\">");
        var text = document.Document.Text.Text;
        Highlighter.WriteRuns(sb, text, 0, text.Length, visible, numbers, new HashSet<Finding>(), Marks);
        sb.Append("</pre>\n</section>\n");
    }

    /// <summary>Escapes every character that could be markup, including quotes, for text and attributes alike.</summary>
    public static string E(string text) => WebUtility.HtmlEncode(text);
}
