using System.Net;
using System.Text;
using PolicyRules.Matching;
using PolicyRules.Summaries;
using PolicyRules.Analysis;
using PolicyRules.Binding;

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

    /// <summary>The report as one standalone HTML page (templates <c>html/report-head</c>, <c>-section</c>, <c>-foot</c>).</summary>
    public static string Write(AnalysisReport report, string title = "PolicyRules report") =>
        StreamingReportWriter.Render(output => new HtmlStreamingWriter(output, report.Rules, title), report);

    /// <summary>The page up to the first document: head, style, title and disclaimer.</summary>
    internal static string Head(string title) =>
        HtmlTemplates.Render("html/report-head", new Dictionary<string, object?>
        {
            ["title"] = title,
            ["style"] = new RawHtml(Style),
            ["disclaimer"] = DisplayNames.Disclaimer,
        });

    /// <summary>One document's section: its findings by area and its text with the findings highlighted.</summary>
    internal static string Section(DocumentAnalysis document, CompiledRuleSet rules, string id) =>
        HtmlTemplates.Render("html/report-section", new Dictionary<string, object?> { ["d"] = DocumentModel(document, rules, id) });

    /// <summary>The page after the last document.</summary>
    internal static string Foot() => HtmlTemplates.Render("html/report-foot", new Dictionary<string, object?>());

    private static object DocumentModel(DocumentAnalysis document, CompiledRuleSet rules, string id)
    {
        var visible = document.Document is null ? new List<Finding>() : MarkdownReportWriter.ForSummary(document.Findings);
        var numbers = visible.Select((f, i) => (f, i)).ToDictionary(x => x.f, x => $"{id}-f{x.i}");
        var areas = new List<object>();
        foreach (var area in Areas.Ordered(rules.Rules.Select(r => r.Category)))
        {
            var inArea = visible.Where(f => f.Category == area).ToList();
            if (inArea.Count == 0 && !rules.Rules.Any(r => r.Category == area)) continue;
            areas.Add(new
            {
                title = Areas.Title(area),
                none = Areas.NoneFound(area),
                findings = inArea.Select(f => new
                {
                    id = numbers[f],
                    title = f.Provision.Title,
                    severity = f.Severity.ToString().ToLowerInvariant(),
                    rule = f.RuleId,
                    line = f.Location.Start.Line,
                    summary = f.Summary ?? "",
                    excerpt = f.Excerpt,
                }).ToList(),
            });
        }
        var text = new StringBuilder();
        if (document.Document is { } loaded)
            Highlighter.WriteRuns(text, loaded.Text.Text, 0, loaded.Text.Text.Length, visible, numbers, new HashSet<Finding>(), Marks);
        return new
        {
            id,
            title = MarkdownReportWriter.DocumentTitle(document.Info),
            path = document.Info.Path,
            diagnostics = document.Diagnostics.Select(d => d.ToString()).ToList(),
            loaded = document.Document is not null,
            areas,
            text = new RawHtml(text.ToString()),
        };
    }
}
