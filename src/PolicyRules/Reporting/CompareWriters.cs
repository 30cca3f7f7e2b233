using System.Globalization;
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
    /// <summary>The comparison as a standalone HTML page (template <c>html/compare</c>).</summary>
    public static string Write(Comparison comparison) =>
        HtmlTemplates.Render("html/compare", new Dictionary<string, object?>
        {
            ["style"] = new RawHtml(HtmlReportWriter.Style),
            ["platforms"] = comparison.Services.Count,
            ["disclaimer"] = DisplayNames.Disclaimer,
            ["provisions"] = comparison.Provisions.Select(p => new
            {
                title = p.Provision.Title,
                key = p.Provision.Key,
                @checked = p.Checked,
                not_checked = CompareText.NotChecked,
                across = CompareText.Across(p.ServiceCount, comparison.Services.Count),
                columns = p.CaptureNames.Select(n => n.Replace('_', ' ')).ToList(),
                entries = p.Entries.Select(e => new
                {
                    platform = DisplayNames.ServiceName(e.Document.Service),
                    document = CompareText.DocumentLabel(e.Document),
                    cells = p.CaptureNames.Select(n => e.Captures.TryGetValue(n, out var t) ? string.Join(", ", t) : "").ToList(),
                    excerpt = e.Excerpt,
                }).ToList(),
            }).ToList(),
        });
}
