using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
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

/// <summary>One JSON style for every report: indented, readable Unicode, "\n" line ends.</summary>
internal static class JsonOutput
{
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    /// <summary>Writes one JSON document in the common style and returns it with a final line break.</summary>
    public static string Render(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, WriterOptions)) write(json);
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Writes <c>"captures": {name: [text…]}</c> with names in ordinal order, as every report does.</summary>
    public static void WriteCaptures<T>(Utf8JsonWriter json, IEnumerable<KeyValuePair<string, T>> captures, string property = "captures")
        where T : IEnumerable<string>
    {
        json.WriteStartObject(property);
        foreach (var (name, texts) in captures.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            json.WriteStartArray(name);
            foreach (var text in texts) json.WriteStringValue(text);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }
}
