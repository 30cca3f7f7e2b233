using System.Text.Json;
using PolicyRules.Diagnostics;
using PolicyRules.Matching;
using PolicyRules.Analysis;

namespace PolicyRules.Reporting;

/// <summary>
/// <c>analyze --format json</c> (docs/contracts.md). <c>start</c>/<c>length</c> are offsets into the
/// source file as decoded, as are the 1-based lines and columns; <c>textStart</c>/<c>textLength</c>
/// locate the same passage in the document text as loaded, where <c>excerpt</c> comes from.
/// Fields beyond the contract (date, suppressed, carveouts, text offsets) are additions, never renames.
/// </summary>
public static class JsonReportWriter
{
    /// <summary>The report as one JSON document (<c>analyze --format json</c>).</summary>
    public static string Write(AnalysisReport report) => StreamingReportWriter.Render("json", report);

    /// <summary>
    /// Writes one document as a single-line JSON object and a line break, in pieces as it goes: the
    /// line of a 100 MB policy is itself ~170 MB, and building it as one string first tripled that.
    /// </summary>
    public static void WriteLine(TextWriter output, DocumentAnalysis document)
    {
        using (var stream = new TextWriterStream(output))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JsonOutput.WriterOptions.Encoder }))
            WriteDocument(json, document, () => { if (json.BytesPending >= JsonOutput.FlushBytes) json.Flush(); });
        output.Write('\n');
    }

    /// <summary>Writes one document's object: its info, findings and diagnostics.</summary>
    public static void WriteDocument(Utf8JsonWriter json, DocumentAnalysis document) => WriteDocument(json, document, null);

    /// <summary>Writes one document's object, calling <paramref name="afterFinding"/> after each finding (a streaming writer flushes there).</summary>
    internal static void WriteDocument(Utf8JsonWriter json, DocumentAnalysis document, Action? afterFinding)
    {
        json.WriteStartObject();
        json.WriteString("path", document.Info.Path);
        json.WriteString("service", document.Info.Service);
        json.WriteString("docType", document.Info.DocType);
        json.WriteString("date", document.Info.Date);
        json.WriteString("sha256", document.Sha256);
        json.WriteStartArray("findings");
        foreach (var finding in document.Findings)
        {
            WriteFinding(json, finding);
            afterFinding?.Invoke();
        }
        json.WriteEndArray();
        json.WriteStartArray("diagnostics");
        foreach (var diagnostic in document.Diagnostics) WriteDiagnostic(json, diagnostic);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes one finding's object: rule, provision, severity, location, excerpt, captures, summary.</summary>
    public static void WriteFinding(Utf8JsonWriter json, Finding finding)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        json.WriteString("provision", finding.Provision.Key);
        json.WriteString("category", finding.Category);
        json.WriteString("severity", finding.Severity.ToName());
        json.WriteString("title", finding.Title);
        json.WriteStartObject("location");
        JsonOutput.WriteRange(json, finding.SourceSpan, finding.Span);
        json.WriteNumber("startLine", finding.Location.Start.Line);
        json.WriteNumber("startColumn", finding.Location.Start.Column);
        json.WriteNumber("endLine", finding.Location.End.Line);
        json.WriteNumber("endColumn", finding.Location.End.Column);
        json.WriteEndObject();
        json.WriteStartArray("section");
        foreach (var heading in finding.Section) json.WriteStringValue(heading);
        json.WriteEndArray();
        json.WriteString("excerpt", finding.Excerpt);
        JsonOutput.WriteCaptures(json, finding.Captures);
        json.WriteString("summary", finding.Summary ?? "");
        if (finding.Carveouts.Count > 0)
        {
            json.WriteStartArray("carveouts");
            foreach (var c in finding.Carveouts)
            {
                json.WriteStartObject();
                json.WriteString("cue", c.CueText);
                JsonOutput.WriteRange(json, c.SourceCue, c.Cue);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        if (finding.IsSuppressed) json.WriteBoolean("suppressed", true);
        json.WriteEndObject();
    }

    /// <summary>Writes one diagnostic's object: id, severity, message and location.</summary>
    public static void WriteDiagnostic(Utf8JsonWriter json, Diagnostic diagnostic)
    {
        json.WriteStartObject();
        json.WriteString("id", diagnostic.Id);
        json.WriteString("severity", diagnostic.Severity.ToName());
        json.WriteString("message", diagnostic.Message);
        json.WriteString("path", diagnostic.Location.Path);
        if (diagnostic.Location.HasPosition)
        {
            json.WriteNumber("line", diagnostic.Location.Start.Line);
            json.WriteNumber("column", diagnostic.Location.Start.Column);
        }
        json.WriteEndObject();
    }
}
