using System.Text;
using PolicyRules.Diagnostics;
using PolicyRules.Analysis;

namespace PolicyRules.Reporting;

/// <summary>Compiler style: <c>path(line,col): warning TRN003: title</c>, the summary indented below it.</summary>
public static class TextReportWriter
{
    /// <summary>The report as text, one finding per compiler-style line.</summary>
    public static string Write(AnalysisReport report) => StreamingReportWriter.Render("text", report);

    /// <summary>The closing line: how many findings in how many documents, suppressed and unreadable ones named.</summary>
    internal static string Totals(int findings, int documents, int suppressed, int failed)
    {
        var sb = new StringBuilder();
        sb.Append($"{Plural(findings, "finding")} in {Plural(documents, "document")}");
        if (suppressed > 0) sb.Append($" ({suppressed} suppressed)");
        if (failed > 0) sb.Append($"; {Plural(failed, "document")} could not be read");
        sb.Append(".\n");
        return sb.ToString();
    }

    /// <summary>Appends one document's findings and diagnostics.</summary>
    public static void WriteDocument(StringBuilder sb, DocumentAnalysis document)
    {
        foreach (var diagnostic in document.Diagnostics) sb.Append(diagnostic).Append('\n');
        foreach (var finding in document.Findings)
        {
            if (finding.IsSuppressed) continue;
            sb.Append($"{document.Info.Path}({finding.Location.Start.Line},{finding.Location.Start.Column}): {finding.Severity.ToName()} {finding.RuleId}: {finding.Title}\n");
            if (finding.Summary is { Length: > 0 } summary) sb.Append("    ").Append(summary).Append('\n');
        }
    }

    private static string Plural(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
