using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PolicyRules.Documents;
using PolicyRules.Text;

namespace PolicyRules.Reporting;

/// <summary>One JSON style for every report: indented, readable Unicode, "\n" line ends.</summary>
internal static class JsonOutput
{
    /// <summary>A streamed JSON report is flushed once this much is pending, so a large document goes out in pieces.</summary>
    public const int FlushBytes = 1 << 16;

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

    /// <summary>
    /// Writes where a passage is, as every JSON report does: <c>start</c>/<c>length</c> in the source
    /// file as decoded (markup included: the offsets an editor counts, agreeing with line and column),
    /// then <c>textStart</c>/<c>textLength</c> in the document text as loaded. A prefix names a second
    /// range of the same object: <c>scopeStart</c>, <c>scopeLength</c>, <c>scopeTextStart</c>, <c>scopeTextLength</c>.
    /// </summary>
    internal static void WriteRange(Utf8JsonWriter json, TextSpan source, TextSpan text, string prefix = "")
    {
        json.WriteNumber(Named(prefix, "start", "Start"), source.Start);
        json.WriteNumber(Named(prefix, "length", "Length"), source.Length);
        json.WriteNumber(Named(prefix, "textStart", "TextStart"), text.Start);
        json.WriteNumber(Named(prefix, "textLength", "TextLength"), text.Length);
    }

    /// <summary>The range of a span of <paramref name="document"/>'s text, mapped to its source.</summary>
    internal static void WriteRange(Utf8JsonWriter json, PolicyDocument document, TextSpan text, string prefix = "") =>
        WriteRange(json, document.MapToOriginal(text), text, prefix);

    private static string Named(string prefix, string plain, string suffix) => prefix.Length == 0 ? plain : prefix + suffix;
}
