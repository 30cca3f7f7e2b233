using PolicyRules.Binding;
using PolicyRules.Diagnostics;
using PolicyRules.Matching;
using PolicyRules.Analysis;

namespace PolicyRules;

/// <summary>
/// The library's entry point: a compiled rule set, ready to analyse documents held in memory, files
/// or folders. Each result lists the provisions found (<see cref="DocumentAnalysis.Findings"/>), each
/// with its exact quote, location and plain-language summary. Thread-safe; build one and reuse it,
/// since compiling the rules is the expensive part.
/// </summary>
/// <example>
/// <code>
/// var analyzer = PolicyAnalyzer.StandardPack();
/// var result = analyzer.AnalyzeText("We may use your content to train our models.", "policy.txt");
/// foreach (var finding in result.Findings)
///     Console.WriteLine($"{finding.Provision.Key}: {finding.Summary}");
/// </code>
/// </example>
public sealed class PolicyAnalyzer
{
    private readonly AnalysisRunner _runner;

    /// <summary>An analyzer for rules compiled with <see cref="RuleCompiler"/>.</summary>
    /// <exception cref="RuleCompilationException">The rules have errors.</exception>
    public PolicyAnalyzer(CompiledRuleSet rules, AnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.HasErrors) throw new RuleCompilationException(rules.Diagnostics.Where(d => d.IsError).ToList());
        _runner = new AnalysisRunner(rules, options);
    }

    /// <summary>An analyzer with the standard rule pack embedded in the library (every provision of the taxonomy).</summary>
    public static PolicyAnalyzer StandardPack(AnalysisOptions? options = null) => Load(null, includeStandardPack: true, options);

    /// <summary>An analyzer with the rule files and folders given, added to the standard pack unless <paramref name="includeStandardPack"/> is false.</summary>
    /// <exception cref="FileNotFoundException">A rule path does not exist.</exception>
    /// <exception cref="RuleCompilationException">The rules have errors.</exception>
    public static PolicyAnalyzer Load(IEnumerable<string>? rulePaths, bool includeStandardPack = true, AnalysisOptions? options = null) =>
        new(RuleCompiler.Load(rulePaths, includeStandardPack), options);

    /// <summary>The compiled rules, with any warnings the compiler reported.</summary>
    public CompiledRuleSet Rules => _runner.Rules;

    /// <summary>
    /// Analyses a document held in memory. <paramref name="name"/> is not read: its extension picks the
    /// format (<c>.md</c>, <c>.html</c>, <c>.txt</c>; otherwise the content is sniffed), and a
    /// <c>SERVICE/DOC-TYPE/YYYY-MM-DD.ext</c> name gives the service, type and date that summaries mention.
    /// </summary>
    public DocumentAnalysis AnalyzeText(string text, string name = "document.txt") =>
        _runner.AnalyzeText(text, DocumentInfo.FromPath(name));

    /// <summary>Analyses one file. A file that cannot be read gives a result with <see cref="DocumentAnalysis.Failed"/> set and the reason in its diagnostics.</summary>
    public DocumentAnalysis AnalyzeFile(string path) => _runner.AnalyzeFile(path);

    /// <summary>Analyses files, and the documents (.md, .markdown, .html, .htm, .txt) below folders, in parallel; results in path order.</summary>
    /// <exception cref="FileNotFoundException">A path does not exist.</exception>
    public AnalysisReport AnalyzeFiles(IEnumerable<string> paths) => _runner.Run(DocumentDiscovery.CollectFiles(paths));

    /// <summary>
    /// As <see cref="AnalyzeFiles"/>, but each result is yielded as soon as it and every result before it
    /// are done, in path order, and not kept: with a <see cref="Reporting.StreamingReportWriter"/>, a run
    /// over any number of documents holds only the few in flight.
    /// </summary>
    /// <exception cref="FileNotFoundException">A path does not exist.</exception>
    public IEnumerable<DocumentAnalysis> StreamFiles(IEnumerable<string> paths) => _runner.Stream(DocumentDiscovery.CollectFiles(paths));
}

/// <summary>Rules that did not compile; <see cref="Errors"/> lists every error, compiler style in the message.</summary>
public sealed class RuleCompilationException(IReadOnlyList<Diagnostic> errors)
    : Exception("the rules have errors:\n" + string.Join("\n", errors))
{
    /// <summary>The compile errors, in path and position order.</summary>
    public IReadOnlyList<Diagnostic> Errors { get; } = errors;
}
