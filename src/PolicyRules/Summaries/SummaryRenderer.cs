using System.Globalization;
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

    /// <summary>The disclaimer every report carries, in the project's own words.</summary>
    public const string Disclaimer =
        "This summary describes what the document states, permits or reserves, as found by automated rules. " +
        "It is not legal advice and not a determination of whether any term is enforceable; check the quoted text.";

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
            ["service"] = ServiceName(info.Service),
            ["doc_type"] = DocTypeName(info.DocType),
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
        var subject = info.Service.Length > 0 ? $"The {DocTypeName(info.DocType)} of {ServiceName(info.Service)}" : "The document";
        var specifics = finding.Captures.Where(kv => kv.Value.Count > 0)
            .Select(kv => $"{kv.Key.Replace('_', ' ')}: {string.Join("; ", kv.Value)}").ToList();
        var text = $"{subject} states that {finding.Provision.Description}.";
        return specifics.Count == 0 ? text : $"{text} ({string.Join(". ", specifics)})";
    }

    /// <summary>"anthropic-claude" → "Anthropic Claude"; an empty slug stays empty.</summary>
    public static string ServiceName(string slug) =>
        string.Join(' ', slug.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(w => BrandSpelling.TryGetValue(w, out var b) ? b : Capitalize(w)));

    // Words of service slugs that are not spelt with one capital.
    private static readonly Dictionary<string, string> BrandSpelling = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ai"] = "AI", ["api"] = "API", ["openai"] = "OpenAI", ["chatgpt"] = "ChatGPT", ["xai"] = "xAI", ["github"] = "GitHub",
        ["linkedin"] = "LinkedIn", ["deepseek"] = "DeepSeek", ["openrouter"] = "OpenRouter", ["civitai"] = "Civitai",
    };

    /// <summary>"privacy-policy" → "privacy policy"; "terms-of-service-eu" → "terms of service (EU)".</summary>
    public static string DocTypeName(string slug)
    {
        if (slug.Length == 0) return "document";
        var eu = slug.EndsWith("-eu", StringComparison.Ordinal);
        var name = (eu ? slug[..^3] : slug).Replace('-', ' ');
        return eu ? name + " (EU)" : name;
    }

    private static string Capitalize(string word) =>
        word.Length == 0 ? word : char.ToUpper(word[0], CultureInfo.InvariantCulture) + word[1..];

    /// <summary>Templates often leave doubled spaces or blank lines; summaries are one paragraph.</summary>
    private static string Tidy(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
