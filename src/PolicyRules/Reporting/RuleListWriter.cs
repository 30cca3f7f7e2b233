using PolicyRules.Binding;
using PolicyRules.Diagnostics;

namespace PolicyRules.Reporting;

/// <summary><c>rules --format json</c>: <c>{"rules":[{"id","title","provision","category","severity","scope","examples","counters","file","line"}]}</c>.</summary>
public static class RuleListWriter
{
    /// <summary>The rules as JSON.</summary>
    public static string ToJson(IEnumerable<CompiledRule> rules)
    {
        return JsonOutput.Render(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("rules");
            foreach (var rule in rules)
            {
                json.WriteStartObject();
                json.WriteString("id", rule.Id);
                json.WriteString("title", rule.Title);
                json.WriteString("provision", rule.Provision.Key);
                json.WriteString("category", rule.Category);
                json.WriteString("severity", rule.Severity.ToName());
                json.WriteString("scope", rule.Scope.ToString().ToLowerInvariant());
                json.WriteNumber("examples", rule.Examples.Count);
                json.WriteNumber("counters", rule.Counters.Count);
                json.WriteString("file", rule.File);
                json.WriteNumber("line", rule.Line);
                json.WriteStartArray("refs");
                foreach (var r in rule.References) json.WriteStringValue(r);
                json.WriteEndArray();
                json.WriteString("help", rule.Help);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}
