using System.Text.Json;
using PolicyRules.Binding;
using PolicyRules.Diagnostics;
using PolicyRules.Matching;
using PolicyRules.Analysis;

namespace PolicyRules.Reporting;

/// <summary>SARIF 2.1.0 as Roslyn writes it: one run, rules from the descriptors, results with regions; suppressed findings carry <c>suppressions</c>.</summary>
public static class SarifWriter
{
    /// <summary>The report as a SARIF 2.1.0 log; <paramref name="toolVersion"/> is written as the driver's version.</summary>
    public static string Write(AnalysisReport report, string toolVersion) => StreamingReportWriter.Render("sarif", report, toolVersion);

    /// <summary>Writes the log up to its results array (the run's tool and rules) and returns each rule's index in it.</summary>
    internal static Dictionary<string, int> WriteStart(Utf8JsonWriter json, CompiledRuleSet ruleSet, string toolVersion)
    {
        var rules = ruleSet.Rules.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var index = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        json.WriteStartObject();
        json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();

        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "PolicyRules");
        json.WriteString("version", toolVersion);
        json.WriteString("semanticVersion", toolVersion);
        json.WriteStartArray("rules");
        foreach (var rule in rules) WriteRule(json, rule);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteString("columnKind", "utf16CodeUnits");

        json.WriteStartArray("results");
        return index;
    }

    /// <summary>Writes one finding of <paramref name="document"/> as a result.</summary>
    internal static void WriteResult(Utf8JsonWriter json, DocumentAnalysis document, Finding finding, IReadOnlyDictionary<string, int> index)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        json.WriteNumber("ruleIndex", index[finding.RuleId]);
        json.WriteString("level", Level(finding.IsSuppressed ? finding.Rule.Severity : finding.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", finding.Summary is { Length: > 0 } s ? $"{finding.Title}: {s}" : finding.Title);
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        WriteArtifact(json, document.Info.Path);
        json.WriteStartObject("region");
        json.WriteNumber("startLine", finding.Location.Start.Line);
        json.WriteNumber("startColumn", finding.Location.Start.Column);
        json.WriteNumber("endLine", finding.Location.End.Line);
        json.WriteNumber("endColumn", finding.Location.End.Column);
        // In the artifact as decoded, like the lines and columns (SARIF 3.30.5); the snippet is the clean quote.
        json.WriteNumber("charOffset", finding.SourceSpan.Start);
        json.WriteNumber("charLength", finding.SourceSpan.Length);
        json.WriteStartObject("snippet");
        json.WriteString("text", finding.Excerpt);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        if (finding.IsSuppressed)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "external");
            json.WriteString("justification", "severity set to none in configuration");
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteStartObject("properties");
        json.WriteString("provision", finding.Provision.Key);
        json.WriteString("category", finding.Category);
        json.WriteString("severity", finding.IsSuppressed ? "none" : finding.Severity.ToName());
        json.WriteStartArray("section");
        foreach (var h in finding.Section) json.WriteStringValue(h);
        json.WriteEndArray();
        JsonOutput.WriteCaptures(json, finding.Captures);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Closes the results and writes the invocation with the documents' diagnostics as notifications, closing the log.</summary>
    internal static void WriteEnd(Utf8JsonWriter json, IReadOnlyList<Diagnostic> notifications)
    {
        json.WriteEndArray();

        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", !notifications.Any(n => n.IsError));
        json.WriteStartArray("toolExecutionNotifications");
        foreach (var n in notifications)
        {
            json.WriteStartObject();
            json.WriteStartObject("descriptor");
            json.WriteString("id", n.Id);
            json.WriteEndObject();
            json.WriteString("level", n.IsError ? "error" : "warning");
            json.WriteStartObject("message");
            json.WriteString("text", n.Message);
            json.WriteEndObject();
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            WriteArtifact(json, n.Location.Path);
            if (n.Location.HasPosition)
            {
                json.WriteStartObject("region");
                json.WriteNumber("startLine", n.Location.Start.Line);
                json.WriteNumber("startColumn", n.Location.Start.Column);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter json, CompiledRule rule)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("name", PascalCase(rule.Title));
        json.WriteStartObject("shortDescription");
        json.WriteString("text", rule.Title);
        json.WriteEndObject();
        json.WriteStartObject("fullDescription");
        json.WriteString("text", rule.Help.Length > 0 ? rule.Help : rule.Provision.Description);
        json.WriteEndObject();
        json.WriteStartObject("help");
        json.WriteString("text", (rule.Help.Length > 0 ? rule.Help + " " : "") + $"Provision {rule.Provision.Key}: {rule.Provision.Description}."
                                 + (rule.References.Count > 0 ? " References: " + string.Join("; ", rule.References) + "." : ""));
        json.WriteEndObject();
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", Level(rule.Severity));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteString("category", rule.Category);
        json.WriteString("provision", rule.Provision.Key);
        json.WriteStartArray("tags");
        json.WriteStringValue(rule.Category);
        foreach (var r in rule.References) json.WriteStringValue(r);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteArtifact(Utf8JsonWriter json, string path)
    {
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", ToUri(path));
        json.WriteEndObject();
    }

    /// <summary>SARIF levels: notice and info both read as "note".</summary>
    public static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.None => "none",
        _ => "note",
    };

    /// <summary>An absolute path as a file:// URI (SARIF1004); a relative one as a relative reference with percent-escapes.</summary>
    private static string ToUri(string path)
    {
        var forward = path.Replace('\\', '/');
        if (Path.IsPathRooted(path)) return new Uri(Path.GetFullPath(path)).AbsoluteUri;
        return string.Join('/', forward.Split('/').Select(Uri.EscapeDataString));
    }

    private static string PascalCase(string title) =>
        string.Concat(title.Split(new[] { ' ', '-', '/', '(', ')', ',' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}
