using PolicyRules.Binding;
using PolicyRules.Diagnostics;
using PolicyRules.Matching;

namespace PolicyRules.Summaries;

/// <summary>
/// Turns a finding into its plain-language summary: the rule's Scriban template with the finding as
/// its model, or a neutral default built from the taxonomy when the rule has none.
/// </summary>
public static class SummaryRenderer
{
    /// <summary>PR1135: a summary template failed on a finding; the default summary is used instead.</summary>
    public static readonly DiagnosticDescriptor TemplateFailed = new(
        "PR1135", "Template failed on a finding", "summary template of rule '{0}' failed: {1}", "Summaries", Severity.Warning);

    /// <summary>Renders the summary; a template that fails is reported and the default summary used instead.</summary>
    public static string Render(Finding finding, DocumentInfo info, ICollection<Diagnostic>? diagnostics = null, TemplateLimits? limits = null)
    {
        var template = finding.Rule.Summary;
        if (template is null) return DefaultSummary(finding, info);
        try
        {
            return Tidy(template.Render(Model(finding, info), limits));
        }
        catch (SummaryRenderException e)
        {
            diagnostics?.Add(new Diagnostic(TemplateFailed, e.Location, finding.RuleId, e.Message));
            return DefaultSummary(finding, info);
        }
    }

    /// <summary>The model a template sees (snake_case names, captures as lists of strings).</summary>
    public static Dictionary<string, object?> Model(Finding finding, DocumentInfo info)
    {
        var captures = finding.Captures.ToDictionary(kv => kv.Key, kv => (object?)kv.Value.ToArray(), StringComparer.Ordinal);
        var model = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["service"] = DisplayNames.ServiceName(info.Service),
            ["doc_type"] = DisplayNames.DocTypeName(info.DocType),
            ["date"] = info.Date,
            ["path"] = info.Path,
            ["title"] = finding.Title,
            ["rule_id"] = finding.RuleId,
            ["provision"] = finding.Provision.Key,
            ["provision_title"] = finding.Provision.Title,
            ["category"] = finding.Category,
            ["severity"] = finding.Severity.ToName(),
            ["excerpt"] = finding.Excerpt,
            ["section"] = finding.Section.ToArray(),
            ["captures"] = captures,
        };
        foreach (var (name, value) in captures) model[name] = value;
        return model;
    }

    /// <summary>A neutral sentence from the taxonomy: what the document says, with any captured specifics.</summary>
    public static string DefaultSummary(Finding finding, DocumentInfo info)
    {
        var subject = info.Service.Length > 0 ? $"The {DisplayNames.DocTypeName(info.DocType)} of {DisplayNames.ServiceName(info.Service)}" : "The document";
        var specifics = finding.Captures.Where(kv => kv.Value.Count > 0)
            .Select(kv => $"{kv.Key.Replace('_', ' ')}: {string.Join("; ", kv.Value)}").ToList();
        var text = $"{subject} states that {finding.Provision.Description}.";
        return specifics.Count == 0 ? text : $"{text} ({string.Join(". ", specifics)})";
    }

    /// <summary>Templates often leave doubled spaces or blank lines; summaries are one paragraph.</summary>
    private static string Tidy(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
