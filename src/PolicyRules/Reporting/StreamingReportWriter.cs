using System.Text;
using System.Text.Json;
using PolicyRules.Analysis;
using PolicyRules.Binding;
using PolicyRules.Diagnostics;

namespace PolicyRules.Reporting;

/// <summary>
/// An <c>analyze</c> report written document by document, in the order the documents are added, so a
/// run over thousands of documents holds only the documents in flight, never the whole report. Each
/// format writes exactly what its whole-report writer (<see cref="JsonReportWriter.Write"/> and the
/// others) writes: those are this writer over a string.
/// </summary>
public abstract class StreamingReportWriter : IDisposable
{
    /// <summary>The formats <see cref="Create"/> knows, as <c>analyze --format</c> names them.</summary>
    public static readonly IReadOnlyList<string> Formats = ["text", "json", "sarif", "markdown", "html", "jsonl"];

    private bool _completed;

    /// <summary>The output the report is written to.</summary>
    protected TextWriter Output { get; }
    /// <summary>The rules the documents are analysed with (the Markdown and HTML areas and SARIF's rule table come from them).</summary>
    protected CompiledRuleSet Rules { get; }

    /// <summary>A writer that writes to <paramref name="output"/>, which the caller owns.</summary>
    protected StreamingReportWriter(TextWriter output, CompiledRuleSet rules)
    {
        Output = output;
        Rules = rules;
    }

    /// <summary>A writer for <paramref name="format"/> (one of <see cref="Formats"/>); SARIF names the tool's version as <paramref name="toolVersion"/>.</summary>
    public static StreamingReportWriter Create(string format, TextWriter output, CompiledRuleSet rules, string toolVersion = "1.0.0") => format switch
    {
        "json" => new JsonStreamingWriter(output, rules),
        "jsonl" => new JsonLinesStreamingWriter(output, rules),
        "sarif" => new SarifStreamingWriter(output, rules, toolVersion),
        "markdown" => new MarkdownStreamingWriter(output, rules),
        "html" => new HtmlStreamingWriter(output, rules),
        "text" => new TextStreamingWriter(output, rules),
        _ => throw new ArgumentException($"'{format}' is not a report format ({string.Join(", ", Formats)})", nameof(format)),
    };

    /// <summary>A whole report in <paramref name="format"/>, as one string.</summary>
    public static string Render(string format, AnalysisReport report, string toolVersion = "1.0.0") =>
        Render(output => Create(format, output, report.Rules, toolVersion), report);

    /// <summary>A whole report written by the writer <paramref name="create"/> makes over a string.</summary>
    internal static string Render(Func<TextWriter, StreamingReportWriter> create, AnalysisReport report)
    {
        var output = new StringWriter { NewLine = "\n" };
        using (var writer = create(output))
        {
            foreach (var document in report.Documents) writer.Add(document);
            writer.Complete();
        }
        return output.ToString();
    }

    /// <summary>Writes one document's part of the report and flushes it; the document can be dropped afterwards.</summary>
    public void Add(DocumentAnalysis document)
    {
        if (_completed) throw new InvalidOperationException("the report is already complete");
        WriteDocument(document);
        Output.Flush();
    }

    /// <summary>Writes the end of the report (totals, closing brackets) and flushes it. Call once, after the last document.</summary>
    public void Complete()
    {
        if (_completed) return;
        _completed = true;
        WriteEnd();
        Output.Flush();
    }

    /// <summary>Writes one document's part.</summary>
    protected abstract void WriteDocument(DocumentAnalysis document);
    /// <summary>Writes what follows the last document.</summary>
    protected abstract void WriteEnd();

    /// <summary>Releases what the writer holds (not the output, which the caller owns).</summary>
    public virtual void Dispose() => GC.SuppressFinalize(this);
}

/// <summary>
/// A JSON report written through one <see cref="Utf8JsonWriter"/> that stays open from the first
/// document to the last, flushed after each document (and every 64 KB inside a large one).
/// </summary>
internal abstract class JsonStreamingBase : StreamingReportWriter
{
    private readonly TextWriterStream _stream;
    protected Utf8JsonWriter Json { get; }

    protected JsonStreamingBase(TextWriter output, CompiledRuleSet rules) : base(output, rules)
    {
        _stream = new TextWriterStream(output);
        Json = new Utf8JsonWriter(_stream, JsonOutput.WriterOptions);
    }

    /// <summary>Flushes the JSON written so far once it passes 64 KB: a large document's findings go out in pieces.</summary>
    protected void FlushIfLarge()
    {
        if (Json.BytesPending >= JsonOutput.FlushBytes) Json.Flush();
    }

    public override void Dispose()
    {
        Json.Dispose();
        _stream.Dispose();
        base.Dispose();
    }
}

