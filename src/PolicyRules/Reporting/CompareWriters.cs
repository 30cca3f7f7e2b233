using System.Globalization;
using System.Net;
using System.Text;
using PolicyRules.Diagnostics;
using PolicyRules.Summaries;
using PolicyRules.Compare;

namespace PolicyRules.Reporting;

/// <summary>
/// <c>compare --format json</c> (docs/contracts.md): <c>{"services":[slug…],"provisions":[{"provision",
/// "title","services":[{"service","docType","date","excerpt","captures"}]}]}</c>. Fields beyond the
/// contract (version, documents, area, checked, found, path, ruleIds, severity, summary) are additions.
/// </summary>
public static class CompareJsonWriter
{
    /// <summary>The comparison as JSON.</summary>
    public static string Write(Comparison comparison)
    {
        return JsonOutput.Render(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteStartArray("services");
            foreach (var service in comparison.Services) json.WriteStringValue(service.Slug);
            json.WriteEndArray();
            json.WriteStartArray("documents");
            foreach (var d in comparison.Documents)
            {
                json.WriteStartObject();
                json.WriteString("service", d.Service);
                json.WriteString("docType", d.DocType);
                json.WriteString("date", d.Date);
                json.WriteString("path", d.Path);
                json.WriteString("sha256", d.Analysis.Sha256);
                json.WriteNumber("olderVersions", d.OlderVersions);
                if (d.Analysis.Failed)
                {
                    json.WriteStartArray("diagnostics");
                    foreach (var diagnostic in d.Analysis.Diagnostics) JsonReportWriter.WriteDiagnostic(json, diagnostic);
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("provisions");
            foreach (var p in comparison.Provisions)
            {
                json.WriteStartObject();
                json.WriteString("provision", p.Provision.Key);
                json.WriteString("title", p.Provision.Title);
                json.WriteString("area", p.Provision.Area);
                json.WriteBoolean("checked", p.Checked);
                json.WriteNumber("found", p.ServiceCount);
                json.WriteNumber("of", comparison.Services.Count);
                json.WriteStartArray("services");
                foreach (var e in p.Entries)
                {
                    json.WriteStartObject();
                    json.WriteString("service", e.Document.Service);
                    json.WriteString("docType", e.Document.DocType);
                    json.WriteString("date", e.Document.Date);
                    json.WriteString("excerpt", e.Excerpt);
                    JsonOutput.WriteCaptures(json, e.Captures);
                    json.WriteString("path", e.Document.Path);
                    json.WriteStartArray("ruleIds");
                    foreach (var id in e.RuleIds) json.WriteStringValue(id);
                    json.WriteEndArray();
                    json.WriteString("severity", e.Severity.ToName());
                    json.WriteNumber("findings", e.Findings.Count);
                    json.WriteString("summary", e.Summary);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}

/// <summary>Shared wording of the comparison writers.</summary>
internal static class CompareText
{
    public static string Across(int found, int of) =>
        string.Create(CultureInfo.InvariantCulture, $"identified across {found} of {of} platform{(of == 1 ? "" : "s")}");

    public const string NotChecked = "not checked: no loaded rule looks for this provision";

    /// <summary>"privacy policy, 2026-06-08".</summary>
    public static string DocumentLabel(ComparedDocument d) =>
        DisplayNames.DocTypeName(d.DocType) + (d.Date.Length > 0 ? ", " + d.Date : "");

    public static string Captures(IReadOnlyDictionary<string, IReadOnlyList<string>> captures) =>
        string.Join("; ", captures.Select(kv => $"{kv.Key.Replace('_', ' ')}: {string.Join(", ", kv.Value)}"));

    /// <summary>One line, whitespace runs collapsed, cut at a word boundary.</summary>
    public static string Clip(string text, int max)
    {
        var one = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (one.Length <= max) return one;
        var cut = one.LastIndexOf(' ', max - 1);
        return (cut > max / 2 ? one[..cut] : one[..(max - 1)]) + "…";
    }
}

/// <summary><c>compare --format text</c>: one block per provision, the platforms where it was found indented below.</summary>
internal static class CompareTextWriter
{
    public static string Write(Comparison comparison)
    {
        var sb = new StringBuilder();
        var m = comparison.Services.Count;
        sb.Append(CultureInfo.InvariantCulture, $"{m} platform{(m == 1 ? "" : "s")}, {comparison.Documents.Count} document{(comparison.Documents.Count == 1 ? "" : "s")} (newest versions)\n");
        foreach (var d in comparison.Documents.Where(d => d.Analysis.Failed))
            foreach (var diagnostic in d.Analysis.Diagnostics) sb.Append("  ! ").Append(diagnostic).Append('\n');
        foreach (var p in comparison.Provisions)
        {
            sb.Append('\n').Append(p.Provision.Key).Append(" — ").Append(p.Provision.Title).Append(": ");
            sb.Append(p.Checked ? CompareText.Across(p.ServiceCount, m) : CompareText.NotChecked).Append('\n');
            foreach (var e in p.Entries)
            {
                sb.Append("  ").Append(DisplayNames.ServiceName(e.Document.Service)).Append(" (").Append(CompareText.DocumentLabel(e.Document)).Append(")");
                if (e.Captures.Count > 0) sb.Append(" [").Append(CompareText.Captures(e.Captures)).Append(']');
                sb.Append('\n');
                sb.Append("    \"").Append(CompareText.Clip(e.Excerpt, 240)).Append("\"\n");
            }
        }
        return sb.ToString();
    }
}

/// <summary><c>compare --format markdown</c>: a heading per provision and a side-by-side table of platforms, captures and excerpts.</summary>
public static class CompareMarkdownWriter
{
    /// <summary>The comparison as a Markdown document.</summary>
    public static string Write(Comparison comparison)
    {
        var sb = new StringBuilder();
        var m = comparison.Services.Count;
        sb.Append("# How ").Append(m.ToString(CultureInfo.InvariantCulture)).Append(" platforms handle each provision\n\n");
        sb.Append("> ").Append(DisplayNames.Disclaimer).Append("\n\n");
        foreach (var p in comparison.Provisions)
        {
            sb.Append("## ").Append(MarkdownReportWriter.Escape(p.Provision.Title)).Append(" (`").Append(p.Provision.Key).Append("`)\n\n");
            if (!p.Checked) { sb.Append('_').Append(CompareText.NotChecked).Append("_\n\n"); continue; }
            sb.Append(char.ToUpperInvariant(CompareText.Across(p.ServiceCount, m)[0])).Append(CompareText.Across(p.ServiceCount, m)[1..]).Append(".\n\n");
            if (p.Entries.Count == 0) continue;
            var names = p.CaptureNames;
            sb.Append("| Platform | Document |");
            foreach (var n in names) sb.Append(' ').Append(Cell(n.Replace('_', ' '))).Append(" |");
            sb.Append(" Excerpt |\n|---|---|");
            foreach (var _ in names) sb.Append("---|");
            sb.Append("---|\n");
            foreach (var e in p.Entries)
            {
                sb.Append("| ").Append(Cell(DisplayNames.ServiceName(e.Document.Service))).Append(" | ").Append(Cell(CompareText.DocumentLabel(e.Document))).Append(" |");
                foreach (var n in names) sb.Append(' ').Append(e.Captures.TryGetValue(n, out var t) ? Cell(string.Join(", ", t)) : "").Append(" |");
                sb.Append(' ').Append(Cell(CompareText.Clip(e.Excerpt, 300))).Append(" |\n");
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Document text in a table cell: Markdown escaped, pipes escaped, one line.</summary>
    private static string Cell(string text) => MarkdownReportWriter.Escape(CompareText.Clip(text, 10_000)).Replace("|", "\\|");
}

/// <summary><c>compare --format html</c>: one standalone page, the same tables as Markdown; every document character escaped.</summary>
public static class CompareHtmlWriter
{
    /// <summary>The comparison as a standalone HTML page.</summary>
    public static string Write(Comparison comparison)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder();
        var m = comparison.Services.Count;
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        sb.Append("<title>Provision comparison</title>\n<style>\n").Append(HtmlReportWriter.Style)
          .Append("\ntable{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border:1px solid #dde3ea;padding:.35rem .5rem;vertical-align:top;text-align:left}.wrap{overflow-x:auto}\n</style>\n</head>\n<body>\n");
        sb.Append("<h1>How ").Append(m).Append(" platforms handle each provision</h1>\n");
        sb.Append("<p class=\"disclaimer\">").Append(E(DisplayNames.Disclaimer)).Append("</p>\n");
        foreach (var p in comparison.Provisions)
        {
            sb.Append("<h2>").Append(E(p.Provision.Title)).Append(" <code>").Append(E(p.Provision.Key)).Append("</code></h2>\n");
            if (!p.Checked) { sb.Append("<p class=\"none\">").Append(E(CompareText.NotChecked)).Append("</p>\n"); continue; }
            sb.Append("<p>").Append(E(CompareText.Across(p.ServiceCount, m))).Append("</p>\n");
            if (p.Entries.Count == 0) continue;
            var names = p.CaptureNames;
            sb.Append("<div class=\"wrap\"><table><thead><tr><th>Platform</th><th>Document</th>");
            foreach (var n in names) sb.Append("<th>").Append(E(n.Replace('_', ' '))).Append("</th>");
            sb.Append("<th>Excerpt</th></tr></thead><tbody>\n");
            foreach (var e in p.Entries)
            {
                sb.Append("<tr><td>").Append(E(DisplayNames.ServiceName(e.Document.Service))).Append("</td><td>").Append(E(CompareText.DocumentLabel(e.Document))).Append("</td>");
                foreach (var n in names) sb.Append("<td>").Append(e.Captures.TryGetValue(n, out var t) ? E(string.Join(", ", t)) : "").Append("</td>");
                sb.Append("<td>").Append(E(e.Excerpt)).Append("</td></tr>\n");
            }
            sb.Append("</tbody></table></div>\n");
        }
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }
}
