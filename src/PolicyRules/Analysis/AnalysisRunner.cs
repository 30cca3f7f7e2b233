using System.Security.Cryptography;
using PolicyRules.Binding;
using PolicyRules.Diagnostics;
using PolicyRules.Documents;
using PolicyRules.Matching;
using PolicyRules.Summaries;

namespace PolicyRules.Analysis;

/// <summary>Settings of one analysis run; every limit can be raised by the user.</summary>
public sealed record AnalysisOptions
{
    /// <summary>Severity settings; null discovers <c>.policyrules</c> files next to the documents.</summary>
    public SeverityConfiguration? Configuration { get; init; }
    /// <summary>Limits on running summary templates (loops, recursion, output, time).</summary>
    public TemplateLimits TemplateLimits { get; init; } = TemplateLimits.Default;
    /// <summary>Documents larger than this are refused with a clear error (default 200 MB).</summary>
    public long MaxDocumentBytes { get; init; } = 200L * 1024 * 1024;
    /// <summary>How the user of this run raises <see cref="MaxDocumentBytes"/>, said when a document is refused (a command line names its option).</summary>
    public string SizeLimitHint { get; init; } = "raise AnalysisOptions.MaxDocumentBytes";
    /// <summary>How many documents are analysed at once (default: one per processor).</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;
    /// <summary>Overrides for the service and document type read from the path.</summary>
    public string? Service { get; init; }
    /// <summary>Override for the document type read from the path (e.g. <c>privacy-policy</c>).</summary>
    public string? DocType { get; init; }
}

/// <summary>
/// The whole pipeline for a set of files: load, match, configure severities, render summaries.
/// Documents stream through (each is dropped once reported) and are analysed in parallel.
/// </summary>
public sealed class AnalysisRunner
{
    /// <summary>PR2101: a document over <see cref="AnalysisOptions.MaxDocumentBytes"/> was refused.</summary>
    public static readonly DiagnosticDescriptor TooLarge = new(
        "PR2101", "Document too large", "{0}: document is {1:N0} bytes; the limit is {2:N0} ({3})", "Documents", Severity.Error);

    private readonly Analyzer _analyzer;
    private readonly AnalysisOptions _options;
    private readonly SeverityConfiguration _configuration;

    /// <summary>A runner for a compiled rule set; <paramref name="rules"/> should have no errors (see <see cref="CompiledRuleSet.HasErrors"/>).</summary>
    public AnalysisRunner(CompiledRuleSet rules, AnalysisOptions? options = null)
    {
        _analyzer = new Analyzer(rules);
        _options = options ?? new AnalysisOptions();
        _configuration = _options.Configuration ?? SeverityConfiguration.Discover();
    }

    /// <summary>The rules every document is matched against.</summary>
    public CompiledRuleSet Rules => _analyzer.Rules;
    /// <summary>The matcher alone (no configuration, no summaries), e.g. for explaining a match.</summary>
    public Analyzer Analyzer => _analyzer;

    /// <summary>Analyses every file, in parallel, and returns the results in the files' order.</summary>
    public AnalysisReport Run(IReadOnlyList<string> files, Action<int>? progress = null) => new()
    {
        Rules = _analyzer.Rules,
        Documents = Stream(files, progress).ToList(),
    };

    /// <summary>Results in the files' order, each yielded as soon as it and all before it are done.</summary>
    public IEnumerable<DocumentAnalysis> Stream(IEnumerable<string> files, Action<int>? progress = null)
    {
        var window = Math.Max(1, _options.MaxParallelism) * 2;
        var pending = new Queue<Task<DocumentAnalysis>>();
        var done = 0;
        foreach (var file in files)
        {
            pending.Enqueue(Task.Run(() => AnalyzeFile(file)));
            if (pending.Count >= window)
            {
                yield return pending.Dequeue().Result;
                progress?.Invoke(++done);
            }
        }
        while (pending.Count > 0)
        {
            yield return pending.Dequeue().Result;
            progress?.Invoke(++done);
        }
    }

    /// <summary>Loads and analyses one file; a file that cannot be read becomes a result with an error diagnostic.</summary>
    public DocumentAnalysis AnalyzeFile(string path)
    {
        var info = DocumentInfo.FromPath(path, _options.Service, _options.DocType);
        byte[] bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > _options.MaxDocumentBytes)
                return Failed(info, new Diagnostic(TooLarge, Location.None(path), path, length, _options.MaxDocumentBytes, _options.SizeLimitHint));
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(info, new Diagnostic(DocumentDiagnostics.Unreadable, Location.None(path), path, e is FileNotFoundException ? "file not found" : e.Message));
        }
        return AnalyzeBytes(bytes, info);
    }

    /// <summary>Loads a file's bytes (format from <see cref="DocumentInfo.Path"/>'s extension, else sniffed) and analyses them; binary input becomes a failed result.</summary>
    public DocumentAnalysis AnalyzeBytes(byte[] bytes, DocumentInfo info)
    {
        var sha = Sha256Hex(bytes);
        PolicyDocument document;
        try
        {
            document = DocumentLoader.Load(bytes, info.Path);
        }
        catch (DocumentLoadException e)
        {
            return Failed(info, e.Diagnostic, sha);
        }
        return AnalyzeDocument(document, info, sha);
    }

    /// <summary>
    /// Loads text held in memory (format from <see cref="DocumentInfo.Path"/>'s extension, else sniffed) and
    /// analyses it. Never fails to load: any string is a document. Its hash is that of the text in UTF-8.
    /// </summary>
    public DocumentAnalysis AnalyzeText(string text, DocumentInfo info)
    {
        ArgumentNullException.ThrowIfNull(text);
        return AnalyzeDocument(DocumentLoader.Parse(text, info.Path), info, Sha256Hex(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    private static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Matches a loaded document, applies severity configuration (only for documents on disk) and renders summaries.</summary>
    public DocumentAnalysis AnalyzeDocument(PolicyDocument document, DocumentInfo info, string sha256 = "")
    {
        var diagnostics = new List<Diagnostic>(document.Diagnostics);
        var findings = _analyzer.Analyze(document).ToList();
        var configured = new List<Finding>(findings.Count);
        // Configuration files are found beside the document on disk; text analysed from memory has none.
        var onDisk = findings.Count > 0 && File.Exists(info.Path);
        foreach (var finding in findings)
        {
            var severity = onDisk ? _configuration.SeverityFor(finding, info.Path) : finding.Rule.Severity;
            var f = severity == finding.Severity ? finding : Configure(finding, severity);
            f.Summary = SummaryRenderer.Render(f, info, diagnostics, _options.TemplateLimits);
            configured.Add(f);
        }
        diagnostics.AddRange(_configuration.Diagnostics.Where(d => !diagnostics.Contains(d)));
        return new DocumentAnalysis { Info = info, Sha256 = sha256, Document = document, Findings = configured, Diagnostics = diagnostics };
    }

    private static Finding Configure(Finding f, Severity severity) => new()
    {
        Rule = f.Rule, Severity = severity, Span = f.Span, Excerpt = f.Excerpt, Location = f.Location,
        Section = f.Section, Captures = f.Captures, Mentions = f.Mentions, Carveouts = f.Carveouts,
    };

    private static DocumentAnalysis Failed(DocumentInfo info, Diagnostic diagnostic, string sha = "") => new()
    {
        Info = info, Sha256 = sha, Document = null, Findings = Array.Empty<Finding>(), Diagnostics = new[] { diagnostic },
    };
}
