using PolicyRules.Analysis;
using PolicyRules.Binding;
using PolicyRules.Matching;
using PolicyRules.Evaluation;
using PolicyRules.Reporting;
using PolicyRules.Tests.Support;
using Xunit;

namespace PolicyRules.Tests.Reporting;

/// <summary>
/// Every <c>analyze</c> format is written document by document (issue 16): a document's part reaches
/// the output when it is added, before the next is analysed, and the whole report is byte for byte
/// what it was when reports were built whole (goldens of the project's samples).
/// </summary>
public class StreamingReportTests
{
    private static readonly Lazy<AnalysisRunner> Runner = new(() => new AnalysisRunner(RuleCompiler.Load(null, includeBuiltIn: true)));

    private static string Samples => Path.Combine(TestPaths.RepoRoot, "samples");
    private static string GoldenRoot => Path.Combine(TestPaths.RepoRoot, "tests", "PolicyRules.Tests", "Snapshots", "reports");

    /// <summary>The samples analysed under their repository-relative paths, so the report is the same on every machine.</summary>
    private static AnalysisReport SamplesReport()
    {
        var documents = DocumentDiscovery.CollectFiles(new[] { Samples })
            .Select(p => Path.GetRelativePath(TestPaths.RepoRoot, p).Replace('\\', '/'))
            .Select(p => Runner.Value.AnalyzeBytes(File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, p)), DocumentInfo.FromPath(p)))
            .ToList();
        return new AnalysisReport { Rules = Runner.Value.Rules, Documents = documents };
    }

    [Theory]
    [InlineData("json", "samples.json")]
    [InlineData("markdown", "samples.md")]
    [InlineData("text", "samples.txt")]
    [InlineData("html", "samples.html")]
    [InlineData("jsonl", "samples.jsonl")]
    public void The_samples_report_matches_its_golden_byte_for_byte(string format, string golden)
    {
        var actual = StreamingReportWriter.Render(format, SamplesReport());
        var path = Path.Combine(GoldenRoot, golden);
        if (Environment.GetEnvironmentVariable("POLICYRULES_ACCEPT") == "1" || !File.Exists(path))
        {
            Directory.CreateDirectory(GoldenRoot);
            File.WriteAllText(path, actual);
        }
        var expected = File.ReadAllText(path);
        Assert.True(expected == actual, $"{format}: the report differs from {path}; accept with POLICYRULES_ACCEPT=1 after review\n"
            + Snapshots.UnifiedDiff(expected, actual));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("jsonl")]
    [InlineData("sarif")]
    [InlineData("markdown")]
    [InlineData("html")]
    [InlineData("text")]
    public void Each_document_is_written_when_it_is_added(string format)
    {
        var report = SamplesReport();
        Assert.True(report.Documents.Count >= 2);
        var first = report.Documents[0];
        var second = report.Documents[1];
        var output = new StringWriter { NewLine = "\n" };
        using var writer = StreamingReportWriter.Create(format, output, report.Rules);

        writer.Add(first);
        var afterFirst = output.ToString();
        Assert.Contains(Marker(first, format), afterFirst);
        Assert.DoesNotContain(Marker(second, format), afterFirst);

        foreach (var d in report.Documents.Skip(1)) writer.Add(d);
        writer.Complete();
        Assert.StartsWith(afterFirst, output.ToString());
        Assert.Equal(StreamingReportWriter.Render(format, report), output.ToString());
    }

    [Fact]
    public void The_library_streams_files_as_analyze_does()
    {
        var analyzer = PolicyAnalyzer.StandardPack();
        var output = new StringWriter { NewLine = "\n" };
        using (var report = StreamingReportWriter.Create("json", output, analyzer.Rules))
        {
            foreach (var document in analyzer.StreamFiles(new[] { Samples })) report.Add(document);
            report.Complete();
        }
        Assert.Equal(JsonReportWriter.Write(analyzer.AnalyzeFiles(new[] { Samples })), output.ToString());
        Assert.Throws<FileNotFoundException>(() => analyzer.StreamFiles(new[] { Path.Combine(Samples, "missing") }).ToList());
    }

    [Fact]
    public void A_report_without_documents_is_still_whole()
    {
        var rules = Runner.Value.Rules;
        var empty = new AnalysisReport { Rules = rules, Documents = Array.Empty<DocumentAnalysis>() };
        Assert.Equal("{\n  \"version\": 1,\n  \"documents\": []\n}\n", StreamingReportWriter.Render("json", empty));
        Assert.Equal("0 findings in 0 documents.\n", StreamingReportWriter.Render("text", empty));
        Assert.Equal("", StreamingReportWriter.Render("jsonl", empty));
        Assert.EndsWith("</html>\n", StreamingReportWriter.Render("html", empty));
        Assert.EndsWith(".\n", StreamingReportWriter.Render("markdown", empty));
        Assert.EndsWith("}\n", StreamingReportWriter.Render("sarif", empty));
    }

    [Fact]
    public void Adding_after_completion_is_refused_and_an_unknown_format_is_named()
    {
        var output = new StringWriter();
        using var writer = StreamingReportWriter.Create("json", output, Runner.Value.Rules);
        writer.Complete();
        writer.Complete(); // idempotent: the end is written once
        Assert.Equal(2, output.ToString().Split("\"documents\"").Length);
        Assert.Throws<InvalidOperationException>(() => writer.Add(SamplesReport().Documents[0]));
        var e = Assert.Throws<ArgumentException>(() => StreamingReportWriter.Create("yaml", output, Runner.Value.Rules));
        Assert.Contains("'yaml' is not a report format", e.Message);
    }

    /// <summary>Text only the given document's part contains: its path as the format writes it.</summary>
    private static string Marker(DocumentAnalysis d, string format) => format switch
    {
        "markdown" => "`" + d.Info.Path + "`",
        "html" => "<code>" + d.Info.Path + "</code>",
        "text" => d.Info.Path + "(",
        _ => "\"" + d.Info.Path + "\"", // JSON's "path" and SARIF's artifact "uri" (a relative path without escapes)
    };
}
