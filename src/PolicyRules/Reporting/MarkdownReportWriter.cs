using System.Text;
using PolicyRules.Matching;
using PolicyRules.Summaries;
using PolicyRules.Analysis;
using PolicyRules.Binding;

namespace PolicyRules.Reporting;

/// <summary>
/// The standardized document summary: per document, provisions grouped by area in taxonomy order,
/// each with its plain-language summary and the exact quote; an area without findings says so.
/// </summary>
public static class MarkdownReportWriter
{
    /// <summary>The report as one Markdown document.</summary>
    public static string Write(AnalysisReport report) => StreamingReportWriter.Render("markdown", report);

    /// <summary>The report's heading and disclaimer.</summary>
    internal static string Heading() => "# Provision summary\n\n> " + DisplayNames.Disclaimer + "\n\n";

    /// <summary>Appends one document's section: its summary by area, then each finding.</summary>
    public static void WriteDocument(StringBuilder sb, DocumentAnalysis document, AnalysisReport report) => WriteDocument(sb, document, report.Rules);

    /// <summary>Appends one document's section, its areas those of <paramref name="rules"/>.</summary>
    public static void WriteDocument(StringBuilder sb, DocumentAnalysis document, CompiledRuleSet rules)
    {
        sb.Append("## ").Append(Escape(DocumentTitle(document.Info))).Append("\n\n");
        sb.Append("`").Append(document.Info.Path.Replace("`", "'")).Append('`');
        if (document.Sha256.Length > 0) sb.Append(" · sha256 `").Append(document.Sha256[..12]).Append('`');
        sb.Append("\n\n");
        foreach (var diagnostic in document.Diagnostics) sb.Append("- ⚠ ").Append(Escape(diagnostic.ToString())).Append('\n');
        if (document.Diagnostics.Count > 0) sb.Append('\n');
        if (document.Failed) return;

        var visible = ForSummary(document.Findings);
        foreach (var area in Areas.Ordered(rules.Rules.Select(r => r.Category)))
        {
            var inArea = visible.Where(f => f.Category == area).ToList();
            var hasRules = rules.Rules.Any(r => r.Category == area);
            if (inArea.Count == 0 && !hasRules) continue;
            sb.Append("### ").Append(Areas.Title(area)).Append("\n\n");
            if (inArea.Count == 0)
            {
                sb.Append(Areas.NoneFound(area)).Append("\n\n");
                continue;
            }
            foreach (var finding in inArea)
            {
                sb.Append("- **").Append(Escape(finding.Provision.Title)).Append("** (")
                  .Append(finding.RuleId).Append(", ").Append(finding.Severity.ToString().ToLowerInvariant())
                  .Append(", line ").Append(finding.Location.Start.Line).Append("): ")
                  .Append(Escape(finding.Summary ?? "")).Append('\n');
                if (finding.Section.Count > 0)
                    sb.Append("  *Section:* ").Append(Escape(string.Join(" › ", finding.Section))).Append('\n');
                sb.Append("\n  > ").Append(Escape(OneLine(finding.Excerpt))).Append("\n\n");
            }
        }
    }

    /// <summary>
    /// The findings a reader's summary shows: unsuppressed, and one per provision where several
    /// rules found the same provision in overlapping text (the widest span is kept). JSON and SARIF
    /// keep every finding.
    /// </summary>
    public static List<Finding> ForSummary(IReadOnlyList<Finding> findings)
    {
        var visible = findings.Where(f => !f.IsSuppressed).ToList();
        return visible.Where(f => !visible.Any(o => !ReferenceEquals(o, f) && o.Provision.Key == f.Provision.Key
                && o.Span.Contains(f.Span) && (o.Span != f.Span || string.CompareOrdinal(o.RuleId, f.RuleId) < 0)))
            .ToList();
    }

    /// <summary>A document's heading: "Service — document type (date)", or the file name when the service is unknown.</summary>
    public static string DocumentTitle(DocumentInfo info) =>
        info.Service.Length == 0
            ? Path.GetFileName(info.Path)
            : $"{DisplayNames.ServiceName(info.Service)} — {DisplayNames.DocTypeName(info.DocType)}" + (info.Date.Length > 0 ? $" ({info.Date})" : "");

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Document text must not turn into markup: escape what Markdown would interpret.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|' or '~') sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }
}