/// <summary><c>--format json</c>: <c>{"version": 1, "documents": [...]}</c>, one document at a time.</summary>
internal sealed class JsonStreamingWriter : JsonStreamingBase
{
    public JsonStreamingWriter(TextWriter output, CompiledRuleSet rules) : base(output, rules)
    {
        Json.WriteStartObject();
        Json.WriteNumber("version", 1);
        Json.WriteStartArray("documents");
    }

    protected override void WriteDocument(DocumentAnalysis document)
    {
        JsonReportWriter.WriteDocument(Json, document, FlushIfLarge);
        Json.Flush();
    }

    protected override void WriteEnd()
    {
        Json.WriteEndArray();
        Json.WriteEndObject();
        Json.Flush();
        Output.Write('\n');
    }
}

/// <summary><c>--format jsonl</c>: one single-line JSON object per document.</summary>
internal sealed class JsonLinesStreamingWriter(TextWriter output, CompiledRuleSet rules) : StreamingReportWriter(output, rules)
{
    protected override void WriteDocument(DocumentAnalysis document) => JsonReportWriter.WriteLine(Output, document);
    protected override void WriteEnd() { }
}

/// <summary>
/// <c>--format sarif</c>: the run's rules first, then each document's results as it comes; the
/// diagnostics, which SARIF puts after the results (<c>invocations</c>), are the only thing held.
/// </summary>
internal sealed class SarifStreamingWriter : JsonStreamingBase
{
    private readonly Dictionary<string, int> _ruleIndex;
    private readonly List<Diagnostic> _notifications = new();

    public SarifStreamingWriter(TextWriter output, CompiledRuleSet rules, string toolVersion) : base(output, rules)
    {
        _ruleIndex = SarifWriter.WriteStart(Json, rules, toolVersion);
    }

    protected override void WriteDocument(DocumentAnalysis document)
    {
        foreach (var finding in document.Findings)
        {
            SarifWriter.WriteResult(Json, document, finding, _ruleIndex);
            FlushIfLarge();
        }
        _notifications.AddRange(document.Diagnostics);
        Json.Flush();
    }

    protected override void WriteEnd()
    {
        SarifWriter.WriteEnd(Json, _notifications);
        Json.Flush();
        Output.Write('\n');
    }
}

/// <summary><c>--format markdown</c>: the heading, then each document's section.</summary>
internal sealed class MarkdownStreamingWriter : StreamingReportWriter
{
    // The report ends with exactly one line break: a section's trailing breaks wait until more text follows.
    private int _heldLineBreaks;

    public MarkdownStreamingWriter(TextWriter output, CompiledRuleSet rules) : base(output, rules)
    {
        Write(MarkdownReportWriter.Heading());
    }

    protected override void WriteDocument(DocumentAnalysis document)
    {
        var sb = new StringBuilder();
        MarkdownReportWriter.WriteDocument(sb, document, Rules);
        Write(sb.ToString());
    }

    protected override void WriteEnd() => Output.Write('\n');

    private void Write(string text)
    {
        var body = text.TrimEnd('\n');
        if (body.Length > 0)
        {
            Output.Write(new string('\n', _heldLineBreaks));
            Output.Write(body);
            _heldLineBreaks = 0;
        }
        _heldLineBreaks += text.Length - body.Length;
    }
}

/// <summary><c>--format html</c>: the page's head, a section per document, then the page's end (templates <c>html/report-*</c>).</summary>
internal sealed class HtmlStreamingWriter : StreamingReportWriter
{
    private int _count;

    public HtmlStreamingWriter(TextWriter output, CompiledRuleSet rules, string title = "PolicyRules report") : base(output, rules)
    {
        Output.Write(HtmlReportWriter.Head(title));
    }

    protected override void WriteDocument(DocumentAnalysis document) =>
        Output.Write(HtmlReportWriter.Section(document, Rules, $"d{_count++}"));

    protected override void WriteEnd() => Output.Write(HtmlReportWriter.Foot());
}

/// <summary><c>--format text</c>: compiler-style lines per document, then the totals.</summary>
internal sealed class TextStreamingWriter(TextWriter output, CompiledRuleSet rules) : StreamingReportWriter(output, rules)
{
    private int _documents, _findings, _suppressed, _failed;

    protected override void WriteDocument(DocumentAnalysis document)
    {
        var sb = new StringBuilder();
        TextReportWriter.WriteDocument(sb, document);
        Output.Write(sb.ToString());
        _documents++;
        foreach (var f in document.Findings)
            if (f.IsSuppressed) _suppressed++;
            else _findings++;
        if (document.Failed) _failed++;
    }

    protected override void WriteEnd() => Output.Write(TextReportWriter.Totals(_findings, _documents, _suppressed, _failed));
}
